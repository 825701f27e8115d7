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
from klu_rules.rules.calendar import ClosingDay, DanishCalendar, FixedDate, HolidayRule
from klu_rules.rules.ruleset import AALBORG, NATIONAL, dump_rule_set, load_rule_set, parse_rule_set

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "kills"
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
    from klu_rules.io.meeting_record import load_meeting_record

    return load_meeting_record(EXAMPLES / "meeting_2023_06_01.toml")


# ---------------------------------------------------------------------------
# quorum, honorarium, agenda check: texts and JSON


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("rules", ["national", "aalborg"])
def test_quorum_texts_and_json(name: str, rules: str) -> None:
    from klu_rules.checks.quorum import check_quorum

    m = SCENARIOS[name]
    c = committee(NATIONAL if rules == "national" else AALBORG, (m,))
    result = check_quorum(m, c)
    record: dict[str, Any] = {"result": result.to_dict(), "explain": result.explain()}
    overridden = check_quorum(m, c, doctor_share="1", municipal_present=2)
    record["overridden"] = overridden.to_dict()
    matches_golden(f"quorum-{name}-{rules}", record)


def test_quorum_of_the_example_record(example: Any) -> None:
    from klu_rules.checks.quorum import check_quorum

    result = check_quorum(example.meeting, example.committee)
    matches_golden("quorum-example", {"result": result.to_dict(), "explain": result.explain()})


def test_quorum_refuses_a_substitute_for_a_member_out_of_office() -> None:
    from klu_rules.checks.quorum import check_quorum
    from klu_rules.core.errors import NotADoctorMemberError

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
    from klu_rules.checks.honorarium import MeetingRate, honorarium_for_meeting

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
    from klu_rules.checks.honorarium import MeetingRate, honorarium_for_meeting

    rate = MeetingRate(Money(Decimal("1500"), "2023-04"))
    result = honorarium_for_meeting(example.meeting, example.committee, rate=rate)
    matches_golden("honorarium-example", {"result": result.to_dict(), "explain": result.explain()})


@pytest.mark.parametrize("residents", [0, 30, 31, 200])
@pytest.mark.parametrize("extra", [True, False])
def test_nursing_home_fee_texts_and_json(residents: int, extra: bool) -> None:
    from klu_rules.checks.honorarium import nursing_home_doctor_monthly_fee

    fee = nursing_home_doctor_monthly_fee(residents, extra_hour_given=extra)
    dated = nursing_home_doctor_monthly_fee(
        residents, extra_hour_given=extra, on=date(2023, 1, 1), rules=AALBORG
    )
    matches_golden(
        f"nursing-home-{residents}-{extra}",
        {"fee": fee.to_dict(), "explain": fee.explain(), "dated": dated.to_dict()},
    )


def test_nursing_home_fee_before_ok22_has_no_rules() -> None:
    from klu_rules.checks.honorarium import nursing_home_doctor_monthly_fee

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
    from klu_rules.checks.agenda import check_agenda

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
    from klu_rules.checks.agenda import check_agenda

    assert example.meeting.agenda is not None
    result = check_agenda(example.meeting.agenda, example.meeting, example.committee.rule_set)
    matches_golden("agenda-example", {"result": result.to_dict(), "explain": result.explain()})


def test_agenda_helpers_known_answers() -> None:
    from klu_rules.checks.agenda import agenda_template, expected_minutes, topic_label

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
    from klu_rules.checks.agenda import check_agenda

    agenda = Agenda((AgendaItem("1", "X", "decision", topics=("no_such_topic",)),))
    with pytest.raises(InvalidValueError, match="no_such_topic"):
        check_agenda(agenda, None, AALBORG, on=date(2023, 3, 6))
    with pytest.raises(KluRulesError):
        check_agenda(AGENDA, None, AALBORG)


# ---------------------------------------------------------------------------
# deadlines


