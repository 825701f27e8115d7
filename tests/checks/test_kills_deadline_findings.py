"""The words and values of the deadline engine's findings, explanations and year plans.

What these tests pin, each in the exact words or values a caller sees:

- which sources a deadline's explanation cites (every source of the rule, the
  local and the national side of a value beyond its bound, "an assumption"
  for a rule that rests on none) and how a notice in days is counted;
- what a committee is told when a rule set cannot move a deadline, or a
  meeting has no deadline of a kind;
- the length findings (their hours and minutes, sources and parameters);
- the yearly findings (meetings against the minimum, dialogue meetings over
  the maximum or announced late, a local yearly rule beyond its bound) with
  their sources and parameters;
- what a year plan says about itself: its counts of findings, its meetings,
  its calendar, its meetings' local dates, the layering of its review of the
  records, and the errors of its arguments.

The inputs are the Aalborg 2023 meetings (AAL-2023), the national rules, the
Aalborg rules of procedure, and rule sets built from them for the case.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest
from test_deadlines import meeting

from klu_rules.checks.compliance import check_year
from klu_rules.checks.deadlines import plan_meeting, plan_meetings, plan_year
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.period import Period
from klu_rules.io.presets import aalborg
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.ruleset import AALBORG, NATIONAL, RuleEntry, RuleSet

D = date
MAY_2021 = D(2021, 5, 1)  # the Aalborg rules of procedure take effect (AAL2021)


def recited(
    rule_set: RuleSet, old: tuple[str, ...], new: tuple[str, ...], **changes: object
) -> RuleSet:
    """``rule_set`` with every entry that cites exactly ``old`` citing ``new`` instead."""
    entries = tuple(
        attrs.evolve(e, sources=new) if e.sources == old else e for e in rule_set.entries
    )
    return attrs.evolve(rule_set, entries=entries, **changes)


def local(name: str, *entries: RuleEntry, parent: RuleSet = NATIONAL) -> RuleSet:
    """A committee's own rules of procedure, layered on ``parent``."""
    return RuleSet(name, f"Forretningsorden for {name}", "local", entries, parent=parent)


def rule(
    key: str, value: object, sources: tuple[str, ...] = ("AAL2021",), **kw: object
) -> RuleEntry:
    """A rule of procedure in force from May 2021."""
    return RuleEntry(key, value, MAY_2021, sources, **kw)  # type: ignore[arg-type]


#: The national rules with each value of OK22 § 102 cited to the 2011 guideline it restates too.
NATIONAL_CITED = recited(NATIONAL, ("OK22-102",), ("VEJL2011", "OK22-102"), name="national-cited")
#: The Aalborg rules of procedure with each value cited to the 2023 web page that repeats it too.
AALBORG_CITED = recited(
    AALBORG, ("AAL2021",), ("AAL2021", "AAL-2023"), name="aalborg-cited", parent=NATIONAL_CITED
)
AALBORG_2023 = aalborg().meetings  # 6 March, 1 June, 5 October and 30 November 2023


# --- the sources a deadline's explanation cites -------------------------------------------


def test_a_deadline_explanation_cites_every_source_of_the_rule_it_applies() -> None:
    plan = plan_meeting(meeting(D(2023, 10, 5)), AALBORG_CITED)
    call, _items, agenda = plan.deadlines
    assert call.explanation == (
        "The secretariat calls for agenda items no later than 4 weeks before the meeting on "
        "Thursday 2023-10-05, that is Thursday 2023-09-07 (AAL2021/AAL-2023)."
    )
    # strictest: the national value applies; the local value it sets aside is cited too
    assert agenda.explanation == (
        "The agenda goes to the members no later than 2 weeks before the meeting on "
        "Thursday 2023-10-05, that is Thursday 2023-09-21 (VEJL2011/OK22-102; the local "
        "1 week (AAL2021/AAL-2023) is beyond this national minimum and does not apply under "
        "layering='strictest')."
    )


