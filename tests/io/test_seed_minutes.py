"""Agenda items and minutes in the shape of the DKS minutes (seed 004, ``DKS-RM-2021-02``).

Each item there reads "Indstilling:" (the recommendation put to the meeting, one "At DKS ..."
line per proposal), then "Beslutning:", "Referat:" and "Sagsfremstilling:". The recommendation
and the item's account are optional, so Aalborg's records, which give neither, still load.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import MINIMAL_RECORD

from klu_rules.core.errors import FileFormatError
from klu_rules.io.committee_file import dump_committee, load_committee, parse_committee
from klu_rules.io.meeting_record import (
    dump_meeting_record,
    load_meeting_record,
    parse_meeting_record,
)
from klu_rules.model.agenda import AgendaItem
from klu_rules.model.records import MinutesItem
from klu_rules.text.agenda import agenda_to_html, agenda_to_markdown

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# DKS-RM-2021-02, item 4 "Fremtidig model for kommunal deltagelse i Human First"
RECOMMENDATION = (
    "At DKS drøfter og giver opbakning til den fremlagte model for kommunal involvering i "
    "Human First"
)
DECISION = "DKS gav opbakning til udkast for ny model til kommunal involvering i Human First."
ACCOUNT = (
    "Anette Ørbæk Andersen og Otto Ohrt indledte punktet med en kort redegørelse for de "
    "væsentligste elementer i udkastet til en ny model for kommunal deltagelse i Human First."
)
CASE = (
    "Punktet indledes med en kort præsentation fra Anette Ørbæk Andersen, "
    "Ringkøbing-Skjern Kommune, og Otto Ohrt, Aarhus Kommune."
)

RECORD = MINIMAL_RECORD + textwrap.dedent(
    f"""
    [[meeting.agenda.items]]
    number = "4"
    title = "Fremtidig model for kommunal deltagelse i Human First"
    kind = "decision"
    recommendation = [
        "{RECOMMENDATION}",
        "At DKS tager orienteringen til efterretning",
    ]
    case_description = "{CASE}"
    """
)


def test_an_agenda_item_carries_its_recommendation_through_a_record() -> None:
    record = parse_meeting_record(RECORD)
    assert record.meeting.agenda is not None
    item = record.meeting.agenda.item("4")
    assert item.recommendation == (RECOMMENDATION, "At DKS tager orienteringen til efterretning")
    assert parse_meeting_record(dump_meeting_record(record)) == record


def test_the_agenda_shows_the_recommendation_before_the_case_description() -> None:
    record = parse_meeting_record(RECORD)
    agenda = record.meeting.agenda
    assert agenda is not None
    markdown = agenda_to_markdown(agenda, language="da")
    assert "**Indstilling:**" in markdown
    assert markdown.index("Indstilling") < markdown.index("Sagsbeskrivelse")
    assert f"{RECOMMENDATION}  \nAt DKS tager orienteringen til efterretning" in markdown
    html = agenda_to_html(agenda, language="en", fragment=True)
    assert "<strong>Recommendation:</strong>" in html
    assert "At DKS tager orienteringen til efterretning" in html
    plain = AgendaItem("4", "Uden indstilling", "decision")
    assert plain.recommendation == ()


def test_minutes_in_the_dks_shape_fit_a_committee_file() -> None:
    committee = load_committee(EXAMPLES / "aalborg_2021_records.toml")
    text = dump_committee(committee)
    head, minutes_part = text.split("[[minutes]]", 1)
    shaped = (
        head
        + "[[minutes]]"
        + minutes_part.replace(
            'number = "2.c"\n',
            f'number = "2.c"\nrecommendation = ["{RECOMMENDATION}"]\naccount = "{ACCOUNT}"\n',
            1,
        )
    )
    assert shaped != text
    again = parse_committee(shaped)
    (minutes,) = again.minutes
    item = minutes.item("2.c")
    assert item.recommendation == (RECOMMENDATION,)
    assert item.account == ACCOUNT
    assert parse_committee(dump_committee(again)) == again
    # Aalborg's own minutes give neither: they load as before
    assert all(i.recommendation == () and i.account is None for i in committee.minutes[0].items)
    dks = MinutesItem(
        "4",
        recommendation=[RECOMMENDATION],
        decision=DECISION,
        account=ACCOUNT,
        case_description=CASE,
    )
    assert (dks.recommendation, dks.decision) == ((RECOMMENDATION,), DECISION)


def test_a_recommendation_is_one_line_per_proposal() -> None:
    bad = RECORD.replace('"At DKS tager orienteringen til efterretning"', '"  "')
    with pytest.raises(FileFormatError, match="recommendation"):
        parse_meeting_record(bad)


def test_the_aalborg_examples_still_load() -> None:
    for name in ("aalborg_2021_12_meeting.toml", "meeting_2023_06_01.toml"):
        agenda = load_meeting_record(EXAMPLES / name).meeting.agenda
        assert agenda is not None
        assert all(i.recommendation == () for i in agenda.items)
