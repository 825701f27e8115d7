"""Tests written to kill the mutants that survived the rest of the suite.

Mutation testing (``scripts/mutation.sh``, ``docs/quality.md``) changes the
rule modules one small edit at a time; a mutant that no test notices marks a
behaviour no test pins down. The tests here pin those behaviours:

- known answers for boundaries and arguments the other tests never varied
  (a meeting just after midnight, a doctor member out of office, a rule set
  layered on another national set, a repr exactly 60 characters long, ...);
- the user-facing texts and JSON of the rule functions (quorum, honorarium,
  agenda check, deadlines) for a set of scenarios, compared with golden files
  under ``tests/golden/kills/``. Regenerate them after a deliberate change
  with ``KLU_UPDATE_GOLDEN=1 .venv/bin/python -m pytest
  tests/test_mutation_kills.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import tomllib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from klu_rules import (
    Agenda,
    AgendaItem,
    Attendance,
    Committee,
    InvalidValueError,
    KluRulesError,
    Meeting,
    Membership,
    Money,
    NoRulesInForceError,
    Period,
    Person,
    RuleEntry,
    RuleSet,
    load_committee,
)
from klu_rules.calendar import ClosingDay, DanishCalendar, FixedDate, HolidayRule
from klu_rules.rules import AALBORG, NATIONAL, dump_rule_set, load_rule_set, parse_rule_set

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "kills"
EXAMPLES = ROOT / "examples"
CPH = ZoneInfo("Europe/Copenhagen")
UPDATE = os.environ.get("KLU_UPDATE_GOLDEN") == "1"


def matches_golden(name: str, value: Any) -> None:
    """``value`` as JSON equals ``tests/golden/kills/<name>.json`` (written when updating)."""
    text = json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path.name}; run with KLU_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs"


# ---------------------------------------------------------------------------
# scenarios: committees and meetings


DOC_A = Person("doc-a", "Dr A", doctor=True)
DOC_B = Person("doc-b", "Dr B", doctor=True)
DOC_LATE = Person("doc-late", "Dr Late", doctor=True)
SUB = Person("sub", "Dr Substitute", doctor=True)
EXTRA = Person("extra", "Dr Extra", doctor=True)
CHAIR = Person("chair", "Karen Formand")
REP = Person("rep", "Rita Repræsentant")
CONSULTANT = Person("consultant", "Eva Praksiskonsulent", doctor=True)
SECRETARY = Person("secretary", "Finn Sekretær")


def committee(rules: RuleSet = AALBORG, meetings: tuple[Meeting, ...] = ()) -> Committee:
    """Two doctor members in office throughout, one whose seat ended, one starting 2 June."""
    return Committee(
        id="klu-kill",
        name="KLU Kill",
        municipality="Testkommune",
        region="Nordjylland",
        rule_set=rules,
        memberships=(
            Membership(DOC_A, "general_practice", "doctor_member"),
            Membership(DOC_B, "general_practice", "doctor_member", term_end=date(2023, 1, 31)),
            Membership(DOC_LATE, "general_practice", "doctor_member", term_start=date(2023, 6, 2)),
            Membership(CHAIR, "municipality", "chair"),
            Membership(REP, "municipality", "municipal_representative"),
            Membership(CONSULTANT, "municipality", "practice_consultant"),
        ),
        secretariat=(Membership(SECRETARY, "municipality", "secretary"),),
        meetings=meetings,
    )


AGENDA = Agenda(
    (
        AgendaItem("1", "Godkendelse af dagsordenen", "approval", 5),
        AgendaItem("2", "Punkter til behandling", "decision"),
        AgendaItem(
            "2.a",
            "Sundhedsaftalen",
            "decision",
            40,
            what="w",
            how="h",
            why="y",
            topics=("health_agreements",),
        ),
        AgendaItem("2.b", "Rygestop", "decision", 30, what="w"),
        AgendaItem("3", "Orienteringspunkter", "information", 20),
        AgendaItem("4", "Eventuelt", "other_business"),
    ),
    not_relevant=("doctor_coverage",),
)


def meeting(mid: str, start: datetime, **changes: Any) -> Meeting:
    values: dict[str, Any] = dict(id=mid, start=start, end=start + timedelta(hours=2))
    values.update(changes)
    return Meeting(**values)


SCENARIOS: dict[str, Meeting] = {
    # just after midnight: the local date (2 June) differs from the UTC date (1 June)
    "midnight": meeting(
        "m-midnight",
        datetime(2023, 6, 2, 0, 30, tzinfo=CPH),
        status="held",
        attendance=(
            Attendance(DOC_A, "present"),
            Attendance(DOC_LATE, "present"),
            Attendance(CHAIR, "present"),
        ),
    ),
    "substitute-for-items": meeting(
        "m-items",
        datetime(2023, 3, 6, 15, tzinfo=CPH),
        status="held",
        agenda=AGENDA,
        attendance=(
            Attendance(DOC_A, "absent", reason="Ferie"),
            Attendance(SUB, "substitute", substitute_for="doc-a", items=("2.a", "2.b")),
            Attendance(EXTRA, "supplementing"),
            Attendance(CONSULTANT, "present"),
            Attendance(REP, "absent"),
            Attendance(CHAIR, "present"),
        ),
    ),
    "not-quorate": meeting(
        "m-empty",
        datetime(2023, 10, 5, 15, tzinfo=CPH),
        status="held",
        attendance=(Attendance(EXTRA, "supplementing"), Attendance(SECRETARY, "present")),
    ),
    "cancelled": meeting(
        "m-cancelled",
        datetime(2023, 11, 30, 15, tzinfo=CPH),
        status="cancelled",
        attendance=(Attendance(DOC_A, "present"), Attendance(CHAIR, "present")),
    ),
    "planned-no-end": meeting(
        "m-planned",
        datetime(2023, 12, 14, 15, tzinfo=CPH),
        end=None,
        attendance=(Attendance(DOC_A, "present"), Attendance(REP, "present")),
    ),
    "long-utc": meeting(
        "m-long",
        datetime(2023, 9, 1, 13, tzinfo=UTC),
        end=datetime(2023, 9, 1, 17, 30, tzinfo=UTC),
        status="held",
        agenda=AGENDA,
        attendance=(
            Attendance(DOC_A, "present"),
            Attendance(SUB, "substitute", substitute_for="doc-a"),
            Attendance(REP, "present"),
        ),
    ),
}


@pytest.fixture(scope="module")
def example() -> Any:
    from klu_rules.meeting_record import load_meeting_record

    return load_meeting_record(EXAMPLES / "meeting_2023_06_01.toml")


# ---------------------------------------------------------------------------
# quorum, honorarium, agenda check: texts and JSON


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("rules", ["national", "aalborg"])
def test_quorum_texts_and_json(name: str, rules: str) -> None:
    from klu_rules.quorum import check_quorum

    m = SCENARIOS[name]
    c = committee(NATIONAL if rules == "national" else AALBORG, (m,))
    result = check_quorum(m, c)
    record: dict[str, Any] = {"result": result.to_dict(), "explain": result.explain()}
    overridden = check_quorum(m, c, doctor_share="1", municipal_present=2)
    record["overridden"] = overridden.to_dict()
    matches_golden(f"quorum-{name}-{rules}", record)


def test_quorum_of_the_example_record(example: Any) -> None:
    from klu_rules.quorum import check_quorum

    result = check_quorum(example.meeting, example.committee)
    matches_golden("quorum-example", {"result": result.to_dict(), "explain": result.explain()})


def test_quorum_refuses_a_substitute_for_a_member_out_of_office() -> None:
    from klu_rules.errors import NotADoctorMemberError
    from klu_rules.quorum import check_quorum

    m = meeting(
        "m-x",
        datetime(2023, 6, 1, 15, tzinfo=CPH),
        attendance=(Attendance(SUB, "substitute", substitute_for="doc-late"),),
    )
    # Building the committee refuses it; check_quorum refuses it for a meeting alone too.
    with pytest.raises(NotADoctorMemberError):
        committee(AALBORG, (m,))
    with pytest.raises(NotADoctorMemberError, match="doc-late"):
        check_quorum(m, committee())


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("per", [None, "meeting", "hour"])
def test_honorarium_texts_and_json(name: str, per: str | None) -> None:
    from klu_rules.honorarium import MeetingRate, honorarium_for_meeting

    m = SCENARIOS[name]
    c = committee(AALBORG, (m,))
    rate = None if per is None else MeetingRate(Money(Decimal("1234.56"), "2023-04"), per=per)
    try:
        result = honorarium_for_meeting(m, c, rate=rate)
    except KluRulesError as exc:
        matches_golden(f"honorarium-{name}-{per}", {"error": f"{type(exc).__name__}: {exc}"})
        return
    national = honorarium_for_meeting(m, committee(NATIONAL, (m,)), rate=rate)
    matches_golden(
        f"honorarium-{name}-{per}",
        {
            "result": result.to_dict(),
            "explain": result.explain(),
            "national": national.to_dict(),
            "national_explain": national.explain(),
        },
    )


def test_honorarium_of_the_example_record(example: Any) -> None:
    from klu_rules.honorarium import MeetingRate, honorarium_for_meeting

    rate = MeetingRate(Money(Decimal("1500"), "2023-04"))
    result = honorarium_for_meeting(example.meeting, example.committee, rate=rate)
    matches_golden("honorarium-example", {"result": result.to_dict(), "explain": result.explain()})


@pytest.mark.parametrize("residents", [0, 30, 31, 200])
@pytest.mark.parametrize("extra", [True, False])
def test_nursing_home_fee_texts_and_json(residents: int, extra: bool) -> None:
    from klu_rules.honorarium import nursing_home_doctor_monthly_fee

    fee = nursing_home_doctor_monthly_fee(residents, extra_hour_given=extra)
    dated = nursing_home_doctor_monthly_fee(
        residents, extra_hour_given=extra, on=date(2023, 1, 1), rules=AALBORG
    )
    matches_golden(
        f"nursing-home-{residents}-{extra}",
        {"fee": fee.to_dict(), "explain": fee.explain(), "dated": dated.to_dict()},
    )


def test_nursing_home_fee_before_ok22_has_no_rules() -> None:
    from klu_rules.honorarium import nursing_home_doctor_monthly_fee

    with pytest.raises(NoRulesInForceError):
        nursing_home_doctor_monthly_fee(10, on=date(2021, 12, 31))


AGENDAS: dict[str, Agenda] = {
    "complete": AGENDA,
    "missing-fixed-items": Agenda(
        (AgendaItem("1", "Sundhedsaftalen", "decision", 30, topics=("health_agreements",)),)
    ),
    "wrong-order": Agenda(
        (
            AgendaItem("2", "Punkter til behandling", "decision", 60),
            AgendaItem("1", "Godkendelse af dagsordenen", "approval", 5),
            AgendaItem("4", "Eventuelt", "other_business"),
            AgendaItem("3", "Orienteringspunkter", "information", 10),
        )
    ),
    "too-long": Agenda(
        (
            AgendaItem("1", "Godkendelse af dagsordenen", "approval", 5),
            AgendaItem("2", "Punkter til behandling", "decision", 200),
            AgendaItem("3", "Orienteringspunkter", "information", 30),
            AgendaItem("4", "Eventuelt", "other_business", 5),
        ),
        not_relevant=(
            "health_agreements",
            "local_health_policy",
            "doctor_coverage",
            "electronic_communication",
        ),
    ),
    "empty": Agenda(()),
}


@pytest.mark.parametrize("name", sorted(AGENDAS))
@pytest.mark.parametrize("rules", ["national", "aalborg"])
def test_agenda_check_texts_and_json(name: str, rules: str) -> None:
    from klu_rules.agenda_rules import check_agenda

    rule_set = NATIONAL if rules == "national" else AALBORG
    m = meeting("m-agenda", datetime(2023, 3, 6, 15, tzinfo=CPH))
    with_meeting = check_agenda(AGENDAS[name], m, rule_set)
    alone = check_agenda(AGENDAS[name], None, rule_set, on=date(2023, 3, 6))
    local = check_agenda(AGENDAS[name], m, rule_set, layering="local")
    matches_golden(
        f"agenda-{name}-{rules}",
        {
            "with_meeting": with_meeting.to_dict(),
            "explain": with_meeting.explain(),
            "alone": alone.to_dict(),
            "local": local.to_dict(),
        },
    )


def test_agenda_check_of_the_example_record(example: Any) -> None:
    from klu_rules.agenda_rules import check_agenda

    assert example.meeting.agenda is not None
    result = check_agenda(example.meeting.agenda, example.meeting, example.committee.rule_set)
    matches_golden("agenda-example", {"result": result.to_dict(), "explain": result.explain()})


def test_agenda_helpers_known_answers() -> None:
    from klu_rules.agenda_rules import agenda_template, expected_minutes, topic_label

    assert expected_minutes(AGENDA) == (95, False)
    template = agenda_template(AALBORG, on=date(2023, 3, 6))
    assert [(i.number, i.title) for i in template.items] == [
        ("1", "Godkendelse af dagsordenen"),
        ("2", "Punkter til behandling"),
        ("3", "Orienteringspunkter"),
        ("4", "Eventuelt"),
    ]
    topics = AALBORG.in_force(date(2023, 3, 6)).topics
    matches_golden("topic-labels", [topic_label(t) for t in topics])


def test_agenda_check_refuses_unknown_topics() -> None:
    from klu_rules.agenda_rules import check_agenda

    agenda = Agenda((AgendaItem("1", "X", "decision", topics=("no_such_topic",)),))
    with pytest.raises(InvalidValueError, match="no_such_topic"):
        check_agenda(agenda, None, AALBORG, on=date(2023, 3, 6))
    with pytest.raises(KluRulesError):
        check_agenda(AGENDA, None, AALBORG)


# ---------------------------------------------------------------------------
# deadlines


def test_deadline_texts_and_json_for_recorded_late_and_passed_steps() -> None:
    from klu_rules.deadlines import plan_meeting

    m = meeting(
        "m-steps",
        datetime(2023, 10, 5, 15, tzinfo=CPH),
        call_for_items_on=date(2023, 9, 20),
        agenda_sent_on=None,
    )
    plans = {
        "before": plan_meeting(m, AALBORG, as_of=date(2023, 9, 29)),
        "on-the-day": plan_meeting(m, AALBORG, as_of=date(2023, 10, 5)),
        "after": plan_meeting(m, AALBORG, as_of=date(2023, 10, 6)),
        "national": plan_meeting(m, NATIONAL),
        "local": plan_meeting(m, AALBORG, layering="local"),
    }
    matches_golden(
        "deadlines-steps",
        {
            k: {
                "plan": p.to_dict(),
                "explain": p.explain(),
                "outcome": p.outcome,
                "deadlines": [d.explanation for d in p.deadlines],
            }
            for k, p in plans.items()
        },
    )


def test_deadline_lookups_say_why_a_deadline_is_missing() -> None:
    from klu_rules.deadlines import plan_meeting

    dialogue = meeting("m-dialogue", datetime(2023, 9, 14, 17, tzinfo=CPH), kind="dialogue")
    ordinary = meeting("m-ordinary", datetime(2023, 9, 14, 15, tzinfo=CPH))
    with pytest.raises(NoRulesInForceError, match="only an announcement deadline"):
        plan_meeting(dialogue, AALBORG).deadline("agenda_dispatch")
    with pytest.raises(NoRulesInForceError, match="only dialogue meetings are announced"):
        plan_meeting(ordinary, AALBORG).deadline("dialogue_announcement")
    with pytest.raises(NoRulesInForceError, match="set no"):
        plan_meeting(dialogue, NATIONAL).deadline("dialogue_announcement")


def test_plan_meetings_takes_the_year_from_the_local_date() -> None:
    from klu_rules.deadlines import plan_meetings

    new_year = meeting("m-ny", datetime(2024, 1, 1, 0, 30, tzinfo=CPH))  # 2023 in UTC
    plan = plan_meetings([new_year], AALBORG)
    assert plan.year == 2024
    with pytest.raises(InvalidValueError, match="needs a year when no meetings are given"):
        plan_meetings([], AALBORG)
    judged = plan_meetings([new_year], AALBORG, as_of=date(2024, 1, 2))
    assert judged.to_dict() != plan.to_dict()
    with pytest.raises(InvalidValueError, match="has no meeting 'nope'; it has m-ny"):
        plan.meeting("nope")


def test_plan_year_texts_and_json() -> None:
    from klu_rules.deadlines import plan_year

    c = load_committee(EXAMPLES / "aalborg_2021_records.toml")
    plan = plan_year(c, 2021, as_of=date(2021, 12, 31))
    matches_golden("plan-year-2021", {"plan": plan.to_dict(), "explain": plan.explain()})


def test_deadline_to_dict_keeps_the_recorded_day() -> None:
    from klu_rules.deadlines import plan_meeting

    m = meeting("m-done", datetime(2023, 10, 5, 15, tzinfo=CPH), agenda_sent_on=date(2023, 9, 20))
    done = plan_meeting(m, AALBORG).deadline("agenda_dispatch")
    assert done.to_dict()["done_on"] == "2023-09-20"


# ---------------------------------------------------------------------------
# rules: texts, layering on another national set, dumping


def entry(key: str, value: Any, day: date = date(2022, 1, 1), **kw: Any) -> RuleEntry:
    return RuleEntry(key, value, day, kw.pop("sources", ("AAL2021",)), **kw)


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("doctor_seats", "2", "takes a whole number, got '2'"),
        ("substitutes_paid", 1, "takes true or false, got 1"),
        ("evaluation_recipient", 3, "takes text, got 3"),
        ("quorum_doctor_share", 0.5, 'takes a decimal written as a string, e.g. "0.5", got 0.5'),
        ("meeting_length", "2 hours", "takes a period such as \"2 weeks\", got '2 hours'"),
        (
            "nursing_home_hourly_rate",
            Decimal(1),
            'takes an amount table { amount = "1935.27", price_level = "2021-04" }, '
            "got Decimal('1')",
        ),
    ],
)
def test_a_wrong_value_type_is_named_in_words(key: str, value: Any, words: str) -> None:
    with pytest.raises(KluRulesError) as info:
        entry(key, value)
    assert str(info.value) == f"rule {key!r} {words}"


def test_explain_says_where_a_value_comes_from() -> None:
    on = date(2023, 3, 6)
    national = NATIONAL.in_force(on)
    strict = AALBORG.in_force(on)
    local = AALBORG.in_force(on, layering="local")
    texts = {
        "national": national.get("agenda_dispatch_notice").explain(),
        "assumption": national.get("quorum_doctor_share").explain(),
        "convention": national.get("roll_before").explain(),
        "money": national.get("nursing_home_monthly_fee").explain(),
        "flag": national.get("substitutes_paid").explain(),
        "local": strict.get("meetings_per_year").explain(),
        "beyond-strictest": strict.get("agenda_dispatch_notice").explain(),
        "beyond-local": local.get("agenda_dispatch_notice").explain(),
        "findings": [f.message for f in strict.findings()],
        "findings-local": [f.message for f in local.findings()],
    }
    assert texts["national"] == (
        "agenda_dispatch_notice = 2 weeks from OK22-102 (in force from 2022-01-01)"
    )
    assert texts["flag"] == "substitutes_paid = true from OK22-102 (in force from 2022-01-01)"
    assert texts["beyond-strictest"] == (
        "agenda_dispatch_notice = 2 weeks from OK22-102 (in force from 2022-01-01); the local "
        "value 1 week is beyond the national minimum 2 weeks"
    )
    matches_golden("rules-explain", texts)


def test_a_local_set_is_loaded_on_the_parent_it_is_given(tmp_path: Path) -> None:
    other = RuleSet(
        "other",
        "Other national",
        "national",
        (entry("meetings_per_year", 6, bound="minimum", sources=("VEJL2011",)),),
    )
    local = RuleSet("mine", "Mine", "local", (entry("meetings_per_year", 5),), parent=other)
    path = tmp_path / "mine.toml"
    path.write_text(dump_rule_set(local), encoding="utf-8")
    loaded = load_rule_set(path, parent=other)
    assert loaded.parent is other
    assert loaded.in_force(date(2023, 1, 1)).get("meetings_per_year").beyond_bound
    assert load_rule_set(path).parent == NATIONAL


def test_a_rule_entry_with_status_rule_is_written_without_a_status() -> None:
    text = dump_rule_set(
        RuleSet("x", "X", "local", (entry("meetings_per_year", 4),), parent=NATIONAL)
    )
    assert "status" not in text
    assumption = entry("quorum_municipal_present", 2, status="assumption", sources=())
    text = dump_rule_set(RuleSet("x", "X", "local", (assumption,), parent=NATIONAL))
    assert 'status = "assumption"' in text
    assert parse_rule_set(tomllib.loads(text)).entries == (assumption,)


def test_no_rules_before_the_start_cites_the_national_sources() -> None:
    with pytest.raises(NoRulesInForceError) as info:
        AALBORG.in_force(date(2011, 3, 31))
    assert "(VEJL2011)" in str(info.value)
    assert "2011-04-01" in str(info.value)


def test_an_unknown_topic_lists_the_catalogue() -> None:
    with pytest.raises(InvalidValueError) as info:
        NATIONAL.in_force(date(2023, 1, 1)).topic("nope")
    assert "has health_agreements, local_health_policy, doctor_coverage" in str(info.value)


# ---------------------------------------------------------------------------
# money, periods, calendar


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0", "0,00 kr. (2021-04-niveau)"),
        ("0.50", "0,50 kr. (2021-04-niveau)"),
        ("-0.50", "-0,50 kr. (2021-04-niveau)"),
        ("1935.27", "1.935,27 kr. (2021-04-niveau)"),
        ("1234567.891", "1.234.567,89 kr. (2021-04-niveau)"),
        ("-1000", "-1.000,00 kr. (2021-04-niveau)"),
    ],
)
def test_money_in_danish(amount: str, text: str) -> None:
    assert Money(Decimal(amount), "2021-04").format_da() == text


def test_money_refuses_a_float_by_name() -> None:
    with pytest.raises(InvalidValueError, match=r"got float 1\.5; floats are not exact"):
        Money(1.5, "2021-04")  # type: ignore[arg-type]


def test_money_arithmetic_keeps_level_and_currency() -> None:
    fee = Money(Decimal("967.64"), "2021-04")
    assert fee + fee == Money(Decimal("1935.28"), "2021-04")
    assert 3 * fee == fee * 3 == Money(Decimal("2902.92"), "2021-04")
    assert (fee + fee).currency == (fee * 2).currency == "DKK"


def test_period_texts() -> None:
    assert [str(Period(n, "weeks")) for n in (0, 1, 2)] == ["0 weeks", "1 week", "2 weeks"]
    assert Period.parse(" 3 month ") == Period(3, "months")


def test_calendar_messages_name_the_value() -> None:
    calendar = DanishCalendar()
    sixty = "x" * 58  # repr() adds two quotes: exactly 60 characters
    with pytest.raises(InvalidValueError) as info:
        calendar.is_working_day(sixty)  # type: ignore[arg-type]
    assert f"got str '{sixty}';" in str(info.value)
    sixty_one = "x" * 59
    with pytest.raises(InvalidValueError) as info:
        calendar.is_working_day(sixty_one)  # type: ignore[arg-type]
    assert "got str '" + "x" * 56 + "...;" in str(info.value)
    with pytest.raises(InvalidValueError, match="ClosingDay 'x': day must be an int"):
        ClosingDay(5, "1", "x")  # type: ignore[arg-type]
    with pytest.raises(
        InvalidValueError, match="use one of ascension_day, boxing_day, christmas_day"
    ):
        HolidayRule("no_such_day", FixedDate(1, 1))
    assert HolidayRule("new_years_day", FixedDate(1, 1), first_year=2000, last_year=2000)


def test_calendar_range_messages_say_which_way() -> None:
    calendar = DanishCalendar()
    with pytest.raises(InvalidValueError, match="rolling 2200-12-31 to the following"):
        calendar.roll(date(2200, 12, 31), "following")
    with pytest.raises(InvalidValueError, match="rolling 1900-01-01 to the preceding"):
        calendar.roll(date(1900, 1, 1), "preceding")
    with pytest.raises(InvalidValueError, match=r"adding 1 working day.*past 2200-12-31"):
        calendar.add_working_days(date(2200, 12, 31), 1)
    with pytest.raises(InvalidValueError, match=r"adding -1 working day.*before 1900-01-01"):
        calendar.add_working_days(date(1900, 1, 1), -1)
