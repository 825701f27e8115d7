"""The ``klu-rules`` command line.

Each subcommand lives in its own module under ``klu_rules.cli`` and exposes
``add_parser(subparsers)``; the module is imported only when the command line
runs, so ``import klu_rules`` stays light.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from klu_rules.core.errors import KluRulesError

__all__ = ["main"]

# (module under klu_rules.cli, in the order shown by --help)
_COMMAND_MODULES: tuple[str, ...] = (
    "show",
    "plan",
    "check_meeting",
    "ics",
    "evaluate",
    "coverage",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="klu-rules",
        description="Plan and check the work of a Danish municipal GP committee (KLU).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in _COMMAND_MODULES:
        importlib.import_module(f"klu_rules.cli.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except KluRulesError as exc:
        print(f"klu-rules: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `klu-rules plan | head`
        return 0
    return status
