"""Yearly compliance from the records: calendar, annual wheel, evaluation, follow-ups, composition.

Known answers: KLU Aalborg's 2023 composition against its rules of procedure
(``AAL-2023`` vs ``AAL2021``: renamed administrations, Senior og Omsorg with
three people, no PPR head listed) and the December 2021 minutes
(``AAL-MIN-2021-12``, follow-ups due by the turn of the year). Each finding
code the review emits has one golden file, ``tests/golden/findings/<code>.json``
(rewrite with ``KLU_UPDATE_GOLDEN=1``). Every review a test makes is also written
out in Danish and in English, and neither text may hold a word of the other
language (data such as names and titles shown as written aside).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import CPH, cph, foreign_words, plain_committee
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import (
    Committee,
    InvalidValueError,
    Meeting,
    Membership,
    Person,
    load_committee,
    plan_year,
)
from klu_rules.checks import compliance
from klu_rules.checks.compliance import CHECK_KEYS, FINDING_CODES, YearReview, review_year
from klu_rules.checks.date_range import plan_between
from klu_rules.checks.proposal import propose_calendar
from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.language import LANGUAGES
from klu_rules.core.messages import catalogue
from klu_rules.core.result import Finding, Result
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
from klu_rules.text.evaluation import review_to_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "aalborg_2021_records.toml"
GOLDEN = ROOT / "tests" / "golden" / "findings"

DOC = Person("doc-a", "Dr A", doctor=True)
DOC_B = Person("doc-b", "Dr B", doctor=True)
CHAIR = Person("chair", "Chair")
MEMBERS = (
    Membership(DOC, "general_practice", "doctor_member"),
    Membership(DOC_B, "general_practice", "doctor_member"),
    Membership(CHAIR, "municipality", "chair"),
)
AFTER_2023 = date(2024, 2, 1)


def committee(**kw: Any) -> Committee:
    return plain_committee(**{"rule_set": AALBORG, "memberships": MEMBERS} | kw)


def meeting(mid: str, day: date, status: str = "held", **kw: Any) -> Meeting:
    return Meeting(mid, cph(day.year, day.month, day.day, 15), status=status, **kw)


def codes(findings: Any) -> list[str]:
    return [f.code for f in findings]


def outcome(c: Committee, key: str, year: int = 2023, **kw: Any) -> str:
    return review_year(c, year, **kw).check(key).outcome


YEAR_2023 = (
    meeting("q1", date(2023, 3, 6)),
    meeting("q2", date(2023, 6, 1)),
    meeting("q3", date(2023, 10, 5)),
    meeting("q4", date(2023, 11, 30)),
)
SENT = EvaluationRecord(
    2023, done_on=date(2023, 11, 30), sent_on=date(2024, 1, 10), sent_to="Praksisudvalget"
)
ENDING = (
    Membership(DOC, "general_practice", "doctor_member", term_end=date(2023, 12, 1)),
    *MEMBERS[1:],
)


# --- one language per text -------------------------------------------------------------


def data_words(*values: object) -> frozenset[str]:
    """The words of data shown as written (names, titles, ids): allowed in either language."""
    return frozenset(re.findall(r"[a-zæøå]+", " ".join(map(str, values)).lower()))


def check_one_language(result: Result | Finding, language: str, *data: object) -> None:
    if isinstance(result, Finding):
        text = result.text(language)  # type: ignore[arg-type]
        key = f"finding.{result.code}.message"
        values: tuple[object, ...] = (*result.parameters.values(), result.subject)
    else:
        text = result.explain(language)  # type: ignore[arg-type]
        found = result.findings
        single = len(found) == 1 and found[0].code == result.reason
        key = f"finding.{result.reason}.message" if single else f"reason.{result.reason}"
        values = tuple(result.parameters.values())
    assert key in catalogue(language), key  # type: ignore[arg-type]
    assert text.strip(), key
    assert "{" not in text, key
    assert foreign_words(text, language, allow=data_words(*values, *data)) == set(), text


@pytest.fixture(autouse=True)
def every_review_reads_in_one_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every review a test makes is written out in both languages, after the test."""
    made: list[YearReview] = []

    def recording(*args: Any, **kwargs: Any) -> YearReview:
        made.append(compliance.review_year(*args, **kwargs))
        return made[-1]

    monkeypatch.setitem(globals(), "review_year", recording)
    yield
    for review in made[:20]:  # property tests make hundreds: the first twenty suffice
        for language in LANGUAGES:
            check_one_language(review, language, review.committee_id)
            for check in review.checks:
                check_one_language(check, language, review.committee_id)
            for found in review.findings:
                check_one_language(found, language)


