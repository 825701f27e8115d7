"""Annual evaluation: meeting counts, reports, the region overview, files and CLI.

The figures are counted by hand from Region Syddanmark's overview of the 2023
evaluations (``RSD-EVAL-2023``, seed ``001_…``).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve as attrs_evolve
from helpers import SEEDS, foreign_words, rich_committee
from hypothesis import given
from hypothesis import strategies as st

from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.checks.routing import advance_agreement
from klu_rules.cli import main
from klu_rules.cli.evaluate import run
from klu_rules.core.errors import FileFormatError, InvalidValueError
from klu_rules.core.serialize import from_data, to_data
from klu_rules.core.sources import SOURCES
from klu_rules.io.evaluation_file import (
    load_evaluations,
    overview_from_csv,
    overview_to_csv,
    report_from_values,
    report_to_csv,
    rsd_2023,
)
from klu_rules.io.meeting_count_text import parse_meeting_count
from klu_rules.model.agreement import Agreement
from klu_rules.model.evaluation import (
    ENTRY_STATES,
    EvaluationEntry,
    EvaluationReport,
    MeetingCount,
    RegionOverview,
)
from klu_rules.text.evaluation import (
    overview_to_markdown,
    overview_to_text,
    report_to_markdown,
    report_to_text,
)

# ---------------------------------------------------------------------------
# the count texts of the seed, verbatim, with what they say

BILLUND = (
    "<p>KLU møder fastlægges med 4 årlige møder á 2 timers varighed, ét af møderne forlænges "
    "med ½ time, hvor formand og næstformand for flg. tre politiske udvalg deltager:</p> "
    "<p>Voksenudvalget</p> <p>Børn- og Familieudvalget</p> <p>Unge, Uddannelse og "
    "Beskæftigelsesudvalget</p> <p>Dagsorden til KLU indeholder relevante emner, med mulighed "
    "for at kommentere og diskutere. Der er tilfredshed med mødernes</p> <p>gennemførelse, "
    "dagsorden og referat. På KLU møderne besluttes, hvilke emner der er relevante for alle i "
    "almen praksis at blive orienteret om via et Nyhedsbrev. Nyhedsbrevet sendes til alle "
    "lægehuse i Billund Kommune fire gange årligt og lægges på kommunens hjemmeside. Efter de "
    "fire KLU møder gennemføres en systematisk opfølgning med udgangspunkt i referatet. "
    "Opfølgningen gennemføres med Praksiskonsulenten.</p>"
)
VEJEN = (
    'KLU møder <ul style="list-style-type: none"> • Januar • April • Juni • November '
    "Lægemøde August"
)
AERO = (
    '<p>2 KLU møder. Ud over disse afholdes:</p> <ul style="list-style-type: none"> - 2 årlige '
    "møder mellem praktiserende læger, ledelsen fra Sygehusenheden Ærø, Region Syddanmark og "
    "Ældre Sundhedsområdet i Ærø Kommune. - Temadage med forskellige emner af interesse "
    "tværsektorielt hvor kommunale medarbejdere, almen praksis og sygehuspersonale samt "
    "sygehuslæger inviteres."
)

# every distinct non-empty "Antal møder" text in the seed -> (held, planned, cancelled)
SEED_COUNTS: dict[str, tuple[int | None, int | None, int | None]] = {
    "4": (4, None, None),  # Assens, Esbjerg
    BILLUND: (None, None, None),  # describes the arrangement, states no count
    "4 møder": (4, None, None),  # Faaborg-Midtfyn, Tønder
    "2 møder 17. april 9. oktober": (2, None, None),  # Haderslev: the dates are the two
    "3": (3, None, None),  # Kolding, Middelfart, Svendborg
    "Planlagt 4 møder. Afholdt 3 møder, 1 aflyst.": (3, 4, 1),  # Langeland
    "2 møder": (2, None, None),  # Nordfyns
    "4 faste møder og 1 informationsaften for alle praktiserende læger i kommunen.": (
        4,
        None,
        None,
    ),  # Nyborg
    "4 møder 1 temaeftersmiddag": (4, None, None),  # Odense
    "4 ordinære møder": (4, None, None),  # Sønderborg
    VEJEN: (4, None, None),  # four months; the August doctors' meeting is not a KLU meeting
    "2": (2, None, None),  # Vejle
    AERO: (2, None, None),  # the other meetings are "ud over disse"
    "4 ordinære møder 2 temadage for alle praktiserende læger": (4, None, None),  # Aabenraa
}

MORE_COUNTS: dict[str, tuple[int | None, int | None, int | None]] = {
    "4.": (4, None, None),
    "1 møde": (1, None, None),
    "Fire møder": (4, None, None),
    "ingen møder afholdt": (0, None, None),
    "4 KLU-møder": (4, None, None),
    "Planlagt 4 møder.": (None, 4, None),
    "Afholdt 3 møder og 1 aflyst": (3, None, 1),
    "3 møder er afholdt, heraf ingen aflyst": (3, None, 0),
    "4 møder planlagt, 3 afholdt": (3, 4, None),
    "januar, april og juni": (3, None, None),
    "Møder: 17. april, 9. oktober 2023": (2, None, None),
    "4 møder: januar, april, juni, november": (4, None, None),
    "2 møder. Derudover 2 temadage": (2, None, None),
    # not read: no guess
    "4 møder, 1 aflyst": (None, None, None),  # 4 held or 4 planned?
    "Planlagt 3 møder. Afholdt 4 møder.": (None, None, None),  # contradicts itself
    "Planlagt 4, afholdt 3, 2 aflyst": (None, None, None),  # 3 + 2 > 4
    "Afholdt 3 møder. Afholdt 2 møder.": (None, None, None),
    "Afholdt møder": (None, None, None),
    "Afholdt 3 møder om året": (None, None, None),
    "Afholdt aflyst 3": (None, None, None),
    "Afholdt 3 4 møder": (None, None, None),
    "2 møder 17. april 9. oktober 1. december": (None, None, None),  # more dates than meetings
    "4 møder 17. april 9. oktober": (None, None, None),  # fewer dates: read neither way
    "4 møder og 1 ekstraordinært møde": (None, None, None),
    "4 møder om året": (None, None, None),
    "4 årlige møder": (None, None, None),
    "2023": (None, None, None),
    "Lægemøde august": (None, None, None),
    "KLU møder januar juni Aflyst: november": (None, None, None),
    "KLU møder januar juni KLU-møde november": (None, None, None),
    "januar juni & august": (None, None, None),
    "Se referaterne": (None, None, None),
}


def numbers(count: MeetingCount | None) -> tuple[int | None, int | None, int | None] | None:
    return None if count is None else (count.held, count.planned, count.cancelled)


@pytest.mark.parametrize(("text", "expected"), [*SEED_COUNTS.items(), *MORE_COUNTS.items()])
def test_meeting_count_texts(text: str, expected: tuple[int | None, ...]) -> None:
    count = parse_meeting_count(text)
    assert count is not None
    assert count.raw == text
    assert numbers(count) == expected


@pytest.mark.parametrize("text", ["", "   ", "<p></p>", '<ul style="x"> </ul>', "&nbsp;"])
def test_empty_count_text_is_no_count(text: str) -> None:
    assert parse_meeting_count(text) is None


def test_the_table_lists_every_count_text_of_the_shipped_overview() -> None:
    texts = {
        e.report.meeting_count.raw
        for e in rsd_2023().entries
        if e.report is not None and e.report.meeting_count is not None
    }
    assert texts == set(SEED_COUNTS)
    count = parse_meeting_count(VEJEN)
    assert count is not None
    assert count.text == "KLU møder • Januar • April • Juni • November Lægemøde August"
    with pytest.raises(InvalidValueError, match="must be text, got 4"):
        parse_meeting_count(4)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# the shipped overview, counted by hand from the seed

ORDER = [
    *("Assens", "Billund", "Esbjerg", "Fanø", "Fredericia", "Faaborg-Midtfyn", "Haderslev"),
    *("Kerteminde", "Kolding", "Langeland", "Middelfart", "Nordfyns", "Nyborg", "Odense"),
    *("Svendborg", "Sønderborg", "Tønder", "Varde", "Vejen", "Vejle", "Ærø", "Aabenraa"),
]
HELD = {
    "Assens": 4,
    "Esbjerg": 4,
    "Faaborg-Midtfyn": 4,
    "Haderslev": 2,
    "Kolding": 3,
    "Langeland": 3,
    "Middelfart": 3,
    "Nordfyns": 2,
    "Nyborg": 4,
    "Odense": 4,
    "Svendborg": 3,
    "Sønderborg": 4,
    "Tønder": 4,
    "Vejen": 4,
    "Vejle": 2,
    "Ærø": 2,
    "Aabenraa": 4,
    # the row, not the cell alone: "4 årlige møder", "Kvartal 1 ... Kvartal 4 KLU møde",
    # "På Kvartal 4 2023 KLU blev der gennemført en evaluering"
    "Billund": 4,
}


@pytest.fixture(scope="module")
def overview() -> RegionOverview:
    return rsd_2023()


def by_name(overview: RegionOverview) -> dict[str, EvaluationEntry]:
    return {e.municipality: e for e in overview.entries}


def test_shipped_overview_order_and_states(overview: RegionOverview) -> None:
    assert overview.region == "Region Syddanmark"
    assert overview.year == 2023
    assert [e.municipality for e in overview.entries] == ORDER
    states = {e.municipality: e.state for e in overview.entries}
    assert [m for m, s in states.items() if s == "no_report"] == [
        "Fanø",
        "Fredericia",
        "Kerteminde",
    ]
    assert [m for m, s in states.items() if s == "report_without_count"] == ["Varde"]
    assert {
        m: e.report.held
        for m, e in by_name(overview).items()
        if e.report is not None and e.state == "count"
    } == HELD
    totals = overview.totals
    assert totals.municipalities == 22
    assert totals.reporting == 19
    assert totals.with_count == 18
    assert totals.without_count == 1
    assert totals.no_report == 3
    assert totals.held == 60 == sum(HELD.values())


def test_billund_held_four_meetings_and_the_raw_cell_is_kept(overview: RegionOverview) -> None:
    """Seed 001, Billund: "KLU møder fastlægges med 4 årlige møder", the topics "Kvartal 1 KLU
    møde" to "Kvartal 4 KLU møde" and "På Kvartal 4 2023 KLU blev der gennemført en
    evaluering": four meetings were held, so Region Syddanmark's total is 60."""
    report = by_name(overview)["Billund"].report
    assert report is not None
    assert report.meeting_count is not None
    assert report.held == 4
    assert report.meeting_count.raw.startswith("<p>KLU møder fastlægges med 4 årlige møder")
    assert [t for t in report.topics if t.startswith("Kvartal")] == [
        f"Kvartal {n} KLU møde" for n in (1, 2, 3, 4)
    ]
    assert "På Kvartal 4 2023 KLU blev der gennemført en evaluering" in report.general_assessment


