"""The status of doctor-coverage areas, the year's four lists and the rights (PPU-RM-2021-02).

Pure functions over a :class:`~klu_rules.model.coverage.CoverageRegister`
and the dated data of :mod:`klu_rules.rules.coverage_rights`:
:func:`coverage_status` (an area's status on a date or as set by a year's
review), :func:`coverage_decision` (a year's review as the minutes' four lists)
and :func:`coverage_rights` (the rights on a date, cited in the agreement then
in force). Conventions (``docs/howto-coverage.md``): a status begins on the
date of the decision that designates it (else of that year's recorded review,
else 1 January) and lasts until the review in its expiry year (else to the end
of that year); a status "in a year" is the one set by that year's review; a
threatened designation outranks an attention designation in force with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Literal, cast

import attrs

from klu_rules.checks.common import merge_sources
from klu_rules.core.convert import check_date, check_year
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded
from klu_rules.core.record import Record
from klu_rules.core.result import Parameters, Result
from klu_rules.model.coverage import (
    CoverageArea,
    CoverageOutcome,
    CoverageRegister,
    Designation,
    RegionCoveragePolicy,
)
from klu_rules.rules.coverage_rights import (
    NOT_STATED,
    RIGHTS_DATA,
    AgreementVersion,
    CoverageRightsData,
)

__all__ = [
    "NOT_STATED",
    "CoverageArea",
    "CoverageDecision",
    "CoverageRegister",
    "CoverageStatus",
    "Designation",
    "GrantedRight",
    "RegionCoveragePolicy",
    "RightsResult",
    "coverage_decision",
    "coverage_rights",
    "coverage_status",
    "coverage_statuses",
    "keeping_rights",
    "lapsing",
]

_RANK: dict[CoverageOutcome, int] = {"none": 0, "attention": 1, "threatened": 2}


@attrs.frozen(kw_only=True, repr=False)
class CoverageStatus(Result):
    """An area's status on a date (``on``) or as set by a year's review (``year``).

    ``outcome`` is ``"threatened"``, ``"attention"`` or ``"none"``;
    ``designations`` produce it, ``overridden`` are weaker designations in
    force at the same time, ``expired`` the designations that ended most
    recently before the date (or that expire at the year's review).
    ``review_recorded`` is false when the register records no review in the
    year asked about, so later changes are not known.
    """

    outcome: CoverageOutcome
    area: CoverageArea
    on: date | None
    year: int | None
    review_recorded: bool
    designations: tuple[Designation, ...]
    overridden: tuple[Designation, ...] = ()
    expired: tuple[Designation, ...] = ()

    @property
    def has_rights(self) -> bool:
        """Whether the status grants rights (only threatened areas have them)."""
        return self.outcome == "threatened"

    @property
    def until_year(self) -> int | None:
        """The latest expiry year among the producing designations."""
        return max((d.until_year for d in self.designations), default=None)

    @property
    def since_year(self) -> int | None:
        """The earliest designation year among the producing designations."""
        return min((d.year for d in self.designations), default=None)


@attrs.frozen(kw_only=True, repr=False)
class CoverageDecision(Result):
    """A year's review as four lists, the way the region's minutes present it.

    ``new_threatened`` and ``new_attention`` are the year's designations;
    ``keeping_rights`` the earlier threatened designations still running;
    ``losing_rights`` the threatened designations expiring in the year whose
    area is not designated threatened again. ``outcome`` is ``"recorded"``
    when the register holds designations made in the year, else
    ``"not_recorded"``; the counts of the lists are parameters.
    """

    outcome: Literal["recorded", "not_recorded"]
    year: int
    review_date: date | None
    new_threatened: tuple[Designation, ...]
    new_attention: tuple[Designation, ...]
    keeping_rights: tuple[Designation, ...]
    losing_rights: tuple[Designation, ...]


@attrs.frozen(repr=False)
class GrantedRight(Record):
    """A right granted on a date, with its citation in the agreement then in force.

    ``parameters`` are the right's numbers (``max_period_years`` = 6,
    ``usual_max_employed_share`` = ``"0.5"``); ``citation`` and its ``basis``
    (as the data file states it) are ``None`` where the sources give none.
    """

    id: str
    title: str
    source_text: str
    agreement: str
    citation: str | None
    basis: str | None
    parameters: Parameters
    sources: tuple[str, ...]

    @property
    def citation_text(self) -> str:
        """``"OK18 § 22, stk. 4"``, or ``"OK18: not stated in the sources"``."""
        if self.citation is None:
            return f"{self.agreement}: {NOT_STATED}"
        return f"{self.agreement} {self.citation}"


@attrs.frozen(kw_only=True, repr=False)
class RightsResult(Result):
    """The rights of an area on a date: ``outcome`` is ``"granted"`` or ``"none"``."""

    outcome: Literal["granted", "none"]
    area: CoverageArea
    on: date
    status: CoverageStatus
    agreement: AgreementVersion
    rights: tuple[GrantedRight, ...]


# --- helpers ------------------------------------------------------------------------


def _parameters(register: CoverageRegister, **extra: Any) -> Parameters:
    policy = register.policy
    return Parameters(
        region=policy.region,
        threatened_period_years=policy.threatened_period_years,
        attention_period_years=policy.attention_period_years,
        **extra,
    )


def _sources_of(register: CoverageRegister, used: Iterable[Designation]) -> tuple[str, ...]:
    return merge_sources(register.policy.sources, *(d.sources for d in used))


def _split(
    in_force: Sequence[Designation],
) -> tuple[CoverageOutcome, tuple[Designation, ...], tuple[Designation, ...]]:
    kinds = (cast(CoverageOutcome, d.kind) for d in in_force)
    outcome: CoverageOutcome = max(kinds, key=_RANK.__getitem__, default="none")
    producing = tuple(d for d in in_force if d.kind == outcome)
    return outcome, producing, tuple(d for d in in_force if d.kind != outcome)


def _main(designations: Iterable[Designation]) -> Designation:
    return max(designations, key=lambda d: (d.until_year, d.year))


def _designated(register: CoverageRegister, d: Designation) -> dict[str, Any]:
    """The values the reasons' ``designated …, until …`` phrases are written from."""
    _, end, end_recorded = register.window(d)
    return {
        "when": "decided" if d.decided_on is not None else "year",
        "decided_on": None if d.decided_on is None else d.decided_on.isoformat(),
        "designated_year": d.year,
        "period_years": d.period_years,
        "until": "recorded" if end_recorded else "estimated",
        "end": end.isoformat() if end_recorded else f"{d.until_year}-12-31",
        "until_year": d.until_year,
    }


