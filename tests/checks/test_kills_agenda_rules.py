"""Tests that pin down behaviours of ``klu_rules.checks.agenda`` no other test fixed.

Written for the mutants of ``src/klu_rules/checks/agenda.py`` that survived a
mutation-testing run: the exact texts of reasons, findings and ``explain()``,
the parameters and sources of findings, how fixed items are matched to the
agenda's groups, and how a topic's numbers are listed. Each test states the
behaviour a committee secretary (or a program reading the JSON) relies on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date

import attrs
import pytest
from helpers import cph
from test_agenda_rules import good_agenda, item, two_hours

from klu_rules import (
    Agenda,
    AgendaItemKind,
    InvalidValueError,
    Meeting,
    RuleSet,
)
from klu_rules.checks.agenda import check_agenda, topic_label
from klu_rules.rules.ruleset import AALBORG, NATIONAL, FixedAgendaItem, TopicEntry

JUNE = date(2023, 6, 1)
MAY_2021 = date(2021, 5, 1)

AALBORG_TOPICS = (
    "health_agreements, local_health_policy, doctor_coverage, electronic_communication, "
    "rehabilitation, elderly_dementia, referral_patterns, prevention, social_medicine, "
    "children_young_people, psychiatry_substance_abuse, return_to_work, chronic_care, "
    "palliative_care, polypharmacy, practice_consultants"
)


def fixed(
    number: str, title: str, kind: AgendaItemKind, *sources: str, key: str | None = None
) -> FixedAgendaItem:
    return FixedAgendaItem(
        key or f"fixed-{number}", number, title, kind, MAY_2021, sources or ("AAL2021",)
    )


def with_fixed_items(*items: FixedAgendaItem) -> RuleSet:
    """Aalborg's rules with another list of fixed items."""
    return attrs.evolve(AALBORG, fixed_agenda_items=items)


def bare_national() -> RuleSet:
    """A national rule set without a meeting length, fixed items or topics."""
    return RuleSet(name="bare", title="Bare", level="national", entries=NATIONAL.entries[:2])


# --- topic labels -----------------------------------------------------------------------------


def test_topic_label_lists_the_local_number_before_the_national_one() -> None:
    # A committee whose name sorts after "national": the national number still comes last.
    viborg = RuleSet(
        "viborg",
        "KLU Viborg",
        "local",
        (),
        parent=NATIONAL,
        topics=(TopicEntry("health_agreements", date(2021, 1, 1), ("PLO-KLU",), "1"),),
    )
    topics = {t.key: t for t in viborg.in_force(JUNE).topics}
    assert dict(topics["health_agreements"].numbers) == {"national": "10", "viborg": "1"}
    assert topic_label(topics["health_agreements"]) == (
        "'Sundhedsaftalen mellem kommunen og regionen' (viborg no. 1, national no. 10)"
    )


def test_a_topic_without_numbers_is_labelled_by_its_name_only() -> None:
    extended = attrs.evolve(
        AALBORG,
        topics=(
            *AALBORG.topics,
            TopicEntry(
                "dialogue_meeting",
                date(2023, 1, 1),
                ("AAL2021",),
                None,
                "Dialogmøde",
                "Dialogue meeting",
                True,
            ),
        ),
    )
    topics = {t.key: t for t in extended.in_force(JUNE).topics}
    assert dict(topics["dialogue_meeting"].numbers) == {}
    assert topic_label(topics["dialogue_meeting"]) == "'Dialogmøde'"
    result = check_agenda(good_agenda(), two_hours(), extended)
    assert [f.message for f in result.findings] == [
        "Standing topic 'Dialogmøde' is neither on the agenda nor marked not relevant; tag an "
        'item with topics = ["dialogue_meeting"] or list it under not_relevant.'
    ]


# --- reasons and explain() --------------------------------------------------------------------


