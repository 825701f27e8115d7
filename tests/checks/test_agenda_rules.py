"""Agenda rules (RULES.md § 4): template, checks, topic catalogue, and rendering."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from helpers import check_golden_finding, cph, foreign_words
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import Agenda, AgendaItem, AgendaItemKind, InvalidValueError, Meeting
from klu_rules.checks.agenda import (
    AgendaCheck,
    agenda_groups,
    agenda_template,
    check_agenda,
    expected_minutes,
    topic_label,
)
from klu_rules.core.findings import Finding
from klu_rules.io.meeting_record import load_meeting_record
from klu_rules.io.presets import aalborg
from klu_rules.rules.ruleset import AALBORG, NATIONAL, FixedAgendaItem, RuleSet, TopicEntry
from klu_rules.text.agenda import agenda_to_html, agenda_to_markdown, escape_markdown, render_agenda

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
JUNE = date(2023, 6, 1)


def item(number: str, kind: str = "decision", minutes: int | None = 10, **kw: object) -> AgendaItem:
    values: dict[str, object] = {
        "title": f"Punkt {number}",
        "what": "hvad",
        "how": "hvordan",
        "why": "hvorfor",
    }
    values.update(kw)
    return AgendaItem(number=number, kind=kind, duration_minutes=minutes, **values)  # type: ignore[arg-type]


def good_agenda(**kw: object) -> Agenda:
    values: dict[str, object] = dict(
        items=(
            item("1", "approval", 5),
            item("2.a", minutes=30, topics=("health_agreements",)),
            item("2.b", minutes=30, topics=("local_health_policy",)),
            item("3.a", "information", 20, topics=("electronic_communication",)),
            item("4", "other_business", 10),
        ),
        not_relevant=("doctor_coverage",),
    )
    values.update(kw)
    return Agenda(**values)  # type: ignore[arg-type]


def two_hours() -> Meeting:
    return Meeting("m1", cph(2023, 6, 1, 15), cph(2023, 6, 1, 17))


def codes(result: object) -> list[str]:
    return [f.code for f in result.findings]  # type: ignore[attr-defined]


# --- template ---------------------------------------------------------------------------------


def test_aalborg_template_has_the_four_fixed_items() -> None:
    agenda = agenda_template(AALBORG, on=JUNE)
    assert [(i.number, i.title, i.kind.value) for i in agenda.items] == [
        ("1", "Godkendelse af dagsordenen", "approval"),
        ("2", "Punkter til behandling", "decision"),
        ("3", "Orienteringspunkter", "information"),
        ("4", "Eventuelt", "other_business"),
    ]
    assert agenda == agenda_template(AALBORG.in_force(JUNE))
    assert agenda_template(AALBORG.in_force(JUNE), on=JUNE) == agenda


def test_national_rules_have_no_fixed_items() -> None:
    assert agenda_template(NATIONAL, on=JUNE).items == ()
    # Before Aalborg's rules of procedure took effect, only the national rules apply.
    assert agenda_template(AALBORG, on=date(2021, 4, 30)).items == ()


def test_template_needs_a_date() -> None:
    with pytest.raises(InvalidValueError, match="agenda_template needs the date"):
        agenda_template(AALBORG)
    with pytest.raises(InvalidValueError, match="on must be a date"):
        agenda_template(AALBORG, on=datetime(2023, 6, 1))
    with pytest.raises(InvalidValueError, match="in force on 2023-06-01, but the date"):
        agenda_template(AALBORG.in_force(JUNE), on=date(2023, 6, 2))
    with pytest.raises(InvalidValueError, match="rules must be a RuleSet or a RulesInForce"):
        agenda_template("aalborg", on=JUNE)  # type: ignore[arg-type]


# --- the December 2021 agenda (AAL-MIN-2021-12) -----------------------------------------------


def test_december_2021_agenda() -> None:
    record = load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml")
    agenda = record.meeting.agenda
    assert agenda is not None
    result = check_agenda(agenda, record.meeting, AALBORG)
    assert [(f.number, f.status, f.found_at) for f in result.fixed_items] == [
        ("1", "present", "1"),
        ("2", "present", "2.a–e"),
        ("3", "present", "3.a–b"),
        ("4", "present", "4"),
    ]
    found = codes(result)
    assert found.count("agenda.item-without-duration") == 9
    assert found.count("agenda.item-without-description") == 7
    assert found.count("agenda.standing-topic-missing") == 3
    assert "agenda.fixed-item-missing" not in found
    assert "agenda.fixed-items-out-of-order" not in found
    described = [f for f in result.findings if f.code == "agenda.item-without-description"]
    assert all("It has a case description" in f.text("en") for f in described)
    assert all("har en sagsbeskrivelse" in f.text("da") for f in described)
    assert [f.subject for f in described] == ["2.a", "2.b", "2.c", "2.d", "2.e", "3.a", "3.b"]
    assert result.outcome == "warning"
    assert not result.passes
    assert result.reason == "agenda.needs-attention"
    assert "9 items without an expected duration; 7 items without what, how and why" in (
        result.explain()
    )
    assert "9 punkter uden forventet varighed; 7 punkter uden hvad" in result.explain("da")
    check_golden_finding(described[0])
    assert (result.total_minutes, result.total_complete, result.limit_minutes) == (0, False, 120)
    assert result.limit_basis == "local"
    assert "as the meeting has no end time" in result.limit_text()
    states = {t.key: t.status for t in result.standing_topics}
    assert states == {
        "health_agreements": "missing",
        "local_health_policy": "missing",
        "doctor_coverage": "missing",
        "electronic_communication": "on-agenda",
    }
    assert result.sources == ("AAL2021", "VEJL2011")


def test_the_illustrative_2023_agenda_fits_the_meeting() -> None:
    record = load_meeting_record(EXAMPLES / "meeting_2023_06_01.toml")
    assert record.meeting.agenda is not None
    result = check_agenda(record.meeting.agenda, record.meeting, AALBORG)
    assert codes(result) == ["agenda.standing-topic-missing"]
    assert result.outcome == "info"
    assert result.passes
    assert (result.total_minutes, result.limit_minutes) == (110, 120)
    assert result.limit_basis == "meeting"
    assert result.limit_text() == "the meeting's length (120 minutes)"
    assert result.limit_text("da") == "mødets længde (120 minutter)"


# --- fixed items ------------------------------------------------------------------------------


def test_a_good_agenda_passes_and_round_trips() -> None:
    result = check_agenda(good_agenda(), two_hours(), AALBORG)
    assert result.findings == ()
    assert result.outcome == "ok"
    assert result.reason == "agenda.passes"
    assert result.explain().startswith("The agenda passes: 4 fixed items in order")
    assert result.explain("da").startswith("Dagsordenen er i orden: 4 faste punkter i rækkefølge")
    assert AgendaCheck.from_json(result.to_json()) == result
    data = check_agenda(good_agenda(not_relevant=()), two_hours(), AALBORG).to_dict()
    assert data["outcome"] == "info"
    assert data["fixed_items"][0] == {
        "key": "approval_of_agenda",
        "number": "1",
        "title_da": "Godkendelse af dagsordenen",
        "kind": "approval",
        "status": "present",
        "found_at": "1",
        "sources": ["AAL2021"],
    }
    assert data["standing_topics"][2]["status"] == "missing"
    assert AgendaCheck.from_dict(data).to_dict() == data


K = AgendaItemKind
AP, DE, IN, OB = "approval", "decision", "information", "other_business"
GOOD = [("1", AP), ("2.a", DE), ("2.b", DE), ("3.a", IN), ("4", OB)]


def numbered(*specs: tuple[str, str]) -> Agenda:
    return Agenda(items=tuple(item(number, kind) for number, kind in specs))


def fixed_items(*specs: tuple[str, AgendaItemKind]) -> RuleSet:
    """Aalborg's rules with other fixed items, numbered and of the kinds given."""
    items = tuple(
        FixedAgendaItem(f"fixed-{n}", n, f"Fast punkt {n}", kind, date(2021, 5, 1), ("AAL2021",))
        for n, kind in specs
    )
    return attrs.evolve(AALBORG, fixed_agenda_items=items)


