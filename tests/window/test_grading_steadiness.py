"""What the grading pane keeps steady while an inspector works: a grade's tick does not move
the buttons, a word-wrapped line takes the height its new text needs, and a case of a type
shown before gets its page of criteria back as it was left."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from ui.common.wrapped_label import WrappedLabel
from ui.grading.widgets import CHECK_MARK, GradeButtons


def test_ticking_a_grade_moves_no_button_and_the_tick_fits(qtbot) -> None:
    choices = [("good", "Good"), ("ri", "Requires improvement"), ("bad", "Inadequate")]
    row = GradeButtons(choices, "C")
    qtbot.addWidget(row)
    row.resize(600, 80)
    row.show()
    qtbot.waitExposed(row)
    before = {code: button.geometry() for code, button in row.buttons.items()}
    row.set_value("ri")
    qtbot.wait(10)
    ticked = row.buttons["ri"]
    assert ticked.text() == f"{CHECK_MARK} Requires improvement"
    assert {code: button.geometry() for code, button in row.buttons.items()} == before
    # The ticked label fits inside the button (measured with the button's own font).
    text_width = QFontMetrics(ticked.font()).horizontalAdvance(ticked.text())
    assert text_width < ticked.width()
    row.set_value(None)
    assert ticked.text() == "Requires improvement"


def test_a_grade_button_is_sized_again_for_larger_text(qtbot) -> None:
    row = GradeButtons([("good", "Good")], "C")
    qtbot.addWidget(row)
    button = row.buttons["good"]
    width = button.width()
    font = QFont(button.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    button.setFont(font)
    assert button.width() > width
    row.set_value("good")
    assert QFontMetrics(font).horizontalAdvance(button.text()) < button.width()


def test_a_wrapped_line_takes_the_height_of_its_new_text(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = WrappedLabel("One short line", holder)
    one_line = label.heightForWidth(200)
    assert label.heightForWidth(200) == one_line  # asked again: the same answer
    label.setText(" ".join(["a longer text that has to wrap onto several lines"] * 4))
    lines = QFontMetrics(label.font()).boundingRect(
        0, 0, 200, 10_000, Qt.TextFlag.TextWordWrap, label.text()
    )
    assert label.heightForWidth(200) >= lines.height() > one_line
    label.setText("One short line")
    assert label.heightForWidth(200) == one_line
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)  # larger text: measured again, not the height remembered
    assert label.heightForWidth(200) > one_line


def test_a_case_type_shown_before_gets_its_page_back(qtbot, window) -> None:
    panel = window.grading
    seen: dict[str, object] = {}
    for _ in range(30):
        case = panel.case
        page = panel.page
        if case.case_type in seen:
            assert seen[case.case_type] is page  # the same cards, not made again
        seen.setdefault(case.case_type, page)
        shown = [p for p in panel.pages.values() if p.isVisibleTo(panel)]
        assert shown == [page]
        assert list(page.cards) == [
            c.id for c in window.inspection.framework.criteria_for(case.case_type, case.attributes)
        ]
        window.step(1)
    assert len(seen) > 1


def test_a_page_shown_again_is_not_laid_out_squeezed_first(qtbot, window) -> None:
    """Swapping to a page of cards made before resizes none of its cards: Qt lays out a shown
    widget's parent at its old size, which squeezed the new page's cards to about half their
    height before the scroll area gave the holder the new page's height."""
    panel = window.grading
    rows: dict[QWidget, int] = {}  # a row showing each page
    for row in range(window.case_model.rowCount()):
        window.select_row(row)
        qtbot.wait(10)
        rows.setdefault(panel.page, row)
    by_height = sorted(rows, key=lambda page: page.height())
    shorter, page = by_height[0], by_height[-1]  # the taller page was the one squeezed
    assert page.height() > shorter.height()
    for shown in (page, shorter):  # both laid out at the panel's width, the shorter shown
        window.select_row(rows[shown])
        qtbot.wait(20)
    heights = {card: card.height() for card in page.cards.values()}
    resized: list[tuple[int, int]] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched in heights and event.type() == QEvent.Type.Resize:
                resized.append((event.oldSize().height(), event.size().height()))
            return False

    watch = Watch()
    for card in heights:
        card.installEventFilter(watch)
    window.select_row(rows[page])  # the watched page shown again
    qtbot.wait(50)
    assert panel.page is page
    assert resized == []
    assert {card: card.height() for card in page.cards.values()} == heights
