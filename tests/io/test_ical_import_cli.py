"""``klu-rules import FILE.ics --committee C.toml [--from DATE --to DATE] [-o OUT.toml]``."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import attrs
import pytest
from helpers import ROOT, cph, foreign_words, rich_committee, schema_errors

from klu_rules import dump_committee, load_committee
from klu_rules.checks.deadlines import plan_year
from klu_rules.cli import main
from klu_rules.cli.import_ics import merge
from klu_rules.io import ical

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def committee_file(tmp_path: Path) -> Path:
    path = tmp_path / "klu.toml"
    path.write_text(dump_committee(rich_committee()), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["import", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} changed"


@pytest.mark.parametrize("language", ["da", "en"])
def test_import_writes_the_merged_committee_and_reports_per_event(
    capsys: pytest.CaptureFixture[str], committee_file: Path, tmp_path: Path, language: str
) -> None:
    out_file = tmp_path / "merged.toml"
    argv = ("--committee", str(committee_file), "--from", "2024-01-01", "--to", "2024-12-31")
    status, out, err = _run(
        capsys, str(FIXTURES / "google.ics"), *argv, "-o", str(out_file), "--lang", language
    )
    assert (status, err) == (0, "")
    shown = out.replace(str(FIXTURES), "FIXTURES").replace(str(tmp_path), "TMP")
    _golden(f"import-google.{language}.txt", shown)
    merged = load_committee(out_file)
    before = rich_committee()
    assert len(merged.meetings) == len(before.meetings) + 62
    assert merged.meeting("m1") == before.meeting("m1")  # the committee's own are kept
    assert committee_file.read_text(encoding="utf-8") == dump_committee(before)


def test_without_output_nothing_is_written(
    capsys: pytest.CaptureFixture[str], committee_file: Path
) -> None:
    before = committee_file.read_bytes()
    status, out, _ = _run(capsys, str(FIXTURES / "outlook.ics"), "--committee", str(committee_file))
    assert status == 0
    assert out.splitlines()[
        0
    ] == "Import af {}: 4 møder overtaget, 1 begivenhed sprunget over.".format(
        FIXTURES / "outlook.ics"
    )
    assert out.rstrip().endswith("angiv -o FIL for at skrive den flettede udvalgsfil.")
    assert committee_file.read_bytes() == before


def test_standard_input_and_output(
    capsys: pytest.CaptureFixture[str], committee_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (FIXTURES / "outlook.ics").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, err = _run(
        capsys, "-", "--committee", str(committee_file), "-o", "-", "--lang", "en"
    )
    assert status == 0
    assert out.startswith("schema_version = 1")
    assert err.startswith("Import of -: 4 meetings taken, 1 event skipped.")


def test_the_committee_s_own_export_merges_unchanged_and_updates_by_revision(
    capsys: pytest.CaptureFixture[str], committee_file: Path, tmp_path: Path
) -> None:
    committee = rich_committee()
    feed = tmp_path / "klu.ics"
    feed.write_bytes(ical.dump_ics(plan_year(committee), committee=committee))
    status, out, _ = _run(capsys, str(feed), "--committee", str(committee_file), "--lang", "en")
    assert status == 0
    assert out.count("[unchanged]") == 4
    moved = attrs.evolve(
        committee.meeting("m1"), start=cph(2024, 3, 5, 15), end=cph(2024, 3, 5, 17), revision=1
    )
    merged, changes = merge(committee, [moved])
    assert changes == {"m1": "updated"}
    assert merged.meeting("m1").start == cph(2024, 3, 5, 15)
    assert merged.meeting("m1").agenda == committee.meeting("m1").agenda  # kept
    stale = attrs.evolve(moved, revision=0)
    feed.write_bytes(
        ical.dump_ics(
            plan_year(attrs.evolve(committee, meetings=[stale, *committee.meetings[1:]])),
            committee=committee,
        )
    )
    status, _, err = _run(capsys, str(feed), "--committee", str(committee_file))
    assert status == 2
    assert "mødet m1 i filen afviger" in err


def test_a_file_without_meetings(
    capsys: pytest.CaptureFixture[str], committee_file: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "holidays.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:h\r\nSUMMARY:Juleaften\r\n"
        b"DTSTART;VALUE=DATE:20241224\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    status, out, _ = _run(capsys, str(ics), "--committee", str(committee_file), "--lang", "en")
    assert status == 0
    assert "0 meetings taken, 1 event skipped." in out
    assert "Meetings:" not in out


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["--from", "2024-13-01"], "--from"),
        (["--from", "2024-02-01", "--to", "2024-01-01"], "byt om på --from og --to"),
        (["-o", "{ics}"], "uddata ville overskrive en af kørslens inddatafiler"),
        (["-o", "{missing}/out.toml"], "filen kan ikke skrives"),
    ],
)
def test_errors(
    capsys: pytest.CaptureFixture[str],
    committee_file: Path,
    tmp_path: Path,
    argv: list[str],
    text: str,
) -> None:
    ics = tmp_path / "in.ics"
    ics.write_bytes((FIXTURES / "outlook.ics").read_bytes())
    argv = [a.format(ics=ics, missing=tmp_path / "missing") for a in argv]
    status, out, err = _run(capsys, str(ics), "--committee", str(committee_file), *argv)
    assert (status, out) == (2, "")
    assert err.startswith("klu-rules: fejl: ")
    assert text in err
    assert ics.read_bytes() == (FIXTURES / "outlook.ics").read_bytes()


@pytest.mark.parametrize(
    ("language", "prefix", "text"),
    [
        ("da", "klu-rules: fejl: ", "er ikke en iCalendar-indholdslinje"),
        ("en", "klu-rules: error: ", "is not an iCalendar content line"),
    ],
)
def test_a_broken_file_is_one_line_in_the_language_asked_for(
    capsys: pytest.CaptureFixture[str],
    committee_file: Path,
    tmp_path: Path,
    language: str,
    prefix: str,
    text: str,
) -> None:
    ics = tmp_path / "broken.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is no calendar\r\n")
    argv = ("--committee", str(committee_file), "--lang", language)
    status, out, err = _run(capsys, str(ics), *argv)
    assert (status, out) == (2, "")
    assert err.startswith(f"{prefix}{ics}:3: ")
    assert text in err
    assert err.count("\n") == 1
    shown = err.removeprefix(prefix).replace(str(ics), "").replace("'this is no calendar'", "")
    assert foreign_words(shown, language, allow=frozenset({"ics"})) == set(), err


# --- what -o may write: the committee file in place, never another input ---------------------

EKSEMPELBY = ROOT / "examples" / "eksempelby_2027.toml"


@pytest.fixture
def eksempelby(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The example committee with its rule-set file in ``tmp_path``, and its own feed."""
    for name in ("eksempelby_2027.toml", "eksempelby_rules.toml"):
        (tmp_path / name).write_bytes((ROOT / "examples" / name).read_bytes())
    feed = tmp_path / "od.ics"
    main(["ics", "--committee", str(tmp_path / "eksempelby_2027.toml"), "-o", str(feed)])
    capsys.readouterr()
    return tmp_path / "eksempelby_2027.toml", feed


