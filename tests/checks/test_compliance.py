"""Yearly compliance from the records: calendar, annual wheel, evaluation, follow-ups, composition.

Known answers: KLU Aalborg's 2023 composition against its rules of procedure
(``AAL-2023`` vs ``AAL2021``: renamed administrations, Senior og Omsorg with
three people, no PPR head listed) and the December 2021 minutes
(``AAL-MIN-2021-12``, follow-ups due by the turn of the year).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import CPH, cph
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import (
    Committee,
    InvalidValueError,
    Meeting,
    Membership,
    NoRulesInForceError,
    Person,
    load_committee,
)
from klu_rules.checks.compliance import (
    CHECK_KEYS,
    CHECK_OUTCOMES,
    YearCheck,
    check_year,
    review_year,
)
from klu_rules.io.presets import aalborg
from klu_rules.model.records import (
    AnnualWheel,
    EvaluationRecord,
    FollowUp,
    MeetingCalendar,
    Minutes,
    MinutesItem,
)
from klu_rules.rules.ruleset import AALBORG, NATIONAL, parse_rule_set

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "aalborg_2021_records.toml"

DOC = Person("doc-a", "Dr A", doctor=True)
DOC_B = Person("doc-b", "Dr B", doctor=True)
CHAIR = Person("chair", "Chair")
MEMBERS = (
    Membership(DOC, "general_practice", "doctor_member"),
    Membership(DOC_B, "general_practice", "doctor_member"),
    Membership(CHAIR, "municipality", "chair"),
)


def committee(**kw: Any) -> Committee:
    values: dict[str, Any] = dict(
        id="klu-test",
        name="KLU Test",
        municipality="Testby",
        region="Nordjylland",
        rule_set=AALBORG,
        memberships=MEMBERS,
    )
    values.update(kw)
    return Committee(**values)


def meeting(mid: str, day: date, status: str = "held", **kw: Any) -> Meeting:
    return Meeting(mid, cph(day.year, day.month, day.day, 15), status=status, **kw)


def codes(findings: Any) -> list[str]:
    return [f.code for f in findings]


YEAR_2023 = (
    meeting("q1", date(2023, 3, 6)),
    meeting("q2", date(2023, 6, 1)),
    meeting("q3", date(2023, 10, 5)),
    meeting("q4", date(2023, 11, 30)),
)


# --- KLU Aalborg 2023 against its rules of procedure ------------------------------------


class TestAalborg2023:
    def test_without_as_of(self) -> None:
        review = review_year(aalborg(), 2023)
        outcomes = {c.key: c.outcome for c in review.checks}
        assert outcomes == {
            "calendar": "met",  # the page publishes the 2023 calendar (AAL-2023)
            "next_year_topics": "not_judged",
            "evaluation": "not_judged",
            "follow_ups": "met",
            "doctor_seats": "met",
            "seats": "not_met",
            "terms": "met",
        }
        found = codes(review.findings)
        assert "year.calendar-not-agreed" not in found
        assert found.count("composition.differs-from-rules") == 7
        assert found[-1] == "year.not-judged-without-as-of"
        note = review.findings[-1]
        assert note.parameters["checks"] == ["next_year_topics", "evaluation"]
        assert check_year(aalborg(), 2023) == review.findings

    def test_composition_differences_as_the_digest_lists_them(self) -> None:
        seats = review_year(aalborg(), 2023).check("seats")
        by_subject = {f.subject: f for f in seats.findings}
        # No PPR head is listed; nobody matches the Familie- og Beskæftigelsesforvaltningen seats.
        assert "no one listed matches it" in by_subject["ppr_head"].message
        assert "no one listed matches it" in by_subject["family_employment"].message
        # Renamed administrations: organisations the rules of procedure do not name.
        senior = by_subject["Aalborg Kommune, Senior og Omsorg"]
        assert senior.message.count("Lisbet Trap-Jensen Torp") == 1
        assert "3 people are listed" in senior.message
        assert senior.parameters["people"] == [
            "lisbet-trap-jensen-torp",
            "carsten-moller-beck",
            "helen-kaestel",
        ]
        assert "Aalborg Kommune, Job og Ydelse" in by_subject
        assert "Aalborg Kommune, Sundhed og Kultur" in by_subject
        assert {"charlotte-houmoller-sprogel", "lisbet-trap-jensen-torp"} <= set(by_subject)
        assert all(f.severity == "info" for f in seats.findings)
        assert set(seats.sources) == {"AAL2021", "AAL-2023"}

    def test_matches_explain_themselves(self) -> None:
        seats = review_year(aalborg(), 2023).check("seats")
        matches = {m["seat"]: m for m in seats.parameters["matches"]}
        assert matches["chair"]["people"] == ["mikkel-grimmeshave"]
        assert matches["chair"]["basis"]["mikkel-grimmeshave"] == ["formand", "vicedirektør"]
        assert matches["hospital_pathways"]["people"] == ["jan-nybo"]
        assert matches["social_medicine_unit"]["people"] == ["marianne-rudbeck"]
        assert matches["elderly_disability"]["people"] == ["carsten-moller-beck", "helen-kaestel"]
        assert len(matches["plo_board"]["people"]) == 6
        assert seats.parameters["not_compared"] == ["pernille-smalbro-hylleberg"]
        assert "practice consultants and the secretariat attend" in seats.reason

    def test_after_the_year(self) -> None:
        review = review_year(aalborg(), 2023, as_of=date(2024, 2, 1))
        found = codes(review.findings)
        assert "year.next-topics-not-agreed" in found
        assert "year.evaluation-missing" in found
        assert "year.not-judged-without-as-of" not in found
        topics = review.check("next_year_topics")
        assert "still recorded as planned" in topics.reason

    def test_explain_and_json(self) -> None:
        review = review_year(aalborg(), 2023, as_of=date(2023, 6, 15))
        text = review.explain()
        assert text.splitlines()[0] == "klu-aalborg 2023 (as of 2023-06-15):"
        assert "calendar (the year's meeting calendar is agreed): met." in text
        assert "Sources: OK22-102." in review.check("doctor_seats").explain()
        doc = json.loads(json.dumps(review.to_dict()))
        assert doc["as_of"] == "2023-06-15"
        assert len(doc["checks"]) == len(CHECK_KEYS)
        assert review.check("calendar").explain_da().startswith("Mødekalender aftalt: opfyldt")
        no_calendar = attrs.evolve(aalborg(), calendars=())
        check = review_year(no_calendar, 2023, as_of=date(2023, 6, 15)).check("calendar")
        assert check.explain_da().startswith("Mødekalender aftalt: ikke opfyldt")
        with pytest.raises(InvalidValueError, match="no check 'x'"):
            review.check("x")


# --- the December 2021 minutes ------------------------------------------------------------


class TestAalborg2021:
    def test_follow_ups_overdue_after_the_turn_of_the_year(self) -> None:
        c = load_committee(EXAMPLE)
        found = [
            f
            for f in check_year(c, 2021, as_of=date(2022, 3, 1))
            if f.code == "year.follow-up-overdue"
        ]
        assert [f.subject for f in found] == ["klu-aalborg-2021-12#2.c", "klu-aalborg-2021-12#2.d"]
        assert found[0].parameters["owner"] == "PPR-Aalborg"
        assert found[0].parameters["days_overdue"] == 60

    def test_still_overdue_in_the_next_year(self) -> None:
        c = load_committee(EXAMPLE)
        found = [
            f.subject
            for f in check_year(c, 2022, as_of=date(2022, 3, 1))
            if f.code == "year.follow-up-overdue"
        ]
        assert found == ["klu-aalborg-2021-12#2.c", "klu-aalborg-2021-12#2.d"]
        assert review_year(c, 2020, as_of=date(2022, 3, 1)).check("follow_ups").outcome == "met"

    def test_not_overdue_on_the_due_date(self) -> None:
        c = load_committee(EXAMPLE)
        follow_ups = review_year(c, 2021, as_of=date(2021, 12, 31)).check("follow_ups")
        assert follow_ups.outcome == "met"
        assert follow_ups.parameters["overdue"] == 0
        assert review_year(c, 2021).check("follow_ups").outcome == "not_judged"

    def test_the_wheel_for_2022_is_not_in_the_minutes(self) -> None:
        c = load_committee(EXAMPLE)
        check = review_year(c, 2021).check("next_year_topics")
        assert check.outcome == "not_met"
        assert "klu-aalborg-2021-12" in check.reason

    def test_calendar_rule_not_in_force_on_1_january_2021(self) -> None:
        check = review_year(load_committee(EXAMPLE), 2021).check("calendar")
        assert check.outcome == "not_required"
        assert "2021-01-01" in check.reason


# --- each check ----------------------------------------------------------------------------


class TestCalendar:
    def test_agreed(self) -> None:
        c = committee(
            meetings=YEAR_2023,
            calendars=(
                MeetingCalendar(2024, date(2023, 11, 30), "q4"),
                MeetingCalendar(2023, agreed_by="KLU-sekretariatet"),
            ),
        )
        assert review_year(c, 2024).check("calendar").outcome == "met"
        check = review_year(c, 2023).check("calendar")
        assert check.outcome == "met"
        assert "(the day is not stated) by KLU-sekretariatet" in check.reason

    def test_national_rules_do_not_require_it(self) -> None:
        check = review_year(committee(rule_set=NATIONAL), 2023).check("calendar")
        assert check.outcome == "not_required"
        assert "(national)" in check.reason


class TestNextYearTopics:
    def test_met_at_the_last_meeting(self) -> None:
        wheel = AnnualWheel(2024, date(2023, 11, 30), "q4", topics=("Dosispakket medicin",))
        c = committee(meetings=YEAR_2023, annual_wheels=(wheel,))
        check = review_year(c, 2023).check("next_year_topics")
        assert check.outcome == "met"
        assert check.findings == ()

    def test_met_on_the_last_meetings_day(self) -> None:
        wheel = AnnualWheel(2024, date(2023, 11, 30), topic_keys=("prevention",))
        c = committee(meetings=YEAR_2023, annual_wheels=(wheel,))
        assert review_year(c, 2023).check("next_year_topics").outcome == "met"

    def test_agreed_at_another_meeting(self) -> None:
        wheel = AnnualWheel(2024, date(2023, 10, 5), "q3", topics=("x",))
        c = committee(meetings=YEAR_2023, annual_wheels=(wheel,))
        check = review_year(c, 2023).check("next_year_topics")
        assert codes(check.findings) == ["year.next-topics-not-at-last-meeting"]
        assert check.findings[0].severity == "info"
        assert "at meeting q3, not at the year's last meeting (q4" in check.reason

    def test_dialogue_and_cancelled_meetings_are_not_the_last(self) -> None:
        meetings = (
            *YEAR_2023,
            meeting("dlg", date(2023, 12, 5), kind="dialogue"),
            meeting("x", date(2023, 12, 12), "cancelled"),
        )
        wheel = AnnualWheel(2024, date(2023, 11, 30), "q4", topics=("x",))
        check = review_year(committee(meetings=meetings, annual_wheels=(wheel,)), 2023)
        assert check.check("next_year_topics").parameters["last_meeting"] == "q4"

    def test_last_meeting_still_planned(self) -> None:
        meetings = (*YEAR_2023[:3], meeting("q4", date(2023, 11, 30), "planned"))
        c = committee(meetings=meetings)
        assert review_year(c, 2023).check("next_year_topics").outcome == "not_judged"
        on_day = review_year(c, 2023, as_of=date(2023, 11, 30)).check("next_year_topics")
        assert on_day.outcome == "not_yet_due"
        after = review_year(c, 2023, as_of=date(2023, 12, 1)).check("next_year_topics")
        assert after.outcome == "not_met"

    def test_no_meeting_recorded(self) -> None:
        c = committee()
        assert review_year(c, 2023).check("next_year_topics").outcome == "not_judged"
        assert (
            review_year(c, 2023, as_of=date(2023, 12, 31)).check("next_year_topics").outcome
            == "not_yet_due"
        )
        late = review_year(c, 2023, as_of=date(2024, 1, 1)).check("next_year_topics")
        assert late.outcome == "not_met"
        assert "of which the records hold none" in late.reason
        wheel = AnnualWheel(2024, date(2023, 12, 1), topics=("x",))
        noted = review_year(committee(annual_wheels=(wheel,)), 2023, as_of=date(2024, 1, 1))
        assert codes(noted.check("next_year_topics").findings) == [
            "year.next-topics-not-at-last-meeting"
        ]
        assert "(no meeting recorded)" in noted.check("next_year_topics").reason

    def test_not_required_nationally(self) -> None:
        check = review_year(committee(rule_set=NATIONAL, meetings=YEAR_2023), 2023)
        assert check.check("next_year_topics").outcome == "not_required"


class TestEvaluation:
    def record(self, sent_to: str = "Samarbejdsudvalget for almen praksis") -> EvaluationRecord:
        return EvaluationRecord(
            2023, done_on=date(2023, 11, 30), sent_on=date(2024, 1, 10), sent_to=sent_to
        )

    def test_met(self) -> None:
        check = review_year(committee(evaluations=(self.record(),)), 2023).check("evaluation")
        assert check.outcome == "met"
        assert "the recipient in force (Samarbejdsudvalg)" in check.reason

    @pytest.mark.parametrize("sent_to", ["Sundhedssamarbejdsudvalget", "Praksisudvalget"])
    def test_wrong_recipient(self, sent_to: str) -> None:
        check = review_year(committee(evaluations=(self.record(sent_to),)), 2023).check(
            "evaluation"
        )
        assert codes(check.findings) == ["year.evaluation-wrong-recipient"]
        assert check.findings[0].parameters["recipient"] == "Samarbejdsudvalg"

    def test_done_but_not_sent(self) -> None:
        record = EvaluationRecord(2023, done_on=date(2023, 11, 30))
        c = committee(evaluations=(record,))
        assert review_year(c, 2023).check("evaluation").outcome == "not_judged"
        assert (
            review_year(c, 2023, as_of=date(2023, 12, 31)).check("evaluation").outcome
            == "not_yet_due"
        )
        late = review_year(c, 2023, as_of=date(2024, 3, 1)).check("evaluation")
        assert codes(late.findings) == ["year.evaluation-missing"]
        assert "done on 2023-11-30 but is not recorded as sent" in late.reason
        assert "The sources set no deadline" in late.reason

    def test_national_rules_from_ok22(self) -> None:
        national = committee(rule_set=NATIONAL)
        assert review_year(national, 2021).check("evaluation").outcome == "not_required"
        check = review_year(national, 2022, as_of=date(2023, 2, 1)).check("evaluation")
        assert check.outcome == "not_met"
        assert check.sources == ("OK22-102",)

    def test_no_recipient_in_force(self) -> None:
        rules = parse_rule_set(
            {
                "schema_version": 1,
                "name": "eval-only",
                "title": "Evaluation only",
                "level": "national",
                "rules": {
                    "annual_evaluation_required": [
                        {"value": True, "effective_from": date(2011, 4, 1), "sources": ["VEJL2011"]}
                    ]
                },
            }
        )
        c = committee(rule_set=rules, evaluations=(self.record("Byrådet"),))
        check = review_year(c, 2023).check("evaluation")
        assert check.outcome == "met"
        assert "name no recipient" in check.reason
        missing = review_year(committee(rule_set=rules), 2023, as_of=date(2024, 2, 1))
        assert "the recipient in force" in missing.check("evaluation").reason


class TestDoctorSeats:
    def test_unfilled(self) -> None:
        c = committee(rule_set=NATIONAL, memberships=MEMBERS[:1] + MEMBERS[2:])
        check = review_year(c, 2023).check("doctor_seats")
        assert codes(check.findings) == ["composition.doctor-seats-unfilled"]
        assert check.findings[0].severity == "warning"
        assert "1 doctor member(s) are in office (Dr A); the rules in force have 2" in check.reason
        nobody = review_year(committee(rule_set=NATIONAL, memberships=()), 2023)
        assert "are in office; the rules" in nobody.check("doctor_seats").reason

    def test_judged_on_as_of_within_the_year(self) -> None:
        ending = (
            Membership(DOC, "general_practice", "doctor_member", term_end=date(2023, 6, 30)),
            *MEMBERS[1:],
        )
        c = committee(memberships=ending)
        assert review_year(c, 2023, as_of=date(2023, 5, 1)).check("doctor_seats").outcome == "met"
        assert review_year(c, 2023).check("doctor_seats").outcome == "not_met"
        early = review_year(c, 2023, as_of=date(2022, 5, 1)).check("doctor_seats")
        assert early.parameters["on"] == date(2023, 1, 1)

    def test_no_rules_on_the_reference_day(self) -> None:
        # National rules start 2011-04-01; judged on 1 January 2011 there are none.
        c = committee(rule_set=NATIONAL)
        check = review_year(c, 2011, as_of=date(2010, 6, 1)).check("doctor_seats")
        assert check.outcome == "not_required"
        assert "No KLU rules" in check.reason
        seats = review_year(c, 2011, as_of=date(2010, 6, 1)).check("seats")
        assert seats.outcome == "not_stated"
        assert "No KLU rules" in seats.reason


class TestSeats:
    def test_national_rules_name_no_seats(self) -> None:
        check = review_year(committee(rule_set=NATIONAL), 2023).check("seats")
        assert check.outcome == "not_stated"
        assert "name no seats" in check.reason

    def test_role_alone_matches_a_single_seat(self) -> None:
        chair = Membership(CHAIR, "municipality", "chair", title="Direktør")
        c = committee(memberships=(*MEMBERS[:2], chair))
        matches = {m["seat"]: m for m in review_year(c, 2023).check("seats").parameters["matches"]}
        assert matches["chair"]["basis"] == {"chair": "role"}

    def test_role_fills_a_single_seat_only_up_to_its_count(self) -> None:
        other = Membership(Person("chair-2", "Second Chair"), "municipality", "chair")
        c = committee(memberships=(*MEMBERS, other))
        seats = review_year(c, 2023).check("seats")
        assert seats.parameters["unmatched"] == ["chair-2"]
        found = {f.subject: f for f in seats.findings}
        assert "the seats of that side and role are 'Vicedirektør" in found["chair-2"].message

    def test_role_without_a_seat(self) -> None:
        vice = Membership(
            Person("vice", "Vice"), "municipality", "vice_chair", organisation="Aalborg Kommune"
        )
        c = committee(memberships=(*MEMBERS, vice))
        found = {f.subject: f for f in review_year(c, 2023).check("seats").findings}
        assert "name no seat of that side and role" in found["vice"].message

    def test_a_seat_with_too_few_people(self) -> None:
        elderly = Membership(
            Person("e1", "E One"),
            "municipality",
            "municipal_representative",
            organisation="Ældre- og Handicapforvaltningen",
        )
        c = committee(memberships=(*MEMBERS, elderly))
        found = {f.subject: f for f in review_year(c, 2023).check("seats").findings}
        assert "1 of the people listed match it: E One (by handicapforvaltningen, ældre)" in (
            found["elderly_disability"].message
        )

    def test_met_when_every_seat_is_filled(self) -> None:
        rules = parse_rule_set(
            {
                "schema_version": 1,
                "name": "small",
                "title": "Small",
                "level": "local",
                "layered_on": "national",
                "seats": [
                    {
                        "key": "chair",
                        "title_da": "Formand",
                        "side": "municipality",
                        "role": "chair",
                        "count": 1,
                        "effective_from": date(2021, 1, 1),
                        "sources": ["AAL2021"],
                    },
                    {
                        "key": "gps",
                        "title_da": "PLO-K",
                        "side": "general_practice",
                        "role": "doctor_member",
                        "effective_from": date(2021, 1, 1),
                        "sources": ["AAL2021"],
                    },
                ],
            },
            parent=NATIONAL,
        )
        c = committee(rule_set=rules)
        check = review_year(c, 2023).check("seats")
        assert check.outcome == "met"
        assert check.findings == ()


class TestTerms:
    def members(self, end: date) -> tuple[Membership, ...]:
        return (Membership(DOC, "general_practice", "doctor_member", term_end=end), *MEMBERS[1:])

    def test_window_is_inclusive(self) -> None:
        as_of = date(2023, 10, 1)
        inside = review_year(
            committee(memberships=self.members(as_of + timedelta(days=90))), 2023, as_of=as_of
        ).check("terms")
        assert inside.outcome == "noted"
        assert codes(inside.findings) == ["composition.term-ending"]
        outside = review_year(
            committee(memberships=self.members(as_of + timedelta(days=91))), 2023, as_of=as_of
        ).check("terms")
        assert outside.outcome == "met"
        today = review_year(committee(memberships=self.members(as_of)), 2023, as_of=as_of)
        assert today.check("terms").outcome == "noted"
        ended = review_year(
            committee(memberships=self.members(as_of - timedelta(days=1))), 2023, as_of=as_of
        ).check("terms")
        assert ended.outcome == "met"
        shorter = review_year(
            committee(memberships=self.members(as_of + timedelta(days=30))),
            2023,
            as_of=as_of,
            term_warning_days=29,
        ).check("terms")
        assert shorter.outcome == "met"

    def test_not_judged_without_as_of(self) -> None:
        check = review_year(committee(memberships=self.members(date(2023, 12, 31))), 2023)
        assert check.check("terms").outcome == "not_judged"


# --- arguments and the result types -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"committee": "x"}, "takes a Committee"),
        ({"year": 1800}, "year must be a year"),
        ({"year": True}, "year must be a year"),
        ({"as_of": datetime(2023, 1, 1, tzinfo=CPH)}, "as_of must be a date"),
        ({"term_warning_days": -1}, "term_warning_days"),
        ({"term_warning_days": True}, "term_warning_days"),
        ({"layering": "loose"}, "layering is one of"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    values: dict[str, Any] = {"committee": committee(), "year": 2023}
    values.update(kwargs)
    target, year = values.pop("committee"), values.pop("year")
    with pytest.raises(InvalidValueError, match=message):
        review_year(target, year, **values)


def test_no_rules_in_the_whole_year() -> None:
    with pytest.raises(NoRulesInForceError, match="2011-04-01"):
        check_year(committee(rule_set=NATIONAL), 2010)


def test_layering_is_passed_on() -> None:
    review = review_year(committee(), 2023, layering="local")
    assert review.layering == "local"


def test_year_check_validates() -> None:
    with pytest.raises(InvalidValueError, match="outcome is one of"):
        YearCheck("calendar", "fine", "x", ())  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="key is one of"):
        YearCheck("weather", "met", "x", ())
    with pytest.raises(InvalidValueError, match="unknown source"):
        YearCheck("calendar", "met", "x", ("NOPE",))
    with pytest.raises(InvalidValueError, match="Finding values"):
        YearCheck("calendar", "met", "x", (), {}, ("x",))  # type: ignore[arg-type]
    assert set(CHECK_OUTCOMES) >= {"met", "not_met", "not_judged"}


# --- properties -------------------------------------------------------------------------------


@given(
    due=st.dates(date(2022, 1, 1), date(2023, 12, 31)),
    as_of=st.dates(date(2022, 1, 1), date(2024, 12, 31)),
    done=st.booleans(),
)
def test_follow_up_overdue_iff_open_and_due_before_as_of(
    due: date, as_of: date, done: bool
) -> None:
    follow_up = (
        FollowUp("x", owner="PPR", due_on=due, status="done", done_on=due)
        if done
        else FollowUp("x", owner="PPR", due_on=due)
    )
    c = committee(
        meetings=(meeting("m", date(2021, 12, 1)),),
        minutes=(Minutes("m", (MinutesItem("2.a", follow_ups=(follow_up,)),)),),
    )
    found = [f for f in check_year(c, due.year, as_of=as_of) if f.code == "year.follow-up-overdue"]
    assert bool(found) == (not done and due < as_of)


_TODAY_CODES = {"year.follow-up-overdue", "composition.term-ending", "year.evaluation-missing"}


@given(
    days=st.sets(st.dates(date(2023, 1, 1), date(2023, 12, 31)), max_size=5),
    statuses=st.lists(st.sampled_from(["planned", "held", "cancelled"]), min_size=5, max_size=5),
    end=st.none() | st.dates(date(2023, 1, 1), date(2024, 12, 31)),
)
def test_without_as_of_nothing_depends_on_today(
    days: set[date], statuses: list[str], end: date | None
) -> None:
    meetings = tuple(meeting(f"m{i}", d, statuses[i]) for i, d in enumerate(sorted(days)))
    members = (Membership(DOC, "general_practice", "doctor_member", term_end=end), *MEMBERS[1:])
    c = committee(meetings=meetings, memberships=members)
    review = review_year(c, 2023)
    assert not _TODAY_CODES & set(codes(review.findings))
    judged = [ch for ch in review.checks if ch.outcome == "not_judged"]
    assert bool(judged) == ("year.not-judged-without-as-of" in codes(review.findings))
    assert all(ch.outcome != "not_yet_due" for ch in review.checks)
