"""A horizontal stacked bar chart drawn with QPainter: one bar per row, segments as shares.

Light (no QtCharts), follows the palette for text and background, and says everything in
words too: each segment carries its count when it fits, the bar's total is written after it,
and the accessible description lists every figure for a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.common.a11y import describe

# Colours kept apart for colour-blind readers (blue / amber / red-purple / grey) and always
# labelled in words; text on each segment is black or white by its luminance.
SERIES_COLOURS = ("#1f77b4", "#f2b705", "#b2182b", "#8c8c8c", "#5e3c99")
ROW_HEIGHT = 26
GAP = 8
LEGEND_HEIGHT = 26
MARGIN = 10
LABEL_WIDTH_MAX = 360


@dataclass(frozen=True)
class Bar:
    """One row of the chart: its label and a value per series."""

    label: str
    values: tuple[float, ...]

    @property
    def total(self) -> float:
        return sum(self.values)


def text_colour(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    r, g, b = (background.redF(), background.greenF(), background.blueF())
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("black") if luminance > 0.45 else QColor("white")


class _Chart(QWidget):
    """What the report's charts share: the series colours and the start of painting."""

    def colour(self, index: int) -> QColor:
        return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])

    def _begin(self, empty: str | None) -> tuple[QPainter, QFontMetrics, QColor] | None:
        """A painter on the base colour, the font's metrics and the text colour; None (with
        ``empty`` said in the middle) when there is nothing to chart."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        if empty is not None:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, empty)
            painter.end()
            return None
        return painter, QFontMetrics(self.font()), text


class StackedBarChart(_Chart):
    """Bars of equal length, each split by its series' shares (a 100% stacked bar chart)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.series: tuple[str, ...] = ()
        self.bars: tuple[Bar, ...] = ()
        self.unit = "cases"
        describe(self, name, f"{name}: no figures yet")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(LEGEND_HEIGHT + 2 * MARGIN + ROW_HEIGHT)

    def set_data(self, series: Sequence[str], bars: Sequence[Bar], unit: str = "cases") -> None:
        """Show ``bars`` (values in the order of ``series``) and describe them in words."""
        self.series = tuple(series)
        self.bars = tuple(bars)
        self.unit = unit
        self.setAccessibleDescription(self.summary())
        self.setMinimumHeight(LEGEND_HEIGHT + 2 * MARGIN + max(1, len(self.bars)) * 18)
        self.updateGeometry()
        self.update()

    def summary(self) -> str:
        """Every bar's figures as a sentence each, for a screen reader."""
        if not self.bars:
            return f"{self.name}: no figures"
        lines = []
        for bar in self.bars:
            parts = ", ".join(
                f"{name} {value:,.0f}" for name, value in zip(self.series, bar.values, strict=True)
            )
            lines.append(f"{bar.label}: {parts} ({bar.total:,.0f} {self.unit})")
        return f"{self.name}. " + "; ".join(lines)

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.bars))
        return QSize(720, LEGEND_HEIGHT + 2 * MARGIN + rows * (ROW_HEIGHT + GAP))

    def paintEvent(self, _event: QPaintEvent) -> None:
        begun = self._begin(None if self.bars else "No figures to chart.")
        if begun is None:
            return
        painter, metrics, text = begun
        self._legend(painter, metrics, text)
        label_width = min(
            LABEL_WIDTH_MAX, max(metrics.horizontalAdvance(b.label) for b in self.bars) + 12
        )
        total_width = metrics.horizontalAdvance(f"{max(b.total for b in self.bars):,.0f}") + 16
        left = MARGIN + label_width
        width = max(40, self.width() - left - total_width - MARGIN)
        top = MARGIN + LEGEND_HEIGHT
        # Rows shrink (down to a line of text) when the chart is given less than it asks for.
        step = min(ROW_HEIGHT + GAP, max(18.0, (self.height() - top - MARGIN) / len(self.bars)))
        height = min(float(ROW_HEIGHT), step - 2)
        for row, bar in enumerate(self.bars):
            y = top + row * step
            painter.setPen(text)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 12)
            painter.drawText(
                QRectF(MARGIN, y, label_width - 12, height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            self._bar(painter, metrics, bar, QRectF(left, y, width, height))
            painter.setPen(text)
            painter.drawText(
                QRectF(left + width + 6, y, total_width, height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                f"{bar.total:,.0f}",
            )
        painter.end()

    def _legend(self, painter: QPainter, metrics: QFontMetrics, text: QColor) -> None:
        x = float(MARGIN)
        y = float(MARGIN)
        for index, name in enumerate(self.series):
            painter.fillRect(QRectF(x, y + 5, 14, 14), self.colour(index))
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 20, y, metrics.horizontalAdvance(name) + 4, 24),
                int(Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            x += 20 + metrics.horizontalAdvance(name) + 24
        note = f"(share of each row's {self.unit}; counts on the bars, totals at the right)"
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRectF(x, y, max(0.0, self.width() - x - MARGIN), 24),
            int(Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(note, Qt.TextElideMode.ElideRight, int(self.width() - x - MARGIN)),
        )

    def _bar(self, painter: QPainter, metrics: QFontMetrics, bar: Bar, area: QRectF) -> None:
        if bar.total <= 0:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawRect(area)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, f"no {self.unit}")
            return
        x = area.left()
        for index, value in enumerate(bar.values):
            if value <= 0:
                continue
            span = area.width() * value / bar.total
            segment = QRectF(x, area.top(), span, area.height())
            colour = self.colour(index)
            painter.fillRect(segment, colour)
            label = f"{value:,.0f}"
            if metrics.horizontalAdvance(label) + 6 <= span:
                painter.setPen(text_colour(colour))
                painter.drawText(segment, Qt.AlignmentFlag.AlignCenter, label)
            x += span


@dataclass(frozen=True)
class Group:
    """One category of a grouped chart: its label and a share (0-100) per series, or None."""

    label: str
    values: tuple[float | None, ...]


def percent_label(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


class GroupedBarChart(_Chart):
    """Horizontal bars of shares (0-100%), one bar per series within each row's group: an
    inspection per series, so each case type's bars sit together, each written in words."""

    BAR = 14

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.series: tuple[str, ...] = ()
        self.groups: tuple[Group, ...] = ()
        describe(self, name, f"{name}: no figures yet")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(LEGEND_HEIGHT + 2 * MARGIN + ROW_HEIGHT)

    def set_data(self, series: Sequence[str], groups: Sequence[Group]) -> None:
        """Show ``groups`` (a share per series, in the order of ``series``), in words too."""
        self.series = tuple(series)
        self.groups = tuple(groups)
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    def summary(self) -> str:
        """Every group's shares as a sentence each, for a screen reader."""
        if not self.groups:
            return f"{self.name}: no figures"
        lines = [
            f"{g.label}: "
            + ", ".join(
                f"{name} {percent_label(v)}" for name, v in zip(self.series, g.values, strict=True)
            )
            for g in self.groups
        ]
        return f"{self.name}. " + "; ".join(lines)

    def group_height(self) -> int:
        return max(1, len(self.series)) * (self.BAR + 2) + GAP

    def sizeHint(self) -> QSize:
        return QSize(720, LEGEND_HEIGHT + 2 * MARGIN + max(1, len(self.groups)) * 40)

    def paintEvent(self, _event: QPaintEvent) -> None:
        begun = self._begin(None if self.groups else "No comparison yet: Compare with…")
        if begun is None:
            return
        painter, metrics, text = begun
        palette = self.palette()
        top = self._legend(painter, metrics, text)
        label_width = min(
            LABEL_WIDTH_MAX, max(metrics.horizontalAdvance(g.label) for g in self.groups) + 12
        )
        value_width = metrics.horizontalAdvance("100%") + 12
        left = MARGIN + label_width
        width = max(40.0, self.width() - left - value_width - MARGIN)
        room = (self.height() - top - MARGIN) / len(self.groups)  # shrink to fit, if need be
        step = max(float(len(self.series) * 4 + 4), min(float(self.group_height()), room))
        bar = max(3.0, min(float(self.BAR), (step - GAP / 2) / max(1, len(self.series)) - 2))
        grid = palette.color(QPalette.ColorRole.Mid)
        for tick in (0, 25, 50, 75, 100):
            x = left + width * tick / 100
            painter.setPen(grid)
            painter.drawLine(int(x), int(top), int(x), int(top + step * len(self.groups)))
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(x - 30, top - 20, 60, 18),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                f"{tick}%",
            )
        for row, group in enumerate(self.groups):
            y = top + row * step
            painter.setPen(text)
            label = metrics.elidedText(group.label, Qt.TextElideMode.ElideRight, label_width - 12)
            painter.drawText(
                QRectF(MARGIN, y, label_width - 12, step - GAP / 2),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            for index, value in enumerate(group.values):
                by = y + index * (bar + 2)
                span = 0.0 if value is None else width * max(0.0, min(100.0, value)) / 100
                if span > 0:
                    painter.fillRect(QRectF(left, by, span, bar), self.colour(index))
                if bar >= 9:
                    painter.setPen(text)
                    painter.drawText(
                        QRectF(left + span + 4, by - 2, value_width + 40, bar + 4),
                        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                        percent_label(value),
                    )
        painter.end()

    def _legend(self, painter: QPainter, metrics: QFontMetrics, text: QColor) -> float:
        """Draw the legend (wrapping onto more lines when needed); the y where bars start."""
        x, y = float(MARGIN), float(MARGIN)
        for index, name in enumerate(self.series):
            advance = 20 + metrics.horizontalAdvance(name) + 24
            if x > MARGIN and x + advance > self.width() - MARGIN:
                x, y = float(MARGIN), y + 24
            painter.fillRect(QRectF(x, y + 5, 14, 14), self.colour(index))
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 20, y, metrics.horizontalAdvance(name) + 4, 24),
                int(Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            x += advance
        return y + LEGEND_HEIGHT + 24  # room for the axis' 0%..100% under the legend