def test_a_local_value_applied_beyond_the_bound_cites_the_national_sources() -> None:
    plan = plan_meeting(meeting(D(2023, 10, 5)), AALBORG_CITED, layering="local")
    assert plan.deadline("agenda_dispatch").explanation == (
        "The agenda goes to the members no later than 1 week before the meeting on "
        "Thursday 2023-10-05, that is Thursday 2023-09-28 (AAL2021/AAL-2023, applied under "
        "layering='local' although it is beyond the national minimum of 2 weeks "
        "(VEJL2011/OK22-102))."
    )


def test_a_deadline_that_rests_on_an_assumption_says_so() -> None:
    # The rules of procedure state no call for items; the secretariat assumes four weeks.
    assumed = local(
        "klu-assumed",
        rule("call_for_items_notice", Period(4, "weeks"), (), status="assumption"),
    )
    plan = plan_meeting(meeting(D(2023, 10, 5)), assumed)
    assert plan.deadline("call_for_items").explanation == (
        "The secretariat calls for agenda items no later than 4 weeks before the meeting on "
        "Thursday 2023-10-05, that is Thursday 2023-09-07 (an assumption)."
    )


def test_a_notice_in_days_is_counted_in_days() -> None:
    # 30 days before Thursday 5 October 2023 is Tuesday 5 September, a working day.
    in_days = local("klu-days", rule("call_for_items_notice", Period(30, "days")))
    plan = plan_meeting(meeting(D(2023, 10, 5)), in_days)
    call = plan.deadline("call_for_items")
    assert (call.date, call.unrolled, call.roll) == (D(2023, 9, 5), D(2023, 9, 5), "none")
    assert call.explanation == (
        "The secretariat calls for agenda items no later than 30 days before the meeting on "
        "Thursday 2023-10-05, that is Tuesday 2023-09-05 (AAL2021)."
    )


# --- what a committee is told when a deadline cannot be given -------------------------------


def without(rule_set: RuleSet, key: str, name: str) -> RuleSet:
    return attrs.evolve(
        rule_set, name=name, entries=tuple(e for e in rule_set.entries if e.key != key)
    )


def test_rules_without_a_forward_roll_are_told_to_add_following() -> None:
    no_roll_after = attrs.evolve(AALBORG, parent=without(NATIONAL, "roll_after", "no-roll-after"))
    with pytest.raises(NoRulesInForceError) as info:
        plan_meeting(meeting(D(2023, 10, 5)), no_roll_after)
    assert str(info.value) == (
        "meeting 'm-2023-10-05' cannot be planned: rule set 'aalborg' has no 'roll_after' in "
        "force on 2022-07-01, so a deadline on a closed day cannot be moved; add "
        '[[rules.roll_after]] with value = "following" (the convention of RULES.md § 3)'
    )


def test_rules_without_a_backward_roll_are_told_to_add_preceding() -> None:
    no_roll_before = without(NATIONAL, "roll_before", "no-roll-before")
    with pytest.raises(NoRulesInForceError) as info:
        plan_meeting(meeting(D(2023, 10, 5)), no_roll_before)
    assert str(info.value) == (
        "meeting 'm-2023-10-05' cannot be planned: rule set 'no-roll-before' has no "
        "'roll_before' in force on 2022-07-01, so a deadline on a closed day cannot be moved; "
        'add [[rules.roll_before]] with value = "preceding" (the convention of RULES.md § 3)'
    )


def test_why_a_meeting_has_no_deadline_of_a_kind() -> None:
    dialogue = plan_meeting(meeting(D(2023, 9, 14), 17, kind="dialogue"), AALBORG)
    ordinary = plan_meeting(meeting(D(2023, 9, 14)), AALBORG)
    national = plan_meeting(meeting(D(2023, 9, 14)), NATIONAL)
    texts = []
    for plan, kind in (
        (dialogue, "agenda_dispatch"),
        (ordinary, "dialogue_announcement"),
        (national, "call_for_items"),
    ):
        with pytest.raises(NoRulesInForceError) as info:
            plan.deadline(kind)
        texts.append(str(info.value))
    assert texts == [
        "meeting 'm-2023-09-14' has no agenda_dispatch deadline: a dialogue meeting has only "
        "an announcement deadline (a convention)",
        "meeting 'm-2023-09-14' has no dialogue_announcement deadline: only dialogue meetings "
        "are announced",
        "meeting 'm-2023-09-14' has no call_for_items deadline: the rules 'national' in force "
        "on 2023-09-14 set no call_for_items_notice",
    ]