def sub_numbered(number: str) -> RuleSet:
    return fixed_items(
        ("1", K.APPROVAL), ("2", K.DECISION), (number, K.INFORMATION), ("4", K.OTHER_BUSINESS)
    )


P, OUT, MISSING = "present", "out-of-order", "missing"
FIXED_CASES = [
    # no group of fixed item 3's number and kind
    (
        [("1", AP), ("2.a", DE), ("4", OB)],
        AALBORG,
        [(P, "1"), (P, "2.a"), (MISSING, None), (P, "4")],
        False,
    ),
    # item 3 is there, but for decision
    (
        [("1", AP), ("2.a", DE), ("3", DE), ("4", OB)],
        AALBORG,
        [(P, "1"), (P, "2.a"), (MISSING, None), (P, "4")],
        False,
    ),
    # under their numbers, in the wrong order
    (
        [("1", AP), ("3.a", IN), ("2.a", DE), ("4", OB)],
        AALBORG,
        [(P, "1"), (P, "2.a"), (P, "3.a"), (P, "4")],
        True,
    ),
    # under each other's numbers
    (
        [("1", AP), ("2", OB), ("3", IN), ("4.a", DE)],
        AALBORG,
        [(P, "1"), (OUT, "4.a"), (P, "3"), (OUT, "2")],
        True,
    ),
    # a fixed item under its own number is matched there first: 3 is item 3, not group 2
    (
        [("1", AP), ("2", IN), ("3", IN), ("4", OB)],
        AALBORG,
        [(P, "1"), (MISSING, None), (P, "3"), (P, "4")],
        False,
    ),
    # one group matches only one fixed item
    (
        [("1", AP), ("2.a", DE), ("3.a", DE), ("4", IN), ("5", OB)],
        fixed_items(
            ("1", K.APPROVAL), ("2", K.INFORMATION), ("3", K.INFORMATION), ("4", K.OTHER_BUSINESS)
        ),
        [(P, "1"), (OUT, "4"), (MISSING, None), (OUT, "5")],
        True,
    ),
    # a sub-numbered fixed item belongs to its main number
    (GOOD, sub_numbered("3.a"), [(P, "1"), (P, "2.a–b"), (P, "3.a"), (P, "4")], False),
    (GOOD, sub_numbered("3.a.1"), [(P, "1"), (P, "2.a–b"), (P, "3.a"), (P, "4")], False),
]