def _tail(note: str, recorded: bool) -> str:
    return note + ("" if recorded else "-unrecorded")


# --- status ---------------------------------------------------------------------------


def coverage_status(
    register: CoverageRegister,
    area: CoverageArea | str,
    *,
    on: date | None = None,
    year: int | None = None,
) -> CoverageStatus:
    """The area's status on a date (``on=``) or as set by a year's review (``year=``).

    ``area`` is a :class:`CoverageArea`, an area id or its name (any case).
    """
    found = register.area(area)
    if (on is None) == (year is None):
        raise coded(InvalidValueError, "coverage_check.on_or_year", {})
    if on is not None:
        return _status_on(register, found, check_date(on, "on"))
    return _status_in(register, found, check_year(year))


def coverage_statuses(
    register: CoverageRegister, *, on: date | None = None, year: int | None = None
) -> tuple[CoverageStatus, ...]:
    """The status of every area, in the register's area order."""
    return tuple(coverage_status(register, a, on=on, year=year) for a in register.areas)


def _status_on(register: CoverageRegister, area: CoverageArea, on: date) -> CoverageStatus:
    in_force: list[Designation] = []
    ended: list[tuple[date, Designation]] = []
    upcoming: list[tuple[date, Designation]] = []
    for d in register.designations_of(area):
        start, end, _ = register.window(d)
        if start <= on < end:
            in_force.append(d)
        elif end <= on:
            ended.append((end, d))
        else:
            upcoming.append((start, d))
    outcome, producing, overridden = _split(in_force)
    last_end = max((e for e, _ in ended), default=None)
    expired = tuple(d for e, d in ended if e == last_end)
    recorded = on.year in register.review_years
    day = on.isoformat()
    detail: dict[str, Any] = {"area": area.name, "review_year": on.year}
    if outcome != "none":
        reason = "coverage.status-on.designated"
        detail |= _designated(register, _main(producing)) | {"kind": outcome}
        detail["tail"] = _tail("attention" if outcome == "attention" else "plain", recorded)
    elif expired:
        d = expired[-1]
        _, end, end_recorded = register.window(d)
        reason = "coverage.status-on.ended"
        detail |= {
            "kind": d.kind,
            "designation": d.label,
            "at": "recorded" if end_recorded else "estimated",
            "end": end.isoformat(),
            "until_year": d.until_year,
            "tail": _tail("ended", recorded),
        }
    elif upcoming:
        start, d = min(upcoming, key=lambda item: item[0])
        reason = "coverage.status-on.upcoming"
        detail |= {"kind": d.kind, "designation": d.label, "start": start.isoformat()}
        detail["tail"] = _tail("plain", recorded)
    else:
        reason = "coverage.status-on.none"
        detail["tail"] = _tail("plain", recorded)
    reviews = {str(y): d.isoformat() for y, d in register.review_dates.items()}
    return CoverageStatus(
        outcome=outcome,
        reason=reason,
        parameters=_parameters(register, on=day, review_dates=reviews, **detail),
        sources=_sources_of(register, in_force or expired),
        area=area,
        on=on,
        year=None,
        review_recorded=recorded,
        designations=producing,
        overridden=overridden,
        expired=expired,
    )


