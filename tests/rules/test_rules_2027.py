"""The rules through 2027: the horizon, the sources behind the new entries, the seeds' wording."""

from __future__ import annotations

import tomllib
from datetime import date

from klu_rules.checks.compliance import review_year
from klu_rules.checks.deadlines import plan_year
from klu_rules.core.findings import finding
from klu_rules.core.sources import SOURCES
from klu_rules.io.presets import aalborg
from klu_rules.rules.horizon import beyond_horizon, horizon_findings, horizons
from klu_rules.rules.ruleset import AALBORG, NATIONAL, dump_rule_set, parse_rule_set


def test_every_shipped_rule_set_states_its_horizon() -> None:
    assert [(h.rule_set, h.complete_until) for h in horizons(AALBORG)] == [
        ("aalborg", date(2023, 12, 31)),
        ("national", date(2026, 12, 31)),
    ]
    assert not beyond_horizon(NATIONAL, date(2026, 12, 31))
    assert beyond_horizon(NATIONAL, date(2027, 1, 1))
    assert beyond_horizon(AALBORG, date(2024, 1, 1))
    again = parse_rule_set(tomllib.loads(dump_rule_set(AALBORG)), parent=NATIONAL)
    assert again.complete_until == date(2023, 12, 31)


def test_planning_2027_shows_the_horizon_for_every_layer() -> None:
    committee = aalborg()
    plan = plan_year(committee, 2027)
    horizon = [f for f in plan.findings if f.code == "rules.beyond-horizon"]
    assert [f.parameters["rule_set"] for f in horizon] == ["aalborg", "national"]
    assert all(f.severity == "warning" for f in horizon)
    national = horizon[1]
    # the procedure from 2027 is a known later entry, not the 2026 value continued
    assert "agreement_procedure" not in national.parameters["assumed"]
    assert "meetings_per_year" in national.parameters["assumed"]
    assert "Aftale26" in national.text("en")
    assert "Aftale26" in national.text("da")
    assert not [f for f in plan_year(committee, 2023).findings if f.code == "rules.beyond-horizon"]
    review = review_year(committee, 2027)
    assert [
        f.parameters["rule_set"] for f in review.findings if f.code == "rules.beyond-horizon"
    ] == [
        "aalborg",
        "national",
    ]


def test_a_rule_set_without_a_horizon_gets_no_finding() -> None:
    data = tomllib.loads(dump_rule_set(NATIONAL))
    del data["complete_until"], data["assumed_from"], data["assumed_sources"]
    unknown = parse_rule_set(data)
    assert unknown.complete_until is None
    assert horizon_findings(unknown, date(2040, 1, 1)) == ()
    other = finding(
        "rules.beyond-horizon",
        rule_set="mine",
        complete_until=date(2024, 12, 31),
        on=date(2025, 3, 1),
        assumed=("meetings_per_year",),
        count=1,
        reason="other",
    )
    assert "No later source is in the data." in other.text("en")


def test_the_new_sources_say_what_is_not_verified() -> None:
    for key in ("AFTALE25", "AFTALE26", "L214-2025"):
        assert SOURCES[key].status == "unverified", key
    # § 206 b as enacted was read (lovguiden.dk): stk. 6 lets the region make local
    # agreements with general practices, also in cooperation with the municipalities
    assert SOURCES["LOV-718-2025"].status == "verified"
    assert "stk. 6" in SOURCES["LOV-718-2025"].where
    assert "act number" in SOURCES["L214-2025"].where
    assert SOURCES["L214-2025"].url
    assert SOURCES["AFTALE26"].url
    # "Senest revideret i maj 2021": the day is assumed
    assert SOURCES["AAL2021"].day_assumed
    assert "assumed day" in SOURCES["AAL2021"].title


def test_three_hours_is_a_ceiling() -> None:
    """VEJL2011: "varigheden er op til 3 timer pr. møde efter behov" -- "efter behov" qualifies
    the length up to three hours; it does not allow a longer meeting."""
    long = finding(
        "meeting.longer-than-national-max",
        duration_minutes=240,
        national_max="3 hours",
    )
    en, da = long.text("en"), long.text("da")
    assert "ceiling" in en
    assert "allow only as needed" not in en
    assert "loft" in da
    assert "kun giver efter behov" not in da
    assert "op til 3 timer pr. møde efter behov" in da
    assert NATIONAL.in_force(date(2023, 1, 1)).get("meeting_length").national.bound == "maximum"