def test_deadline_texts_and_json_for_recorded_late_and_passed_steps() -> None:
    from klu_rules.checks.deadlines import plan_meeting

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
    from klu_rules.checks.deadlines import plan_meeting

    dialogue = meeting("m-dialogue", datetime(2023, 9, 14, 17, tzinfo=CPH), kind="dialogue")
    ordinary = meeting("m-ordinary", datetime(2023, 9, 14, 15, tzinfo=CPH))
    with pytest.raises(NoRulesInForceError, match="only an announcement deadline"):
        plan_meeting(dialogue, AALBORG).deadline("agenda_dispatch")
    with pytest.raises(NoRulesInForceError, match="only dialogue meetings are announced"):
        plan_meeting(ordinary, AALBORG).deadline("dialogue_announcement")
    with pytest.raises(NoRulesInForceError, match="set no"):
        plan_meeting(dialogue, NATIONAL).deadline("dialogue_announcement")


def test_plan_meetings_takes_the_year_from_the_local_date() -> None:
    from klu_rules.checks.deadlines import plan_meetings

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
    from klu_rules.checks.deadlines import plan_year

    c = load_committee(EXAMPLES / "aalborg_2021_records.toml")
    plan = plan_year(c, 2021, as_of=date(2021, 12, 31))
    matches_golden("plan-year-2021", {"plan": plan.to_dict(), "explain": plan.explain()})


def test_deadline_to_dict_keeps_the_recorded_day() -> None:
    from klu_rules.checks.deadlines import plan_meeting

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


# ---------------------------------------------------------------------------
# every error message a user can meet in the rule modules, with where it points

LOCAL_HEAD = (
    'schema_version = 1\nname = "x"\ntitle = "X"\nlevel = "local"\nlayered_on = "national"\n'
)
NATIONAL_HEAD = 'schema_version = 1\nname = "n"\ntitle = "N"\nlevel = "national"\n'
RULE = (
    '[[rules.meetings_per_year]]\nvalue = 4\neffective_from = 2021-05-01\nsources = ["AAL2021"]\n'
)
BAD_RULE_FILES = {
    "layered-on-other": LOCAL_HEAD.replace('"national"\n', '"aalborg"\n') + RULE,
    "national-layered": NATIONAL_HEAD + 'layered_on = "national"\n' + RULE,
    "national-without-rules": NATIONAL_HEAD,
    "unknown-rule-key": LOCAL_HEAD + RULE.replace("meetings_per_year", "meetings_per_yaer"),
    "seat-count-zero": LOCAL_HEAD
    + '[[seats]]\nkey = "s"\ntitle_da = "S"\nside = "municipality"\nrole = "chair"\n'
    'effective_from = 2021-05-01\nsources = ["AAL2021"]\ncount = 0\n',
    "bad-period": LOCAL_HEAD
    + RULE.replace("meetings_per_year", "meeting_length").replace(
        "value = 4", 'value = "2 fortnights"'
    ),
    "bad-money": LOCAL_HEAD
    + '[[rules.nursing_home_hourly_rate]]\nvalue = { amount = "x", price_level = "2021-04" }\n'
    'effective_from = 2022-01-01\nsources = ["AAL2021"]\n',
    "bound-in-local": LOCAL_HEAD + RULE + 'bound = "minimum"\n',
    "not-a-choice": LOCAL_HEAD
    + RULE.replace("meetings_per_year", "honorarium_payer").replace("value = 4", 'value = "state"'),
    "schema-2": LOCAL_HEAD.replace("schema_version = 1", "schema_version = 2") + RULE,
    "rules-not-a-table": LOCAL_HEAD + 'rules = "x"\n',
}
GOOD_RULE_FILES = {
    "blank-note": LOCAL_HEAD + RULE + 'note = " "\n',
    "seat-organisation-blank": LOCAL_HEAD
    + '[[seats]]\nkey = "s"\ntitle_da = "S"\nside = "municipality"\nrole = "chair"\n'
    'effective_from = 2021-05-01\nsources = ["AAL2021"]\ncount = 1\norganisation = ""\n',
    "no-rules-table": LOCAL_HEAD,
}


