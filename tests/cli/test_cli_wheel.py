"""``klu-rules wheel``: the annual wheel as SVG or HTML, in Danish by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AALBORG_2023_EXIT, EXAMPLE_2027

from klu_rules.cli import main


def test_writes_the_svg_in_danish_by_default(tmp_path: Path) -> None:
    out = tmp_path / "hjul.svg"
    assert main(["wheel", "--as-of", "2023-07-01", "-o", str(out)]) == AALBORG_2023_EXIT
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml")
    assert "årshjul for 2023" in svg
    assert ">januar<" in svg
    assert "Status pr. 1. juli 2023" in svg


def test_writes_the_html_page_in_english(tmp_path: Path) -> None:
    out = tmp_path / "Plan.HTML"
    args = ["wheel", "--committee", str(EXAMPLE_2027), "--year", "2027", "--lang", "en"]
    assert main([*args, "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "KLU Eksempelby: annual wheel for 2027" in page
    assert "Topics for 2028, agreed 25 November 2027" in page


def test_without_output_the_svg_goes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wheel", "--lang", "en", "--meeting", "2024-06-06T15:00/17:00"]) == 0
    svg = capsys.readouterr().out
    assert "Annual wheel for 2024" in svg
    assert "6 June 2024, 15:00-17:00" in svg


@pytest.mark.parametrize(("lang", "prefix"), [("da", "fejl"), ("en", "error")])
def test_an_unknown_suffix_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, prefix: str
) -> None:
    out = tmp_path / "hjul.pdf"
    assert main(["wheel", "--lang", lang, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"klu-rules: {prefix}: ")
    assert ".svg" in err
    assert ".html" in err
    assert not out.exists()


def test_an_unwritable_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["wheel", "-o", str(tmp_path / "missing" / "hjul.svg")]) == 2
    assert "klu-rules: fejl: " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "title", "month"),
    [
        ("da", "KLU Odense: årshjul for 2027", ">januar<"),
        ("en", "annual wheel for 2027", ">January<"),
    ],
)
def test_draws_a_2027_plan_of_a_committee_started_with_init(
    tmp_path: Path, lang: str, title: str, month: str
) -> None:
    committee = tmp_path / "odense.toml"
    assert main(["init", "--municipality", "461", "--year", "2027", "-o", str(committee)]) == 0
    for suffix in ("svg", "html"):
        out = tmp_path / f"odense.{lang}.{suffix}"
        args = ["wheel", "--committee", str(committee), "--year", "2027", "--lang", lang]
        assert main([*args, "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert title in text
        assert month in text
        assert text.count("2027") >= 3  # the meetings the file proposes, with their dates


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("da", "KLU Eksempelby: årshjul 1. august 2027 – 31. juli 2028"),
        ("en", "KLU Eksempelby: annual wheel 1 August 2027 – 31 July 2028"),
    ],
)
def test_from_and_to_draw_a_season(tmp_path: Path, lang: str, title: str) -> None:
    out = tmp_path / "saeson.html"
    args = ["wheel", "--committee", str(EXAMPLE_2027), "--lang", lang, "-o", str(out)]
    assert main([*args, "--from", "2027-08-01", "--to", "2028-07-31"]) == 0
    page = out.read_text(encoding="utf-8")
    assert title in page
    assert page.count('class="meeting"') == 3  # September, November and December 2027


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--from", "2027-08-01", "--to", "2028-08-01"], "367"),
        (["--year", "2027", "--from", "2027-08-01", "--to", "2028-07-31"], "--year"),
        (["--from", "2027-08-01"], "--to"),
    ],
)
@pytest.mark.parametrize(("lang", "prefix"), [("da", "fejl"), ("en", "error")])
def test_a_bad_range_is_a_clear_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    says: str,
    lang: str,
    prefix: str,
) -> None:
    out = tmp_path / "hjul.svg"
    args = ["wheel", "--committee", str(EXAMPLE_2027), "--lang", lang, "-o", str(out), *extra]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"klu-rules: {prefix}: ")
    assert says in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_year_and_the_range_of_that_year_draw_the_same_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committee = tmp_path / "udvalg.toml"
    head = '[committee]\nid = "klu-x"\nname = "KLU X"\nmunicipality = "Odense"\n'
    head += 'region = "Region Syddanmark"\nrules = "national"\nyear = 2024\n'
    meetings = "".join(
        f'\n[[meetings]]\nid = "{i}"\nstart = {day}T15:00:00\nend = {day}T17:00:00\n'
        for i, day in (("juni", "2024-06-10"), ("januar", "2025-01-06"))
    )
    committee.write_text(f"schema_version = 1\n{head}{meetings}", encoding="utf-8")
    outputs = []
    for extra in (["--year", "2024"], ["--from", "2024-01-01", "--to", "2024-12-31"]):
        out = tmp_path / f"hjul{len(outputs)}.svg"
        status = main(["wheel", "--committee", str(committee), "-o", str(out), *extra])
        outputs.append((status, out.read_bytes(), capsys.readouterr().err))
    assert outputs[0] == outputs[1]
    assert "december 2024" in outputs[0][1].decode()  # the January meeting's deadline


def test_draws_meetings_given_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "hjul.svg"
    assert main(["wheel", "--meeting", "2024-05-14T15:00", "-o", str(out)]) in (0, 1)
    assert "Årshjul for 2024" in out.read_text(encoding="utf-8")
