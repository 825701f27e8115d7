"""Compile the text catalogues: ``data/text/<language>.json`` from ``data/text/<language>/*.toml``.

Run from the repository root after editing a text::

    python scripts/compile_catalogues.py

The compiled file is what klu_rules reads at start-up; until it is rewritten,
the sources are read instead (slower, same texts), and the test suite says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from klu_rules.core.data import data_file
from klu_rules.core.forms import LANGUAGES
from klu_rules.core.messages import compile_catalogue

if __name__ == "__main__":
    for language in LANGUAGES:
        path = data_file(f"text/{language}.json")
        path.write_text(compile_catalogue(language), "utf-8")
        print(f"wrote {path}")