@pytest.mark.parametrize(("specs", "rules", "expected", "out_of_order"), FIXED_CASES)
def test_fixed_items_are_matched_by_number_and_kind(
    specs: list[tuple[str, str]],
    rules: RuleSet,
    expected: list[tuple[str, str | None]],
    out_of_order: bool,
) -> None:
    result = check_agenda(numbered(*specs), two_hours(), rules)
    assert [(f.status, f.found_at) for f in result.fixed_items] == expected
    missing = [f.subject for f in result.findings if f.code == "agenda.fixed-item-missing"]
    assert missing == [f.number for f in result.fixed_items if f.status == MISSING]
    assert ("agenda.fixed-items-out-of-order" in codes(result)) is out_of_order
    assert ("the fixed items are out of order" in result.explain()) is out_of_order
    assert result.outcome == ("error" if missing or out_of_order else "info")


def test_the_fixed_item_findings() -> None:
    result = check_agenda(numbered(("1", AP), ("2.a", DE), ("4", OB)), two_hours(), AALBORG)
    missing = result.findings[0]
    assert (missing.severity, dict(missing.parameters)) == (
        "error",
        {
            "key": "items_for_information",
            "number": "3",
            "title": "Orienteringspunkter",
            "kind": "information",
            "found_kind": None,
        },
    )
    check_golden_finding(missing)
    assert "fixed items missing: 3" in result.explain()
    wrong_kind = check_agenda(
        numbered(("1", AP), ("2.a", DE), ("3", DE), ("4", OB)), two_hours(), AALBORG
    )
    assert wrong_kind.findings[0].parameters["found_kind"] == "decision"
    shuffled = numbered(("1", AP), ("3.a", IN), ("2.a", DE), ("4", OB))
    order = check_agenda(shuffled, two_hours(), AALBORG).findings[0]
    assert order.sources == ("AAL2021",)
    check_golden_finding(order)


def test_headings_and_sub_items() -> None:
    agenda = Agenda(
        items=(
            item("1", "approval", 5),
            AgendaItem("2", "Punkter til behandling", "decision", 50),
            item("2.a", minutes=20),
            item("2.b", minutes=20),
            AgendaItem("3", "Orienteringspunkter", "information"),
            item("3.a", "information", 15),
            item("4", "other_business", 10),
        ),
        not_relevant=(
            "health_agreements",
            "local_health_policy",
            "doctor_coverage",
            "electronic_communication",
        ),
    )
    # Headings need no duration and no what/how/why; a heading's own minutes
    # count when larger than its sub-items'.
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert result.findings == ()
    assert expected_minutes(agenda) == (5 + 50 + 15 + 10, True)
    groups = agenda_groups(agenda)
    assert [g.main for g in groups] == [1, 2, 3, 4]
    assert [i.number for i in groups[1].leaves] == ["2.a", "2.b"]
    assert result.fixed_items[1].found_at == "2 (2.a–b)"
    assert all(t.status == "not-relevant" for t in result.standing_topics)
    # a heading with a duration makes the total complete
    agenda = Agenda(items=(AgendaItem("2", "Punkter", "decision", 40), item("2.a", minutes=None)))
    assert expected_minutes(agenda) == (40, True)
    assert expected_minutes(Agenda(items=(item("2.a", minutes=None),))) == (0, False)


