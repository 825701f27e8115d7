"""``klu-rules init``: a committee file to start from, for any of the 98 municipalities.

``klu-rules init --municipality Odense --year 2027 -o klu-odense.toml`` writes a
commented committee file on the national rules: the municipality and its region for
the year, placeholder seats marked as placeholders, the meetings
``klu-rules propose`` suggests for the year, and the next steps, in the ``--lang``
language. ``klu-rules plan --committee klu-odense.toml`` runs on it at once.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from klu_rules.cli._common import output_name, year_number
from klu_rules.cli._parser import argument_type, help_text, metavar
from klu_rules.core.errors import FileFormatError
from klu_rules.core.messages import coded, message
from klu_rules.io.committee_template import committee_template
from klu_rules.io.output import STDOUT, write_file

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``init`` subcommand."""
    parser.add_argument(
        "--municipality",
        required=True,
        metavar=metavar(parser, "municipality"),
        help=help_text(parser, "init.municipality"),
    )
    parser.add_argument(
        "--year",
        type=argument_type(parser, year_number),
        metavar=metavar(parser, "number"),
        help=help_text(parser, "init.year"),
    )
    parser.add_argument(
        "-o", "--output", metavar=metavar(parser, "file"), help=help_text(parser, "init.output")
    )
    parser.add_argument("--force", action="store_true", help=help_text(parser, "init.force"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the file; exit status 0."""
    year = date.today().year if args.year is None else args.year  # the command line's default
    output = output_name(args)
    named = None if output == STDOUT else Path(output).name
    text = committee_template(args.municipality, year, language=args.lang, file=named)
    if output == STDOUT:
        sys.stdout.write(text)
        return 0
    path = Path(output)
    if path.exists() and not args.force:
        raise coded(FileFormatError, "init_exists", {}, path=path)
    write_file(path, text.encode("utf-8"))  # whole or not at all
    print(message("init.written", args.lang, file=str(path)))
    return 0