# --- the length of a meeting -------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "said"),
    [(1, "1 hour"), (1.5, "1 h 30 min"), (2, "2 hours")],
)
def test_a_meeting_length_is_said_in_hours_and_minutes(hours: float, said: str) -> None:
    # Rules of procedure with short meetings: about 45 minutes each.
    short = local("klu-short", rule("meeting_length", Period(45, "minutes")))
    plan = plan_meeting(meeting(D(2023, 10, 5), hours=hours), short)
    (found,) = plan.findings
    assert found.message == (
        f"The meeting lasts {said}, longer than the local norm of about 45 minutes (AAL2021); "
        "it is within the national maximum, so this is a note, not a breach."
    )
    assert found.parameters == {"duration_minutes": int(hours * 60), "local_norm": "45 minutes"}


def test_a_meeting_over_the_local_norm_is_a_note_citing_the_local_rule() -> None:
    plan = plan_meeting(meeting(D(2023, 10, 5), hours=2.5), AALBORG_CITED)
    found = plan.findings[-1]
    assert (found.code, found.severity) == ("meeting.longer-than-local-norm", "info")
    assert found.message == (
        "The meeting lasts 2 h 30 min, longer than the local norm of about 2 hours "
        "(AAL2021/AAL-2023); it is within the national maximum, so this is a note, not a breach."
    )
    assert found.sources == ("AAL2021", "AAL-2023")
    assert found.parameters == {"duration_minutes": 150, "local_norm": "2 hours"}


def test_the_aalborg_meeting_of_6_march_2023_is_over_the_national_maximum() -> None:
    # 15:00 to 19:00: four hours, one more than the national up to three hours.
    plan = plan_meeting(AALBORG_2023[0], AALBORG)
    found = plan.findings[-1]
    assert (found.code, found.severity) == ("meeting.longer-than-national-max", "warning")
    assert found.message == (
        "The meeting lasts 4 hours, more than the up to 3 hours per meeting of the national "
        "rules (OK22-102), which allow it only as needed; make sure the length is needed."
    )
    assert found.sources == ("OK22-102",)
    assert found.parameters == {
        "duration_minutes": 240,
        "national_max": "3 hours",
        "local_norm": "2 hours",
    }


def test_a_meeting_over_the_national_maximum_without_a_local_norm() -> None:
    plan = plan_meeting(AALBORG_2023[0], NATIONAL)
    found = plan.findings[-1]
    assert found.code == "meeting.longer-than-national-max"
    assert found.parameters == {
        "duration_minutes": 240,
        "national_max": "3 hours",
        "local_norm": None,
    }


def test_the_national_maximum_cites_every_national_source() -> None:
    plan = plan_meeting(AALBORG_2023[0], AALBORG_CITED)
    found = plan.findings[-1]
    assert found.message == (
        "The meeting lasts 4 hours, more than the up to 3 hours per meeting of the national "
        "rules (VEJL2011/OK22-102), which allow it only as needed; make sure the length is "
        "needed."
    )
    assert found.sources == ("VEJL2011", "OK22-102")


# --- meetings a year -----------------------------------------------------------------------


def test_too_few_meetings_planned_says_how_many_more_to_plan() -> None:
    plan = plan_meetings(AALBORG_2023[:2], AALBORG)
    (found,) = plan.findings
    assert found.code == "year.too-few-meetings-planned"
    assert found.message == (
        "2023 has 0 meeting(s) held and 2 planned, fewer than the 4 a year the rules require "
        "(AAL2021) even if every planned meeting is held; plan 2 more."
    )


