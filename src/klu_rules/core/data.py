"""The data files shipped inside the package, in ``klu_rules/data``.

Read by path: the package is installed as plain files (no zip import), and a
path costs nothing to find at start-up, unlike :mod:`importlib.resources`.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "data_file"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
"""The folder of the shipped data files (rule sets, catalogues, example data)."""


def data_file(name: str) -> Path:
    """The path of the shipped data file ``name`` (e.g. ``"national.toml"``)."""
    return DATA_DIR / name
