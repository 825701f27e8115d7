"""The top level of ``klu-rules``: options that belong to no subcommand."""

from __future__ import annotations

import io
from importlib.metadata import version

import pytest

from klu_rules.cli import main
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
    data = data_file(name).read_bytes()
    status = main([a if a != "-" else str(data_file(name)) for a in argv])
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
