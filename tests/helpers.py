"""Shared test builders: the one module tests import helpers from."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from klu_rules.core.result import Finding

CPH = ZoneInfo("Europe/Copenhagen")
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def cph(*args: int) -> datetime:
    """A Copenhagen wall-clock datetime (only for times that exist once)."""
    return datetime(*args, tzinfo=CPH)


# --- golden findings: one file per finding code ---------------------------------------------

GOLDEN_FINDINGS = ROOT / "tests" / "golden" / "findings"


def check_golden_finding(found: Finding) -> None:
    """``found.to_dict()`` equals ``tests/golden/findings/<code>.json``.

    ``KLU_UPDATE_GOLDEN=1`` rewrites the file from ``found``.
    """
    data = found.to_dict()
    path = GOLDEN_FINDINGS / f"{found.code}.json"
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert data == json.loads(path.read_text(encoding="utf-8")), f"{path.name} differs"