def _error(call: Any) -> str:
    try:
        call()
    except Exception as exc:
        where = getattr(exc, "key", None)
        return f"{type(exc).__name__} [{where}]: {exc}"
    return "no error"


def test_rule_file_errors_name_the_key() -> None:
    results = {
        name: _error(lambda text=text: parse_rule_set(tomllib.loads(text), path="x.toml"))
        for name, text in BAD_RULE_FILES.items()
    }
    assert all(r.startswith("FileFormatError") for r in results.values()), results
    matches_golden("errors-rule-files", results)
    for name, text in GOOD_RULE_FILES.items():
        parsed = parse_rule_set(tomllib.loads(text), path=f"{name}.toml")
        assert parsed.parent == NATIONAL
        assert parsed.origin == f"{name}.toml"
    assert parse_rule_set(tomllib.loads(GOOD_RULE_FILES["blank-note"])).entries[0].note == " "
    assert parse_rule_set(tomllib.loads(NATIONAL_HEAD + RULE)).parent is None
    assert parse_rule_set(tomllib.loads(NATIONAL_HEAD + RULE)).origin is None


def test_constructor_errors_say_what_to_do() -> None:
    day = date(2022, 1, 1)
    calls: dict[str, Any] = {
        "period-amount-big": lambda: Period(1_000_000, "days"),
        "period-amount-max": lambda: Period(999_999, "days"),
        "period-amount-bool": lambda: Period(True, "days"),  # type: ignore[arg-type]
        "period-amount-negative": lambda: Period(-1, "days"),
        "period-amount-float": lambda: Period(2.0, "days"),  # type: ignore[arg-type]
        "period-unit": lambda: Period(2, "years"),  # type: ignore[arg-type]
        "period-parse": lambda: Period.parse("2 fortnights"),
        "period-parse-not-text": lambda: Period.parse(5),  # type: ignore[arg-type]
        "period-months-vs-weeks": lambda: Period(3, "months").compare(Period(12, "weeks")),
        "period-months-as-timedelta": lambda: Period(3, "months").as_timedelta(),
        "period-hours-on-dates": lambda: Period(3, "hours").before(day),
        "money-float": lambda: Money(1.5, "2021-04"),  # type: ignore[arg-type]
        "money-text": lambda: Money("abc", "2021-04"),
        "money-nan": lambda: Money("NaN", "2021-04"),
        "money-level": lambda: Money(1, "2021-13"),
        "money-levels-differ": lambda: Money(1, "2021-04") + Money(1, "2022-04"),
        "entry-unknown-key": lambda: entry("doctor_seat", 2),
        "entry-not-a-choice": lambda: entry("honorarium_payer", "state"),
        "entry-unit": lambda: entry("meeting_length", Period(2, "weeks")),
        "entry-negative": lambda: entry("doctor_seats", -1),
        "entry-no-sources": lambda: entry("doctor_seats", 2, sources=()),
        "entry-unknown-source": lambda: entry("doctor_seats", 2, sources=("VEJL2010",)),
        "entry-bad-bound": lambda: entry("doctor_seats", 2, bound="lower"),
        "entry-bound-on-text": lambda: entry("evaluation_recipient", "X", bound="minimum"),
        "fixed-item-no-sources": lambda: __import__(
            "klu_rules.rules.ruleset", fromlist=["x"]
        ).FixedAgendaItem("k", "1", "T", "approval", day, ()),
        "set-level": lambda: RuleSet("x", "X", "regional", (), parent=NATIONAL),  # type: ignore[arg-type]
        "set-local-alone": lambda: RuleSet("x", "X", "local", ()),
        "set-national-parent": lambda: RuleSet("x", "X", "national", (), parent=NATIONAL),
        "set-local-on-local": lambda: RuleSet("x", "X", "local", (), parent=AALBORG),
        "set-duplicate": lambda: RuleSet(
            "x", "X", "local", (entry("doctor_seats", 2), entry("doctor_seats", 3)), parent=NATIONAL
        ),
        "set-local-bound": lambda: RuleSet(
            "x", "X", "local", (entry("doctor_seats", 2, bound="minimum"),), parent=NATIONAL
        ),
        "set-incomparable": lambda: RuleSet(
            "x",
            "X",
            "local",
            (entry("agenda_dispatch_notice", Period(1, "months")),),
            parent=NATIONAL,
        ),
        "set-not-entries": lambda: RuleSet("x", "X", "local", ("doctor_seats",), parent=NATIONAL),  # type: ignore[arg-type]
        "set-blank-name": lambda: RuleSet(" ", "X", "local", (), parent=NATIONAL),
        "history-unknown": lambda: NATIONAL.history("doctor_seat"),
        "in-force-not-a-date": lambda: NATIONAL.in_force("2023-01-01"),  # type: ignore[arg-type]
        "in-force-layering": lambda: NATIONAL.in_force(day, layering="loose"),  # type: ignore[arg-type]
        "get-unknown": lambda: NATIONAL.in_force(day).get("doctor_seat"),
        "get-none-in-force": lambda: NATIONAL.in_force(date(2021, 6, 1)).get(
            "nursing_home_fee_payer"
        ),
        "module-attribute": lambda: __import__("klu_rules.rules.ruleset", fromlist=["x"]).NO_SUCH,
        "calendar-closing-days": lambda: DanishCalendar(extra_closing_days=[42]),  # type: ignore[list-item]
        "calendar-closing-day-name": lambda: ClosingDay(5, 1, " "),
        "calendar-leap": lambda: ClosingDay(2, 29, "Skuddag", year=2023),
        "calendar-month": lambda: ClosingDay(13, 1, "x"),
        "calendar-day": lambda: ClosingDay(4, 31, "x"),
        "calendar-year": lambda: DanishCalendar().non_working_days(1899),
        "calendar-direction": lambda: DanishCalendar().roll(day, "back"),  # type: ignore[arg-type]
        "calendar-n": lambda: DanishCalendar().add_working_days(day, True),  # type: ignore[arg-type]
        "calendar-datetime": lambda: DanishCalendar().is_working_day(datetime(2023, 1, 2)),
        "calendar-statutory": lambda: DanishCalendar(statutory_closing_days=1),  # type: ignore[arg-type]
        "calendar-years-swapped": lambda: HolidayRule(
            "new_years_day", FixedDate(1, 1), first_year=2001, last_year=2000
        ),
        "calendar-kind": lambda: HolidayRule("new_years_day", FixedDate(1, 1), kind="x"),  # type: ignore[arg-type]
        "calendar-on-out-of-range": lambda: ClosingDay.on(date(1899, 12, 31)),
    }
    matches_golden("errors-constructors", {name: _error(call) for name, call in calls.items()})


