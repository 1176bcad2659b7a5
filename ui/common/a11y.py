"""Accessible names, descriptions and announcements, so a screen reader can say every control
and every change a user makes (docs/accessibility.md)."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QFocusEvent,
    QTextDocumentFragment,
    QWindow,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QLabel,
    QSplitter,
    QTabBar,
    QTableView,
    QWidget,
)


def describe(widget: QWidget, name: str, description: str) -> QWidget:
    """Give a control the name a screen reader announces and a sentence on what it does."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    return widget


def explain(label: QLabel, description: str) -> QLabel:
    """Say what a label is about without hiding its text: the text stays what is read (its
    name); the description is the context a screen reader adds ("The case's summary")."""
    label.setAccessibleName("")
    label.setAccessibleDescription(description)
    return label


def plain(text: str) -> str:
    """A label's rich text as it is read: "<b>Not started</b> · 8 to do" → "Not started · 8…"."""
    return QTextDocumentFragment.fromHtml(text).toPlainText()


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have a screen reader say ``text`` now (an AT-SPI "announcement"); nothing without one."""
    if not QAccessible.isActive() or not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def buddy_label(text: str, control: QWidget) -> QLabel:
    """A label a screen reader reads as ``control``'s ("labelled by"), not shown on screen:
    on Linux Qt names a combo box by its current choice, and gives its purpose by a label."""
    label = QLabel(text)
    label.setBuddy(control)
    label.setVisible(False)
    return label


#: The properties marking a checkable push button read as a radio button in its row, and a
#: tab bar read by the interface below.
RADIO, TABS = "a11yRadio", "a11yTabs"
#: The interfaces made here, kept from Python's collector: Qt holds them in its cache and
#: deletes them with their button.
_kept: list[QAccessibleInterface] = []


class RadioButtonAccessible(QAccessibleWidget):
    """A checkable push button read as a radio button: its role, whether it is checked, and a
    press that chooses it (Qt reads a checkable push button as a check box)."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.RadioButton)
        self.button = button

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = self.button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self.button.click()
        else:
            super().doAction(name)


class PageTabAccessible(QAccessibleInterface):
    """One tab of a tab bar, focused only when the bar has the keyboard (Qt's own tab says
    FOCUSED whenever it is the current one, so a second node in the window reads focused)."""

    def __init__(self, bar: QTabBar, parent: TabListAccessible, index: int) -> None:
        super().__init__()
        self.bar, self.list, self.index = bar, parent, index

    def isValid(self) -> bool:
        return 0 <= self.index < self.bar.count()

    def object(self) -> QObject | None:
        return None

    def window(self) -> QWindow | None:
        return self.bar.window().windowHandle()

    def focusChild(self) -> QAccessibleInterface | None:
        return None

    def childAt(self, _x: int, _y: int) -> QAccessibleInterface | None:
        return None

    def parent(self) -> QAccessibleInterface:
        return self.list

    def child(self, _index: int) -> QAccessibleInterface | None:
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:
        return -1

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.bar.tabText(self.index).replace("&", "")
        if kind == QAccessible.Text.Description:
            return self.bar.tabToolTip(self.index)
        return ""

    def setText(self, _kind: QAccessible.Text, _text: str) -> None:
        return None

    def rect(self) -> QRect:
        box = self.bar.tabRect(self.index)
        return QRect(self.bar.mapToGlobal(box.topLeft()), box.size())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.PageTab

    def state(self) -> QAccessible.State:
        state = self.list.state()
        current = self.index == self.bar.currentIndex()
        state.selectable = True
        state.selected = current
        state.focused = current and self.bar.hasFocus()
        return state


class TabListAccessible(QAccessibleWidget):
    """A tab bar named by its accessible name (Qt names it by its current tab), whose tabs
    read focused only while it has the keyboard."""

    def __init__(self, bar: QTabBar) -> None:
        super().__init__(bar, QAccessible.Role.PageTabList)
        self.bar = bar
        self.tabs: dict[int, PageTabAccessible] = {}

    def childCount(self) -> int:
        return self.bar.count()

    def child(self, index: int) -> QAccessibleInterface | None:
        if not 0 <= index < self.bar.count():
            return None
        if index not in self.tabs:
            self.tabs[index] = PageTabAccessible(self.bar, self, index)
            _kept.append(self.tabs[index])
        return self.tabs[index]

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return child.index if isinstance(child, PageTabAccessible) else -1

    def focusChild(self) -> QAccessibleInterface | None:
        return self.child(self.bar.currentIndex()) if self.bar.hasFocus() else None


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    interface: QAccessibleInterface | None = None
    if isinstance(obj, QAbstractButton) and obj.property(RADIO):
        interface = RadioButtonAccessible(obj)
    elif isinstance(obj, QTabBar) and obj.property(TABS):
        interface = TabListAccessible(obj)
    if interface is not None:
        _kept.append(interface)
    return interface


_installed = False


def _install() -> None:
    """Install the factory (once, with the application: installed before it, Qt drops it)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def read_as_radio(button: QAbstractButton) -> None:
    """Have a screen reader read ``button`` (checkable, one of a row) as a radio button."""
    button.setProperty(RADIO, True)
    _install()


def read_tabs_by_focus(bar: QTabBar) -> None:
    """Have a screen reader read ``bar`` by its accessible name, its tabs focused only while
    it has the keyboard."""
    bar.setProperty(TABS, True)
    _install()


class CurrentWhenFocused(QTableView):
    """A table whose current cell a screen reader reads as focused only while the table has
    the keyboard. Qt tells AT-SPI a table's current cell is FOCUSED whatever has focus (a
    second focused node in the window), so while the table does not have focus its current
    index is kept aside (the selection stays) and given back when focus returns;
    ``currentIndex`` answers with the index kept aside meanwhile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kept = QPersistentModelIndex()  # follows sorting, like the current index

    def currentIndex(self) -> QModelIndex:
        current = super().currentIndex()
        if current.isValid() or not self._kept.isValid():
            return current
        return self.model().index(self._kept.row(), self._kept.column())

    def put_aside(self) -> None:
        """Keep the current index aside (the table does not have the keyboard)."""
        current = super().currentIndex()
        if current.isValid():
            self._kept = QPersistentModelIndex(current)
            self.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def focusInEvent(self, event: QFocusEvent) -> None:
        if not super().currentIndex().isValid() and self._kept.isValid():
            self.selectionModel().setCurrentIndex(
                self.currentIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self._kept = QPersistentModelIndex()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.put_aside()


def in_reading_order(splitter: QSplitter) -> None:
    """Give a screen reader a splitter's panes in their order on screen: QSplitter keeps its
    children newest first, so AT-SPI would read the last pane first."""
    for index in range(splitter.count()):
        splitter.widget(index).raise_()  # to the end of the children: read after the others