def test_the_meeting_minimum_cites_every_source_of_the_rule() -> None:
    plan = plan_meetings(AALBORG_2023[:3], AALBORG_CITED)
    (found,) = plan.findings
    assert found.message == (
        "2023 has 0 meeting(s) held and 3 planned, fewer than the 4 a year the rules require "
        "(AAL2021/AAL-2023) even if every planned meeting is held; plan 1 more."
    )
    assert found.sources == ("AAL2021", "AAL-2023")


# --- dialogue meetings ---------------------------------------------------------------------

# Tuesday 5 September 2023: three months before is Grundlovsdag (Monday 5 June), closed on
# the statutory calendar, so the announcement is due on Friday 2 June.
DIALOGUE_SEPTEMBER = meeting(
    D(2023, 9, 5), 17, ident="dialog-2023-09", kind="dialogue", announced_on=D(2023, 6, 7)
)
DIALOGUE_NOVEMBER = meeting(D(2023, 11, 14), 17, ident="dialog-2023-11", kind="dialogue")


def test_more_dialogue_meetings_than_the_rules_allow() -> None:
    plan = plan_meetings([*AALBORG_2023, DIALOGUE_SEPTEMBER, DIALOGUE_NOVEMBER], AALBORG_CITED)
    found = [f for f in plan.findings if f.code == "year.too-many-dialogue-meetings"]
    assert [f.message for f in found] == [
        "2023 has 2 dialogue meetings; the rules allow 1 a year (AAL2021/AAL-2023)."
    ]
    assert found[0].sources == ("AAL2021", "AAL-2023")
    assert found[0].parameters == {"year": 2023, "dialogue": 2, "maximum": 1}
    assert [f["code"] for f in plan.to_dict()["findings"]] == [
        "year.too-many-dialogue-meetings",
        "year.dialogue-announced-late",
    ]
    assert plan.to_dict()["findings"][0]["parameters"] == {
        "year": 2023,
        "dialogue": 2,
        "maximum": 1,
    }


def test_a_dialogue_meeting_announced_after_its_rolled_deadline() -> None:
    plan = plan_meetings([*AALBORG_2023, DIALOGUE_SEPTEMBER], AALBORG)
    (found,) = [f for f in plan.findings if f.code == "year.dialogue-announced-late"]
    assert found.message == (
        "The dialogue meeting on Tuesday 2023-09-05 was announced on Wednesday 2023-06-07, "
        "after its deadline Friday 2023-06-02 (3 months ahead, AAL2021/EU1182/71)."
    )
    # the rolled deadline rests on the rule and on the roll convention
    assert found.sources == ("AAL2021", "EU1182/71")
    assert found.subject == "dialog-2023-09"
    assert found.parameters == {
        "deadline": "2023-06-02",
        "announced_on": "2023-06-07",
        "days_late": 5,
    }


def test_a_local_dialogue_maximum_beyond_the_national_one_is_a_yearly_finding() -> None:
    # A national rule set of our own that caps dialogue meetings at one a year, and a
    # committee whose rules of procedure allow two.
    capped = attrs.evolve(
        NATIONAL,
        name="national-capped",
        entries=(
            *NATIONAL.entries,
            RuleEntry("dialogue_meetings_per_year", 1, D(2022, 1, 1), ("OK22-102",), "maximum"),
        ),
    )
    two = local("klu-two-dialogues", rule("dialogue_meetings_per_year", 2), parent=capped)
    plan = plan_meetings([*AALBORG_2023[:2], DIALOGUE_NOVEMBER], two)
    beyond = [f for f in plan.findings if f.code == "rules.local-beyond-bound"]
    assert [f.message for f in beyond] == [
        "The local rule dialogue_meetings_per_year = 2 (AAL2021) is beyond the national "
        "maximum of 1 (OK22-102); the national 1 applies."
    ]
    assert beyond[0].parameters == {
        "key": "dialogue_meetings_per_year",
        "local": "2",
        "national": "1",
        "layering": "strictest",
    }
    assert plan.counts.dialogue_maximum == 1