# --- durations, descriptions, length ----------------------------------------------------------


def test_items_without_duration_or_description() -> None:
    agenda = good_agenda(
        items=(
            item("1", "approval", None, what=None, how=None, why=None),
            item(
                "2.a", minutes=None, how="  ", case_description=None, topics=("health_agreements",)
            ),
            item("3.a", "information", 20, why=None, topics=("electronic_communication",)),
            item("4", "other_business", 10, what=None),
        ),
        not_relevant=("local_health_policy", "doctor_coverage"),
    )
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert [(f.code, f.subject) for f in result.findings] == [
        ("agenda.item-without-duration", "1"),
        ("agenda.item-without-duration", "2.a"),
        ("agenda.item-without-description", "2.a"),
        ("agenda.item-without-description", "3.a"),
    ]
    assert result.findings[2].parameters["missing"] == ("how",)
    assert result.findings[3].parameters["missing"] == ("why",)
    assert "case description" not in result.findings[2].text("en")
    check_golden_finding(result.findings[0])


def test_total_longer_than_the_meeting() -> None:
    agenda = good_agenda(items=(*good_agenda().items, item("2.c", minutes=40)))
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert codes(result) == ["agenda.longer-than-meeting"]
    assert dict(result.findings[0].parameters) == {
        "total_minutes": 135,
        "limit_minutes": 120,
        "measure": "exact",
        "basis": "meeting",
        "length": None,
        "rule_sources": None,
    }
    check_golden_finding(result.findings[0])
    assert "the items take 135 minutes, more than 120" in result.explain()
    incomplete = good_agenda(items=(*agenda.items, item("2.d", minutes=None)))
    result = check_agenda(incomplete, two_hours(), AALBORG)
    assert (result.total_minutes, result.total_complete) == (135, False)
    assert "add up to at least 135 minutes" in result.findings[-1].text("en")
    assert "tilsammen mindst 135 minutter" in result.findings[-1].text("da")
    # 5 + 30 + 30 + 25 + 20 + 10 = 120 minutes fit a two-hour meeting.
    agenda = good_agenda(items=(*good_agenda().items, item("2.c", minutes=25)))
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert (result.total_minutes, result.limit_minutes, result.findings) == (120, 120, ())


def test_without_a_meeting_end_the_rules_length_is_the_limit() -> None:
    agenda = good_agenda(items=(*good_agenda().items, item("2.c", minutes=80)))
    no_end = Meeting("m1", cph(2023, 6, 1, 15))
    local = check_agenda(agenda, no_end, AALBORG)
    assert local.limit_minutes == 120
    assert local.findings[0].sources == ("AAL2021",)
    assert "local meeting length norm (2 hours, AAL2021)" in local.findings[0].text("en")
    assert "den lokale norm for mødets længde (2 timer, AAL2021)" in local.findings[0].text("da")
    national = check_agenda(agenda, None, NATIONAL, on=JUNE)
    assert national.limit_minutes == 180
    assert "national meeting length maximum (3 hours, OK22-102)" in national.limit_text()
    assert "agenda.longer-than-meeting" not in codes(national)
    longer = good_agenda(items=(*agenda.items, item("2.d", minutes=30)))
    assert check_agenda(longer, None, NATIONAL, on=JUNE).findings[0].sources == ("OK22-102",)
    two_sources = attrs.evolve(
        AALBORG,
        entries=tuple(
            attrs.evolve(e, sources=("AAL2021", "AAL-MIN-2021-12"))
            if e.key == "meeting_length"
            else e
            for e in AALBORG.entries
        ),
    )
    cited = check_agenda(agenda, no_end, two_sources)
    assert "(2 hours, AAL2021/AAL-MIN-2021-12)" in cited.limit_text()
    assert cited.findings[0].sources == ("AAL2021", "AAL-MIN-2021-12")


