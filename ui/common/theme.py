"""Colours that follow the system palette (light, dark, high contrast) and stay readable."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

WARNING_ON_LIGHT = QColor("#b3261e")
WARNING_ON_DARK = QColor("#ffb4ab")
MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def warning_colour(palette: QPalette) -> QColor:
    """The warning colour for this palette: red that reads on its backgrounds, else plain text.

    Colour is never the only sign: warnings also carry a symbol and the word late or missing.
    """
    backgrounds = (palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base))
    for candidate in (WARNING_ON_LIGHT, WARNING_ON_DARK):
        if all(contrast(candidate, background) >= MIN_CONTRAST for background in backgrounds):
            return candidate
    return palette.color(QPalette.ColorRole.WindowText)


#: Risk words' background: amber, light on a light base and dark on a dark one.
RISK_ON_LIGHT = QColor("#ffd77a")
RISK_ON_DARK = QColor("#7a5200")


def risk_colour(palette: QPalette) -> QColor:
    """The background marking risk words: amber the text still reads on (light or dark), and
    unlike the selection's highlight. Words are also underlined, so colour is not the only sign."""
    text = palette.color(QPalette.ColorRole.Text)
    for candidate in (RISK_ON_LIGHT, RISK_ON_DARK):
        if contrast(candidate, text) >= MIN_CONTRAST:
            return candidate
    return palette.color(QPalette.ColorRole.AlternateBase)


def readable_disabled(palette: QPalette) -> QPalette:
    """``palette`` with switched-off text still readable: each disabled text colour moved from
    the background toward the active text just far enough for AA contrast (4.5:1), so a
    switched-off control still looks switched off, but what it says can be read."""
    changed = QPalette(palette)
    pairs = (
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    )
    for text_role, background_role in pairs:
        text = palette.color(QPalette.ColorGroup.Active, text_role)
        background = palette.color(QPalette.ColorGroup.Disabled, background_role)
        if (
            contrast(palette.color(QPalette.ColorGroup.Disabled, text_role), background)
            >= MIN_CONTRAST
        ):
            continue  # already readable (a high-contrast theme)
        for step in range(10, -1, -1):  # from background-ish toward the text, in tenths
            share = step / 10 * 0.6  # at most 60 % of the way back toward the background
            mixed = QColor.fromRgbF(
                text.redF() + (background.redF() - text.redF()) * share,
                text.greenF() + (background.greenF() - text.greenF()) * share,
                text.blueF() + (background.blueF() - text.blueF()) * share,
            )
            if contrast(mixed, background) >= MIN_CONTRAST:
                changed.setColor(QPalette.ColorGroup.Disabled, text_role, mixed)
                break
    return changed