def test_langeland_held_planned_cancelled(overview: RegionOverview) -> None:
    report = by_name(overview)["Langeland"].report
    assert report is not None
    assert report.meeting_count is not None
    assert numbers(report.meeting_count) == (3, 4, 1)
    assert report.held == 3
    assert report.local_agreements_follow_up == (
        "Der er indgået en lokal samarbejdsaftale (SAM:BO) mellem almen praksis og kommunen på "
        "Langeland."
    )


def test_varde_reports_topics_but_no_count(overview: RegionOverview) -> None:
    report = by_name(overview)["Varde"].report
    assert report is not None
    assert report.meeting_count is None
    assert len(report.topics) == 22
    assert report.topics[0] == "Emner på KLU-dagsorden i 2023 har været følgende:"
    assert report.topics[-1] == (
        "Drøftelse af tilbud til patienter med erhvervet hjerneskade i Varde Kommune v. Komponent"
    )


def test_spot_checks_against_the_seed(overview: RegionOverview) -> None:
    entries = by_name(overview)
    assens = entries["Assens"].report
    assert assens is not None
    assert assens.general_assessment == "Samarbejdet fungerer udemærket ."
    assert assens.local_agreements_follow_up == ""
    assert assens.topics[-3:] == ("Gensidig orientering", "Eventuelt", "Punkter til næste møde")
    nordfyns = entries["Nordfyns"].report
    assert nordfyns is not None
    assert nordfyns.topics[:2] == (
        "Fremtidens ældre- og sundhedsområdet i Nordfyns Kommune",
        "Orientering fra Arbejdsmarkedsområdet",
    )
    assert len(nordfyns.topics) == 12
    vejle = entries["Vejle"].report
    assert vejle is not None
    assert any(t.endswith("kroniske smerter - indsatser og organisering)") for t in vejle.topics)
    billund = entries["Billund"].report
    assert billund is not None
    assert "stort udbytte for både medarbejderne" in billund.general_assessment
    assert billund.local_agreements_follow_up == (
        "Der er ikke indgået lokale aftaler i indværende år."
    )
    for entry in overview.entries:
        if entry.report is not None:
            assert entry.report.sources == ("RSD-EVAL-2023",)
            # seed 001 names no recipient on any row: none is recorded
            assert entry.report.sent_to is None
            assert entry.report.sent_on is None