def test_the_passing_reason_in_full() -> None:
    result = check_agenda(good_agenda(), two_hours(), AALBORG)
    assert result.reason == (
        "The agenda passes: 4 fixed items in order, every item has an expected duration and "
        "what/how/why where needed, the items fit the meeting, and every standing topic is on "
        "the agenda or marked not relevant."
    )


def test_explain_without_a_limit_or_sources_says_none() -> None:
    agenda = Agenda(items=tuple(item(str(n), minutes=100) for n in range(1, 5)))
    result = check_agenda(agenda, None, bare_national(), on=JUNE)
    assert (result.limit_basis, result.sources) == (None, ())
    assert result.explain() == (
        "The agenda passes: 0 fixed items in order, every item has an expected duration and "
        "what/how/why where needed, the items fit the meeting, and every standing topic is on "
        "the agenda or marked not relevant. Checked against rule set 'bare' in force on "
        "2023-06-01 (fixed items: none; limit: none). Sources: none."
    )


def test_a_total_equal_to_the_limit_is_not_reported_as_too_long() -> None:
    # 5 + 30 + 30 + 25 + 20 + 10 = 120 minutes in a two-hour meeting: it fits exactly.
    agenda = good_agenda(items=(*good_agenda().items, item("2.c", minutes=25)), not_relevant=())
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert (result.total_minutes, result.limit_minutes) == (120, 120)
    assert [f.code for f in result.findings] == ["agenda.standing-topic-missing"]
    assert result.reason == "The agenda needs attention: 1 standing topic not on the agenda."


def test_the_reason_says_at_least_when_a_duration_is_missing() -> None:
    agenda = good_agenda(
        items=(*good_agenda().items, item("2.c", minutes=40), item("2.d", minutes=None))
    )
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert (result.total_minutes, result.total_complete) == (135, False)
    assert result.reason == (
        "The agenda needs attention: 1 item without an expected duration; items take at least "
        "135 minutes, more than 120."
    )


# --- matching fixed items ---------------------------------------------------------------------


def test_a_fixed_item_under_its_own_number_is_matched_there_first() -> None:
    # Item 2 is an information item, so fixed item 2 (decision) is missing; fixed item 3 is
    # still item 3, not the earlier information group 2.
    agenda = Agenda(
        items=(
            item("1", "approval", 5),
            item("2", "information", 15, title="Meddelelser fra formanden"),
            item("3", "information", 20),
            item("4", "other_business", 10),
        )
    )
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert [(f.number, f.status, f.found_at) for f in result.fixed_items] == [
        ("1", "present", "1"),
        ("2", "missing", None),
        ("3", "present", "3"),
        ("4", "present", "4"),
    ]
    assert [f.code for f in result.findings] == [
        "agenda.fixed-item-missing",
        "agenda.standing-topic-missing",
        "agenda.standing-topic-missing",
        "agenda.standing-topic-missing",
        "agenda.standing-topic-missing",
    ]
    assert result.reason == (
        "The agenda needs attention: fixed item(s) 2 missing; 4 standing topics not on the agenda."
    )


def test_one_group_matches_only_one_fixed_item() -> None:
    # Two fixed information items; the agenda has one information group, under number 4.
    rules = with_fixed_items(
        fixed("1", "Godkendelse af dagsordenen", AgendaItemKind.APPROVAL),
        fixed("2", "Meddelelser fra formanden", AgendaItemKind.INFORMATION),
        fixed("3", "Orienteringspunkter", AgendaItemKind.INFORMATION),
        fixed("4", "Eventuelt", AgendaItemKind.OTHER_BUSINESS),
    )
    agenda = Agenda(
        items=(
            item("1", "approval", 5),
            item("2.a", minutes=30),
            item("3.a", minutes=30),
            item("4", "information", 20),
            item("5", "other_business", 10),
        )
    )
    result = check_agenda(agenda, two_hours(), rules)
    assert [(f.number, f.status, f.found_at) for f in result.fixed_items] == [
        ("1", "present", "1"),
        ("2", "out-of-order", "4"),
        ("3", "missing", None),
        ("4", "out-of-order", "5"),
    ]
    missing = [f.message for f in result.findings if f.code == "agenda.fixed-item-missing"]
    assert missing == [
        "Fixed item 3 'Orienteringspunkter' (information) is missing: item 3 is of kind "
        "'decision'; add it (agenda_template gives the fixed items)."
    ]