def test_the_rule_set_file_is_never_the_output(
    capsys: pytest.CaptureFixture[str], eksempelby: tuple[Path, Path]
) -> None:
    committee, feed = eksempelby
    rules = committee.parent / "eksempelby_rules.toml"
    before = rules.read_bytes()
    status, _, err = _run(capsys, str(feed), "--committee", str(committee), "-o", str(rules))
    assert status == 2
    assert "uddata ville overskrive en af kørslens inddatafiler" in err
    assert rules.read_bytes() == before


def test_the_committee_file_is_updated_in_place_and_says_so(
    capsys: pytest.CaptureFixture[str], eksempelby: tuple[Path, Path]
) -> None:
    committee, feed = eksempelby
    argv = (str(feed), "--committee", str(committee), "-o", str(committee), "--lang", "en")
    status, out, _ = _run(capsys, *argv)
    assert status == 0
    assert out.rstrip().endswith(f"The committee file {committee} was updated in place.")
    assert load_committee(committee) == load_committee(EKSEMPELBY)


def test_a_file_written_elsewhere_finds_its_rule_set_file(
    capsys: pytest.CaptureFixture[str], eksempelby: tuple[Path, Path], tmp_path: Path
) -> None:
    committee, feed = eksempelby
    (tmp_path / "sub").mkdir()
    moved = tmp_path / "sub" / "eksempelby_rules.toml"
    moved.write_bytes(committee.with_name("eksempelby_rules.toml").read_bytes())
    text = committee.read_text(encoding="utf-8")
    inner = tmp_path / "inner.toml"
    inner.write_text(
        text.replace('"eksempelby_rules.toml"', '"sub/eksempelby_rules.toml"'), encoding="utf-8"
    )
    out = tmp_path / "sub" / "out.toml"
    assert _run(capsys, str(feed), "--committee", str(inner), "-o", str(out))[0] == 0
    assert 'rules_file = "eksempelby_rules.toml"' in out.read_text(encoding="utf-8")
    assert load_committee(out).meetings == load_committee(EKSEMPELBY).meetings
    # one level up the rule-set file would lie outside the file's folder: refused
    status, _, err = _run(capsys, str(feed), "--committee", str(committee), "-o", str(out))
    assert status == 2
    assert "uden for sin egen mappe" in err
    assert err.count("\n") == 1


def test_a_meeting_in_the_repeated_autumn_hour_reimports_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    committee = tmp_path / "klu.toml"
    committee.write_text(
        EKSEMPELBY.read_text(encoding="utf-8").replace(
            'rules_file = "eksempelby_rules.toml"', 'rules = "national"'
        )
        + '\n[[meetings]]\nid = "fold"\nstart = 2027-10-31T02:30:00+01:00\n'
        "end = 2027-10-31T04:00:00+01:00\n",
        encoding="utf-8",
    )
    feed = tmp_path / "f.ics"
    main(["ics", "--committee", str(committee), "-o", str(feed)])
    capsys.readouterr()
    status, out, _ = _run(capsys, str(feed), "--committee", str(committee), "--lang", "en")
    assert status == 0
    assert "31 October 2027, 02:30-04:00" in out
    assert "[updated]" not in out
    assert "[new]" not in out


def test_only_one_input_reads_standard_input(
    capsys: pytest.CaptureFixture[str], committee_file: Path
) -> None:
    status, _, err = _run(capsys, "-", "--committee", "-", "--lang", "en")
    assert status == 2
    assert err == (
        "klu-rules: error: only one input can read standard input ('-'); --committee and "
        "FILE.ics both give '-': give a file name for all but one\n"
    )


def test_the_report_names_standard_output(
    capsys: pytest.CaptureFixture[str], committee_file: Path
) -> None:
    argv = (str(FIXTURES / "outlook.ics"), "--committee", str(committee_file), "-o", "-")
    status, out, err = _run(capsys, *argv, "--lang", "en")
    assert status == 0
    assert out.startswith("schema_version = 1")
    assert err.rstrip().endswith("The committee file was written to standard output.")
    assert _run(capsys, *argv[:-1], "")[0] == 2


def test_the_json_report_says_per_event_what_was_taken_and_skipped(
    capsys: pytest.CaptureFixture[str], committee_file: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "merged.toml"
    argv = ("--committee", str(committee_file), "--from", "2024-01-01", "--to", "2024-12-31")
    status, out, err = _run(
        capsys, str(FIXTURES / "google.ics"), *argv, "-o", str(out_file), "--format", "json"
    )
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert schema_errors(document) == []
    assert document["outcome"] == "partly-imported"
    assert document["parameters"]["taken"] == len(document["meetings"]) == 62
    assert document["parameters"]["skipped"] == len(document["findings"]) > 0
    assert {f["code"] for f in document["findings"]} <= {
        "ical.all-day",
        "ical.outside-range",
        "ical.cancelled-occurrence",
        "ical.series-needs-range",
    }
    assert set(document["changes"]) == {m["id"] for m in document["meetings"]}
    assert set(document["changes"].values()) == {"new"}
    assert document["output"] == {"status": "written", "file": str(out_file)}
    # with -o - the committee file goes to standard output and the report to standard error
    status, out, err = _run(
        capsys, str(FIXTURES / "google.ics"), *argv, "-o", "-", "--format", "json"
    )
    assert json.loads(err)["output"] == {"status": "written_stdout", "file": "-"}
    assert out.startswith("schema_version = 1")