def test_known_answers_in_danish_and_english() -> None:
    review = review_year(attrs.evolve(aalborg(), calendars=()), 2023, as_of=date(2023, 6, 15))
    calendar = review.check("calendar")
    assert calendar.explain("da") == (
        "Der er ikke registreret en aftalt mødekalender for 2023; reglerne, der gælder den "
        "1. januar 2023, aftaler møderne for et kalenderår ad gangen."
    )
    assert calendar.explain("en") == (
        "No agreed meeting calendar for 2023 is recorded; the rules in force on 1 January 2023 "
        "agree meetings one calendar year at a time."
    )
    assert review.explain("da").startswith("klu-aalborg 2023, vurderet den 15. juni 2023: ")
    assert review.explain("en").startswith("klu-aalborg 2023, judged on 15 June 2023: ")
    records = review_year(load_committee(EXAMPLE), 2021, as_of=date(2022, 3, 1))
    overdue = next(f for f in records.findings if f.code == "year.follow-up-overdue")
    assert "havde frist den 31. december 2021 og står stadig som åben den 1. marts 2022" in (
        overdue.text("da")
    )
    assert "was due on 31 December 2021 and is still open on 1 March 2022" in overdue.text("en")
    assert compliance.check_title("calendar", "da") == "årets mødekalender er aftalt"
    assert compliance.check_title("calendar") == "the year's meeting calendar is agreed"


# --- one golden file per finding code ----------------------------------------------------

CASES: dict[str, Callable[[], YearReview]] = {
    "year.calendar-not-agreed": lambda: review_year(
        attrs.evolve(aalborg(), calendars=()), 2023, as_of=date(2023, 6, 15)
    ),
    "year.next-topics-not-agreed": lambda: review_year(aalborg(), 2023, as_of=AFTER_2023),
    "year.next-topics-not-at-last-meeting": lambda: review_year(
        committee(
            meetings=YEAR_2023, annual_wheels=(AnnualWheel(2024, date(2023, 10, 5), "q3", ("x",)),)
        ),
        2023,
    ),
    "year.evaluation-missing": lambda: review_year(aalborg(), 2023, as_of=AFTER_2023),
    "year.evaluation-wrong-recipient": lambda: review_year(committee(evaluations=(SENT,)), 2023),
    "year.follow-up-overdue": lambda: review_year(
        load_committee(EXAMPLE), 2021, as_of=date(2022, 3, 1)
    ),
    "year.minutes-not-published": lambda: review_year(
        committee(
            meetings=YEAR_2023[:2],
            minutes=(Minutes("q1", published_on=date(2023, 3, 20)), Minutes("q2")),
        ),
        2023,
        as_of=AFTER_2023,
    ),
    "year.not-judged-without-as-of": lambda: review_year(aalborg(), 2023),
    "composition.doctor-seats-unfilled": lambda: review_year(
        committee(rule_set=NATIONAL, memberships=MEMBERS[:1] + MEMBERS[2:]), 2023
    ),
    "composition.differs-from-rules": lambda: review_year(aalborg(), 2023),
    "composition.listed-twice": lambda: review_year(aalborg(), 2023),
    "composition.term-ending": lambda: review_year(
        committee(memberships=ENDING), 2023, as_of=date(2023, 10, 1)
    ),
}


def test_every_code_has_a_case() -> None:
    assert set(CASES) == FINDING_CODES


@pytest.mark.parametrize("code", sorted(CASES))
def test_golden_finding(code: str) -> None:
    found = next(f for f in CASES[code]().findings if f.code == code)
    path = GOLDEN / f"{code}.json"
    data = found.to_dict()
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == data
    assert Finding.from_dict(data) == found


