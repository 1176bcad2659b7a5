"""A screen reader's view of a running application, read through AT-SPI (system Python).

Run by the system's ``python3`` (its ``gi`` and the ``Atspi`` typelib of gir1.2-atspi-2.0),
not the project's venv: the test in ``test_atspi.py`` drives it. It finds the application
with the process id given, then answers one JSON command a line on stdin with one JSON line
on stdout, while collecting the events a screen reader speaks from (focus changes and
announcements) in between:

- ``{"cmd": "tree"}``: every node (role, name, description, states, text, group position).
- ``{"cmd": "events"}``: the events since the last call, oldest first.
- ``{"cmd": "quit"}``.
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

#: Children read of a table or list (a screen reader reads the rows in view, not thousands).
ROWS_READ = 40


def application(pid: int, timeout: float) -> Atspi.Accessible | None:
    """The desktop's application whose process is ``pid`` (None if it never appears)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid and app.get_child_count():
                    return app
            except GLib.Error:
                continue
        time.sleep(0.2)
    return None


def states(node: Atspi.Accessible) -> list[str]:
    return sorted(Atspi.StateType(s).value_nick for s in node.get_state_set().get_states())


def text_of(node: Atspi.Accessible) -> str | None:
    """The node's text (its Text interface), None when it has none."""
    if "Text" not in (node.get_interfaces() or []):
        return None
    return Atspi.Text.get_text(node, 0, min(Atspi.Text.get_character_count(node), 20000))


def labels(node: Atspi.Accessible) -> list[str]:
    """The names of the labels the node is labelled by (how Qt labels a combo box on Linux)."""
    said = []
    for relation in node.get_relation_set() or []:
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            said += [relation.get_target(i).get_name() for i in range(relation.get_n_targets())]
    return said


def position_in_group(node: Atspi.Accessible) -> list[int] | None:
    """[position, size] of a radio button in its group (as Orca says "2 of 4"), else None."""
    attributes = node.get_attributes() or {}
    if "posinset" in attributes and "setsize" in attributes:
        return [int(attributes["posinset"]), int(attributes["setsize"])]
    for relation in node.get_relation_set() or []:
        if relation.get_relation_type() == Atspi.RelationType.MEMBER_OF:
            members = [relation.get_target(i) for i in range(relation.get_n_targets())]
            if node in members:
                return [members.index(node) + 1, len(members)]
    return None


def read(node: Atspi.Accessible, depth: int = 0) -> dict:
    """The node and its children, as a screen reader sees them."""
    role = node.get_role_name()
    entry = {
        "role": role,
        "name": node.get_name() or "",
        "description": node.get_description() or "",
        "states": states(node),
    }
    if role in ("label", "text", "paragraph", "status bar", "document text", "page"):
        entry["text"] = text_of(node)
    if role == "radio button":
        entry["position"] = position_in_group(node)
    if role in ("combo box", "page tab list", "table", "list"):
        entry["labelled_by"] = labels(node)
    children = []
    count = node.get_child_count()
    limit = ROWS_READ if role in ("table", "list", "tree table", "tree") else count
    if role == "combo box" or (depth > 1 and "showing" not in entry["states"]):
        limit = 0  # a closed popup's items, a hidden banner: not on screen, not read
    for i in range(min(count, limit)):
        child = node.get_child_at_index(i)
        if child is not None and depth < 60:
            children.append(read(child, depth + 1))
    entry["children"] = children
    entry["child_count"] = count
    return entry


class Reader:
    """Answers the test's commands and collects events for it."""

    def __init__(self, app: Atspi.Accessible, pid: int) -> None:
        self.app = app
        self.pid = pid
        self.events: list[dict] = []
        self.listener = Atspi.EventListener.new(self._event)
        for kind in (
            "object:state-changed:focused",
            "object:announcement",
            "object:property-change:accessible-name",
            "object:property-change:accessible-description",
        ):
            self.listener.register(kind)

    def _event(self, event: Atspi.Event) -> None:
        source = event.source
        try:
            if source is None or source.get_process_id() != self.pid:
                return
            if event.type.startswith("object:state-changed") and not event.detail1:
                return  # focus lost: a screen reader says nothing
            said = event.any_data if isinstance(event.any_data, str) else None
            self.events.append(
                {
                    "type": event.type,
                    "role": source.get_role_name(),
                    "name": source.get_name() or "",
                    "description": source.get_description() or "",
                    "text": said,
                }
            )
        except GLib.Error:
            pass

    def _pause(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        context = GLib.MainContext.default()
        while time.monotonic() < end:
            context.iteration(False)
            time.sleep(0.01)

    def answer(self, command: dict) -> object:
        kind = command["cmd"]
        if kind == "tree":
            return read(self.app)
        if kind == "events":
            self._pause(float(command.get("settle", 0.3)))
            events, self.events = self.events, []
            return events
        if kind == "quit":
            return "bye"
        raise ValueError(f"unknown command {kind!r}")


def main() -> int:
    pid = int(sys.argv[1])
    app = application(pid, float(sys.argv[2]) if len(sys.argv) > 2 else 30.0)
    if app is None:
        print(json.dumps({"error": f"no application with process {pid} on the AT-SPI bus"}))
        return 1
    reader = Reader(app, pid)
    print(json.dumps({"ready": app.get_name()}), flush=True)
    context = GLib.MainContext.default()
    for line in sys.stdin:
        while context.pending():
            context.iteration(False)
        command = json.loads(line)
        try:
            print(json.dumps({"answer": reader.answer(command)}), flush=True)
        except GLib.Error as exc:
            print(json.dumps({"error": str(exc)}), flush=True)
        if command["cmd"] == "quit":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
