"""Command-line commands for people and signatures (see auditor.cli.entry):

``person new`` makes a personal key; ``new`` a signed inspection with its lead; ``sign``
signs an existing inspection; ``roster add|list|role|key|retire`` keeps its people; ``review
confirm|not-refer|return`` records a supervisor's decision. ``--as KEYFILE`` (every writing
command) signs in as the key's holder; its passphrase comes from ``CASE_AUDITOR_KEY_PASSPHRASE``
or is asked without echo. Exit 0, or 2 with one line and nothing written.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from auditor.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    FRAMEWORK_HELP,
    UsageError,
    add_as_option,
    add_command,
    add_db_option,
    chosen_framework,
    existing_file,
    given_name,
    given_path,
    supervisor_acting,
    writable_file,
)
from auditor.cli.encryption import add_encrypt_option, new_file_passphrase
from auditor.encryption import encrypting_new_files
from auditor.inspection import Inspection
from auditor.people import session
from auditor.people.keys import (
    KEY_PASSPHRASE_ENV,
    PersonalKey,
    new_key,
    read_card,
    read_key,
    short_fingerprint,
    write_key,
)
from auditor.people.roles import ROLES
from auditor.records import Assessor
from auditor.text_rules import identity

COMMANDS: tuple[str, ...] = ("person", "new", "sign", "roster", "review")
DECISIONS = ("confirm", "not-refer", "return")


def key_passphrase(path: Path, *, twice: bool = False) -> str:
    """The passphrase of a key file: the variable, else asked without echo (twice for new)."""
    given = os.environ.get(KEY_PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError(
            f"{path}: the key's passphrase is needed: set {KEY_PASSPHRASE_ENV} or run in a "
            "terminal to be asked"
        )
    first = getpass.getpass(f"Passphrase for the key {path.name}: ")
    if twice and getpass.getpass("The same passphrase again: ") != first:
        raise UsageError(f"{path}: the two passphrases differ; no key written")
    return first


def open_key(path: Path) -> PersonalKey:
    existing_file(path, "key file")
    return read_key(path, key_passphrase(path))


def sign_in_for(args: argparse.Namespace) -> None:
    """Open ``--as``'s key (when given) for the command's inspection file, for this process."""
    key_path = getattr(args, "as_key", None)
    db = getattr(args, "db", None)
    if key_path is not None and db is not None:
        session.sign_in_here(db, open_key(key_path))


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``case-auditor`` parser."""
    done = {EXIT_OK: "done", EXIT_USAGE: "refused or a usage error: one line, nothing written"}
    person = add_command(commands, "person", "personal signing keys", done)
    actions = person.add_subparsers(dest="action", metavar="ACTION", required=True)
    made = add_command(
        actions, "new", "make a personal key: KEYFILE and its card KEYFILE.pub", done
    )
    made.add_argument(
        "--name", required=True, type=given_name, metavar="NAME", help="the key holder's name"
    )
    made.add_argument(
        "--key", required=True, type=given_path, metavar="KEYFILE", help="key to write"
    )

    new = add_command(commands, "new", "create an empty signed inspection with its lead", done)
    add_db_option(new, "the new inspection file")
    new.add_argument(
        "--name", required=True, type=given_name, metavar="NAME", help="the inspection's name"
    )
    new.add_argument(
        "--lead", required=True, type=given_path, metavar="KEYFILE", help="the lead's key"
    )
    new.add_argument("--framework", type=given_path, metavar="FILE", help=FRAMEWORK_HELP)
    add_encrypt_option(new)

    sign = add_command(commands, "sign", "sign an existing inspection: KEYFILE is its lead", done)
    add_db_option(sign, "the inspection file to sign")
    sign.add_argument(
        "--lead", required=True, type=given_path, metavar="KEYFILE", help="the lead's key"
    )

    roster = add_command(commands, "roster", "the inspection's people, roles and keys", done)
    steps = roster.add_subparsers(dest="action", metavar="ACTION", required=True)
    listed = add_command(steps, "list", "list the roster: name, role, key fingerprints", done)
    add_db_option(listed, "inspection file")
    add = add_command(steps, "add", "add a person from their card (supervisors)", done)
    add_db_option(add, "inspection file")
    add.add_argument("--card", required=True, type=given_path, metavar="CARD", help="KEYFILE.pub")
    add.add_argument("--role", required=True, choices=ROLES, help="their role here")
    add_as_option(add)
    role = add_command(steps, "role", "change a person's role (supervisors)", done)
    add_db_option(role, "inspection file")
    role.add_argument("--name", required=True, type=given_name, metavar="NAME", help="the person")
    role.add_argument("--role", required=True, choices=ROLES, help="their new role")
    add_as_option(role)
    key = add_command(steps, "key", "give a person on the roster a new key (supervisors)", done)
    add_db_option(key, "inspection file")
    key.add_argument("--name", required=True, type=given_name, metavar="NAME", help="the person")
    key.add_argument("--card", required=True, type=given_path, metavar="CARD", help="the new card")
    add_as_option(key)
    retire = add_command(steps, "retire", "retire a lost or replaced key (supervisors)", done)
    add_db_option(retire, "inspection file")
    retire.add_argument("--card", required=True, type=given_path, metavar="CARD", help="its card")
    add_as_option(retire)

    review = add_command(commands, "review", "a supervisor's decision on a flagged case", done)
    review.add_argument("decision", choices=DECISIONS, help="what the supervisor decides")
    add_db_option(review, "inspection file")
    review.add_argument("--case", required=True, metavar="REF", help="the case reference")
    review.add_argument(
        "--note", default="", metavar="TEXT", help="required to not refer or return"
    )
    review.add_argument(
        "--by",
        type=given_name,
        default=None,
        metavar="NAME",
        help="in an unsigned inspection: the supervisor who decides (signed: --as KEYFILE)",
    )
    add_as_option(review)


