"""Options, loading and output shared by several subcommands."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date

import attrs

from klu_rules.cli._output import announce
from klu_rules.cli._parser import help_text, metavar
from klu_rules.core.convert import YEARS
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.files import STDIN, STDOUT
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.result import Finding, Result
from klu_rules.core.types import LAYERINGS
from klu_rules.io.committee_file import load_committee
from klu_rules.io.presets import PRESETS, get_preset
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.rules.horizon import HORIZON_CODES
from klu_rules.text._forms import finding_line
from klu_rules.text._forms import meeting_line as _meeting_line

__all__ = [
    "add_committee_options",
    "add_format_option",
    "add_layering_option",
    "builtin_notice",
    "committee_from_args",
    "exit_status",
    "meeting_line",
    "one_standard_input",
    "output_name",
    "parse_date",
    "report_findings",
    "whole_number",
    "year_number",
]

DEFAULT_PRESET = "aalborg"
"""The built-in committee a command uses when given neither --committee nor --preset."""


def exit_status(*results: object) -> int:
    """The exit status every subcommand shares: 1 when a finding in ``results`` (or in the
    results they hold, such as a plan's meetings) is an error, else 0. Bad usage or input
    exits with 2 before any result exists."""
    return 1 if any(_has_error(r) for r in results) else 0


def _findings_of(value: object) -> list[Finding]:
    if isinstance(value, Finding):
        return [value]
    if isinstance(value, tuple | list):
        return [f for v in value for f in _findings_of(v)]
    if isinstance(value, Result):
        return [f for a in attrs.fields(type(value)) for f in _findings_of(getattr(value, a.name))]
    return []


def report_findings(*results: object, language: Language) -> None:
    """Write to standard error, each once, the errors of ``results`` (one line each, the
    whole message) and the warnings about the rules' data (one short line each: beyond the
    horizon, before a local rule set's data), for a command whose output is a file: the
    exit status then has its reason. ``klu-rules plan`` with the same options shows all."""
    found = dict.fromkeys(_findings_of(results))
    for item in found:
        if item.severity == "error":
            print("klu-rules:" + finding_line(item, language)[1:], file=sys.stderr)
    lines = (
        _short_line(f, language)
        for f in found
        if f.severity == "warning" and f.code in HORIZON_CODES
    )
    for line in dict.fromkeys(lines):
        print(line, file=sys.stderr)


def _short_line(item: Finding, language: Language) -> str:
    severity = message(f"severity.{item.severity}", language)
    title = message(f"finding.{item.code}.title", language)
    return f"klu-rules: {severity} ({item.code}): {title} ({item.parameters['rule_set']})"


def _has_error(value: object) -> bool:
    if isinstance(value, Finding):
        return value.severity == "error"
    if isinstance(value, tuple | list):
        return any(_has_error(v) for v in value)
    if isinstance(value, Result):
        return any(_has_error(getattr(value, f.name)) for f in attrs.fields(type(value)))
    return False


def add_committee_options(parser: argparse.ArgumentParser) -> None:
    """``--preset NAME`` or ``--committee FILE`` (default: the Aalborg preset)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--preset",
        default=None,
        metavar=metavar(parser, "name"),
        help=help_text(parser, "common.preset", presets=", ".join(PRESETS)),
    )
    group.add_argument(
        "--committee", metavar=metavar(parser, "file"), help=help_text(parser, "common.committee")
    )


def add_format_option(
    parser: argparse.ArgumentParser,
    choices: Sequence[str] = ("text", "json"),
    default: str = "text",
    help_key: str = "common.format_text_json",
) -> None:
    """``--format`` with ``choices``; its help is ``help.<help_key>``."""
    parser.add_argument(
        "--format", choices=choices, default=default, help=help_text(parser, help_key)
    )


def add_layering_option(parser: argparse.ArgumentParser, help_key: str) -> None:
    """``--layering`` (``strictest``, the default, or ``local``); its help is ``help.<help_key>``
    (a command says what layering means for it)."""
    parser.add_argument(
        "--layering", choices=LAYERINGS, default="strictest", help=help_text(parser, help_key)
    )


def whole_number(text: str, language: Language) -> int:
    """An argparse ``type=``: a whole number, written as :func:`int` reads it."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            message("error.cli.whole_number", language, text=excerpt(text))
        ) from None


def year_number(text: str, language: Language) -> int:
    """An argparse ``type=``: a year the calendar covers (1900 to 2200)."""
    year = whole_number(text, language)
    if year not in YEARS:
        raise argparse.ArgumentTypeError(
            message(
                "error.cli.year",
                language,
                text=excerpt(text),
                first=YEARS.start,
                last=YEARS.stop - 1,
            )
        )
    return year


def committee_from_args(args: argparse.Namespace) -> Committee:
    """The committee of ``--committee`` or ``--preset``, else the built-in one: then the
    first line the command prints says so, on standard error, so standard output stays
    what the command writes (a feed, JSON, a plan to compare)."""
    loaded = getattr(args, "loaded_committee", None)
    if isinstance(loaded, Committee):  # read once: a second read of standard input is empty
        return loaded
    if getattr(args, "committee", None):
        one_standard_input(args)
        committee = load_committee(args.committee)
        args.loaded_committee = committee
        return committee
    notice = builtin_notice(args)
    if notice is not None and not getattr(args, "builtin_announced", False):
        args.builtin_announced = True
        announce(notice)
    return get_preset(getattr(args, "preset", None) or DEFAULT_PRESET)


def output_name(args: argparse.Namespace, option: str = "-o") -> str:
    """``-o``'s file name, ``"-"`` (standard output) when not given; an empty name is refused
    rather than taken for standard output."""
    given: str | None = getattr(args, "output", None)
    if given is None:
        return STDOUT
    if not given.strip():
        raise coded(InvalidValueError, "cli_output_empty", {"option": option})
    return given


def one_standard_input(args: argparse.Namespace, **positional: str) -> None:
    """Refuse two inputs read from standard input (``--committee - --rules -``): only one
    can. ``positional`` names a command's file arguments besides ``--committee`` and
    ``--rules``, as its usage line shows them (``file="FIL.ics"``)."""
    shown = {"committee": "--committee", "rules": "--rules", **positional}
    given = [shown[n] for n in shown if getattr(args, n, None) == STDIN]
    if len(given) > 1:
        raise coded(InvalidValueError, "cli_stdin_twice", {"options": tuple(given)})


def builtin_notice(args: argparse.Namespace) -> str | None:
    """The line saying the command fell back to the built-in committee, or None when it was
    given ``--committee`` or ``--preset`` or uses no committee (``--meeting``; ``propose
    --rules``)."""
    if getattr(args, "committee", None) or getattr(args, "preset", None):
        return None
    if getattr(args, "meeting", None) or (args.command == "propose" and args.rules):
        return None
    return message("builtin.notice", args.lang, preset=DEFAULT_PRESET)


_WRITTEN_AS_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str, option: str) -> date:
    """``text`` (``YYYY-MM-DD``) as a date for ``option``; a date written right that the
    calendar does not have (``2023-02-30``) is refused as no such day, not as a wrong format."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        key = "cli_no_such_day" if _WRITTEN_AS_DATE.fullmatch(text) else "cli_date"
        raise coded(InvalidValueError, key, {"option": option, "text": excerpt(text)}) from None


def meeting_line(meeting: Meeting, tz: str, language: Language = "da") -> str:
    """*Mandag den 6. marts 2023 kl. 15.00-19.00 — KLU-møde, planlagt*, in the zone ``tz``."""
    return _meeting_line(meeting, tz, language)