def test_rule_function_argument_errors() -> None:
    from klu_rules.checks.agenda import check_agenda
    from klu_rules.checks.deadlines import plan_meeting, plan_meetings, plan_year
    from klu_rules.checks.honorarium import MeetingRate, honorarium_for_meeting
    from klu_rules.checks.honorarium import nursing_home_doctor_monthly_fee as fee
    from klu_rules.checks.quorum import check_quorum, required_doctors

    m = SCENARIOS["substitute-for-items"]
    c = committee(AALBORG, (m,))
    other_day = AALBORG.in_force(date(2023, 1, 2))
    calls: dict[str, Any] = {
        "quorum-meeting": lambda: check_quorum("m", c),  # type: ignore[arg-type]
        "quorum-committee": lambda: check_quorum(m, "c"),  # type: ignore[arg-type]
        "quorum-share": lambda: check_quorum(m, c, doctor_share="2"),
        "quorum-share-text": lambda: check_quorum(m, c, doctor_share="half"),
        "quorum-present": lambda: check_quorum(m, c, municipal_present=-1),
        "quorum-present-bool": lambda: check_quorum(m, c, municipal_present=True),
        "quorum-other-day": lambda: check_quorum(m, c, rules=other_day),
        "quorum-layering": lambda: check_quorum(m, c, layering="x"),  # type: ignore[arg-type]
        "honorarium-rate": lambda: honorarium_for_meeting(m, c, rate=1500),  # type: ignore[arg-type]
        "honorarium-rate-unit": lambda: MeetingRate(Money(1, "2023-04"), per="day"),  # type: ignore[arg-type]
        "honorarium-rate-zero": lambda: MeetingRate(Money(0, "2023-04")),
        "nursing-residents": lambda: fee(-1),
        "nursing-residents-bool": lambda: fee(True),  # type: ignore[arg-type]
        "nursing-extra": lambda: fee(40, extra_hour_given=1),  # type: ignore[arg-type]
        "nursing-on": lambda: fee(40, on=datetime(2023, 1, 1)),  # type: ignore[arg-type]
        "agenda-agenda": lambda: check_agenda("1. x", m, AALBORG),  # type: ignore[arg-type]
        "agenda-meeting": lambda: check_agenda(AGENDA, "m", AALBORG),  # type: ignore[arg-type]
        "agenda-no-day": lambda: check_agenda(AGENDA, None, AALBORG),
        "plan-meeting": lambda: plan_meeting("m", AALBORG),  # type: ignore[arg-type]
        "plan-rules": lambda: plan_meeting(m, "copenhagen"),
        "plan-as-of": lambda: plan_meeting(m, AALBORG, as_of=datetime(2023, 1, 1)),  # type: ignore[arg-type]
        "plan-before-2011": lambda: plan_meeting(
            meeting("m-old", datetime(2010, 6, 1, 15, tzinfo=CPH)), AALBORG
        ),
        "plan-meetings-type": lambda: plan_meetings(["m"], AALBORG),  # type: ignore[list-item]
        "plan-meetings-years": lambda: plan_meetings(
            [m, meeting("m-2024", datetime(2024, 3, 1, 15, tzinfo=CPH))], AALBORG
        ),
        "plan-year-no-year": lambda: plan_year(committee()),
        "plan-year-year": lambda: plan_year(committee(), 1800),
    }
    matches_golden("errors-rule-functions", {name: _error(call) for name, call in calls.items()})
    assert [required_doctors(n, Decimal("0.5")) for n in (0, 1, 2, 3, 6)] == [0, 1, 1, 2, 3]