def run(args: argparse.Namespace) -> int:
    if args.command == "person":
        return _person_new(args.name, args.key)
    if args.command == "new":
        return _new(args)
    if args.command == "sign":
        return _sign(args.db, args.lead)
    if args.command == "roster":
        return _roster(args)
    return _review(args)


def _person_new(name: str, path: Path) -> int:
    if path.exists():
        raise UsageError(f"{path}: already exists; a key is never overwritten")
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    passphrase = key_passphrase(path, twice=True)
    key = new_key(name, passphrase)
    card = write_key(key, passphrase, path)
    print(f"Wrote {path} (private: keep it, and its passphrase, to yourself) and {card}")
    print(f"Fingerprint: {key.fingerprint}")
    print(f"Read aloud: {short_fingerprint(key.fingerprint)}")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    if args.db.exists():
        raise UsageError(f"{args.db}: already exists; choose a new file name")
    lead = open_key(args.lead)
    framework = chosen_framework(args.framework) if args.framework else None
    with encrypting_new_files(new_file_passphrase(args.db, args.encrypt)):
        inspection = Inspection.create(args.db, name=args.name, framework=framework, lead=lead)
    with inspection:
        print(f"Created {args.db}: {inspection.name}, lead {lead.name} (supervisor)")
    return EXIT_OK


def _sign(path: Path, lead_path: Path) -> int:
    writable_file(path, "nothing signed")
    lead = open_key(lead_path)
    with Inspection.open(path) as inspection:
        person = inspection.roster.start(lead)
        print(f"Signed {path}: {person.name} is its lead (supervisor); earlier rows adopted")
    return EXIT_OK


def _signed_in(inspection: Inspection, args: argparse.Namespace) -> Assessor:
    me = inspection.me
    if me is None:
        raise UsageError(f"{args.db}: say who you are: --as KEYFILE")
    return me


def _roster(args: argparse.Namespace) -> int:
    if args.action == "list":
        existing_file(args.db)
        with Inspection.open(args.db, read_only=True) as inspection:
            if not inspection.signed:
                print(f"{args.db}: an unsigned inspection (no keys)")
            for p in inspection.roster.people():
                keys = ", ".join(
                    short_fingerprint(k.fingerprint) + ("" if k.active else " (retired)")
                    for k in p.keys
                )
                print(f"{p.name}\t{p.role}\t{keys or 'no key'}")
        return EXIT_OK
    writable_file(args.db, "the roster is unchanged")
    with Inspection.open(args.db) as inspection:
        me = _signed_in(inspection, args)
        roster = inspection.roster
        if args.action == "add":
            person = roster.add(me, read_card(args.card), args.role)
            print(f"Added {person.name} as {person.role}")
        elif args.action in ("role", "key"):
            person = next((p for p in roster.people() if p.name == args.name), None)
            if person is None:
                raise UsageError(f"{args.db}: no one called {args.name!r} on the roster")
            if args.action == "role":
                person = roster.change_role(me, person.id, args.role)
                print(f"{person.name} is now {person.role}")
            else:
                card = read_card(args.card)
                person = roster.add_key(me, person.id, card)
                print(f"{person.name} has a new key: {short_fingerprint(card.fingerprint)}")
        else:
            person = roster.retire(me, read_card(args.card).fingerprint)
            print(f"Retired a key of {person.name}")
    return EXIT_OK


NO_DECISION = "no decision recorded"


def _review(args: argparse.Namespace) -> int:
    writable_file(args.db, NO_DECISION)
    with Inspection.open(args.db) as inspection:
        me = supervisor_acting(inspection, args.by, does="decides", refused=NO_DECISION)
        case = inspection.case_by_reference(args.case)
        if case is None:  # as imports match references: whatever the case of the letters
            wanted = identity(args.case)
            case = next(
                (inspection.case(r[0]) for r in inspection.case_list() if identity(r[1]) == wanted),
                None,
            )
        if case is None:
            raise UsageError(f"{args.db}: no case {args.case!r}")
        item = next((i for i in inspection.review.queue() if i.case.id == case.id), None)
        if item is None:
            raise UsageError(f"{args.db}: {case.reference} is not awaiting review")
        desk, assessment_id = inspection.review, item.assessment.id
        if args.decision == "confirm":
            desk.confirm_referral(assessment_id, me, args.note)
        elif args.decision == "not-refer":
            desk.do_not_refer(assessment_id, me, args.note)
        else:
            desk.return_to_inspector(assessment_id, me, args.note)
        print(f"{case.reference}: {args.decision} recorded by {me.name} ({me.role})")
    return EXIT_OK