# --- the shipped data against the seed itself, where the seed is at hand --------------

SEED = SEEDS / "001_245bf4f56aeca340.txt"
_TAG = re.compile(r"<[^>]*>")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")


def seed_rows() -> dict[str, list[str]]:
    """Municipality -> its four cells, rows continued across page breaks joined."""
    rows: dict[str, list[list[str]]] = {}
    last = ""
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        if len(cells) != 5 or cells[0] == "Kommunenavn":
            continue
        name = _TAG.sub("", cells[0]).strip()
        if name:
            last = name
            rows[name] = [[c] for c in cells[1:]]
        else:
            for parts, cell in zip(rows[last], cells[1:], strict=True):
                parts.append(cell)
    return {
        m: [" ".join(p.strip() for p in parts if p.strip()) for parts in cols]
        for m, cols in rows.items()
    }


def words(text: str) -> list[str]:
    """The words of a cell: markup, list bullets and dashes removed."""
    return [w for w in _TAG.sub(" ", text).split() if w not in {"-", "•", "o"}]


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not beside the project")
def test_shipped_data_is_faithful_to_the_seed(overview: RegionOverview) -> None:
    rows = seed_rows()
    assert list(rows) == ORDER
    for entry in overview.entries:
        count, topics, follow_up, assessment = rows[entry.municipality]
        report = entry.report
        if report is None:
            assert (count, topics, follow_up, assessment) == ("", "", "", ""), entry
            continue
        assert (report.meeting_count.raw if report.meeting_count else "") == count
        assert words(" ".join(report.topics)) == words(topics), entry.municipality
        assert words(report.local_agreements_follow_up) == words(follow_up), entry.municipality
        assert words(report.general_assessment) == words(assessment), entry.municipality


