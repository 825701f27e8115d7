"""The data files shipped inside the package, in ``klu_rules/data``.

Read by path: the package is installed as plain files (no zip import), and a
path costs nothing to find at start-up, unlike :mod:`importlib.resources`.
Paths are text joined by :mod:`os.path`, so that reading the shipped data does
not load :mod:`pathlib` (3 % of ``klu-rules plan`` on the built-in data).
"""

from __future__ import annotations

import os

__all__ = ["DATA_DIR", "data_file"]

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data")
"""The folder of the shipped data files (rule sets, catalogues, example data)."""


def data_file(name: str) -> str:
    """The path of the shipped data file ``name`` (e.g. ``"national.toml"``), as text."""
    return os.path.join(DATA_DIR, name)
