"""``klu-rules import``: the meetings of an ``.ics`` file merged into a committee file.

Every event of the file is taken as a meeting or skipped with the reason
(:func:`klu_rules.io.ical.read_ics`); recurring series are expanded within
``--from``/``--to``. A meeting of an id the committee already has replaces
it when its revision (``SEQUENCE``) is higher, keeping the committee's
agenda, attendance and recorded steps; an equal meeting is left as it is.
The merged committee is written with ``-o FILE`` (``-`` for standard output,
the report then goes to standard error) through a temporary file renamed
into place; without ``-o`` nothing is written and the report says what
would change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import attrs

from klu_rules.cli._common import (
    add_format_option,
    meeting_line,
    one_standard_input,
    output_name,
    parse_date,
)
from klu_rules.cli._inputs import rules_file_of
from klu_rules.cli._parser import help_text, metavar
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.files import STDIN
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, message
from klu_rules.io.committee_file import dump_committee, load_committee
from klu_rules.io.output import STDOUT, same_file, write_file
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.text._forms import finding_line

__all__ = ["JSON_SCHEMA", "add_arguments", "merge", "run"]

JSON_SCHEMA = "klu-rules/import/1"
"""The schema of ``klu-rules import --format json`` (shipped in ``klu_rules/data/schemas``)."""

_CARRIED = ("start", "end", "kind", "status", "revision", "location", "title")
"""The fields of a meeting an iCalendar event carries; the others stay the committee's."""


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``import`` subcommand (its description is the catalogue's ``help.import``)."""
    parser.add_argument(
        "file", metavar=metavar(parser, "file") + ".ics", help=help_text(parser, "import.file")
    )
    parser.add_argument(
        "--committee",
        metavar=metavar(parser, "file"),
        required=True,
        help=help_text(parser, "import.committee"),
    )
    for option, key in (("--from", "start"), ("--to", "end")):
        parser.add_argument(
            option,
            dest=key,
            metavar=metavar(parser, "date"),
            help=help_text(parser, f"import.{option[2:]}"),
        )
    parser.add_argument(
        "-o", "--output", metavar=metavar(parser, "file"), help=help_text(parser, "import.output")
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def _same(old: object, new: object) -> bool:
    """Equal values of a carried field; times are equal when they are the same instant
    (02:30+01:00 and 02:30 in the autumn's repeated hour of Europe/Copenhagen, which
    Python's own comparison of two zones calls unequal)."""
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old.astimezone(UTC) == new.astimezone(UTC)
    return old == new


def merge(committee: Committee, meetings: Sequence[Meeting]) -> tuple[Committee, dict[str, str]]:
    """``committee`` with ``meetings`` merged in, and what happened to each: ``new``,
    ``updated`` or ``unchanged`` by meeting id."""
    known = {m.id: m for m in committee.meetings}
    changes: dict[str, str] = {}
    for meeting in meetings:
        old = known.get(meeting.id)
        if old is None:
            known[meeting.id], changes[meeting.id] = meeting, "new"
            continue
        carried = {name: getattr(meeting, name) for name in _CARRIED}
        if all(_same(getattr(old, name), value) for name, value in carried.items()):
            changes[meeting.id] = "unchanged"
        elif meeting.revision > old.revision:
            known[meeting.id], changes[meeting.id] = attrs.evolve(old, **carried), "updated"
        else:
            raise coded(
                InvalidValueError,
                "import_meeting_conflict",
                {"meeting": meeting.id, "new": meeting.revision, "old": old.revision},
            )
    ordered = sorted(known.values(), key=lambda m: (m.start, m.id))
    return attrs.evolve(committee, meetings=ordered), changes


def _report(
    name: str,
    result: object,
    changes: dict[str, str],
    committee: Committee,
    written: tuple[str | None, str | None],
    language: Language,
    out: TextIO,
) -> None:
    from klu_rules.io.ical import NOTES, IcsImport

    assert isinstance(result, IcsImport)

    def say(key: str, **parameters: object) -> str:
        return message(f"ical_import.{key}", language, **parameters)

    print(say("title", file=name) + " " + result.explain(language), file=out)
    if result.meetings:
        print("", file=out)
        print(say("meetings"), file=out)
        for meeting in result.meetings:
            line = meeting_line(meeting, committee.timezone, language)
            named = f" “{_short(meeting.title, 60)}”" if meeting.title else ""
            change = say("change_" + changes[meeting.id])
            print(f"  {line}{named} ({_short(meeting.id, 40)}) [{change}]", file=out)
    for heading, items in (
        ("skipped", [f for f in result.findings if f.code not in NOTES]),
        ("notes", [f for f in result.findings if f.code in NOTES]),
    ):
        if items:
            print("", file=out)
            print(say(heading), file=out)
            for item in items:
                uid = say("event", uid=_short(item.subject or "?", 40))
                print(f"{finding_line(item, language)} [{uid}]", file=out)
    print("", file=out)
    key, file = written
    print(say(key, file=file) if key else say("not_written"), file=out)


def _short(text: str, size: int) -> str:
    """``text`` cut to ``size`` characters in the middle (an id's end names its occurrence),
    an ellipsis marking the cut."""
    if len(text) <= size:
        return text
    head = (size - 1) // 2
    return text[:head] + "…" + text[len(text) - (size - 1 - head) :]


def _relocated(committee: Committee, args: argparse.Namespace, output: Path) -> Committee:
    """``committee`` with its ``rules_file`` written relative to ``output``'s folder, where
    the written file reads it; one that would lie outside that folder is refused."""
    rules = rules_file_of(args, committee)
    if rules is None:
        return committee
    try:
        moved = Path(os.path.relpath(rules.resolve(), output.resolve().parent)).as_posix()
    except ValueError:  # pragma: no cover - another drive (Windows)
        moved = ".."
    if moved.startswith("../") or moved == "..":
        raise coded(
            InvalidValueError,
            "import_rules_file_outside",
            {"output": str(output), "rules_file": committee.rule_set.origin},
        )
    if moved == committee.rule_set.origin:
        return committee
    return attrs.evolve(committee, rule_set=attrs.evolve(committee.rule_set, origin=moved))


def _write(args: argparse.Namespace, committee: Committee) -> str:
    """Write the merged ``committee`` where ``-o`` says; the report's last line.

    The ``--committee`` file itself may be updated in place (atomically); every other file
    the run read (the calendar, the rule-set file) is refused as the output."""
    if output_name(args) == STDOUT:
        write_file(STDOUT, dump_committee(committee).encode("utf-8"))
        return "written_stdout"
    output = Path(args.output)
    inputs = [Path(p) for p in (args.file,) if p != STDIN]
    inputs += [p for p in (rules_file_of(args, committee),) if p is not None]
    committee = _relocated(committee, args, output)
    write_file(output, dump_committee(committee).encode("utf-8"), inputs=inputs)
    in_place = args.committee != STDIN and same_file(output, args.committee)
    return "updated" if in_place else "written"


def run(args: argparse.Namespace) -> int:
    """Read, merge, write and report; exit status 0."""
    from klu_rules.io import ical  # icalendar loads here, not when the command line starts

    one_standard_input(args, file=message("help.metavar.file", args.lang) + ".ics")
    start = None if args.start is None else parse_date(args.start, "--from")
    end = None if args.end is None else parse_date(args.end, "--to")
    committee = load_committee(args.committee)
    if args.file == STDIN:
        source: object = sys.stdin.buffer.read(ical.MAX_BYTES + 1)
        name = STDIN
    else:
        source, name = Path(args.file), args.file
    result = ical.read_ics(
        source,  # type: ignore[arg-type]
        timezone=committee.timezone,
        start=start,
        end=end,
        path=None if args.file != STDIN else STDIN,
        committee_id=committee.id,
    )
    merged, changes = merge(committee, result.meetings)
    report, written = sys.stdout, None
    if args.output is not None:
        written = _write(args, merged)
        if args.output == STDOUT:
            report = sys.stderr
    if args.format == "json":
        document = {
            **result.to_dict(),
            "schema": JSON_SCHEMA,
            "file": name,
            "changes": changes,
            "output": {"status": written, "file": args.output},
        }
        print(json.dumps(document, ensure_ascii=False, indent=2), file=report)
    else:
        _report(name, result, changes, committee, (written, args.output), args.lang, report)
    return 0
