"""The catalogue of finding codes: one golden file per code, each a finding of its code."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT

from klu_rules.core.findings import CATALOGUE
from klu_rules.core.result import Finding

GOLDEN = ROOT / "tests" / "golden" / "findings"


def test_each_golden_file_is_one_finding_of_its_code() -> None:
    files = sorted(GOLDEN.glob("*.json"))
    assert {p.stem for p in files} <= set(CATALOGUE), "a golden file names no catalogue code"
    for path in files:
        found = Finding.from_dict(json.loads(path.read_text(encoding="utf-8")))
        assert found.code == path.stem
        assert found.severity in ("info", "warning", "error")
        assert found.message.strip()


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_a_golden_file(code: str) -> None:
    assert (GOLDEN / f"{code}.json").exists(), f"no test produces tests/golden/findings/{code}.json"
