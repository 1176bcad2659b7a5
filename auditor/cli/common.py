"""What every ``case-auditor`` command shares: exit codes, usage errors, the checks of paths.

The checks run before a command touches anything, so that a path of the wrong kind (a folder
given for a file, a read-only file a command must write to) is refused in one line that says
where and what, with exit 2 and nothing written. See auditor.cli.entry.
"""

from __future__ import annotations

import argparse
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import Refused
from auditor.framework import Framework, bundled_framework, bundled_name, load_framework
from auditor.people.keys import KEY_PASSPHRASE_ENV
from auditor.people.roles import is_supervisor
from auditor.text_rules import identifier_problem

if TYPE_CHECKING:
    from auditor.inspection import Inspection
    from auditor.records import Assessor

EXIT_OK = 0
#: Only ``check``: the file is damaged (or not an inspection file at all).
EXIT_UNHEALTHY = 1
#: A usage error, a refusal or a failure to write: one line on standard error, nothing written.
EXIT_USAGE = 2
#: Standard output was closed before everything was printed (``case-auditor check | head``):
#: not reported, as for any program ended by SIGPIPE (128 + 13, what the shell shows).
EXIT_BROKEN_PIPE = 141

HELP_WIDTH = 79
PIPE_CLOSED = "standard output was closed early (e.g. '| head'); the rest is not printed"


