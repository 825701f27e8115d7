"""Compile the shipped data: the JSON twins in ``klu_rules/data/compiled/``.

Run from the repository root after editing any TOML file in ``src/klu_rules/data``
(the rule sets, the built-in committee, the finding codes, the text catalogues)::

    python scripts/compile_data.py

klu_rules reads a twin at start-up instead of parsing its TOML; until a twin is
written again after an edit, the TOML is read instead (slower, the same data),
and the test suite names the stale twin.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from klu_rules.core.compiled import compile_shipped, shipped_names
from klu_rules.core.data import data_file
from klu_rules.core.forms import LANGUAGES
from klu_rules.core.messages import compile_catalogue

if __name__ == "__main__":
    folder = Path(data_file("compiled"))
    folder.mkdir(exist_ok=True)
    twins = {f"{Path(name).stem}.json": compile_shipped(name) for name in shipped_names()}
    twins |= {f"text.{language}.json": compile_catalogue(language) for language in LANGUAGES}
    for stale in {path.name for path in folder.glob("*.json")} - set(twins):
        (folder / stale).unlink()
        print(f"removed {folder / stale}")
    for name, text in twins.items():
        (folder / name).write_text(text, "utf-8")
    print(f"wrote {len(twins)} twins in {folder}")
