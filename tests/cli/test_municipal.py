"""Any of the 98 municipalities can plan its year: init, plan, propose and ics."""

from __future__ import annotations

from pathlib import Path

import pytest

from klu_rules.cli import main
from klu_rules.io.committee_file import load_committee


def run(capsys: pytest.CaptureFixture[str], *argv: str, status: int = 0) -> tuple[str, str]:
    """Stdout and stderr of ``argv``, which exits with ``status`` (1: an error finding)."""
    found = main(list(argv))
    out, err = capsys.readouterr()
    assert found == status, err
    return out, err


@pytest.mark.parametrize(
    ("query", "name", "region"),
    [
        ("Odense", "KLU Odense", "Region Syddanmark"),
        ("751", "KLU Aarhus", "Region Midtjylland"),
        ("492", "KLU Ærø", "Region Syddanmark"),
    ],
)
def test_init_plan_propose_ics_without_hand_edits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str, name: str, region: str
) -> None:
    path = tmp_path / "klu.toml"
    out, _ = run(capsys, "init", "--municipality", query, "--year", "2027", "-o", str(path))
    assert str(path) in out
    committee = load_committee(path)
    assert (committee.name, committee.region, committee.year) == (name, region, 2027)
    assert all(p.placeholder for p in committee.people())

    out, _ = run(capsys, "plan", "--committee", str(path), "--year", "2027")
    assert out.startswith(f"{name}: mødeplan for 2027")
    assert "year.too-few-meetings" not in out
    assert "meeting.on-closed-day" not in out
    assert "committee.placeholder-people" in out

    out, _ = run(capsys, "propose", "--committee", str(path), "--year", "2028", "--format", "toml")
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + out)
    assert len(load_committee(path).meetings_in(2028)) == 2

    out, _ = run(
        capsys, "ics", "--committee", str(path), "--from", "2027-01-01", "--to", "2028-06-30"
    )
    assert out.count("BEGIN:VEVENT") == 6  # 3 meetings in the range and their agenda dispatch
    assert name in out

    out, _ = run(
        capsys,
        "plan",
        "--committee",
        str(path),
        "--from",
        "2027-01-01",
        "--to",
        "2028-06-30",
        "--lang",
        "en",
    )
    assert out.startswith(f"{name}: deadlines and meetings 1 January 2027 - 30 June 2028")


def test_init_in_english_to_standard_output_and_its_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out, _ = run(
        capsys, "init", "--municipality", "hoeje-taastrup", "--year", "2027", "--lang", "en"
    )
    assert out.startswith("# KLU Høje-Taastrup: committee file written by klu-rules init.")
    assert "Region on 1 January 2027: Region Østdanmark." in out
    assert 'id = "klu-hoeje-taastrup"' in out
    assert main(["init", "--municipality", "Odence", "--year", "2027"]) == 2
    assert "mente du Odense?" in capsys.readouterr().err
    path = tmp_path / "klu.toml"
    path.write_text("", encoding="utf-8")
    assert main(["init", "--municipality", "461", "-o", str(path), "--lang", "en"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["init", "--municipality", "461", "-o", str(tmp_path), "--force"]) == 2
    assert "kan ikke skrives" in capsys.readouterr().err


def test_the_fallback_to_aalborg_is_said_first(capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run(capsys, "plan", "--lang", "en", status=1)
    assert err == (
        "Note: no --committee given, so this is the built-in KLU Aalborg (--preset aalborg); "
        "give --committee FILE for your own committee.\n"
    )
    _, err = run(capsys, "show")
    assert err.startswith("Bemærk: intet --committee angivet")
    out, err = run(capsys, "ics", status=1)
    assert out.startswith("BEGIN:VCALENDAR")
    assert err.count("\n") == 2  # the note, and the plan's one error explaining status 1
    assert "(deadline.items-due-after-dispatch)" in err
    _, err = run(capsys, "plan", "--preset", "aalborg", status=1)
    assert err == ""
    avoid = "easter,2028-02-01..2028-02-29"
    out, err = run(capsys, "propose", "--rules", "national", "--year", "2028", "--avoid", avoid)
    assert err == ""
    assert "Periode: 1. februar 2028 - 29. februar 2028" in out


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["plan", "--from", "2027-01-01"], "--from og --to"),
        (["plan", "--from", "2027-01-01", "--to", "2027-02-01", "--year", "2027"], "--year"),
        (
            ["plan", "--from", "2027-01-01", "--to", "2027-02-01", "--meeting", "2027-01-07T15:00"],
            "--meeting",
        ),
        (["propose", "--rules", "national", "--preset", "aalborg", "--year", "2028"], "--rules"),
        (["propose", "--year", "2028", "--time", "kvart over"], "klokkeslæt"),
        (["propose", "--year", "2028", "--hours", "0"], "12 timer"),
    ],
)
def test_option_errors(capsys: pytest.CaptureFixture[str], argv: list[str], text: str) -> None:
    assert main(argv) == 2
    assert text in capsys.readouterr().err