# --- what a year plan says about itself ----------------------------------------------------


def test_a_year_explanation_counts_errors_in_the_plural() -> None:
    # On 2 January 2024 none of the four meetings is recorded held (an error), and the
    # items of 1 June are due after its agenda must go out (an error).
    plan = plan_meetings(AALBORG_2023, AALBORG, as_of=D(2024, 1, 2))
    assert plan.explain() == (
        "The 2023 plan has 4 meeting(s) under the rules 'aalborg' (layering='strictest', "
        "calendar='statutory', as of 2024-01-02) and 2 errors, 16 warnings."
    )


def test_a_year_plan_lists_its_meetings_when_asked_for_another() -> None:
    plan = plan_year(aalborg(), compliance=False)
    with pytest.raises(InvalidValueError) as info:
        plan.meeting("klu-aalborg-2023-12-07")
    assert str(info.value) == (
        "the 2023 plan has no meeting 'klu-aalborg-2023-12-07'; it has klu-aalborg-2023-03-06, "
        "klu-aalborg-2023-06-01, klu-aalborg-2023-10-05, klu-aalborg-2023-11-30"
    )


def test_plan_year_names_what_it_was_given_instead_of_a_committee() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_year("aalborg", 2023)  # type: ignore[arg-type]
    assert str(info.value) == "plan_year() takes a Committee, got str"


def test_plan_year_plans_on_the_calendar_it_is_given() -> None:
    plan = plan_year(aalborg(), calendar=DanishCalendar(statutory_closing_days=False))
    assert plan.parameters.calendar == "public-holidays"
    assert plan.to_dict()["calendar"] == "public-holidays"


def test_plan_meetings_without_meetings_asks_for_a_year() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meetings([], AALBORG)
    assert str(info.value) == (
        "plan_meetings() needs a year when no meetings are given; pass year=2024"
    )


def test_each_meeting_is_dated_in_the_time_zone_of_the_plan() -> None:
    # An online meeting at 23:30 UTC on Monday 6 March 2023 is on Tuesday 7 March in
    # Copenhagen: the plan's time zone, not the computer's, dates it.
    online = Meeting(id="online-2023-03", start=datetime(2023, 3, 6, 23, 30, tzinfo=UTC))
    in_utc = plan_meetings([online], AALBORG, timezone="UTC")
    in_copenhagen = plan_meetings([online], AALBORG)
    assert [p.date for p in in_utc.meetings] == [D(2023, 3, 6)]
    assert [p.date for p in in_copenhagen.meetings] == [D(2023, 3, 7)]
    assert in_copenhagen.meetings[0].deadline("agenda_dispatch").date == D(2023, 2, 21)


def test_plan_year_reviews_the_records_under_the_layering_it_is_given() -> None:
    # Rules of procedure with one doctor seat (below the national two) and one doctor in
    # office: under layering='local' the seat is filled, under 'strictest' one is not.
    committee = aalborg()
    one_seat = attrs.evolve(
        AALBORG, name="aalborg-one-seat", entries=(*AALBORG.entries, rule("doctor_seats", 1))
    )
    doctors = committee.doctor_members(D(2023, 12, 31))
    one_doctor: Committee = attrs.evolve(
        committee,
        rule_set=one_seat,
        memberships=tuple(m for m in committee.memberships if m not in doctors[1:]),
    )
    as_of = D(2023, 12, 31)
    loose = plan_year(one_doctor, layering="local", as_of=as_of)
    strict = plan_year(one_doctor, as_of=as_of)
    review = check_year(one_doctor, 2023, as_of=as_of, layering="local")
    assert loose.findings[-len(review) :] == review
    assert "composition.doctor-seats-unfilled" not in [f.code for f in loose.findings]
    unfilled = [f.message for f in strict.findings if f.code == "composition.doctor-seats-unfilled"]
    assert unfilled == [
        "On 2023-12-31 1 doctor member(s) are in office (Mette Bolvig Poulsen); the rules in "
        "force have 2 doctor seats (OK22-102, AAL2021)."
    ]