# ---------------------------------------------------------------------------
# boundaries the other tests never crossed


def test_a_local_value_equal_to_the_bound_is_on_the_permitted_side() -> None:
    equal = RuleSet(
        "eq",
        "Equal",
        "local",
        (
            entry("meetings_per_year", 2),
            entry("meeting_length", Period(180, "minutes")),
            entry("agenda_dispatch_notice", Period(14, "days")),
            entry(
                "nursing_home_hourly_rate",
                Money(Decimal("967.64"), "2023-04"),
                sources=("AAL-MIN-2021-12",),
            ),
        ),
        parent=RuleSet(
            "n",
            "N",
            "national",
            (
                entry("meetings_per_year", 2, bound="minimum", sources=("VEJL2011",)),
                entry("meeting_length", Period(3, "hours"), bound="maximum", sources=("VEJL2011",)),
                entry(
                    "agenda_dispatch_notice",
                    Period(2, "weeks"),
                    bound="minimum",
                    sources=("VEJL2011",),
                ),
                entry(
                    "nursing_home_hourly_rate",
                    Money(Decimal("967.64"), "2021-04"),
                    bound="maximum",
                    sources=("AAL-MIN-2021-12",),
                ),
            ),
        ),
    )
    rules = equal.in_force(date(2023, 1, 1))
    for resolved in rules.resolved():
        key = resolved.key
        assert not resolved.beyond_bound, key
        assert resolved.applied == "local", key
        assert resolved.key == key
        assert resolved.layering == "strictest"
    assert rules.findings() == ()
    one_more = attrs_evolve_value(
        equal, "nursing_home_hourly_rate", Money(Decimal("967.65"), "2023-04")
    )
    assert one_more.in_force(date(2023, 1, 1)).get("nursing_home_hourly_rate").beyond_bound
    one_less = attrs_evolve_value(equal, "meetings_per_year", 1)
    assert one_less.in_force(date(2023, 1, 1)).get("meetings_per_year").beyond_bound
    longer = attrs_evolve_value(equal, "meeting_length", Period(181, "minutes"))
    assert longer.in_force(date(2023, 1, 1)).get("meeting_length").beyond_bound