@pytest.mark.parametrize("number", ["3.a", "3.a.1"])
def test_a_sub_numbered_fixed_item_belongs_to_its_main_number(number: str) -> None:
    rules = with_fixed_items(
        fixed("1", "Godkendelse af dagsordenen", AgendaItemKind.APPROVAL),
        fixed("2", "Punkter til behandling", AgendaItemKind.DECISION),
        fixed(number, "Meddelelser fra formanden", AgendaItemKind.INFORMATION),
        fixed("4", "Eventuelt", AgendaItemKind.OTHER_BUSINESS),
    )
    result = check_agenda(good_agenda(), two_hours(), rules)
    assert [(f.number, f.status, f.found_at) for f in result.fixed_items] == [
        ("1", "present", "1"),
        ("2", "present", "2.a–b"),
        (number, "present", "3.a"),
        ("4", "present", "4"),
    ]
    assert result.findings == ()


# --- the meeting's date -----------------------------------------------------------------------


@pytest.fixture
def utc_process_zone() -> Iterator[None]:
    """Run with the process's local time zone set to UTC (not the committee's zone)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


@pytest.mark.usefixtures("utc_process_zone")
def test_the_meeting_date_is_taken_in_the_given_zone_not_the_process_zone() -> None:
    # 00:30 in Copenhagen on 1 June is still 31 May in UTC.
    meeting = Meeting("m1", cph(2023, 6, 1, 0, 30), cph(2023, 6, 1, 2, 30))
    result = check_agenda(good_agenda(), meeting, AALBORG)
    assert result.on == JUNE
    assert result.parameters["on"] == "2023-06-01"
    assert check_agenda(good_agenda(), meeting, AALBORG, timezone="UTC").on == date(2023, 5, 31)


# --- findings: sources and parameters ---------------------------------------------------------

MINUTES_CITED = ("AAL2021", "AAL-MIN-2021-12")


def minutes_cited_rules() -> RuleSet:
    """Aalborg's fixed items, each citing the rules of procedure and the December 2021 minutes."""
    return with_fixed_items(
        *(attrs.evolve(f, sources=MINUTES_CITED) for f in AALBORG.in_force(JUNE).fixed_agenda_items)
    )


def test_a_missing_fixed_item_cites_its_sources_and_names_its_key() -> None:
    agenda = Agenda(items=(item("1", "approval"), item("2.a"), item("4", "other_business")))
    result = check_agenda(agenda, two_hours(), minutes_cited_rules())
    missing = [f for f in result.findings if f.code == "agenda.fixed-item-missing"]
    assert len(missing) == 1
    assert missing[0].sources == MINUTES_CITED
    assert missing[0].subject == "3"
    assert dict(missing[0].parameters) == {"key": "items_for_information"}
    assert missing[0].to_dict() == {
        "severity": "error",
        "code": "agenda.fixed-item-missing",
        "message": "Fixed item 3 'Orienteringspunkter' (information) is missing: there is no "
        "item 3 or 3.a, 3.b, …; add it (agenda_template gives the fixed items).",
        "sources": ["AAL2021", "AAL-MIN-2021-12"],
        "subject": "3",
        "parameters": {"key": "items_for_information"},
    }