def test_without_any_length_rule_nothing_is_compared() -> None:
    bare = RuleSet(name="bare", title="Bare", level="national", entries=NATIONAL.entries[:2])
    agenda = Agenda(items=tuple(item(str(n), minutes=100) for n in range(1, 5)))
    result = check_agenda(agenda, None, bare, on=JUNE)
    assert (result.limit_minutes, result.limit_basis) == (None, None)
    assert result.standing_topics == ()
    assert result.findings == ()
    assert result.sources == ()
    assert result.explain().endswith("(fixed items: none; limit: none). Sources: none.")
    # With a meeting, its length is the limit; the finding cites the catalogue's sources.
    [too_long] = check_agenda(agenda, two_hours(), bare).findings
    assert too_long.code == "agenda.longer-than-meeting"
    assert too_long.sources == ("AAL2021", "VEJL2011")
    with pytest.raises(InvalidValueError, match="the catalogue in force has none"):
        check_agenda(good_agenda(), None, bare, on=JUNE)


# --- standing topics and the catalogue --------------------------------------------------------


def test_standing_topics_missing_on_agenda_and_not_relevant() -> None:
    result = check_agenda(good_agenda(not_relevant=()), two_hours(), AALBORG)
    assert codes(result) == ["agenda.standing-topic-missing"]
    finding = result.findings[0]
    assert finding.severity == "info"
    assert finding.subject == "doctor_coverage"
    assert "(doctor_coverage) is neither on the agenda" in finding.text("en")
    check_golden_finding(finding)
    on = {t.key: t.items for t in result.standing_topics}
    assert on["health_agreements"] == ("2.a",)


def test_only_notes_pass_with_notes() -> None:
    result = check_agenda(good_agenda(not_relevant=()), two_hours(), AALBORG)
    assert (result.outcome, result.reason) == ("info", "agenda.passes-with-notes")
    assert result.explain().startswith(
        "The agenda passes, with notes: 1 standing topic not on the agenda."
    )
    assert result.explain("da").startswith("Dagsordenen er i orden, med bemærkninger: ")


def test_a_topic_taken_and_marked_not_relevant_is_flagged() -> None:
    agenda = good_agenda(not_relevant=("doctor_coverage", "health_agreements"))
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert codes(result) == ["agenda.topic-taken-and-not-relevant"]
    found = result.findings[0]
    assert (found.severity, found.subject, found.parameters["items"]) == (
        "warning",
        "health_agreements",
        ("2.a",),
    )
    assert result.reason == "agenda.needs-attention"
    assert "1 topic both taken by an item and marked not relevant" in result.explain()
    check_golden_finding(found)


def test_a_dialogue_meeting_is_not_held_to_the_committee_meeting_length() -> None:
    agenda = good_agenda(items=(*good_agenda().items, item("2.c", minutes=80)))
    dialogue = Meeting("m1", cph(2023, 6, 1, 15), kind="dialogue")
    result = check_agenda(agenda, dialogue, AALBORG)
    assert (result.limit_minutes, result.limit_basis) == (None, None)
    assert "agenda.longer-than-meeting" not in codes(result)


def test_an_agenda_after_the_rules_horizon_is_flagged_but_passes() -> None:
    later = Meeting("m27", cph(2027, 6, 3, 15), cph(2027, 6, 3, 17))
    result = check_agenda(good_agenda(), later, AALBORG)
    assert codes(result) == ["rules.beyond-horizon"] * 2  # Aalborg's layer and the national one
    assert {f.subject for f in result.findings} == {"m27"}
    assert result.reason == "agenda.passes"


def test_topic_catalogue_numbering() -> None:
    topics = {t.key: t for t in AALBORG.in_force(JUNE).topics}
    assert len(topics) == 16
    assert [k for k, t in topics.items() if t.standing] == [
        "health_agreements",
        "local_health_policy",
        "doctor_coverage",
        "electronic_communication",
    ]
    assert topics["practice_consultants"].numbers == {"national": "25", "aalborg": "16"}
    national = {t.key: t for t in NATIONAL.in_force(JUNE).topics}
    assert topic_label(national["health_agreements"]) == (
        "'Sundhedsaftalen mellem kommunen og regionen' (national no. 10)"
    )
    # A local number comes first, even for a committee whose name sorts after "national".
    viborg = RuleSet(
        "viborg",
        "KLU Viborg",
        "local",
        (),
        parent=NATIONAL,
        topics=(TopicEntry("health_agreements", date(2021, 1, 1), ("PLO-KLU",), "1"),),
    )
    [health] = [t for t in viborg.in_force(JUNE).topics if t.key == "health_agreements"]
    assert topic_label(health).endswith("(viborg no. 1, national no. 10)")


