"""The files a subcommand read: its ``-o`` never overwrites them (:mod:`klu_rules.io.output`).

Only the subcommands that write files (``ics``, ``wheel``, ``import``) ask.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from klu_rules.model.committee import Committee

__all__ = ["inputs_of", "rules_file_of"]


def inputs_of(args: argparse.Namespace, committee: Committee | None = None) -> list[Path]:
    """The files named by ``--committee`` and ``--rules`` and the committee's ``rules_file``."""
    named = (getattr(args, "committee", None), getattr(args, "rules", None))
    paths = [Path(p) for p in named if p and p != "-"]
    file = rules_file_of(args, committee)
    if file is not None:
        paths.append(file)
    return paths


def rules_file_of(args: argparse.Namespace, committee: Committee | None) -> Path | None:
    """The rule-set file ``--committee``'s committee names (``rules_file``), if it names one."""
    origin = None if committee is None else committee.rule_set.origin
    given = getattr(args, "committee", None)
    if not given or not origin or origin.startswith("klu_rules/"):
        return None
    return (Path.cwd() if given == "-" else Path(given).parent) / origin