# ---------------------------------------------------------------------------
# properties


@given(st.text())
def test_parse_never_guesses_and_never_contradicts_itself(text: str) -> None:
    plain = html.unescape(_TAG.sub(" ", text)).strip()
    if plain and CONTROL.search(text):  # a count the model does not take
        with pytest.raises(InvalidValueError, match=r"control character|line break"):
            parse_meeting_count(text)
        return
    count = parse_meeting_count(text)
    if count is None:
        assert plain == ""
        return
    assert count.raw == text
    if count.planned is not None:
        assert (count.held or 0) + (count.cancelled or 0) <= count.planned
        if count.held is not None:
            assert count.held <= count.planned


FRAGMENTS = [
    *("4", "3", "fire", "en", "møder", "møde", "KLU", "KLU-møder", "planlagt", "afholdt"),
    *("aflyst", "Planlagt", "Afholdt", "1 aflyst", ",", ".", "og", "heraf", "januar", "april"),
    *("17.", "9. oktober", "Lægemøde", "ud over disse", "temadag", "<p>", "</p>", "•", "-", "x"),
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join))
def test_parse_of_near_miss_texts_is_consistent(text: str) -> None:
    count = parse_meeting_count(text)
    if count is not None and count.planned is not None:
        assert (count.held or 0) + (count.cancelled or 0) <= count.planned


@st.composite
def counts(draw: st.DrawFn) -> tuple[int | None, int | None, int | None]:
    planned = draw(st.none() | st.integers(0, 999))
    top = 999 if planned is None else planned
    held = draw(st.none() | st.integers(0, top))
    rest = top - (held or 0) if planned is not None else 999
    cancelled = draw(st.none() | st.integers(0, rest))
    return held, planned, cancelled


@given(counts())
def test_from_numbers_text_reads_back(values: tuple[int | None, int | None, int | None]) -> None:
    held, planned, cancelled = values
    if values == (None, None, None):
        with pytest.raises(InvalidValueError, match="needs at least one of"):
            MeetingCount.from_numbers()
        return
    made = MeetingCount.from_numbers(held=held, planned=planned, cancelled=cancelled)
    assert numbers(parse_meeting_count(made.raw)) == values


def test_from_numbers_wording() -> None:
    assert MeetingCount.from_numbers(held=3, planned=4, cancelled=1).raw == (
        "Planlagt 4 møder. Afholdt 3 møder, 1 aflyst."
    )
    assert MeetingCount.from_numbers(held=1).raw == "1 møde"
    assert MeetingCount.from_numbers(planned=4, held=4).raw == "Planlagt 4 møder. Afholdt 4 møder."


chars = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), include_characters="\t\n")
line_text = st.text(chars, min_size=1, max_size=20).filter(
    lambda t: t.strip() != "" and "\n" not in t
)
any_text = st.text(chars, max_size=40)
name_text = st.text(chars, min_size=1, max_size=20).filter(lambda t: t.strip() != "")
source_keys = st.lists(st.sampled_from(sorted(SOURCES)), min_size=1, max_size=3)


@st.composite
def meeting_counts(draw: st.DrawFn) -> MeetingCount | None:
    held, planned, cancelled = draw(counts())
    raw = draw(name_text)
    if draw(st.booleans()):
        return None
    return MeetingCount(raw=raw, held=held, planned=planned, cancelled=cancelled)