def test_a_local_rule_set_can_extend_the_catalogue() -> None:
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
    result = check_agenda(good_agenda(), two_hours(), extended)
    assert [f.subject for f in result.findings] == ["dialogue_meeting"]
    assert "Standing topic “Dialogue meeting” (dialogue_meeting) is neither" in (
        result.findings[0].text("en")
    )
    tagged = good_agenda(not_relevant=("doctor_coverage", "dialogue_meeting"))
    assert check_agenda(tagged, two_hours(), extended).findings == ()


def test_unknown_topic_keys_are_errors() -> None:
    with pytest.raises(InvalidValueError, match=r"item 2\.a names the unknown topic 'helth'.*, "):
        check_agenda(Agenda(items=(item("2.a", topics=("helth",)),)), two_hours(), AALBORG)
    with pytest.raises(InvalidValueError, match="not_relevant names the unknown topic 'x'"):
        check_agenda(Agenda(not_relevant=("x",)), two_hours(), AALBORG)


# --- arguments --------------------------------------------------------------------------------


def test_bad_arguments() -> None:
    with pytest.raises(InvalidValueError, match=r"agenda must be a klu_rules\.Agenda"):
        check_agenda("1. Godkendelse", two_hours(), AALBORG)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"meeting must be a klu_rules\.Meeting or None"):
        check_agenda(good_agenda(), "m1", AALBORG)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="check_agenda without a meeting needs the date"):
        check_agenda(good_agenda(), None, AALBORG)
    with pytest.raises(InvalidValueError, match="in force on 2023-06-02, but the date"):
        check_agenda(good_agenda(), two_hours(), AALBORG.in_force(date(2023, 6, 2)))
    odd = attrs.evolve(
        AALBORG,
        fixed_agenda_items=(
            FixedAgendaItem(
                "odd", "A", "Odd", AgendaItemKind.APPROVAL, date(2021, 5, 1), ("AAL2021",)
            ),
        ),
    )
    with pytest.raises(InvalidValueError, match="fixed items are numbered with a main number"):
        check_agenda(good_agenda(), two_hours(), odd)


def test_the_meeting_date_is_its_local_date_in_the_given_zone() -> None:
    # 00:30 in Copenhagen on 1 June is still 31 May in UTC.
    meeting = Meeting("m1", cph(2023, 6, 1, 0, 30), cph(2023, 6, 1, 2, 30))
    assert check_agenda(good_agenda(), meeting, AALBORG).on == JUNE
    assert check_agenda(good_agenda(), meeting, AALBORG, timezone="UTC").on == date(2023, 5, 31)


# --- invariants -------------------------------------------------------------------------------

KINDS = st.sampled_from(["approval", "decision", "information", "other_business"])


@st.composite
def fixed_item_rule_sets(draw: st.DrawFn) -> RuleSet:
    mains = draw(st.lists(st.integers(1, 20), min_size=1, max_size=6, unique=True))
    if draw(st.booleans()):
        mains.sort()
    fixed = tuple(
        FixedAgendaItem(
            f"fixed-{n}",
            str(n),
            f"Fast punkt {n}",
            AgendaItemKind(draw(KINDS)),
            date(2021, 5, 1),
            ("AAL2021",),
        )
        for n in mains
    )
    return attrs.evolve(AALBORG, fixed_agenda_items=fixed)


@given(fixed_item_rule_sets(), st.dates(date(2021, 5, 1), date(2030, 12, 31)))
def test_a_template_always_passes_the_fixed_item_check(rules: RuleSet, day: date) -> None:
    template = agenda_template(rules, on=day)
    result = check_agenda(template, None, rules, on=day)
    assert all(f.status == "present" for f in result.fixed_items)
    assert not {"agenda.fixed-item-missing", "agenda.fixed-items-out-of-order"} & set(codes(result))


@given(st.dates(date(2011, 4, 1), date(2030, 12, 31)))
def test_the_shipped_templates_pass(day: date) -> None:
    for rules in (NATIONAL, AALBORG):
        result = check_agenda(agenda_template(rules, on=day), None, rules, on=day)
        assert result.outcome != "error"