def _status_in(register: CoverageRegister, area: CoverageArea, year: int) -> CoverageStatus:
    mine = register.designations_of(area)
    in_force = [d for d in mine if d.year <= year < d.until_year]
    expiring = tuple(d for d in mine if d.until_year == year)
    outcome, producing, overridden = _split(in_force)
    recorded = year in register.review_years
    lost = [d for d in expiring if d.kind == "threatened"] if outcome != "threatened" else []
    detail: dict[str, Any] = {"area": area.name, "review_year": year}
    if outcome != "none":
        main = _main(producing)
        reason = "coverage.status-in.designated"
        detail |= _designated(register, main) | {"kind": outcome}
        detail["how"] = "new" if main.year == year else "earlier"
        note = "attention" if outcome == "attention" else "plain"
        if lost:
            note, detail["lost"] = "loses", lost[0].label
        detail["tail"] = _tail(note, recorded)
    elif expiring:
        d = max(expiring, key=lambda d: (d.year, _RANK[d.kind]))
        reason = "coverage.status-in.expires"
        detail |= {"kind": d.kind, "designation": d.label}
        detail["tail"] = _tail(
            "loses_rights" if d.kind == "threatened" else "loses_status", recorded
        )
    else:
        reason = "coverage.status-in.none"
        detail["tail"] = _tail("plain", recorded)
    return CoverageStatus(
        outcome=outcome,
        reason=reason,
        parameters=_parameters(
            register, year=year, review_date=register.review_date(year), **detail
        ),
        sources=_sources_of(register, [*in_force, *expiring]),
        area=area,
        on=None,
        year=year,
        review_recorded=recorded,
        designations=producing,
        overridden=overridden,
        expired=expiring,
    )


# --- the year's four lists ------------------------------------------------------------