def attrs_evolve_value(rule_set: RuleSet, key: str, value: Any) -> RuleSet:
    import attrs

    entries = tuple(attrs.evolve(e, value=value) if e.key == key else e for e in rule_set.entries)
    return attrs.evolve(rule_set, entries=entries)


def test_resolved_rules_keep_key_layering_and_national_value() -> None:
    on = date(2023, 3, 6)
    local = AALBORG.in_force(on, layering="local")
    only_local = local.get("call_for_items_notice")
    assert (only_local.key, only_local.applied, only_local.layering) == (
        "call_for_items_notice",
        "local",
        "local",
    )
    only_national = local.get("doctor_seats")
    assert (only_national.key, only_national.layering) == ("doctor_seats", "local")
    assert local.get("paid_doctors").layering == "local"
    assert local.national_value("call_for_items_notice") is None
    assert local.national_value("paid_doctors") == 2
    assert AALBORG.in_force(on).period("meeting_length") == Period(2, "hours")
    assert "= false from" in NATIONAL.in_force(on).get("supplementing_doctors_paid").explain()
    two_sources = NATIONAL.in_force(on).get("roll_after").explain()
    assert "from EU1182/71/FORÆLDL-27 (in force" in two_sources


def test_findings_skip_keys_not_in_force() -> None:
    rules = AALBORG.in_force(date(2021, 6, 1))
    assert not rules.has("nursing_home_fee_payer")
    found = rules.findings(keys=["nursing_home_fee_payer", "agenda_dispatch_notice"])
    assert [f.parameters["key"] for f in found] == ["agenda_dispatch_notice"]


def test_periods_count_days_weeks_and_months() -> None:
    day = date(2023, 3, 31)
    assert Period(3, "days").before(day) == date(2023, 3, 28)
    assert Period(3, "days").after(day) == date(2023, 4, 3)
    assert Period(1, "weeks").before(day) == date(2023, 3, 24)
    assert Period(1, "months").after(day) == date(2023, 4, 30)
    assert Period(3, "months").compare(Period(2, "months")) == 1
    assert Period(2, "months").compare(Period(3, "months")) == -1
    assert Period(120, "minutes").compare(Period(2, "hours")) == 0
    assert Period(999_999, "days").amount == 999_999


def test_working_days_across_the_ends_of_years_and_the_range() -> None:
    calendar = DanishCalendar()
    assert calendar.add_working_days(date(2199, 12, 31), 1) == date(2200, 1, 2)
    assert calendar.add_working_days(date(1901, 1, 2), -1) == date(1900, 12, 28)
    assert calendar.roll(date(2200, 12, 31), "preceding") == date(2200, 12, 30)
    assert calendar.roll(date(1900, 1, 1), "following") == date(1900, 1, 2)
    assert calendar.is_working_day(date(1900, 1, 2)) is True
    assert calendar.is_working_day(date(2200, 12, 30)) is True

    class Day(date):
        pass

    assert calendar.is_working_day(Day(2023, 12, 27)) is True
    assert calendar.roll(Day(2023, 12, 24), "following") == date(2023, 12, 27)
    assert calendar.add_working_days(Day(2023, 12, 22), 1) == date(2023, 12, 27)
    with pytest.raises(InvalidValueError):
        calendar.is_working_day(date(2201, 1, 1))