@st.composite
def agendas(draw: st.DrawFn) -> Agenda:
    numbers = draw(
        st.lists(
            st.tuples(st.integers(1, 9), st.sampled_from(["", "a", "b", "c"])),
            min_size=0,
            max_size=10,
            unique=True,
        )
    )
    items = tuple(
        AgendaItem(
            f"{main}.{sub}" if sub else str(main),
            draw(TEXT.map(lambda s: " ".join(s.split()) or "x")),  # a title is one line
            draw(KINDS),
            draw(st.none() | st.integers(1, 90)),
            case_description=draw(st.none() | TEXT),
        )
        for main, sub in numbers
    )
    return Agenda(items=items)


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
    | st.sampled_from(list("<>&\"'*_[]`#\n\\|~-+=.1")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@given(agendas())
def test_total_is_the_sum_of_each_groups_larger_part(agenda: Agenda) -> None:
    total, _complete = expected_minutes(agenda)
    assert total == sum(g.minutes for g in agenda_groups(agenda))
    assert total <= agenda.total_minutes
    result = check_agenda(agenda, two_hours(), AALBORG)
    assert result.total_minutes == total
    if result.total_minutes > 120:
        assert "agenda.longer-than-meeting" in codes(result)
    leaves = [leaf for g in agenda_groups(agenda) for leaf in g.leaves]
    assert codes(result).count("agenda.item-without-duration") == sum(
        1 for leaf in leaves if leaf.duration_minutes is None
    )


# --- rendering --------------------------------------------------------------------------------


def test_december_2021_renders_like_the_minutes() -> None:
    record = load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml")
    assert record.meeting.agenda is not None
    text = agenda_to_markdown(
        record.meeting.agenda, meeting=record.meeting, committee=record.committee, language="da"
    )
    headings = "".join(re.findall(r"^## (\d\. (?:[a-e]\. )?)", text, re.M))
    assert headings == "1. 2. a. 2. b. 2. c. 2. d. 2. e. 3. a. 3. b. 4. "
    assert text.startswith("# Dagsorden\n\nMøde i Kommunalt Lægeligt Udvalg Aalborg  \n")
    assert "Tid: Onsdag den 1. december 2021 kl. 15.00\n" in text
    assert "## 2. a. Drøftelse af kommissorium for forbedring af samarbejde og digital " in text
    assert text.count("**Sagsbeskrivelse:**") == 7
    assert text.count("**Forventet varighed:** ikke angivet") == 9
    assert "**Emner:** Børne/ungeområdet; IT-kommunikation mellem almen praksis og kommunen" in text
    assert "1.935,27 kr." in text
    assert text.endswith("**Samlet forventet varighed:** ikke angivet\n")
    page = agenda_to_html(
        record.meeting.agenda, meeting=record.meeting, committee=record.committee, language="da"
    )
    assert page.startswith('<!DOCTYPE html>\n<html lang="da">')
    assert "<h2>3. b. Orientering om strategi for rehabilitering" in page
    assert page.count("<strong>Sagsbeskrivelse:</strong>") == 7


def test_headings_under_a_main_item_and_the_fields() -> None:
    agenda = Agenda(
        items=(
            AgendaItem("2", "Punkter til behandling", "decision"),
            AgendaItem(
                "2.a",
                "Sundhedsaftalen",
                "decision",
                30,
                what="Hvad",
                how="Hvordan",
                why="Hvorfor",
                proposer="PLO-Aalborg",
                topics=("health_agreements",),
            ),
        ),
        not_relevant=("doctor_coverage",),
    )
    meeting = Meeting("m1", cph(2023, 6, 1, 15), cph(2023, 6, 1, 17), location="Rådhuset")
    text = agenda_to_markdown(agenda, meeting=meeting, committee=aalborg(), language="da")
    assert "## 2. Punkter til behandling\n\n### 2. a. Sundhedsaftalen\n" in text
    assert "Sted: Rådhuset" in text
    for line in (
        "**Hvad ønskes drøftet:** Hvad",
        "**Hvordan ønskes det drøftet:** Hvordan",
        "**Hvorfor punktet ønskes dagsordenssat i KLU:** Hvorfor",
        "**Forslagsstiller:** PLO-Aalborg",
        "**Emner:** Sundhedsaftalen mellem kommunen og regionen",
        "**Samlet forventet varighed:** 30 min.",
        "**Faste emner, der ikke er relevante denne gang:** Lokale lægedækningsproblemer",
    ):
        assert line in text
    # The heading without sub-item durations shows none of its own.
    assert "## 2. Punkter til behandling\n\n**Forventet" not in text
    bare = agenda_to_markdown(agenda, language="da")
    assert "**Emner:** health\\_agreements" in bare
    assert bare.startswith("# Dagsorden\n\n## 2.")
    fragment = agenda_to_html(agenda, fragment=True, language="da")
    assert fragment.startswith('<article class="klu-agenda" lang="da">')
    assert "<html" not in fragment
    assert render_agenda(agenda, "markdown", language="da") == bare
    assert render_agenda(agenda, "html") == agenda_to_html(agenda, language="en")
    with pytest.raises(InvalidValueError, match="renders as markdown or html"):
        render_agenda(agenda, "pdf")  # type: ignore[arg-type]


def test_rendering_escapes_markup() -> None:
    nasty = '<script>alert("x")</script> *fed* [link](http://x) & &amp; `kode`'
    agenda = Agenda(items=(AgendaItem("1", nasty, "approval", case_description=nasty + "\n# 2"),))
    page = agenda_to_html(agenda)
    assert "<script>" not in page
    assert html.escape(nasty, quote=True) in page
    text = agenda_to_markdown(agenda)
    assert "\\<script\\>" in text
    assert "\\*fed\\*" in text
    assert "\\[link\\](http://x)" in text
    assert "\\&amp;" in text
    assert "\n\\# 2\n" in text
    assert escape_markdown("  - punkt\n1. punkt\n+ x\n= y") == "\\- punkt\n1\\. punkt\n\\+ x\n\\= y"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "article"} | {
    "h1",
    "h2",
    "h3",
    "p",
    "strong",
    "br",
}