@st.composite
def overviews(draw: st.DrawFn) -> RegionOverview:
    year = draw(st.integers(1900, 2200))
    names = draw(
        st.lists(
            name_text,
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    entries = []
    for name in names:
        if draw(st.booleans()):
            entries.append(EvaluationEntry(name))
            continue
        report = EvaluationReport(
            municipality=name,
            year=year,
            meeting_count=draw(meeting_counts()),
            topics=draw(st.lists(line_text, max_size=4)),
            local_agreements_follow_up=draw(any_text),
            general_assessment=draw(any_text),
            sent_to=draw(name_text),
            sent_on=draw(st.none() | st.dates(min_value=date(year, 1, 1))),
            sources=draw(source_keys),
        )
        entries.append(EvaluationEntry.for_report(report))
    region = draw(name_text)
    return RegionOverview(region=region, year=year, entries=entries)


@given(overviews())
def test_csv_and_data_round_trips(generated: RegionOverview) -> None:
    assert overview_from_csv(overview_to_csv(generated)) == generated
    assert from_data(RegionOverview, to_data(generated)) == generated


def test_csv_round_trip_of_the_shipped_overview(overview: RegionOverview) -> None:
    text = overview_to_csv(overview)
    assert text.splitlines()[0] == HEADER
    assert overview_from_csv(text) == overview


@given(overviews())
def test_each_entry_is_in_exactly_one_state(generated: RegionOverview) -> None:
    for entry in generated.entries:
        assert entry.state in ENTRY_STATES
        flags = [
            entry.report is None,
            entry.report is not None and entry.report.held is None,
            entry.report is not None and entry.report.held is not None,
        ]
        assert flags.count(True) == 1
        assert ENTRY_STATES[flags.index(True)] == entry.state
    totals = generated.totals
    assert totals.with_count + totals.without_count + totals.no_report == totals.municipalities


# ---------------------------------------------------------------------------
# construction and validation


def test_report_from_values() -> None:
    report = report_from_values(
        municipality="Aalborg",
        year=2023,
        meeting_count="4 møder",
        topics=["Lægedækning"],
    )
    assert report.held == 4
    assert report.sources == ("OK22-102",)
    assert report.sent_to is None
    assert report_from_values(municipality="A", year=2023, meeting_count=0).held == 0
    assert report_from_values(municipality="A", year=2023).meeting_count is None
    count = MeetingCount.from_numbers(held=2)
    assert (
        report_from_values(municipality="A", year=2023, meeting_count=count).meeting_count is count
    )
    for bad in (True, -1, 2.0):
        with pytest.raises(InvalidValueError, match="meeting_count must be a MeetingCount"):
            report_from_values(municipality="A", year=2023, meeting_count=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"municipality": " "}, "municipality must be non-empty text"),
        ({"year": 0}, "year must be a year 1900..2200"),
        ({"year": True}, "year must be a year"),
        ({"topics": "Lægedækning"}, "got the string"),
        ({"topics": ["ok", " "]}, "EvaluationReport.topics must be one non-empty line"),
        ({"topics": ["a\nb"]}, "EvaluationReport.topics must be one non-empty line"),
        ({"general_assessment": None}, "general_assessment must be text"),
        ({"sent_to": ""}, "sent_to must be non-empty text"),
        ({"sent_on": date(2022, 12, 31)}, "cannot be sent before the year begins"),
        ({"sent_on": datetime(2024, 1, 5)}, r"must be a date such as .* \(not a datetime\)"),
        ({"sources": ["NOPE"]}, "unknown source key"),
        ({"sources": []}, "at least one source key"),
        ({"meeting_count": "4"}, "must be a MeetingCount or None"),
    ],
)
def test_report_validation(kwargs: dict[str, Any], message: str) -> None:
    values: dict[str, Any] = {"municipality": "Aalborg", "year": 2023, **kwargs}
    with pytest.raises(InvalidValueError, match=message):
        EvaluationReport(**values)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"raw": " "}, "raw must be non-empty text"),
        ({"raw": "x", "held": -1}, "held must be a whole number >= 0"),
        ({"raw": "x", "planned": True}, "planned must be a whole number"),
        ({"raw": "x", "held": 4, "planned": 3}, "cannot exceed those planned"),
        ({"raw": "x", "held": 3, "planned": 4, "cancelled": 2}, "cannot exceed those planned"),
    ],
)
def test_meeting_count_validation(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        MeetingCount(**kwargs)


def report(name: str, year: int = 2023, **kwargs: Any) -> EvaluationReport:
    return EvaluationReport(municipality=name, year=year, **kwargs)


def test_entry_and_overview_validation() -> None:
    with pytest.raises(InvalidValueError, match="holds the report of 'B'"):
        EvaluationEntry("A", report("B"))
    with pytest.raises(InvalidValueError, match="must be an EvaluationReport"):
        EvaluationEntry("A", "report")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="at least one municipality"):
        RegionOverview(region="R", year=2023, entries=[])
    with pytest.raises(InvalidValueError, match="lists 'A' twice"):
        RegionOverview(region="R", year=2023, entries=[EvaluationEntry("A"), EvaluationEntry("A")])
    with pytest.raises(InvalidValueError, match="is for 2023 but the report of 'A' is for 2022"):
        RegionOverview(
            region="R", year=2023, entries=[EvaluationEntry.for_report(report("A", 2022))]
        )
    with pytest.raises(InvalidValueError, match="must be EvaluationEntry"):
        RegionOverview(region="R", year=2023, entries=["A"])  # type: ignore[list-item]


def test_overview_from_reports() -> None:
    combined = RegionOverview.from_reports(
        region="Region Nordjylland",
        year=2023,
        municipalities=["Aalborg", "Brønderslev"],
        reports=[report("Aalborg", meeting_count=MeetingCount.from_numbers(held=4))],
    )
    assert [e.state for e in combined.entries] == ["count", "no_report"]
    assert combined.totals.held == 4
    assert combined.sources == ("OK22-102",)
    with pytest.raises(InvalidValueError, match="two reports for 'Aalborg'"):
        RegionOverview.from_reports(
            region="R",
            year=2023,
            municipalities=["Aalborg"],
            reports=[report("Aalborg"), report("Aalborg")],
        )
    with pytest.raises(InvalidValueError, match="report\\(s\\) for 'Hjørring'"):
        RegionOverview.from_reports(
            region="R", year=2023, municipalities=["Aalborg"], reports=[report("Hjørring")]
        )