# --- KLU Aalborg 2023 against its rules of procedure ------------------------------------


class TestAalborg2023:
    def test_without_as_of(self) -> None:
        review = review_year(aalborg(), 2023)
        assert {c.key: c.outcome for c in review.checks} == {
            "meetings_held": "not_judged",  # four planned, none recorded held yet
            "calendar": "met",  # the page publishes the 2023 calendar (AAL-2023)
            "next_year_topics": "not_judged",
            "evaluation": "not_judged",
            "follow_ups": "met",
            "minutes_published": "not_stated",  # the page records no minutes
            "doctor_seats": "met",
            "seats": "not_met",
            "terms": "met",
        }
        assert review.outcome == "not_met"
        found = codes(review.findings)
        assert found.count("composition.differs-from-rules") == 7
        assert found[-1] == "year.not-judged-without-as-of"
        assert review.findings[-1].parameters["checks"] == (
            "meetings_held",
            "next_year_topics",
            "evaluation",
        )

    def test_composition_differences_as_the_digest_lists_them(self) -> None:
        seats = review_year(aalborg(), 2023).check("seats")
        by_subject = {f.subject: f for f in seats.findings}
        # No PPR head is listed; nobody matches the Familie- og Beskæftigelsesforvaltningen seats.
        assert by_subject["ppr_head"].parameters["matched"] == ()
        assert by_subject["family_employment"].parameters["matched"] == ()
        # Renamed administrations: organisations the rules of procedure do not name.
        senior = by_subject["Aalborg Kommune, Senior og Omsorg"]
        assert senior.parameters["people"] == (
            "lisbet-trap-jensen-torp",
            "carsten-moller-beck",
            "helen-kaestel",
        )
        assert "Aalborg Kommune, Job og Ydelse" in by_subject
        assert "Aalborg Kommune, Sundhed og Kultur" in by_subject
        assert {"charlotte-houmoller-sprogel", "lisbet-trap-jensen-torp"} <= set(by_subject)
        assert all(f.severity == "info" for f in seats.findings)
        assert set(seats.sources) == {"AAL2021", "AAL-2023"}

    def test_matches_explain_themselves(self) -> None:
        seats = review_year(aalborg(), 2023).check("seats")
        people: dict[str, list[str]] = {}
        for match in seats.matches:
            people.setdefault(match.seat, []).append(match.person_id)
        assert people["chair"] == ["mikkel-grimmeshave"]
        assert seats.matches[0].words == ("formand", "vicedirektør")
        assert people["hospital_pathways"] == ["jan-nybo"]
        assert people["social_medicine_unit"] == ["marianne-rudbeck"]
        assert people["elderly_disability"] == ["carsten-moller-beck", "helen-kaestel"]
        assert len(people["plo_board"]) == 6
        assert seats.parameters["not_compared"] == ("pernille-smalbro-hylleberg",)

    def test_after_the_year(self) -> None:
        review = review_year(aalborg(), 2023, as_of=AFTER_2023)
        found = codes(review.findings)
        assert {"year.next-topics-not-agreed", "year.evaluation-missing"} <= set(found)
        assert "year.not-judged-without-as-of" not in found
        assert (
            review.check("next_year_topics").parameters["last_meeting"] == "klu-aalborg-2023-11-30"
        )

    def test_the_minimum_number_of_meetings_as_the_plan_counts_it(self) -> None:
        # AAL2021: "4 møder årligt"; the 2023 page lists four meetings, none recorded held
        after = review_year(aalborg(), 2023, as_of=AFTER_2023).check("meetings_held")
        assert (after.outcome, after.reason) == ("not_met", "year.too-few-meetings-held")
        plan = plan_year(aalborg(), as_of=AFTER_2023)
        assert after.findings[0] in plan.findings
        early = review_year(aalborg(), 2023, as_of=date(2023, 1, 1)).check("meetings_held")
        assert (early.outcome, early.reason) == ("not_yet_due", "year.meetings-not-yet-due")
        held = attrs.evolve(
            aalborg(),
            meetings=tuple(attrs.evolve(m, status="held") for m in aalborg().meetings),
        )
        met = review_year(held, 2023).check("meetings_held")
        assert (met.outcome, met.explain()) == (
            "met",
            "4 committee meetings held in 2023, at least 4 required.",
        )
        assert met.explain("da") == "4 udvalgsmøder afholdt i 2023, mindst 4 kræves."

    def test_round_trip_and_rendering(self) -> None:
        review = review_year(aalborg(), 2023, as_of=date(2023, 6, 15))
        assert YearReview.from_json(review.to_json()) == review
        assert len(review.to_dict()["checks"]) == len(CHECK_KEYS)
        text = review_to_text(review)
        assert text.splitlines()[0] == "The year 2023 (as of 15 June 2023):"
        assert text.splitlines()[1].startswith("  - Committee meetings held: not met.")
        assert text.splitlines()[2].startswith("  - Meeting calendar agreed: met.")
        danish = review_to_text(review, "da").splitlines()
        assert danish[0] == "Årets forløb 2023 (pr. 15. juni 2023):"
        assert danish[2].startswith("  - Mødekalender aftalt: opfyldt.")
        with pytest.raises(InvalidValueError, match="no check 'x'"):
            review.check("x")