class UsageError(Refused):
    """A command line that cannot be carried out."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


class Commands(argparse._SubParsersAction):
    """The commands, where ``--db PATH`` given before the command is the command's own.

    While the command's arguments are parsed, its ``--db`` (and its own commands') is not
    required and has a default of its own, so that afterwards it is known whether ``--db``
    was given after the command too, however it was spelt (``--db=F``, argparse's ``--d F``),
    and whether the command takes one at all.
    """

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        before = getattr(namespace, "db", None)
        chosen = self._name_parser_map.get(values[0]) if values else None
        if before is None or chosen is None:
            super().__call__(parser, namespace, values, option_string)
            return
        actions = list(_db_options(chosen))
        saved = [(a, a.required, a.default) for a in actions]
        for action in actions:
            action.required, action.default = False, _NOT_GIVEN
        try:
            super().__call__(parser, namespace, values, option_string)
        finally:
            for action, required, default in saved:
                action.required, action.default = required, default
        name = " ".join(_command_words(chosen, values))
        after = getattr(namespace, "db", None)
        if after is _NOT_GIVEN:
            namespace.db = before  # the command's --db, given before it
        elif after is before:  # the command has no --db: nothing replaced the top level's
            raise UsageError(f"'{name}' takes no --db (see 'case-auditor {name} --help')")
        else:
            raise UsageError(f"--db is given both before and after '{name}': give it once")


#: The default a command's ``--db`` has while ``Commands`` parses it (not given after it).
_NOT_GIVEN = object()


def _db_options(parser: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
    """The ``--db`` options of ``parser`` and of the commands under it."""
    for action in parser._actions:
        if "--db" in action.option_strings:
            yield action
        if isinstance(action, argparse._SubParsersAction):
            for inner in {id(p): p for p in action._name_parser_map.values()}.values():
                yield from _db_options(inner)


def _command_words(parser: argparse.ArgumentParser, values: list[str]) -> list[str]:
    """The command's words: its name, then its own command's name when it has commands."""
    words = values[:1]
    inner = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if inner and len(values) > 1 and values[1] in inner[0]._name_parser_map:
        words.append(values[1])
    return words


def add_command(
    commands: argparse._SubParsersAction, name: str, summary: str, exits: dict[int, str]
) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` starts with ``summary`` and ends with its exit codes."""
    codes = {**exits, EXIT_BROKEN_PIPE: PIPE_CLOSED}
    lines = [
        textwrap.fill(
            meaning, HELP_WIDTH, initial_indent=f"  {code:<4} ", subsequent_indent=" " * 7
        )
        for code, meaning in codes.items()
    ]
    return commands.add_parser(
        name,
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.",
        epilog="exit codes:\n" + "\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


#: Opens the window on a file (or the last one used): the launcher's, given to ``main``.
OpenWindow = Callable[[Path | None], int]


def given_path(text: str) -> Path:
    """A path argument as typed; an empty one is refused (``Path("")`` would be the folder
    the command was run from, and its message would name ``.``, not what was typed)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path (give a file's path)")
    return Path(text)


def given_text(text: str) -> str:
    """Free words given as an argument (a recipient): spaces collapsed; refused when holding a
    control or invisible character, as an imported name is (it reaches logs and terminals)."""
    words = " ".join(text.split())
    problem = identifier_problem(words, "names")
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return words


def given_name(text: str) -> str:
    """A person's or an inspection's name given as an argument: as ``given_text``, not empty."""
    words = given_text(text)
    if not words:
        raise argparse.ArgumentTypeError("an empty name")
    return words


def add_window_db_option(parser: argparse.ArgumentParser) -> None:
    """The top level's ``--db PATH``: the file the window opens (optional)."""
    parser.add_argument(
        "--db",
        type=given_path,
        metavar="PATH",
        help="inspection file to open in the window (default: the last one used, or the demo)",
    )


def add_db_option(parser: argparse.ArgumentParser, text: str) -> None:
    """``--db PATH``, required (the same metavariable in every command's help)."""
    parser.add_argument("--db", type=given_path, required=True, metavar="PATH", help=text)


def _kind(path: Path, what: str) -> None:
    """Refuse ``path`` unless it is an existing regular file (``what`` names what it should be)."""
    article = "an" if what[0] in "aeiou" else "a"
    if path.is_dir():
        raise UsageError(f"{path}: is a folder, not {article} {what}")
    if not path.exists():
        raise UsageError(f"{path}: no such {what}")
    if not path.is_file():
        raise UsageError(f"{path}: is not a regular file, so not {article} {what}")


def existing_file(path: Path, what: str = "inspection file") -> Path:
    """``path``, an existing file this user can read; else a UsageError saying why not."""
    _kind(path, what)
    if not os.access(path, os.R_OK):
        raise UsageError(f"{path}: cannot be read (its permissions do not let you)")
    return path


#: The help of every ``--framework`` option.
FRAMEWORK_HELP = (
    "a framework TOML file, or a bundled framework by name (child-protection, probation: see "
    "'case-auditor framework list')"
)


def chosen_framework(value: Path) -> Framework:
    """``--framework``: a file that exists, read strictly; else a bundled framework named by
    its short name or file name; else refused in one line."""
    if not value.exists():
        name = bundled_name(str(value))
        if name is not None:
            return bundled_framework(name)
    return load_framework(existing_file(value, "framework file"))


def writable_file(path: Path, nothing: str) -> Path:
    """``path``, an existing inspection file this user can change, in a folder they can write
    (SQLite and the one-writer lock write beside it); ``nothing`` ends the refusal."""
    existing_file(path)
    if not os.access(path, os.W_OK):
        raise UsageError(
            f"{path}: is read-only (its permissions, owner or drive do not let you change "
            f"it); {nothing}"
        )
    _writable_folder(path, nothing)
    return path


def new_or_writable_file(path: Path, nothing: str) -> Path:
    """``path``, either a writable inspection file or a new name in a writable folder."""
    if path.exists() or path.is_symlink():
        return writable_file(path, nothing)
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    _writable_folder(path, nothing)
    return path


def _writable_folder(path: Path, nothing: str) -> None:
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{path}: its folder {folder} is read-only for you; {nothing}")


def remove_sqlite_files(path: Path) -> None:
    """Remove a half-written inspection file and its SQLite side files."""
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def add_as_option(parser: argparse.ArgumentParser) -> None:
    """``--as KEYFILE``: who is writing (their key; its passphrase from the variable or asked)."""
    parser.add_argument(
        "--as",
        dest="as_key",
        type=given_path,
        metavar="KEYFILE",
        help=f"sign as the holder of KEYFILE (passphrase from {KEY_PASSPHRASE_ENV} or asked)",
    )


def person_named(inspection: Inspection, name: str, refused: str) -> Assessor:
    """The one person of the inspection called ``name`` (spaces collapsed); else a UsageError
    ending with ``refused`` (what was not done)."""
    wanted = " ".join(name.split())
    found = [p for p in inspection.assessors() if p.name == wanted]
    if not found:
        raise UsageError(f"{inspection.path}: nobody named {wanted!r} is on the roster; {refused}")
    if len(found) > 1:
        raise UsageError(
            f"{inspection.path}: {len(found)} people are named {wanted!r} (as "
            f"{' and '.join(p.role for p in found)}); {refused}"
        )
    return found[0]


def supervisor_acting(
    inspection: Inspection, by: str | None, *, does: str, refused: str, task: str = ""
) -> Assessor:
    """The supervisor a command acts as: in a signed inspection whoever is signed in (``--as``),
    in an unsigned one the person ``by`` (``--by NAME``); a UsageError ending with ``refused``
    when there is none, or they are not a supervisor (``does``: "allocates", "decides")."""
    if inspection.signed:
        me = inspection.me
        if me is None:
            raise UsageError(
                f"{inspection.path}: this inspection is signed: say who {does} as a supervisor "
                f"signed in with their key (--as KEYFILE); {refused}"
            )
        if by is not None and " ".join(by.split()) != me.name:
            raise UsageError(f"--by {by!r} is not who is signed in ({me.name}); {refused}")
        actor = me
    elif by is None:
        raise UsageError(
            f"{inspection.path}: say who {does}: --by NAME (a supervisor on the roster); {refused}"
        )
    else:
        actor = person_named(inspection, by, refused)
    if not is_supervisor(actor):
        raise UsageError(
            f"{inspection.path}: only a supervisor {task or does}; {actor.name} is an "
            f"{actor.role}; {refused}"
        )
    return actor
