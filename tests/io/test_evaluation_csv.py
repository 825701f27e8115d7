"""The evaluation CSV in Danish (the region's columns, the default) and in English."""

from __future__ import annotations

import csv
import io

import pytest
from helpers import foreign_words

from klu_rules.core.errors import FileFormatError
from klu_rules.core.language import LANGUAGES, Language, UnsupportedLanguageError
from klu_rules.io.evaluation_file import (
    OVERVIEW_COLUMNS,
    REPORT_COLUMNS,
    overview_from_csv,
    overview_to_csv,
    report_to_csv,
    rsd_2023,
)

DANISH_HEADER = (
    "Kommunenavn,Antal møder,Afholdt,Planlagt,Aflyst,Emner drøftet,"
    "Opfølgning og status på implementering af lokale aftaler,"
    "Generel vurdering af samarbejdet,Status,År,Region,Sendt til,Sendt den,Kilder"
)
ENGLISH_HEADER = (
    "Municipality,Number of meetings,Held,Planned,Cancelled,Topics discussed,"
    "Follow-up and status of implementing local agreements,"
    "General assessment of the cooperation,Status,Year,Region,Sent to,Sent on,Sources"
)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    ("language", "header", "states"),
    [
        (
            "da",
            DANISH_HEADER,
            {"Ingen evaluering", "Evaluering uden mødeantal", "Mødeantal oplyst"},
        ),
        ("en", ENGLISH_HEADER, {"No report", "Report without a count", "Count stated"}),
    ],
)
def test_overview_header_and_states(language: Language, header: str, states: set[str]) -> None:
    text = overview_to_csv(rsd_2023(), language=language)
    assert text.split("\r\n", 1)[0] == header
    rows = _rows(text)
    state = OVERVIEW_COLUMNS.index("state")
    assert {row[state] for row in rows[1:]} == states
    assert foreign_words(header, language) == set()
    for value in states:
        assert foreign_words(value, language) == set()


def test_danish_is_the_default() -> None:
    overview = rsd_2023()
    assert overview_to_csv(overview) == overview_to_csv(overview, language="da")
    report = next(e.report for e in overview.entries if e.report is not None)
    assert report_to_csv(report) == report_to_csv(report, language="da")


@pytest.mark.parametrize("language", LANGUAGES)
def test_either_language_reads_back(language: Language) -> None:
    overview = rsd_2023()
    text = overview_to_csv(overview, language=language)
    assert overview_from_csv(text) == overview
    # and writes the same file again
    assert overview_to_csv(overview_from_csv(text), language=language) == text


def test_report_in_english() -> None:
    overview = rsd_2023()
    langeland = next(e.report for e in overview.entries if e.municipality == "Langeland")
    assert langeland is not None
    header, row = _rows(report_to_csv(langeland, language="en"))
    assert header == [c for c in ENGLISH_HEADER.split(",") if c not in ("Status", "Region")]
    assert len(header) == len(REPORT_COLUMNS)
    assert dict(zip(header, row, strict=True))["Held"] == "3"


def test_english_errors_name_the_english_columns() -> None:
    text = overview_to_csv(rsd_2023(), language="en")
    broken = text.replace("Count stated", "Yes", 1)
    with pytest.raises(FileFormatError, match="key 'Status': expected one of 'No report'"):
        overview_from_csv(broken, path="overview.csv")
    with pytest.raises(FileFormatError, match="missing 'Number of meetings'"):
        overview_from_csv("Municipality\r\n")


def test_status_cells_follow_the_header_language() -> None:
    # an English header with Danish status cells is not a file klu_rules wrote
    text = overview_to_csv(rsd_2023(), language="en").replace("Count stated", "Mødeantal oplyst")
    with pytest.raises(FileFormatError, match="expected one of 'No report'"):
        overview_from_csv(text)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(UnsupportedLanguageError, match="da, en"):
        overview_to_csv(rsd_2023(), language="de")  # type: ignore[arg-type]
