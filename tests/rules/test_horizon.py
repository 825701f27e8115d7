"""What the rules' data does not hold, said by every plan, review, route and proposal.

Known answers from the sources: OK22 § 102 is stated for 2022-2024; Aftale25 and
Aftale26 continued the agreement, but their text on § 102 was not found (RULES.md § 11:
"treat § 102 as continuing and say so"); KLU Aalborg has existed since 2006 but its data
starts with the rules of procedure revised in May 2021 (seed 000: "siden 2006",
"Senest revideret i maj 2021"); the national rules start on 2011-04-01 (VEJL2011).
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime

import attrs
import pytest
from helpers import cph

from klu_rules.checks.compliance import review_year
from klu_rules.checks.date_range import plan_between
from klu_rules.checks.deadlines import plan_meeting, plan_year
from klu_rules.checks.proposal import propose_calendar
from klu_rules.checks.routing import route_agreement
from klu_rules.core.errors import InvalidValueError, KluRulesError, NoRulesInForceError
from klu_rules.io.presets import aalborg
from klu_rules.model.meeting import Meeting
from klu_rules.rules.horizon import HORIZON_CODES, assumed_rules, horizon_findings
from klu_rules.rules.loader import dump_rule_set, parse_rule_set
from klu_rules.rules.ruleset import AALBORG, NATIONAL


def meeting(day: date) -> Meeting:
    start = cph(day.year, day.month, day.day, 15)
    return Meeting(id=f"m-{day.isoformat()}", start=start, end=cph(*start.timetuple()[:3], 17))


def codes(findings: object) -> list[str]:
    return [f.code for f in findings if f.code in HORIZON_CODES]  # type: ignore[attr-defined]


def test_section_102_under_aftale25_and_aftale26_is_said_to_be_assumed() -> None:
    assert (NATIONAL.assumed_from, NATIONAL.assumed_sources) == (
        date(2025, 1, 1),
        ("AFTALE25", "AFTALE26"),
    )
    assert horizon_findings(NATIONAL, date(2024, 12, 31)) == ()
    (note,) = horizon_findings(NATIONAL, date(2025, 6, 12))
    assert (note.code, note.severity, note.sources) == (
        "rules.assumed-continuation",
        "info",
        ("AFTALE25", "AFTALE26"),
    )
    assert "their text on § 102 was not found" in note.text("en")
    assert "deres tekst om § 102 er ikke fundet" in note.text("da")
    # every answer for such a day says so: a plan, a review, a route
    plan = plan_meeting(meeting(date(2025, 6, 12)), "national")
    assert codes(plan.findings) == ["rules.assumed-continuation"]
    assert "AFTALE25" in plan.sources
    odense = attrs.evolve(aalborg(), rule_set=NATIONAL)
    assert codes(plan_year(odense, 2026).findings) == ["rules.assumed-continuation"]
    assert codes(review_year(odense, 2025).findings) == ["rules.assumed-continuation"]
    assert codes(route_agreement(None, date(2026, 6, 1)).findings) == ["rules.assumed-continuation"]
    # beyond the horizon the beyond-horizon warning says it (its reason names § 102)
    assert codes(horizon_findings(NATIONAL, date(2027, 3, 1))) == ["rules.beyond-horizon"]
    # a span reaching into the assumed years from before them
    span = horizon_findings(NATIONAL, date(2027, 1, 31), since=date(2026, 12, 1))
    assert codes(span) == ["rules.assumed-continuation", "rules.beyond-horizon"]
    assert span[0].parameters["on"] == "2026-12-31"


def test_aalborg_before_its_2021_rules_says_the_plan_is_national_only() -> None:
    # 7 October 2020: a real meeting (seed 003, the December 2021 minutes' predecessor)
    plan = plan_meeting(meeting(date(2020, 10, 7)), AALBORG)
    (before,) = [f for f in plan.findings if f.code in HORIZON_CODES]
    assert (before.code, before.severity, before.sources) == (
        "rules.before-local-data",
        "warning",
        ("AAL2021",),
    )
    assert "siden 2006" in before.text("da")
    # a year plan says it once, for the first meeting before the data
    year = plan_year(aalborg(), 2021, compliance=False)
    assert codes(year.findings) == []  # Aalborg's 2021 meetings are from May on
    early = attrs.evolve(aalborg(), meetings=(meeting(date(2021, 3, 4)),))
    assert codes(plan_year(early, 2021, compliance=False).findings) == ["rules.before-local-data"]
    # the national rules themselves: before 2011-04-01 a plan is refused, saying from when
    with pytest.raises(NoRulesInForceError, match="take effect on 1 April 2011"):
        plan_meeting(meeting(date(2011, 2, 1)), NATIONAL)


def test_every_route_past_the_horizon_warns() -> None:
    far = plan_meeting(meeting(date(2030, 3, 4)), "aalborg")
    assert codes(far.findings) == ["rules.beyond-horizon"] * 2
    assert far.outcome == "warning"
    # a range: the year plans' horizon findings are no longer dropped
    klu = aalborg()
    between = plan_between(klu, date(2024, 1, 1), date(2024, 12, 31))
    assert codes(between.findings) == ["rules.beyond-horizon"]
    assert between.findings[0].parameters["rule_set"] == "aalborg"
    assert plan_between(klu, date(2023, 1, 1), date(2023, 12, 31)).findings == ()
    # a proposal: once for the year, not under each meeting
    proposal = propose_calendar(klu, 2028)
    assert codes(proposal.findings) == ["rules.beyond-horizon"] * 2
    assert all(codes(p.findings) == [] for p in proposal.meetings)


def test_a_rule_file_states_assumed_from_and_it_round_trips() -> None:
    text = dump_rule_set(NATIONAL)
    assert "assumed_from = 2025-01-01" in text
    assert parse_rule_set(tomllib.loads(text)) == NATIONAL
    data = tomllib.loads(text)
    data["assumed_sources"] = ["NO-SUCH-SOURCE"]
    with pytest.raises(KluRulesError):
        parse_rule_set(data)
    # without a horizon the assumed days run on without end
    del data["complete_until"]
    data["assumed_sources"] = []
    open_ended = parse_rule_set(data)
    (note,) = horizon_findings(open_ended, date(2040, 1, 1))
    assert (note.code, note.parameters["complete_until"]) == ("rules.assumed-continuation", None)
    assert "no source for the later days" not in note.text("en")  # national's own reason


def test_in_force_refuses_a_datetime_with_a_clear_error() -> None:
    with pytest.raises(InvalidValueError, match="not a date and time") as info:
        aalborg().rule_set.in_force(datetime(2023, 6, 1))  # type: ignore[arg-type]
    assert isinstance(info.value, KluRulesError)


def test_beyond_the_horizon_lists_only_the_rules_really_assumed_to_continue() -> None:
    # agreement_procedure and evaluation_recipient have entries from 2027-01-01 (L 214,
    # AFTALE26): on 1 March 2027 their values are in the data, not the 2026 ones continued
    (beyond,) = horizon_findings(NATIONAL, date(2027, 3, 1))
    assumed = beyond.parameters["assumed"]
    assert "agreement_procedure" not in assumed
    assert "evaluation_recipient" not in assumed
    # conventions (the library's own roll rules) do not expire; assumptions continue
    assert "roll_before" not in assumed
    assert "roll_after" not in assumed
    assert "quorum_doctor_share" in assumed
    assert "meetings_per_year" in assumed
    in_force = {r.key for r in NATIONAL.in_force(date(2027, 3, 1)).resolved()}
    assert len(assumed) == beyond.parameters["count"] == len(in_force) - 4
    assert "L214-2025" not in beyond.sources  # only the rules assumed are cited
    # the texts name the horizon day, not "that day", and say what to do, as sentences
    english, danish = beyond.text("en"), beyond.text("da")
    assert "the values that its 20 rules had on 31 December 2026 are used" in english
    assert "dets 20 regler havde 31. december 2026" in danish
    assert "complete_until" in english
    assert "complete_until" in danish
    assert ", not known:" not in english
    assert "that day" not in english
    # the route of such a day answers the procedure of 2027, and no horizon text contradicts it
    route = route_agreement(None, date(2027, 3, 1))
    (warning,) = [f for f in route.findings if f.code == "rules.beyond-horizon"]
    assert "agreement_procedure" not in warning.parameters["assumed"]


def test_every_horizon_message_is_a_clean_sentence_with_advice() -> None:
    notes = [
        *horizon_findings(NATIONAL, date(2025, 6, 1)),
        *horizon_findings(AALBORG, date(2027, 3, 1), since=date(2020, 6, 1)),
    ]
    assert sorted({f.code for f in notes}) == sorted(HORIZON_CODES)
    for note in notes:
        for language in ("en", "da"):
            text = note.text(language)  # type: ignore[arg-type]
            assert text.endswith("."), text
            assert "regelfil" in text or "rule file" in text, text
    (assumed,) = horizon_findings(NATIONAL, date(2025, 6, 1))
    assert "stated by known texts up to 31 December 2024." in assumed.text("en")
    assert "kendes fra teksterne til og med 31. december 2024." in assumed.text("da")


def test_a_route_reads_the_national_horizon_only() -> None:
    # the procedure is national: Aalborg's 2023 horizon and 2021 start say nothing about it
    assert codes(route_agreement(None, date(2024, 6, 1), AALBORG).findings) == []
    assert codes(route_agreement(None, date(2020, 6, 1), AALBORG).findings) == []
    late = route_agreement(None, date(2027, 6, 1), AALBORG).findings
    assert [f.parameters["rule_set"] for f in late if f.code in HORIZON_CODES] == ["national"]


def test_a_review_says_before_local_data_as_the_year_plan_does() -> None:
    early = attrs.evolve(aalborg(), meetings=(meeting(date(2021, 3, 4)),))
    planned = codes(plan_year(early, 2021, compliance=False).findings)
    assert codes(review_year(early, 2021).findings) == planned == ["rules.before-local-data"]


def test_the_rules_assumed_are_the_same_on_every_day_of_a_period() -> None:
    # worked out once per effective period: any day of one gives what its first day gives
    days = [date(2027, 1, 1), date(2027, 6, 30), date(2030, 12, 31)]
    found = [assumed_rules(NATIONAL, day) for day in days]
    assert found[0] == found[1] == found[2]
    assert "meetings_per_year" in found[0][0]
    assert assumed_rules(NATIONAL, date(2026, 12, 31)) == ((), ())  # on the horizon: none
    # a horizon before any national rule: nothing is in force to continue
    early = attrs.evolve(NATIONAL, complete_until=date(2000, 1, 1), assumed_from=None)
    assert assumed_rules(early, date(2005, 1, 1)) == ((), ())