def coverage_decision(register: CoverageRegister, year: int) -> CoverageDecision:
    """The year's review as the four lists of the minutes (new, new attention, keep, lose)."""
    check_year(year)
    made = [d for d in register.designations if d.year == year]
    new_threatened = [d for d in made if d.kind == "threatened"]
    new_attention = [d for d in made if d.kind == "attention"]
    renewed = {d.area.id for d in new_threatened}
    threatened = [d for d in register.designations if d.kind == "threatened"]
    keeping = [d for d in threatened if d.year < year < d.until_year and d.area.id not in renewed]
    still = renewed | {d.area.id for d in keeping}
    losing = [d for d in threatened if d.until_year == year and d.area.id not in still]
    review = register.review_date(year)
    recorded = year in register.review_years
    return CoverageDecision(
        outcome="recorded" if recorded else "not_recorded",
        reason="coverage.decision." + ("dated" if review is not None else "undated"),
        parameters=_parameters(
            register,
            year=year,
            review_date=review,
            new_threatened=len(new_threatened),
            new_attention=len(new_attention),
            keeping_rights=len(keeping),
            losing_rights=len(losing),
        ),
        sources=_sources_of(register, [*new_threatened, *new_attention, *keeping, *losing]),
        year=year,
        review_date=review,
        new_threatened=register.in_area_order(new_threatened),
        new_attention=register.in_area_order(new_attention),
        keeping_rights=register.in_area_order(keeping),
        losing_rights=register.in_area_order(losing),
    )


def lapsing(register: CoverageRegister, year: int) -> tuple[CoverageStatus, ...]:
    """The areas whose threatened status, and with it their rights, lapses in ``year``."""
    return _statuses(register, year, coverage_decision(register, year).losing_rights)


def keeping_rights(register: CoverageRegister, year: int) -> tuple[CoverageStatus, ...]:
    """The areas designated threatened before ``year`` that keep their rights in ``year``."""
    return _statuses(register, year, coverage_decision(register, year).keeping_rights)


def _statuses(
    register: CoverageRegister, year: int, listed: Iterable[Designation]
) -> tuple[CoverageStatus, ...]:
    ids = {d.area.id for d in listed}
    return tuple(coverage_status(register, a, year=year) for a in register.areas if a.id in ids)


# --- rights -------------------------------------------------------------------------------


def coverage_rights(
    register: CoverageRegister,
    area: CoverageArea | str,
    *,
    on: date,
    data: CoverageRightsData = RIGHTS_DATA,
) -> RightsResult:
    """The rights the area's practices have on ``on``, cited in the agreement then in force.

    ``data`` defaults to the shipped rights data
    (:data:`klu_rules.rules.coverage_rights.RIGHTS_DATA`).
    """
    status = coverage_status(register, area, on=on)
    agreement = data.agreement_on(on)
    granted: list[GrantedRight] = []
    if status.outcome == "threatened":
        for right in data.rights:
            found = data.citation(right.id, agreement.key)
            granted.append(
                GrantedRight(
                    id=right.id,
                    title=right.title,
                    source_text=right.source_text,
                    agreement=agreement.key,
                    citation=None if found is None else found.citation,
                    basis=None if found is None else found.basis,
                    parameters=Parameters({p.name: p.value for p in right.parameters}),
                    sources=merge_sources(right.sources, () if found is None else found.sources),
                )
            )
    day = on.isoformat()
    if granted:
        reason = "coverage.rights.granted"
    elif status.outcome == "attention":
        reason = "coverage.rights.attention"
    else:
        reason = "coverage.rights.none"
    values = {f"{g.id}.{k}": v for g in granted for k, v in g.parameters.items()}
    return RightsResult(
        outcome="granted" if granted else "none",
        reason=reason,
        parameters=_parameters(
            register,
            on=day,
            agreement=agreement.key,
            area=status.area.name,
            count=len(granted),
            **values,
        ),
        sources=merge_sources(status.sources, agreement.sources, *(g.sources for g in granted)),
        area=status.area,
        on=on,
        status=status,
        agreement=agreement,
        rights=tuple(granted),
    )