# --- the December 2021 minutes ------------------------------------------------------------


class TestAalborg2021:
    def test_follow_ups_overdue_after_the_turn_of_the_year(self) -> None:
        c = load_committee(EXAMPLE)
        found = [
            f
            for f in review_year(c, 2021, as_of=date(2022, 3, 1)).findings
            if f.code == "year.follow-up-overdue"
        ]
        assert [f.subject for f in found] == ["klu-aalborg-2021-12#2.c", "klu-aalborg-2021-12#2.d"]
        assert found[0].parameters["owner"] == "PPR-Aalborg"
        assert found[0].parameters["days_overdue"] == 60
        # still overdue in the next year; nothing due in 2020
        later = review_year(c, 2022, as_of=date(2022, 3, 1)).check("follow_ups")
        assert [f.subject for f in later.findings] == [f.subject for f in found]
        assert outcome(c, "follow_ups", 2020, as_of=date(2022, 3, 1)) == "met"

    def test_not_overdue_on_the_due_date(self) -> None:
        c = load_committee(EXAMPLE)
        follow_ups = review_year(c, 2021, as_of=date(2021, 12, 31)).check("follow_ups")
        assert (follow_ups.outcome, follow_ups.parameters["overdue"]) == ("met", 0)
        assert outcome(c, "follow_ups", 2021) == "not_judged"

    def test_the_wheel_for_2022_is_not_in_the_minutes(self) -> None:
        check = review_year(load_committee(EXAMPLE), 2021).check("next_year_topics")
        assert check.outcome == "not_met"
        assert check.parameters["last_meeting"] == "klu-aalborg-2021-12"

    def test_calendar_rule_not_in_force_on_1_january_2021(self) -> None:
        check = review_year(load_committee(EXAMPLE), 2021).check("calendar")
        assert check.outcome == "not_required"
        assert check.parameters["on"] == "2021-01-01"


# --- each check ----------------------------------------------------------------------------


def test_calendar() -> None:
    calendars = (
        MeetingCalendar(2024, date(2023, 11, 30), "q4"),
        MeetingCalendar(2023, agreed_by="KLU-sekretariatet"),
    )
    c = committee(meetings=YEAR_2023, calendars=calendars)
    assert outcome(c, "calendar", 2024) == "met"
    assert review_year(c, 2023).check("calendar").parameters["agreed_on"] is None
    assert outcome(c, "calendar", 2022) == "not_met"
    assert outcome(committee(rule_set=NATIONAL), "calendar") == "not_required"