def test_fixed_items_out_of_order_cite_the_fixed_items_sources_and_expected_numbers() -> None:
    agenda = Agenda(
        items=(
            item("1", "approval"),
            item("3.a", "information"),
            item("2.a"),
            item("4", "other_business"),
        )
    )
    result = check_agenda(agenda, two_hours(), minutes_cited_rules())
    found = [f for f in result.findings if f.code == "agenda.fixed-items-out-of-order"]
    assert len(found) == 1
    assert found[0].sources == MINUTES_CITED
    assert dict(found[0].parameters) == {
        "expected": ["1", "2", "3", "4"],
        "found": ["1", "3.a", "2.a", "4"],
    }


def test_a_too_long_agenda_reports_total_and_limit() -> None:
    agenda = good_agenda(items=(*good_agenda().items, item("2.c", minutes=40)))
    result = check_agenda(agenda, two_hours(), AALBORG)
    [too_long] = result.findings
    assert too_long.code == "agenda.longer-than-meeting"
    assert dict(too_long.parameters) == {"total_minutes": 135, "limit_minutes": 120}


def test_without_a_length_rule_a_too_long_agenda_cites_the_catalogue_sources() -> None:
    agenda = Agenda(items=tuple(item(str(n), minutes=100) for n in range(1, 5)))
    result = check_agenda(agenda, two_hours(), bare_national())
    assert [f.to_dict() for f in result.findings] == [
        {
            "severity": "warning",
            "code": "agenda.longer-than-meeting",
            "message": "The items' expected durations add up to 400 minutes, more than the "
            "meeting's length (120 minutes); shorten or move items.",
            "sources": ["AAL2021", "VEJL2011"],
            "parameters": {"total_minutes": 400, "limit_minutes": 120},
        }
    ]
    assert result.reason == "The agenda needs attention: items take 400 minutes, more than 120."


def test_a_length_rule_with_two_sources_names_both() -> None:
    entries = tuple(
        attrs.evolve(e, sources=MINUTES_CITED) if e.key == "meeting_length" else e
        for e in AALBORG.entries
    )
    rules = attrs.evolve(AALBORG, entries=entries)
    agenda = good_agenda(items=(*good_agenda().items, item("2.c", minutes=40)))
    result = check_agenda(agenda, Meeting("m1", cph(2023, 6, 1, 15)), rules)
    assert result.limit_basis == (
        "the local meeting length norm (2 hours, AAL2021/AAL-MIN-2021-12), as the meeting has "
        "no end time"
    )
    assert result.findings[0].sources == MINUTES_CITED


# --- descriptions and topic keys --------------------------------------------------------------


def test_an_item_with_only_a_case_description_is_told_it_does_not_replace_what_how_why() -> None:
    agenda = good_agenda(
        items=(
            item("1", "approval", 5),
            item(
                "2.a",
                minutes=30,
                what=None,
                how=None,
                why=None,
                title="Sundhedsaftalen",
                case_description="Sekretariatet har modtaget udkast til sundhedsaftalen.",
                topics=("health_agreements",),
            ),
            item("2.b", minutes=30, topics=("local_health_policy",)),
            item("3.a", "information", 20, topics=("electronic_communication",)),
            item("4", "other_business", 10),
        )
    )
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert [f.message for f in result.findings] == [
        "Item 2.a 'Sundhedsaftalen' does not say what, how, why: what is to be discussed, how, "
        "and why it belongs on the KLU's agenda. It has a case description (sagsbeskrivelse), "
        "which does not replace them."
    ]


def test_an_unknown_topic_key_lists_the_catalogue_in_force() -> None:
    agenda = Agenda(items=(item("2.a", topics=("helth",)),))
    with pytest.raises(InvalidValueError) as info:
        check_agenda(agenda, two_hours(), AALBORG)
    assert str(info.value) == (
        f"item 2.a names the unknown topic 'helth'; the catalogue in force has {AALBORG_TOPICS}"
    )
    with pytest.raises(InvalidValueError) as info:
        check_agenda(Agenda(not_relevant=("dementia",)), two_hours(), AALBORG)
    assert str(info.value) == (
        f"not_relevant names the unknown topic 'dementia'; the catalogue in force has "
        f"{AALBORG_TOPICS}"
    )
