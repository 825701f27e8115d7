"""Whether the year's minutes were published, where the rules say they are (part of the review).

Aalborg's rules of procedure (``AAL2021``): "Referaterne bliver efterfølgende lagt på siden
for sundhedstilbud i Aalborg Kommune" (rule value ``minutes_published``). The sources set no
deadline ("efterfølgende"), so the check judges only what the records say: minutes record
the day they were published (``Minutes.published_on``) or say nothing. When no minutes of
the year say, publication is not stated; when some do and others do not, those others are
not recorded as published, which the check reports once the year's ``as_of`` is given.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from klu_rules.checks.year_check import YearCheck, not_met, not_required, rule_in_force, year_check
from klu_rules.model.committee import Committee
from klu_rules.rules.ruleset import RulesInForce

__all__ = ["minutes_published_check"]


def minutes_published_check(
    rules: RulesInForce | None, committee: Committee, year: int, as_of: date | None
) -> YearCheck:
    """The ``minutes_published`` check of ``year``: ``rules`` are those in force at its end."""
    rule = rule_in_force(rules, "minutes_published")
    end = date(year, 12, 31)
    if rule is None or rule.value is not True:
        return not_required("minutes_published", rules, end)
    sources = rule.sources
    meetings = committee.meetings_in(year)  # the committee's index of meetings by local year
    if as_of is not None and as_of < date(year + 1, 1, 1):
        meetings = tuple(m for m in meetings if m.local_date(committee.timezone) <= as_of)
    held = {m.id for m in meetings}
    minutes = [m for m in committee.minutes if m.meeting_id in held]
    params: dict[str, Any] = {"year": year, "as_of": as_of, "minutes": len(minutes)}
    if not minutes:
        return year_check("minutes_published", "not_stated", "year.minutes-none", sources, params)
    if all(m.published_on is None for m in minutes):
        reason = "year.minutes-publication-not-recorded"
        return year_check("minutes_published", "not_stated", reason, sources, params)
    visible = as_of or date.max
    unpublished = tuple(
        m.meeting_id for m in minutes if m.published_on is None or m.published_on > visible
    )
    params.update(published=len(minutes) - len(unpublished), meetings=unpublished)
    if not unpublished:
        return year_check("minutes_published", "met", "year.minutes-published", sources, params)
    if as_of is None:
        reason = "year.minutes-publication-not-judged"
        return year_check("minutes_published", "not_judged", reason, sources, params)
    subject = f"{committee.id}/{year}"
    return not_met("minutes_published", "year.minutes-not-published", sources, params, subject)
