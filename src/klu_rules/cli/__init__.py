"""The ``klu-rules`` command line.

Each subcommand lives in a module under ``klu_rules.cli`` whose
``add_arguments(parser, command)`` fills in the subcommand's parser. :data:`COMMANDS`
names the module and the help line of every subcommand, so the parser lists them all
while importing only the module of the subcommand being run: ``klu-rules plan`` never
loads the evaluation, coverage or iCalendar code.

Every subcommand takes ``--lang da|en`` (default ``da``): the language of its text
output, its confirmations and its error line (``klu-rules: fejl: ...``). argparse's own
usage and help texts stay English.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from klu_rules.core.errors import KluRulesError
from klu_rules.core.language import LANGUAGES
from klu_rules.core.messages import error_text, message

__all__ = ["COMMANDS", "DEFAULT_LANGUAGE", "build_parser", "main"]

DEFAULT_LANGUAGE = "da"
"""The language of the command line's output when ``--lang`` is not given."""

COMMANDS: dict[str, tuple[str, str]] = {
    "show": ("show", "print a committee, its members and its meetings"),
    "plan": ("plan", "a year's meetings with their deadlines and findings"),
    "check-meeting": ("check_meeting", "check one meeting: quorum, honorarium and agenda"),
    "agenda": ("check_meeting", "render a meeting's agenda as a Danish document"),
    "ics": ("ics", "a year's meetings and deadlines as iCalendar (.ics)"),
    "import": (
        "import_ics",
        "merge the meetings of an iCalendar file (.ics) into a committee file",
    ),
    "evaluate": ("evaluate", "annual evaluations of the committees (årlig evaluering)"),
    "coverage": (
        "coverage",
        "status of doctor-coverage-threatened areas (lægedækningstruede områder)",
    ),
}
"""Subcommand -> (module under ``klu_rules.cli``, help line), in the order ``--help`` shows."""


def _chosen(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word; the top level has no other arguments)."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return word if word in COMMANDS else None


class _Version(argparse.Action):
    """``--version``: the installed distribution's version, looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("klu_rules")
        except PackageNotFoundError:  # pragma: no cover - a checkout that is not installed
            found = "0+unknown"
        print(f"{parser.prog} {found}")
        parser.exit()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``command``'s module is imported, the others are listed by name."""
    parser = argparse.ArgumentParser(
        prog="klu-rules",
        description="Plan and check the work of a Danish municipal GP committee (KLU).",
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="print the version of klu_rules and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, (module, help_line) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_line)
        command_parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=DEFAULT_LANGUAGE,
            help="the language of the output: da (Danish, default) or en (English)",
        )
        if name == command:
            importlib.import_module(f"klu_rules.cli.{module}").add_arguments(command_parser, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_chosen(arguments)).parse_args(arguments)
    try:
        status: int = args.func(args)
    except KluRulesError as exc:
        language = args.lang
        print(
            message("cli.error", language, program="klu-rules", text=error_text(exc, language)),
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `klu-rules plan | head`
        return 0
    return status