# ---------------------------------------------------------------------------
# the evaluation file: one broken file per failure mode

GOOD = """\
schema_version = 1
region = "Region Nordjylland"
year = 2023

[[entries]]
municipality = "Aalborg"

[entries.report]
meeting_count = "4 møder"
topics = ["Lægedækning"]
sent_on = 2024-01-15

[[entries]]
municipality = "Brønderslev"
"""


def write(tmp_path: Path, text: str | bytes, name: str = "eval.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_good_file(tmp_path: Path) -> None:
    loaded = load_evaluations(write(tmp_path, GOOD))
    assert [e.state for e in loaded.entries] == ["count", "no_report"]
    aalborg = loaded.entries[0].report
    assert aalborg is not None
    assert (aalborg.sent_on, aalborg.sources) == (date(2024, 1, 15), ("OK22-102",))
    whole = load_evaluations(write(tmp_path, GOOD.replace('"4 møder"', "3"))).entries[0].report
    assert whole is not None
    assert whole.meeting_count == MeetingCount(raw="3", held=3)


REPORT = GOOD.index("[entries.report]")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region = ", "not valid TOML"),
        (GOOD.replace("schema_version = 1\n", ""), "key 'schema_version': this key is required"),
        (GOOD.replace("schema_version = 1", "schema_version = 2"), "schema_version 2 is not"),
        (GOOD.replace('"Region Nordjylland"', "5"), "key 'region': expected a string, got 5"),
        (GOOD.replace("year = 2023", 'year = "2023"'), "key 'year': expected an integer"),
        (GOOD[: GOOD.index("[[entries]]")], "key 'entries': expected at least one"),
        (GOOD[: GOOD.index("[[entries]]")] + "entries = 1\n", "'entries': expected an array"),
        (
            GOOD.replace('municipality = "Brønderslev"', 'name = "Brønderslev"'),
            "key 'entries\\[1\\].municipality': this key is required",
        ),
        (
            GOOD.replace('"Brønderslev"', '"Aalborg"'),
            "key 'entries\\[1\\].municipality': 'Aalborg' has an entry already",
        ),
        (GOOD + "reported = false\n", "key 'entries\\[1\\]': unknown key\\(s\\) 'reported'"),
        (GOOD.replace("topics =", "topic ="), "key 'entries\\[0\\].report': unknown key"),
        ('colour = "red"\n' + GOOD, "eval.toml: unknown key\\(s\\) 'colour'"),
        *(
            (GOOD.replace('"4 møder"', bad), r"'entries\[0\].report.meeting_count': expected the")
            for bad in ("[4]", "-1", "true")
        ),
        *(
            (GOOD.replace('["Lægedækning"]', bad), r"'entries\[0\].report.topics': expected a list")
            for bad in ('"Lægedækning"', '["Lægedækning", 4]')
        ),
        *(
            (
                GOOD.replace('["Lægedækning"]', bad),
                r"'entries\[0\].report': each item of EvaluationReport.topics",
            )
            for bad in ('[" "]', '["a\\nb"]')
        ),
        (
            GOOD.replace("2024-01-15", '"2024-01-15"'),
            "key 'entries\\[0\\].report.sent_on': expected a date written YYYY-MM-DD",
        ),
        (GOOD.replace("2024-01-15", "2022-12-31"), "cannot be sent before the year begins"),
        (
            GOOD.replace('topics = ["Lægedækning"]', 'sources = ["OK23"]'),
            "key 'entries\\[0\\].report': .*unknown source key\\(s\\) 'OK23'",
        ),
        (
            GOOD.replace("[entries.report]", "report = 1\n[entries.x]"),
            "key 'entries\\[0\\].report': expected a table",
        ),
        (
            GOOD.replace('region = "Region Nordjylland"', 'region = " "'),
            "key 'region': expected a non-empty string",
        ),
    ],
)
def test_broken_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FileFormatError, match=message) as caught:
        load_evaluations(path)
    assert str(path) in str(caught.value)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="cannot read the file"):
        load_evaluations(tmp_path / "missing.toml")
    with pytest.raises(FileFormatError, match="not UTF-8"):
        load_evaluations(write(tmp_path, GOOD.encode("latin-1")))


# ---------------------------------------------------------------------------
# CSV reading errors

HEADER = (
    "Kommunenavn,Antal møder,Afholdt,Planlagt,Aflyst,Emner drøftet,"
    "Opfølgning og status på implementering af lokale aftaler,Generel vurdering af samarbejdet,"
    "Status,År,Region,Sendt til,Sendt den,Kilder"
)
ROW = "Aalborg,4 møder,4,,,Lægedækning,,,Mødeantal oplyst,2023,R,Samarbejdsudvalg,,OK22-102"
NONE_ROW = "Brønderslev,,,,,,,,Ingen evaluering,2023,R,,,"