class TestNextYearTopics:
    def wheel(self, day: date, meeting_id: str | None = None) -> tuple[AnnualWheel, ...]:
        return (AnnualWheel(2024, day, meeting_id, topics=("Dosispakket medicin",)),)

    def test_met_at_the_last_meeting_or_on_its_day(self) -> None:
        at = committee(meetings=YEAR_2023, annual_wheels=self.wheel(date(2023, 11, 30), "q4"))
        assert review_year(at, 2023).check("next_year_topics").findings == ()
        on_day = committee(meetings=YEAR_2023, annual_wheels=self.wheel(date(2023, 11, 30)))
        assert outcome(on_day, "next_year_topics") == "met"

    def test_dialogue_and_cancelled_meetings_are_not_the_last(self) -> None:
        meetings = (
            *YEAR_2023,
            meeting("dlg", date(2023, 12, 5), kind="dialogue"),
            meeting("x", date(2023, 12, 12), "cancelled"),
        )
        c = committee(meetings=meetings, annual_wheels=self.wheel(date(2023, 11, 30), "q4"))
        check = review_year(c, 2023).check("next_year_topics")
        assert (check.outcome, check.parameters["last_meeting"]) == ("met", "q4")

    def test_last_meeting_still_planned(self) -> None:
        c = committee(meetings=(*YEAR_2023[:3], meeting("q4", date(2023, 11, 30), "planned")))
        assert outcome(c, "next_year_topics") == "not_judged"
        assert outcome(c, "next_year_topics", as_of=date(2023, 11, 30)) == "not_yet_due"
        assert outcome(c, "next_year_topics", as_of=date(2023, 12, 1)) == "not_met"

    def test_no_meeting_recorded(self) -> None:
        c = committee()
        assert outcome(c, "next_year_topics") == "not_judged"
        assert outcome(c, "next_year_topics", as_of=date(2023, 12, 31)) == "not_yet_due"
        late = review_year(c, 2023, as_of=date(2024, 1, 1)).check("next_year_topics")
        assert codes(late.findings) == ["year.next-topics-not-agreed"]
        noted = committee(annual_wheels=self.wheel(date(2023, 12, 1)))
        check = review_year(noted, 2023, as_of=date(2024, 1, 1)).check("next_year_topics")
        assert codes(check.findings) == ["year.next-topics-not-at-last-meeting"]

    def test_not_required_nationally(self) -> None:
        c = committee(rule_set=NATIONAL, meetings=YEAR_2023)
        assert outcome(c, "next_year_topics") == "not_required"


class TestEvaluation:
    def record(self, sent_to: str) -> EvaluationRecord:
        return attrs.evolve(SENT, sent_to=sent_to)

    def test_met_when_sent_to_the_samarbejdsudvalg(self) -> None:
        c = committee(evaluations=(self.record("Samarbejdsudvalget for almen praksis"),))
        check = review_year(c, 2023).check("evaluation")
        assert (check.outcome, check.parameters["recipient"]) == ("met", "Samarbejdsudvalg")

    @pytest.mark.parametrize("sent_to", ["Sundhedssamarbejdsudvalget", "Praksisudvalget"])
    def test_wrong_recipient(self, sent_to: str) -> None:
        check = review_year(committee(evaluations=(self.record(sent_to),)), 2023).check(
            "evaluation"
        )
        assert codes(check.findings) == ["year.evaluation-wrong-recipient"]

    def test_done_but_not_sent(self) -> None:
        c = committee(evaluations=(EvaluationRecord(2023, done_on=date(2023, 11, 30)),))
        assert outcome(c, "evaluation") == "not_judged"
        assert outcome(c, "evaluation", as_of=date(2023, 12, 31)) == "not_yet_due"
        late = review_year(c, 2023, as_of=date(2024, 3, 1)).check("evaluation")
        assert codes(late.findings) == ["year.evaluation-missing"]
        assert late.parameters["done_on"] == "2023-11-30"

    def test_national_rules_from_ok22(self) -> None:
        national = committee(rule_set=NATIONAL)
        check = review_year(national, 2022, as_of=date(2023, 2, 1)).check("evaluation")
        assert (check.outcome, check.sources) == ("not_met", ("OK22-102",))

    def test_the_annual_evaluation_is_older_than_ok22(self) -> None:
        """Seed 000 (AAL2021, May 2021): "Jvf. overenskomstens §96 skal der foretages en
        årlig evaluering" -- the duty came from the agreement before OK22, so 2020 and 2021
        are required nationally too, from OK18's first day (an assumed start)."""
        national = committee(rule_set=NATIONAL)
        for year in (2020, 2021):
            check = review_year(national, year, as_of=date(year + 1, 2, 1)).check("evaluation")
            assert check.outcome == "not_met"
            assert check.sources[0] == "AAL2021"
        assert outcome(national, "evaluation", 2017) == "not_required"
        rule = NATIONAL.in_force(date(2020, 6, 1)).get("annual_evaluation_required")
        assert rule.status == "assumption"
        assert "Jvf. overenskomstens §96 skal der foretages en årlig evaluering" in rule.entry.note

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
        assert (check.outcome, check.parameters["recipient"]) == ("met", None)
        missing = review_year(committee(rule_set=rules), 2023, as_of=AFTER_2023)
        assert missing.check("evaluation").outcome == "not_met"


