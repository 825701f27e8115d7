"""``klu-rules show``: placeholders are never shown as members; the place as the file names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import schema_errors

from klu_rules.cli import main


def _init(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = tmp_path / "klu.toml"
    assert main(["init", "--municipality", "Odense", "--year", "2026", "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def test_placeholders_are_marked_in_text_and_json_and_warned_of(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _init(capsys, tmp_path)
    assert main(["show", "--committee", str(path)]) == 0
    out, err = capsys.readouterr()
    members = [line for line in out.splitlines() if line.startswith("  - PLADSHOLDER")]
    assert len(members) == 5  # four seats and the secretary
    assert all(line.endswith(" [pladsholder, ikke et medlem]") for line in members)
    assert err.startswith("klu-rules: advarsel: 5 pladsholdere i udvalgsfilen er ikke rigtige")
    assert main(["show", "--committee", str(path), "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    assert "  - PLADSHOLDER: formand — Chair [placeholder, not a member]" in out.splitlines()
    assert main(["show", "--committee", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert schema_errors(document) == []
    people = [*document["members"], *document["secretariat"]]
    assert [p["placeholder"] for p in people] == [True] * 5


def test_real_people_carry_no_mark(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--preset", "aalborg", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert not any(p["placeholder"] for p in [*document["members"], *document["secretariat"]])
    assert main(["show", "--preset", "aalborg"]) == 0
    out, err = capsys.readouterr()
    assert "pladsholder" not in out + err


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ("Odense Kommune", "KLU Odense (Odense Municipality, Region Syddanmark)"),
        ("Odense", "KLU Odense (Odense Municipality, Region Syddanmark)"),
    ],
)
def test_kommune_is_never_added_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, written: str, title: str
) -> None:
    path = _init(capsys, tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Odense"', f'"{written}"'), encoding="utf-8")
    assert main(["show", "--committee", str(path), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == title
    assert main(["show", "--committee", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("KLU Odense (Odense Kommune, ")


@pytest.mark.parametrize("code", ["0461", "461"])
def test_a_municipality_code_in_a_file_is_refused_with_the_name_to_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, code: str
) -> None:
    path = _init(capsys, tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Odense"', f'"{code}"'), encoding="utf-8")
    assert main(["show", "--committee", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"key 'committee.municipality': the municipality '{code}' is written Odense" in err
    assert "nearest" not in err