@given(agendas())
def test_render_escapes_html(agenda: Agenda) -> None:
    page = agenda_to_html(agenda, meeting=two_hours(), committee=aalborg())
    parser = _Text()
    parser.feed(page)
    assert set(parser.tags) <= ALLOWED_TAGS
    shown = "".join(parser.text)
    for agenda_item in agenda.items:
        assert " ".join(agenda_item.title.split()) in shown


@given(TEXT)
def test_markdown_escape_leaves_no_bare_markup(text: str) -> None:
    escaped = escape_markdown(text)
    unescaped = re.sub(r"\\.", "", escaped)
    assert not set("<>*_[]`|~\\") & set(unescaped)
    for line in escaped.split("\n"):
        assert not line.startswith(("#", "-", "+", "=", " "))
        assert not re.match(r"^\d+[.)]", line)


def test_rendering_is_fast_enough_for_long_agendas() -> None:
    items = tuple(item(f"{n}.{s}", minutes=1) for n in range(1, 10) for s in "abcdefgh")
    start = datetime.now().astimezone()
    agenda_to_html(Agenda(items=items))
    assert datetime.now().astimezone() - start < timedelta(seconds=2)


# --- Danish and English ------------------------------------------------------------------------

AGENDA_CODES = (
    "fixed-item-missing",
    "fixed-items-out-of-order",
    "item-without-description",
    "item-without-duration",
    "longer-than-meeting",
    "standing-topic-missing",
)
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "findings"


def _data_words(*texts: object) -> frozenset[str]:
    return frozenset(w for t in texts for w in re.findall(r"\w+", str(t).lower()))


@pytest.mark.parametrize("code", AGENDA_CODES)
@pytest.mark.parametrize("language", ["da", "en"])
def test_agenda_findings_render_in_one_language(code: str, language: str) -> None:
    found = Finding.from_json((GOLDEN / f"agenda.{code}.json").read_text("utf-8"))
    text = found.text(language)  # type: ignore[arg-type]
    assert text
    assert "{" not in text
    assert foreign_words(text, language, allow=_data_words(*found.parameters.values())) == set()


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_agenda_check_explains_itself_in_one_language(language: str) -> None:
    record = load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml")
    assert record.meeting.agenda is not None
    for result in (
        check_agenda(record.meeting.agenda, record.meeting, AALBORG),
        check_agenda(good_agenda(), two_hours(), AALBORG),
    ):
        text = result.explain(language)  # type: ignore[arg-type]
        allow = _data_words(result.parameters["fixed_items"], result.parameters["rule_set"])
        assert foreign_words(text, language, allow=allow) == set(), text
        for f in result.findings:
            assert (
                foreign_words(f.text(language), language, allow=_data_words(*f.parameters.values()))
                == set()
            )  # type: ignore[arg-type]
    assert topic_label(NATIONAL.in_force(JUNE).topics[9], "da").endswith("(national nr. 19)")