class TestComposition:
    def test_doctor_seats_unfilled(self) -> None:
        c = committee(rule_set=NATIONAL, memberships=MEMBERS[:1] + MEMBERS[2:])
        check = review_year(c, 2023).check("doctor_seats")
        assert codes(check.findings) == ["composition.doctor-seats-unfilled"]
        assert check.findings[0].severity == "warning"
        assert (check.parameters["doctor_members"], check.parameters["doctor_seats"]) == (1, 2)

    def test_no_members_listed_is_not_stated(self) -> None:
        review = review_year(committee(memberships=()), 2023)
        assert review.check("doctor_seats").outcome == "not_stated"
        assert review.check("seats").outcome == "not_stated"
        assert not any(f.code.startswith("composition.") for f in review.findings)

    def test_judged_on_as_of_within_the_year(self) -> None:
        ending = (
            Membership(DOC, "general_practice", "doctor_member", term_end=date(2023, 6, 30)),
            *MEMBERS[1:],
        )
        c = committee(memberships=ending)
        assert outcome(c, "doctor_seats", as_of=date(2023, 5, 1)) == "met"
        assert outcome(c, "doctor_seats") == "not_met"
        early = review_year(c, 2023, as_of=date(2022, 5, 1)).check("doctor_seats")
        assert early.parameters["on"] == "2023-01-01"

    def test_no_rules_on_the_reference_day(self) -> None:
        # National rules start 2011-04-01; judged on 1 January 2011 there are none.
        review = review_year(committee(rule_set=NATIONAL), 2011, as_of=date(2010, 6, 1))
        assert review.check("doctor_seats").outcome == "not_required"
        assert review.check("seats").outcome == "not_stated"

    def test_national_rules_name_no_seats(self) -> None:
        assert outcome(committee(rule_set=NATIONAL), "seats") == "not_stated"

    def test_role_alone_matches_a_single_seat_up_to_its_count(self) -> None:
        chair = Membership(CHAIR, "municipality", "chair", title="Direktør")
        matches = review_year(committee(memberships=(*MEMBERS[:2], chair)), 2023)
        match = next(m for m in matches.check("seats").matches if m.seat == "chair")
        assert (match.person_id, match.basis, match.words) == ("chair", "role", ())
        other = Membership(Person("chair-2", "Second Chair"), "municipality", "chair")
        seats = review_year(committee(memberships=(*MEMBERS, other)), 2023).check("seats")
        assert seats.parameters["unmatched"] == ("chair-2",)
        assert "chair-2" in {f.subject for f in seats.findings}

    def test_a_seat_with_too_few_people(self) -> None:
        elderly = Membership(
            Person("e1", "E One"),
            "municipality",
            "municipal_representative",
            organisation="Ældre- og Handicapforvaltningen",
        )
        seats = review_year(committee(memberships=(*MEMBERS, elderly)), 2023).check("seats")
        found = {f.subject: f for f in seats.findings}
        assert found["elderly_disability"].parameters["matched"] == ("e1",)
        match = next(m for m in seats.matches if m.person_id == "e1")
        assert match.words == ("handicapforvaltningen", "ældre")

    def test_met_when_every_seat_is_filled(self) -> None:
        def seat(key: str, title: str, side: str, role: str, **kw: Any) -> dict[str, Any]:
            return dict(
                key=key,
                title_da=title,
                side=side,
                role=role,
                effective_from=date(2021, 1, 1),
                sources=["AAL2021"],
                **kw,
            )

        rules = parse_rule_set(
            {
                "schema_version": 1,
                "name": "small",
                "title": "Small",
                "level": "local",
                "layered_on": "national",
                "seats": [
                    seat("chair", "Formand", "municipality", "chair", count=1),
                    seat("gps", "PLO-K", "general_practice", "doctor_member"),
                ],
            },
            parent=NATIONAL,
        )
        check = review_year(committee(rule_set=rules), 2023).check("seats")
        assert (check.outcome, check.findings) == ("met", ())

    @pytest.mark.parametrize(
        ("end", "days", "expected"),
        [(90, 90, "noted"), (91, 90, "met"), (0, 90, "noted"), (-1, 90, "met"), (30, 29, "met")],
    )
    def test_term_window_is_inclusive(self, end: int, days: int, expected: str) -> None:
        as_of = date(2023, 10, 1)
        members = (
            Membership(
                DOC, "general_practice", "doctor_member", term_end=as_of + timedelta(days=end)
            ),
            *MEMBERS[1:],
        )
        c = committee(memberships=members)
        assert outcome(c, "terms", as_of=as_of, term_warning_days=days) == expected
        assert outcome(c, "terms") == "not_judged"


