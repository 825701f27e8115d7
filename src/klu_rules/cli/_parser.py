"""The command line's parser in one language: help texts, argparse's own words, usage errors.

The language is known before the parser is built: :func:`chosen_language` reads
``--lang X`` / ``--lang=X`` from the arguments (default ``da``). Then

- every help text, description and metavar comes from the catalogue's ``help`` sections
  (:func:`help_text`, ``help.<command>.<key>``; :func:`metavar`);
- argparse's own words ("usage:", "options", "show this help message and exit", "the
  following arguments are required", "invalid choice", ...) are looked up, while
  :func:`argparse_words` is active, in the ``argparse`` section of the catalogue. argparse
  asks for each of them through its module-level gettext functions ``_`` and ``ngettext``
  when it writes it (the hook gettext translations use). :data:`ARGPARSE_IDS` names
  argparse's message ids; the English catalogue's ``argparse`` section holds the same
  words, the other language's their translations, and a message without one stays as
  argparse writes it;
- a usage error is one line, ``klu-rules: fejl: ... (se klu-rules plan --help)``, exit
  status 2 (:meth:`CommandParser.error`).

A subcommand's module fills in its parser with ``add_arguments(parser, command)``; it
writes ``help=help_text(parser, "plan.year")`` and ``metavar=metavar(parser, "file")``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from klu_rules.core.errors import shorten
from klu_rules.core.language import LANGUAGES, Language
from klu_rules.core.messages import catalogue, message

__all__ = [
    "DEFAULT_LANGUAGE",
    "PROGRAM",
    "CommandParser",
    "argparse_words",
    "argument_type",
    "chosen_language",
    "help_text",
    "metavar",
    "say",
]

DEFAULT_LANGUAGE: Language = "da"
"""The language of the command line's output when ``--lang`` is not given."""

PROGRAM = "klu-rules"

ARGPARSE_IDS: dict[str, str] = {
    "usage": "usage: ",
    "positional_arguments": "positional arguments",
    "options": "options",
    "heading": "%(heading)s:",
    "help": "show this help message and exit",
    "version": "show program's version number and exit",
    "default": " (default: %(default)s)",
    "subcommands": "subcommands",
    "argument": "argument %(argument_name)s: %(message)s",
    "unknown_parser": "unknown parser %(parser_name)r (choices: %(choices)s)",
    "cannot_open": "can't open '%(filename)s': %(error)s",
    "unrecognized": "unrecognized arguments: %s",
    "not_allowed_with": "not allowed with argument %s",
    "ignored_explicit": "ignored explicit argument %r",
    "required": "the following arguments are required: %s",
    "one_required": "one of the arguments %s is required",
    "expected_one": "expected one argument",
    "expected_at_most_one": "expected at most one argument",
    "expected_at_least_one": "expected at least one argument",
    "expected_n_one": "expected %s argument",
    "expected_n_many": "expected %s arguments",
    "ambiguous": "ambiguous option: %(option)s could match %(matches)s",
    "unexpected_option": "unexpected option string: %s",
    "invalid_value": "invalid %(type)s value: %(value)r",
    "invalid_choice": "invalid choice: %(value)r (choose from %(choices)s)",
    "error": "%(prog)s: error: %(message)s\n",
    "warning": "%(prog)s: warning: %(message)s\n",
    "deprecated_option": "option '%(option)s' is deprecated",
    "deprecated_argument": "argument '%(argument_name)s' is deprecated",
    "deprecated_command": "command '%(parser_name)s' is deprecated",
}
"""argparse's message ids (its English words) by their key in the catalogues' ``argparse``
section: what :func:`argparse_words` translates, without reading the English catalogue."""


def chosen_language(argv: Sequence[str]) -> Language:
    """The language ``argv`` asks for with ``--lang X`` or ``--lang=X`` (the last one wins;
    also the abbreviation ``--lan``); ``da`` when none or an unknown one is given (argparse
    then refuses the unknown one, in Danish)."""
    found: str | None = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if len(name) < len("--lan") or not "--lang".startswith(name):
            continue
        if equals:
            found = value
        elif index + 1 < len(argv):
            found = argv[index + 1]
    return next((language for language in LANGUAGES if language == found), DEFAULT_LANGUAGE)


def say(key: str, language: Language, **parameters: Any) -> str:
    """The command line's own text ``cli.<key>`` in ``language``."""
    return message(f"cli.{key}", language, **parameters)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, wrapping lines at spaces only, so that a name such as
    ``klu-rules`` or ``Høje-Taastrup`` is never cut at its hyphen."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap  # only when help is shown: not at start-up

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap  # only when help is shown: not at start-up

        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )


class CommandParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` that writes in ``language``.

    Its subparsers are of this class too (``add_parser(name, language=...)``).
    """

    def __init__(self, *args: Any, language: Language = DEFAULT_LANGUAGE, **kwargs: Any) -> None:
        self.language: Language = language
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """As argparse's, but an unknown argument is the chosen subcommand's usage error, so
        that its line points to that subcommand's help (``klu-rules plan --help``)."""
        found, extras = self.parse_known_args(args, namespace)
        if extras:
            command = getattr(found, "command", None)
            target: argparse.ArgumentParser = self
            for action in self._actions:
                if isinstance(action, argparse._SubParsersAction) and command in action.choices:
                    target = action.choices[command]
            words = vars(argparse)["_"]  # argparse's own words, in the language (argparse_words)
            target.error(words("unrecognized arguments: %s") % " ".join(extras))
        return found

    def error(self, message: str) -> NoReturn:
        """A usage error: one line in the parser's language, then exit status 2."""
        text = shorten(message, 300)  # an invalid choice is quoted whole by argparse
        hinted = say("see_help", self.language, text=text, command=self.prog)
        self.exit(2, say("error", self.language, program=PROGRAM, text=hinted) + "\n")


def _language(parser: argparse.ArgumentParser) -> Language:
    return parser.language if isinstance(parser, CommandParser) else DEFAULT_LANGUAGE


def help_text(parser: argparse.ArgumentParser, key: str, **parameters: Any) -> str:
    """The help text ``help.<key>`` (e.g. ``"plan.year"``) in ``parser``'s language."""
    return message(f"help.{key}", _language(parser), **parameters)


def metavar(parser: argparse.ArgumentParser, key: str) -> str:
    """The placeholder ``help.metavar.<key>`` of a usage line (``FIL`` / ``FILE``)."""
    return help_text(parser, f"metavar.{key}")


def argument_type(
    parser: argparse.ArgumentParser, read: Callable[[str, Language], Any]
) -> Callable[[str], Any]:
    """An argparse ``type=`` that reads a value with ``read(text, language)`` in the parser's
    language; ``read`` raises :class:`argparse.ArgumentTypeError` with a catalogue text."""
    language = _language(parser)

    def convert(text: str) -> Any:
        return read(text, language)

    convert.__name__ = read.__name__
    return convert


def _translations(language: Language) -> dict[str, str]:
    """argparse's message ids -> their text in ``language``."""
    chosen = catalogue(language)
    return {msgid: chosen[f"argparse.{key}"] for key, msgid in ARGPARSE_IDS.items()}


@contextmanager
def argparse_words(language: Language) -> Iterator[None]:
    """While active, argparse writes its own words in ``language`` (see the module text)."""
    table = _translations(language)
    module = vars(argparse)
    saved = module["_"], module["ngettext"]

    def gettext(text: str) -> str:
        return table.get(text, text)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    module["_"], module["ngettext"] = gettext, ngettext
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved
