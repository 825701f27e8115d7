"""The top level of ``klu-rules``: options that belong to no subcommand."""

from __future__ import annotations

import io
import json
from importlib.metadata import version
from pathlib import Path

import pytest
from helpers import ROOT, schema_errors

from klu_rules.cli import main
from klu_rules.cli._output import announce, drop_notices
from klu_rules.core.data import data_file
from klu_rules.core.files import read_limit


def test_version_prints_the_installed_version_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    out, err = capsys.readouterr()
    assert (info.value.code, out, err) == (0, f"klu-rules {version('klu_rules')}\n", "")


STDIN_CASES = {
    "show --committee -": (["show", "--committee", "-", "--lang", "en"], "aalborg_2023.toml"),
    "plan --committee -": (["plan", "--committee", "-", "--format", "json"], "aalborg_2023.toml"),
    "ics --committee -": (
        ["ics", "--committee", "-", "--stamp", "2023-01-01T00:00Z"],
        "aalborg_2023.toml",
    ),
    "wheel --committee -": (["wheel", "--committee", "-"], "aalborg_2023.toml"),
    "rules --rules -": (["rules", "--on", "2023-06-01", "--rules", "-"], "aalborg.toml"),
    "coverage --file -": (["coverage", "--file", "-", "--format", "json"], "coverage_rm_2021.toml"),
    "evaluate --overview -": (
        ["evaluate", "--overview", "-", "--format", "json"],
        "rsd_eval_2023.toml",
    ),
}


@pytest.mark.parametrize("case", STDIN_CASES)
def test_a_dash_reads_the_input_file_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    argv, name = STDIN_CASES[case]
    data = Path(data_file(name)).read_bytes()
    status = main([a if a != "-" else data_file(name) for a in argv])
    from_file = capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(argv) == status
    assert capsys.readouterr().out == from_file


def test_standard_input_is_bounded_like_a_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"#" * 100), encoding="utf-8"))
    with read_limit(50):
        assert main(["show", "--committee", "-", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("klu-rules: error: -: ")


def test_only_one_input_reads_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--committee", "-", "--rules", "-", "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "klu-rules: error: only one input can read standard input ('-'); --committee and "
        "--rules both give '-': give a file name for all but one\n"
    )


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["plan", "--from", "2023-05-01", "--to", "2023-01-01"], "klu-rules: error: "),
        (["ics", "-o", ""], "klu-rules: error: -o takes a file name ('-' for standard output)"),
        (["wheel", "-o", " "], "klu-rules: error: -o takes a file name"),
        (["init", "--municipality", "Odense", "-o", ""], "klu-rules: error: -o takes"),
        (["ics", "--split", "-"], "klu-rules: error: --split writes one file per item"),
    ],
)
def test_a_usage_error_prints_its_one_line_only(
    capsys: pytest.CaptureFixture[str], argv: list[str], text: str
) -> None:
    assert main([*argv, "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert (out, err.count("\n")) == ("", 1)
    assert err.startswith(text)


def test_an_unknown_option_points_to_its_subcommands_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", "--bogus", "--lang", "en"])
    assert info.value.code == 2
    assert capsys.readouterr().err == (
        "klu-rules: error: unrecognized arguments: --bogus (see klu-rules plan --help)\n"
    )


def test_wheel_writes_the_svg_to_standard_output_with_a_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["wheel", "-o", "-"]) == 1  # Aalborg's 2023 plan has an error finding
    assert capsys.readouterr().out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')


def test_the_size_limit_reads_the_same_for_a_file_and_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("klu_rules.io._ical_import.MAX_BYTES", 10)
    big = tmp_path / "big.ics"
    big.write_bytes(b"#" * 100)
    committee = data_file("aalborg_2023.toml")
    lines = []
    for source in (str(big), "-"):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"#" * 100)))
        assert main(["import", source, "--committee", committee, "--lang", "en"]) == 2
        err = capsys.readouterr().err
        lines.append(err.split(": ", 3)[-1])
    assert lines[0] == lines[1]
    assert lines[0] == (
        "the file is larger than 10 bytes, the limit for an input file; check that it is the "
        "right file, or split it into smaller files (one per year, say)\n"
    )


def test_init_names_the_file_it_writes_in_its_comments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mit-udvalg.toml"
    assert main(["init", "--municipality", "Odense", "--year", "2027", "-o", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert "plan --committee mit-udvalg.toml" in text
    assert "-o mit-udvalg.ics" in text
    assert "klu-odense" not in text.split("[committee]")[0]


def test_show_json_keeps_a_meetings_own_zone_and_its_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    committee = tmp_path / "klu.toml"
    committee.write_text(
        (ROOT / "examples" / "eksempelby_2027.toml")
        .read_text(encoding="utf-8")
        .replace('rules_file = "eksempelby_rules.toml"', 'rules = "national"')
        + '\n[[meetings]]\nid = "offset"\ntimezone = "+01:00:30"\n'
        "start = 2027-09-01T13:59:30Z\nend = 2027-09-01T15:59:30Z\n",
        encoding="utf-8",
    )
    assert main(["show", "--committee", str(committee), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert schema_errors(document) == []
    meetings = {m["id"]: m for m in document["meetings"]}
    assert meetings["offset"]["start"] == "2027-09-01T13:59:30+00:00"
    assert meetings["offset"]["timezone"] == "+01:00:30"
    assert {m["timezone"] for i, m in meetings.items() if i != "offset"} == {None}
    for argv in (["--year", "2027"], ["--from", "2027-08-01", "--to", "2027-09-30"]):
        main(["plan", "--committee", str(committee), "--format", "json", *argv])
        plan = json.loads(capsys.readouterr().out)
        assert schema_errors(plan) == []
        assert "2027-09-01T13:59:30+00:00" in json.dumps(plan)


def test_the_feed_cites_no_file_of_the_repository(capsys: pytest.CaptureFixture[str]) -> None:

    committee = str(ROOT / "examples" / "eksempelby_2027.toml")
    assert main(["ics", "--committee", committee]) == 0
    feed = capsys.readouterr().out.replace("\r\n ", "")
    assert "Regelsættet national vides at være fuldstændigt" in feed  # the horizon note
    assert "docs/" not in feed


def test_a_notice_outside_a_run_is_written_at_once(capsys: pytest.CaptureFixture[str]) -> None:

    announce("note")
    drop_notices()  # nothing waits outside a run
    assert capsys.readouterr().err == "note\n"
