"""The files a subcommand read: its ``-o`` never overwrites them (:mod:`klu_rules.io.output`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from klu_rules.model.committee import Committee

__all__ = ["inputs_of"]


def inputs_of(args: argparse.Namespace, committee: Committee | None = None) -> list[Path]:
    """The files named by ``--committee`` and ``--rules`` and the committee's ``rules_file``."""
    named = (getattr(args, "committee", None), getattr(args, "rules", None))
    paths = [Path(p) for p in named if p]
    origin = None if committee is None else committee.rule_set.origin
    if getattr(args, "committee", None) and origin and not origin.startswith("klu_rules/"):
        paths.append(Path(args.committee).parent / origin)
    return paths
