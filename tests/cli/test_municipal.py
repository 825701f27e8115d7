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


def test_official_names_and_one_region_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "nordfyns.toml"
    run(capsys, "init", "--municipality", "Nordfyns", "--year", "2026", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    assert 'municipality = "Nordfyns"' in text
    assert 'region = "Region Syddanmark"' in text
    out, err = run(capsys, "show", "--committee", str(path), "--lang", "en")
    assert out.splitlines()[0] == "KLU Nordfyns (Nordfyns Municipality, Region Syddanmark)"
    assert err.count("\n") == 1  # the placeholders only: no warning about the place
    assert "placeholders in the committee file are not real people" in err
    # the short form is accepted in a file and shown with the full name
    path.write_text(text.replace('"Region Syddanmark"', '"Syddanmark"'), encoding="utf-8")
    out, _ = run(capsys, "show", "--committee", str(path))
    assert out.splitlines()[0] == "KLU Nordfyns (Nordfyns Kommune, Region Syddanmark)"


@pytest.mark.parametrize(
    ("old", "new", "text"),
    [
        ('region = "Region Syddanmark"', 'region = "Region Nordjylland"',
         "key 'committee.region': Odense does not lie in Region Nordjylland"),
        ('municipality = "Odense"', 'municipality = "odense"',
         "key 'committee.municipality': the municipality 'odense' is written Odense"),
    ],
)  # fmt: skip
def test_a_committee_file_in_the_wrong_place_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, old: str, new: str, text: str
) -> None:
    path = tmp_path / "odense.toml"
    run(capsys, "init", "--municipality", "Odense", "--year", "2026", "-o", str(path))
    written = path.read_text(encoding="utf-8")
    assert old in written
    path.write_text(written.replace(old, new, 1), encoding="utf-8")
    err = run(capsys, "show", "--committee", str(path), "--lang", "en", status=2)[1]
    assert text in err


def test_a_made_up_municipality_is_warned_of_not_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "odense.toml"
    run(capsys, "init", "--municipality", "Odense", "--year", "2026", "-o", str(path))
    written = path.read_text(encoding="utf-8").replace('"Odense"', '"Christiansø"', 1)
    path.write_text(written, encoding="utf-8")
    out, err = run(capsys, "show", "--committee", str(path), "--lang", "en")
    assert "Christiansø" in out
    assert err.startswith("klu-rules: warning: Christiansø is not one of Denmark's 98")
    path.write_text(
        written.replace('region = "Region Syddanmark"', 'region = "Region Sjælland"').replace(
            "year = 2026", "year = 2027"
        ),
        encoding="utf-8",
    )
    err = run(capsys, "show", "--committee", str(path), "--lang", "en", status=2)[1]
    assert "Region Sjælland no longer exists in 2027" in err


def test_an_overview_is_checked_against_the_municipalities(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "overview.toml"
    head = 'schema_version = 1\nregion = "Region Syddanmark"\nyear = 2023\n'
    path.write_text(head + '[[entries]]\nmunicipality = "Aalborg"\n', encoding="utf-8")
    err = run(capsys, "evaluate", "--overview", str(path), "--lang", "en", status=2)[1]
    assert "Aalborg does not lie in Region Syddanmark but in Region Nordjylland" in err
    path.write_text(head + '[[entries]]\nmunicipality = "Region Syddanmark"\n', encoding="utf-8")
    err = run(capsys, "evaluate", "--overview", str(path), "--lang", "en", status=2)[1]
    assert "is a region, not a municipality" in err
    path.write_text(
        head.replace("Region Syddanmark", "Region X")
        + '[[entries]]\nmunicipality = "Christiansø"\n',
        encoding="utf-8",
    )
    out, err = run(capsys, "evaluate", "--overview", str(path), "--lang", "en")
    assert "Christiansø" in out
    assert "Christiansø is not one of Denmark's 98 municipalities" in err
    assert "Region X is not one of Denmark's regions" in err


def test_show_judges_the_region_on_the_days_of_the_meetings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # no `year` in the file: the 2027 meeting is what the file is about (LOV-699-2025)
    committee = tmp_path / "klu.toml"
    committee.write_text(
        'schema_version = 1\n\n[committee]\nid = "klu-naestved"\nname = "KLU Næstved"\n'
        'municipality = "Næstved"\nregion = "Region Sjælland"\nrules = "national"\n\n'
        '[[meetings]]\nid = "m1"\nstart = 2027-03-04T15:00:00\nend = 2027-03-04T17:00:00\n',
        encoding="utf-8",
    )
    assert main(["show", "--committee", str(committee), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("klu-rules: warning: Region Sjælland is not a region in 2027")
    assert "write Region Østdanmark" in err