def test_csv_reads_columns_in_any_order() -> None:
    cols = HEADER.split(",")
    cells = ROW.split(",")
    text = ",".join(reversed(cols)) + "\n" + ",".join(reversed(cells)) + "\n\n"
    read = overview_from_csv(text)
    assert read.entries[0].report is not None
    assert read.entries[0].report.held == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "overview.csv:1: empty; expected a header row"),
        ("Kommunenavn\n", "missing 'Antal møder'"),
        (HEADER + ",Farve\n", "unknown 'Farve'"),
        (HEADER + ",Kommunenavn\n", "each once"),
        (HEADER + "\n", "overview.csv:2: expected at least one row"),
        (HEADER + "\nAalborg,4\n", ":2: expected 14 cells, got 2"),
        (
            HEADER + "\n" + ROW.replace(",4,,,", ",fire,,,"),
            "key 'Afholdt': expected a whole number or an empty cell, got 'fire'",
        ),
        (HEADER + "\n" + ROW.replace("2023", "år"), "key 'År': expected a year"),
        (
            HEADER + "\n" + ROW.replace("Mødeantal oplyst", "Ja"),
            "key 'Status': expected one of 'Ingen evaluering'",
        ),
        (
            HEADER + "\n" + NONE_ROW.replace(",,,,,,,,", ",4,,,,,,,"),
            "key 'Status': a municipality without a report has empty report cells, but "
            "'Antal møder' are filled",
        ),
        (
            HEADER + "\n" + ROW.replace("Mødeantal oplyst", "Evaluering uden mødeantal"),
            "the row says 'Evaluering uden mødeantal' but its cells give 'Mødeantal oplyst'",
        ),
        (
            HEADER + "\n" + ROW + "\n" + NONE_ROW.replace(",R,", ",S,"),
            ":3: every row must be for 'R' 2023, got 'S' 2023",
        ),
        (HEADER + "\n" + ROW.replace(",OK22-102", ",OK23"), ":2: .*unknown source key"),
        (
            HEADER + "\n" + ROW.replace("Samarbejdsudvalg,", "Samarbejdsudvalg,15-01-2024"),
            "key 'Sendt den': expected a date written YYYY-MM-DD",
        ),
        (HEADER + "\n" + ROW.replace("4 møder,4", ",4"), "raw must be non-empty text"),
        (HEADER + "\n" + ROW + "\n" + ROW, "lists 'Aalborg' twice"),
    ],
)
def test_broken_csv(text: str, message: str) -> None:
    with pytest.raises(FileFormatError, match=message):
        overview_from_csv(text, path="overview.csv")


def test_csv_report_without_count_reads_back() -> None:
    text = (
        HEADER
        + "\n"
        + ROW.replace("4 møder,4", "se referat,").replace(
            "Mødeantal oplyst", "Evaluering uden mødeantal"
        )
    )
    entry = overview_from_csv(text).entries[0]
    assert entry.state == "report_without_count"
    assert entry.report is not None
    assert entry.report.meeting_count == MeetingCount(raw="se referat")


# ---------------------------------------------------------------------------
# rendering


def test_report_renderings_show_every_section(overview: RegionOverview) -> None:
    langeland = by_name(overview)["Langeland"].report
    assert langeland is not None
    md = report_to_markdown(langeland, "da")
    text = report_to_text(langeland, "da")
    for label in ("Antal møder", "Emner drøftet", "Generel vurdering af samarbejdet", "Kilder"):
        assert label in md
        assert label in text
    # a count whose words are those from_numbers writes is written in the language shown;
    # a report's own words (Haderslev's) are shown as written, with the numbers read from them
    assert "## Antal møder\n\nafholdt 3, planlagt 4, aflyst 1\n" in md
    english = report_to_markdown(langeland, "en")
    assert "## Number of meetings\n\nheld 3, planned 4, cancelled 1\n" in english
    haderslev = by_name(overview)["Haderslev"].report
    assert haderslev is not None
    assert "2 møder 17. april 9. oktober (held 2)" in report_to_text(haderslev, "en")
    assert "- Ny vagtlægeaftale\n" in md
    assert "  - Ny vagtlægeaftale\n" in text
    header, row = list(csv.reader(io.StringIO(report_to_csv(langeland))))
    assert dict(zip(header, row, strict=True))["Afholdt"] == "3"


def test_markdown_escapes_and_marks_what_is_missing() -> None:
    md = report_to_markdown(report("A|B", general_assessment="Godt <b>samarbejde</b>"), "da")
    assert "A\\|B" in md
    assert "&lt;b>" in md
    assert "*ikke oplyst*" in md  # no topics


def test_overview_renderings(overview: RegionOverview) -> None:
    md = overview_to_markdown(overview, "da").splitlines()
    rows = [line for line in md if line.startswith("| ") and line.count(" | ") >= 6]
    assert len(rows) == 1 + 22
    assert "| Afholdte møder i alt | 60 |" in md
    assert md[-1] == "Kilder: RSD-EVAL-2023"
    text = overview_to_text(overview, language="da")
    assert "Afholdte møder i alt: 60\n" in text
    assert all(name in text for name in ORDER)
    lone = RegionOverview(region="R", year=2023, entries=[EvaluationEntry("A")])
    assert overview_to_text(lone, language="da").endswith("Kilder: –\n")
    assert overview_to_markdown(lone, "da").endswith("Kilder: –\n")


