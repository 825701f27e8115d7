"""Shared test builders: the one module tests import helpers from."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

CPH = ZoneInfo("Europe/Copenhagen")
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def cph(*args: int) -> datetime:
    """A Copenhagen wall-clock datetime (only for times that exist once)."""
    return datetime(*args, tzinfo=CPH)
