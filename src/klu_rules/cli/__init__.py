"""The ``klu-rules`` command line.

Each subcommand lives in a module under ``klu_rules.cli`` whose
``add_arguments(parser, command)`` fills in the subcommand's parser. :data:`COMMANDS`
names the module of every subcommand, so the parser lists them all while importing only
the module of the subcommand being run: ``klu-rules plan`` never loads the evaluation,
coverage or iCalendar code.

Every subcommand takes ``--lang da|en`` (default ``da``): the language of its text
output, its confirmations, its error line (``klu-rules: fejl: ...``), its help and
argparse's own words (:mod:`klu_rules.cli._parser`). To add a subcommand: an entry in
:data:`COMMANDS`, a module with ``add_arguments`` taking its help texts from
``help_text(parser, "<command>.<key>")``, and a ``[help.<command>]`` section with at
least ``summary`` (the line in ``klu-rules --help``) and usually ``description`` in both
catalogues.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from klu_rules.cli._output import drop_notices, guarded
from klu_rules.cli._parser import (
    DEFAULT_LANGUAGE,
    PROGRAM,
    CommandParser,
    argparse_words,
    chosen_language,
    help_text,
    say,
)
from klu_rules.core.errors import KluRulesError
from klu_rules.core.language import LANGUAGES, Language
from klu_rules.core.messages import catalogue, error_text

__all__ = ["COMMANDS", "DEFAULT_LANGUAGE", "build_parser", "main"]

COMMANDS: dict[str, str] = {
    "show": "show",
    "plan": "plan",
    "check-meeting": "check_meeting",
    "agenda": "check_meeting",
    "ics": "ics",
    "import": "import_ics",
    "wheel": "wheel",
    "init": "init",
    "propose": "propose",
    "rules": "rules",
    "evaluate": "evaluate",
    "coverage": "coverage",
}
"""Subcommand -> module under ``klu_rules.cli``, in the order ``--help`` shows; the help
line is the catalogue's ``help.<command>.summary`` (a dash in the name written ``_``)."""


def _chosen(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is neither an option nor the
    value of ``--lang``)."""
    words = iter(argv)
    for word in words:
        if word in ("--lang", "--lan"):
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


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


def _add_lang(parser: CommandParser, key: str, default: str | None) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS if default is None else default,
        help=help_text(parser, key),
    )


def build_parser(
    command: str | None = None, language: Language = DEFAULT_LANGUAGE
) -> argparse.ArgumentParser:
    """The parser, its help in ``language``; only ``command``'s module is imported.

    Build and use it inside :func:`klu_rules.cli._parser.argparse_words` for argparse's own
    words in ``language`` too (as :func:`main` does).
    """
    parser = CommandParser(prog=PROGRAM, language=language)
    parser.description = help_text(parser, "main.description")
    parser.epilog = help_text(parser, "main.exit_status")
    parser.add_argument(
        "--version", action=_Version, nargs=0, help=help_text(parser, "main.version")
    )
    _add_lang(parser, "main.lang", DEFAULT_LANGUAGE)
    sub = parser.add_subparsers(dest="command", metavar=help_text(parser, "main.command"))
    sub.required = True
    for name, module in COMMANDS.items():
        section = name.replace("-", "_")
        help_ = help_text(parser, f"{section}.summary")
        if command is not None and name != command:  # listed, never parsed: no options
            sub.add_parser(name, help=help_, add_help=False, language=language)
            continue
        command_parser = sub.add_parser(
            name,
            help=help_,
            description=catalogue(language).get(f"help.{section}.description"),
            epilog=parser.epilog,
            language=language,
        )
        _add_lang(command_parser, "common.lang", None)
        if name == command:
            importlib.import_module(f"klu_rules.cli.{module}").add_arguments(command_parser, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status (a usage error exits with 2)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    chosen = chosen_language(arguments)
    with argparse_words(chosen):
        args = build_parser(_chosen(arguments), chosen).parse_args(arguments)
    language: Language = args.lang
    with guarded():  # a reader closing the pipe ends the output, not the run
        try:
            status: int = args.func(args)
            sys.stdout.flush()  # a full standard output fails here, not at exit
        except KluRulesError as exc:
            return _fail(exc, language)
        except OSError as exc:  # the disk under standard output full
            from klu_rules.io.output import output_error  # only when it happens

            return _fail(output_error(exc), language)
    return status


def _fail(exc: KluRulesError, language: Language) -> int:
    """Print only ``klu-rules: fejl: ...`` / ``klu-rules: error: ...``; exit status 2.

    A reader that closed the pipe had what it wanted (``klu-rules plan | head``): the run
    goes on quietly to the status its findings give (:func:`klu_rules.cli._output.guarded`);
    only a closed pipe seen outside it ends here, quietly, with 0."""
    drop_notices()
    if exc.text_key == "output_closed":
        return 0
    text = error_text(exc, language)
    print(say("error", language, program=PROGRAM, text=text), file=sys.stderr)
    return 2