# --- arguments ----------------------------------------------------------------------------


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
    with pytest.raises(NoRulesInForceError, match="1 April 2011"):
        review_year(committee(rule_set=NATIONAL), 2010)


def test_layering_is_passed_on() -> None:
    assert review_year(committee(), 2023, layering="local").layering == "local"


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
    found = codes(review_year(c, due.year, as_of=as_of).findings)
    assert ("year.follow-up-overdue" in found) == (not done and due < as_of)


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
    review = review_year(committee(meetings=meetings, memberships=members), 2023)
    assert not _TODAY_CODES & set(codes(review.findings))
    judged = [ch for ch in review.checks if ch.outcome == "not_judged"]
    assert bool(judged) == ("year.not-judged-without-as-of" in codes(review.findings))
    assert all(ch.outcome != "not_yet_due" for ch in review.checks)
    assert YearReview.from_dict(review.to_dict()) == review


def test_the_region_is_judged_for_the_year_planned_not_the_files_year() -> None:
    # a file written for 2026 (init --municipality Næstved --year 2026), or without a year:
    # Region Sjælland ends on 31 December 2026 (LOV-699-2025)
    def region(findings: Any) -> list[tuple[int, str]]:
        return [
            (f.parameters["year"], f.parameters["right"])
            for f in findings
            if f.code == "place.region-not-in-year"
        ]

    for year in (2026, None):
        naestved = plain_committee(municipality="Næstved", region="Region Sjælland", year=year)
        assert region(review_year(naestved, 2027).findings) == [(2027, "Region Østdanmark")]
        assert region(plan_year(naestved, 2027).findings) == [(2027, "Region Østdanmark")]
        assert region(plan_year(naestved, 2027, compliance=False).findings) == [
            (2027, "Region Østdanmark")
        ]
        assert region(propose_calendar(naestved, 2027).findings) == [(2027, "Region Østdanmark")]
        assert region(plan_year(naestved, 2026).findings) == []
        assert region(review_year(naestved, 2026).findings) == []
        span = plan_between(naestved, date(2026, 11, 1), date(2027, 2, 1))
        assert region(span.findings) == [(2027, "Region Østdanmark")]


def test_the_follow_up_and_term_checks_cite_aalborgs_rules_only_under_them() -> None:
    # AAL2021 asks for them; under the national rules alone they are the library's own
    checks = {c.key: c for c in review_year(plain_committee(), 2026, as_of=date(2027, 2, 1)).checks}
    assert checks["follow_ups"].sources == checks["terms"].sources == ()
    review = review_year(aalborg(), 2023, as_of=date(2024, 2, 1))
    checks = {c.key: c for c in review.checks}
    assert checks["follow_ups"].sources == checks["terms"].sources == ("AAL2021",)
    assert "AAL2021" in AALBORG.cited_sources
    assert "VEJL2011" not in AALBORG.cited_sources  # the national layer's