# ---------------------------------------------------------------------------
# command line


@pytest.mark.parametrize(
    ("fmt", "render"),
    [("text", overview_to_text), ("markdown", overview_to_markdown), ("csv", overview_to_csv)],
)
def test_cli_formats(capsys: pytest.CaptureFixture[str], fmt: str, render: Any) -> None:
    assert main(["evaluate", "--overview", *(["--format", fmt] if fmt != "text" else [])]) == 0
    assert capsys.readouterr().out == render(rsd_2023(), language="da")  # the CLI writes Danish


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--overview", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "klu-rules/evaluate/3"
    (only,) = doc["overviews"]
    assert only["totals"] == to_data(rsd_2023().totals)
    assert only["totals"]["held"] == 60
    assert from_data(RegionOverview, {k: v for k, v in only.items() if k != "totals"}) == (
        rsd_2023()
    )


def test_cli_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write(tmp_path, GOOD, "nord.toml")
    second = write(
        tmp_path,
        GOOD.replace("Region Nordjylland", "Region Midtjylland")
        .replace("Aalborg", "Aarhus")
        .replace("Brønderslev", "Randers"),
        "midt.toml",
    )
    assert main(["evaluate", "--overview", str(first), str(second), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Kommunenavn,")
    assert sum(line.startswith("Kommunenavn,") for line in lines) == 1
    names = [line.split(",")[0] for line in lines[1:]]
    assert names == ["Aalborg", "Brønderslev", "Aarhus", "Randers"]
    assert main(["evaluate", "--overview", str(first), str(second)]) == 0
    text = capsys.readouterr().out
    assert "i Region Nordjylland" in text
    assert "i Region Midtjylland" in text
    assert main(["evaluate", "--overview", str(first), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["overviews"]) == 1


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--overview", str(tmp_path / "missing.toml")]) == 2
    assert "filen kan ikke læses" in capsys.readouterr().err
    assert main(["evaluate", "--overview", str(write(tmp_path, "year = 2023\n"))]) == 2
    assert "nøgle 'schema_version'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["evaluate"])
    assert caught.value.code == 2
    assert "--overview" in capsys.readouterr().err
    with pytest.raises(InvalidValueError, match="say what to evaluate"):
        run(argparse.Namespace(format="text"))


# --- the follow-up of local agreements in Danish or English --------------------------------------


@pytest.mark.parametrize(
    ("language", "expected", "empty"),
    [
        (
            "da",
            "SAM:BO (frivillig aftale): indgået (udkast 2022-09-01; fremsendt 2022-10-01; "
            "indgået 2023-02-01), "
            "sendt til Sundhedssamarbejdsudvalget.",
            "Ingen lokale aftaler registreret.",
        ),
        (
            "en",
            "SAM:BO (voluntary agreement): concluded (draft 2022-09-01; sent 2022-10-01; "
            "concluded 2023-02-01), "
            "sent to Sundhedssamarbejdsudvalget.",
            "No local agreements on record.",
        ),
    ],
)
def test_report_from_records_writes_agreements_in_one_language(
    language: str, expected: str, empty: str
) -> None:
    sambo = Agreement(
        "sambo",
        "SAM:BO",
        "voluntary",
        "concluded",
        drafted_on=date(2022, 9, 1),
        sent_on=date(2022, 10, 1),
        concluded_on=date(2023, 2, 1),
        sent_to="Sundhedssamarbejdsudvalget",
    )
    base = rich_committee()
    bare = report_from_records(attrs_evolve(base, agreements=()), 2023, language=language)  # type: ignore[arg-type]
    assert bare.local_agreements_follow_up == empty
    with_one = attrs_evolve(base, agreements=(sambo,))
    text = report_from_records(with_one, 2023, language=language).local_agreements_follow_up  # type: ignore[arg-type]
    assert text == expected
    allow = frozenset({"sam", "bo", "sundhedssamarbejdsudvalget"})
    assert foreign_words(text, language, allow=allow) == set()
    with pytest.raises(InvalidValueError, match="da"):
        report_from_records(with_one, 2023, language="fr")  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_routed_agreement_reads_in_the_report_s_language(language: str) -> None:
    draft = Agreement("sambo", "SAM:BO", "voluntary", drafted_on=date(2022, 9, 1))
    sent = advance_agreement(draft, "sent", date(2022, 10, 1), language=language)  # type: ignore[arg-type]
    with_one = attrs_evolve(rich_committee(), agreements=(sent,))
    text = report_from_records(with_one, 2023, language=language).local_agreements_follow_up  # type: ignore[arg-type]
    assert sent.sent_to is not None
    assert sent.sent_to in text
    assert foreign_words(text, language, allow=frozenset({"sam", "bo"})) == set()
