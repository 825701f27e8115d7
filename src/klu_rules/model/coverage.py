"""Doctor-coverage areas and a region's designations of them (PPU-RM-2021-02): data and lookups.

A region designates once a year which areas (*lægedækningsområder*) are
coverage-threatened (*lægedækningstruede*) and, in Region Midtjylland, which
are attention areas (*opmærksomhedsområder*), for periods set by the region
(:class:`RegionCoveragePolicy`, ``PPU-RM-2021-02``). Statuses and rights are
computed by :mod:`klu_rules.checks.coverage`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

import attrs

from klu_rules.core.convert import (
    identifier,
    nonempty_text,
    of_type,
    one_line,
    optional_date,
    optional_year,
    str_tuple,
    tuple_of,
    valid_year,
    whole_number,
)
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt, listing
from klu_rules.core.record import Record
from klu_rules.core.sources import check_sources

__all__ = [
    "COVERAGE_KINDS",
    "COVERAGE_OUTCOMES",
    "CoverageArea",
    "CoverageKind",
    "CoverageOutcome",
    "CoverageRegister",
    "Designation",
    "RegionCoveragePolicy",
    "cited",
    "whole",
]

CoverageKind = Literal["threatened", "attention"]
CoverageOutcome = Literal["threatened", "attention", "none"]

COVERAGE_KINDS: tuple[CoverageKind, ...] = ("threatened", "attention")
COVERAGE_OUTCOMES: tuple[CoverageOutcome, ...] = ("threatened", "attention", "none")


def _name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def cited(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """At least one key of the source catalogue (:data:`klu_rules.core.sources.SOURCES`)."""
    what = _name(instance, attribute)
    if not check_sources(value, what=what):
        raise coded(InvalidValueError, "model.coverage.no_sources", {"where": what})


whole = whole_number(1)
"""attrs validator: a whole number of at least 1 (not a bool)."""


def _not_a_kind(where: str, value: object) -> InvalidValueError:
    return coded(
        InvalidValueError,
        "model.coverage.kind",
        {"where": where, "choices": ", ".join(COVERAGE_KINDS), "value": excerpt(value)},
    )


def _kind(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in COVERAGE_KINDS:
        raise _not_a_kind(_name(instance, attribute), value)


@attrs.frozen(repr=False)
class CoverageArea(Record):
    """A doctor-coverage area (*lægedækningsområde*, "LD").

    ``id`` is a stable key (``"allingaabro"``); ``name`` the display name as
    the source writes it (``"LD Allingåbro"``); ``municipality`` is optional
    and left empty when the source does not say.
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=one_line)
    municipality: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(one_line)
    )


@attrs.frozen(repr=False)
class Designation(Record):
    """One designation (*udpegning*) of an area as threatened or attention area.

    ``year`` is the designation year and ``decided_on`` the decision date when
    known (it must fall in ``year``). The status lasts ``period_years`` and
    runs "frem til" (until) the review in ``until_year`` = ``year`` +
    ``period_years``. ``notes`` carry remarks from the source.
    """

    area: CoverageArea = attrs.field(validator=of_type(CoverageArea))
    kind: CoverageKind = attrs.field(validator=_kind)
    year: int = attrs.field(validator=valid_year)
    period_years: int = attrs.field(validator=whole)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    decided_on: date | None = attrs.field(default=None, validator=optional_date)
    notes: tuple[str, ...] = attrs.field(
        default=(),
        converter=str_tuple,
        validator=attrs.validators.deep_iterable(nonempty_text),
    )
    until_year: int = attrs.field(
        default=attrs.Factory(lambda self: self.year + self.period_years, takes_self=True),
        validator=valid_year,
    )

    def __attrs_post_init__(self) -> None:
        what = {"area": self.area.id, "year": self.year}
        if self.until_year != self.year + self.period_years:
            raise coded(
                InvalidValueError,
                "model.coverage.until_year",
                {
                    **what,
                    "period": self.period_years,
                    "expected": self.year + self.period_years,
                    "value": self.until_year,
                },
            )
        if self.decided_on is not None and self.decided_on.year != self.year:
            raise coded(
                InvalidValueError,
                "model.coverage.decided_outside_year",
                {**what, "day": self.decided_on},
            )

    @property
    def label(self) -> str:
        """``"2021–2023"``: designation year to expiry year, as the source writes it."""
        return f"{self.year}–{self.until_year}"


@attrs.frozen(repr=False)
class RegionCoveragePolicy(Record):
    """A region's practice for designating areas (*udpegning af lægedækningstruede områder*).

    Region Midtjylland designates threatened areas for 2 years and attention
    areas for 1 year (``PPU-RM-2021-02``). Other regions may differ.
    """

    region: str = attrs.field(validator=one_line)
    threatened_period_years: int = attrs.field(validator=whole)
    attention_period_years: int = attrs.field(validator=whole)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)

    def period_years(self, kind: CoverageKind) -> int:
        """The period in years for a designation of ``kind``."""
        if kind == "threatened":
            return self.threatened_period_years
        if kind == "attention":
            return self.attention_period_years
        raise _not_a_kind("kind", kind)

    def designate(
        self,
        area: CoverageArea,
        kind: CoverageKind,
        year: int,
        *,
        decided_on: date | None = None,
        sources: Iterable[str] | None = None,
        notes: Iterable[str] = (),
    ) -> Designation:
        """A :class:`Designation` of ``area`` made in ``year`` with this policy's period."""
        return Designation(
            area=area,
            kind=kind,
            year=year,
            period_years=self.period_years(kind),
            sources=self.sources if sources is None else tuple(sources),
            decided_on=decided_on,
            notes=tuple(notes),
        )


def _designation_key(d: Designation) -> tuple[str, int, str, int, date]:
    return (d.area.id, d.year, d.kind, d.until_year, d.decided_on or date.min)


def _sorted_designations(value: Iterable[Designation]) -> tuple[Designation, ...]:
    items = tuple_of(value, Designation, "CoverageRegister.designations")
    return tuple(sorted(items, key=_designation_key))


def _areas(value: Iterable[CoverageArea]) -> tuple[CoverageArea, ...]:
    return tuple_of(value, CoverageArea, "CoverageRegister.areas")


def _known_sources(value: Iterable[str]) -> tuple[str, ...]:
    return check_sources(str_tuple(value), what="CoverageRegister.sources")


@attrs.frozen(repr=False)
class CoverageRegister(Record):
    """A region's designations of coverage-threatened and attention areas.

    ``designations`` are kept in a canonical order, so no answer depends on
    the order they were given in. ``areas`` fixes the listing order (the
    order of the source); by default it is the designated areas sorted by id.
    Every designation's period must be the ``policy``'s period for its kind,
    an area is designated at most once per kind and year, and a year has at
    most one decision date (the region designates once a year).

    ``complete_from`` is the first year whose lists the register holds in full;
    designations of earlier years are only those its source mentions (Region
    Midtjylland's 2021 minutes name the 2019 and 2020 areas only as far as they
    bear on 2021), so those years' lists may be incomplete. ``None``: every
    year's lists are complete.
    """

    policy: RegionCoveragePolicy
    designations: tuple[Designation, ...] = attrs.field(converter=_sorted_designations)
    areas: tuple[CoverageArea, ...] = attrs.field(default=(), converter=_areas)
    title: str = ""
    sources: tuple[str, ...] = attrs.field(default=(), converter=_known_sources)
    complete_from: int | None = attrs.field(default=None, validator=optional_year)
    _review_dates: dict[int, date] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        areas: dict[str, CoverageArea] = {}
        for area in self.areas:
            if area.id in areas:
                raise coded(InvalidValueError, "model.coverage.area_twice", {"area": area.id})
            areas[area.id] = area
        listed = bool(areas)
        seen: set[tuple[str, int, str]] = set()
        for d in self.designations:
            known = areas.get(d.area.id)
            if known is None and listed:
                raise coded(
                    InvalidValueError, "model.coverage.area_not_listed", {"area": d.area.id}
                )
            if known is not None and known != d.area:
                raise coded(
                    InvalidValueError,
                    "model.coverage.area_described_twice",
                    {"area": d.area.id, "first": excerpt(known), "second": excerpt(d.area)},
                )
            areas.setdefault(d.area.id, d.area)
            expected = self.policy.period_years(d.kind)
            if d.period_years != expected:
                raise coded(
                    InvalidValueError,
                    "model.coverage.policy_period",
                    {
                        "area": d.area.id,
                        "year": d.year,
                        "period": d.period_years,
                        "region": self.policy.region,
                        "kind": d.kind,
                        "expected": expected,
                    },
                )
            key = (d.area.id, d.year, d.kind)
            if key in seen:
                raise coded(
                    InvalidValueError,
                    "model.coverage.designated_twice",
                    {"area": d.area.id, "kind": d.kind, "year": d.year},
                )
            seen.add(key)
            if d.decided_on is not None:
                earlier = self._review_dates.setdefault(d.year, d.decided_on)
                if earlier != d.decided_on:
                    raise coded(
                        InvalidValueError,
                        "model.coverage.two_decisions",
                        {"year": d.year, "first": earlier, "second": d.decided_on},
                    )
        if not listed:
            object.__setattr__(self, "areas", tuple(sorted(areas.values(), key=lambda a: a.id)))

    @property
    def review_years(self) -> tuple[int, ...]:
        """The years in which the register records designations (annual reviews)."""
        return tuple(sorted({d.year for d in self.designations}))

    def lists_complete(self, year: int) -> bool:
        """Whether the register holds ``year``'s lists in full (see ``complete_from``)."""
        return self.complete_from is None or year >= self.complete_from

    @property
    def latest_review_year(self) -> int | None:
        """The latest year with designations, or ``None`` for an empty register."""
        years = self.review_years
        return years[-1] if years else None

    def review_date(self, year: int) -> date | None:
        """The date of the year's review (decision), when the register records it."""
        return self._review_dates.get(year)

    @property
    def review_dates(self) -> dict[int, date]:
        """Every recorded review date by year."""
        return dict(sorted(self._review_dates.items()))

    def area(self, key: CoverageArea | str) -> CoverageArea:
        """The area with this id or name (names match without regard to case)."""
        if isinstance(key, CoverageArea):
            wanted = key.id
        elif isinstance(key, str):
            wanted = key
        else:
            raise coded(InvalidValueError, "model.coverage.area_type", {"value": excerpt(key)})
        for area in self.areas:
            if area.id == wanted or area.name.casefold() == wanted.casefold():
                return area
        raise coded(
            InvalidValueError,
            "model.coverage.unknown_area",
            {"area": excerpt(wanted), **listing("areas", [a.id for a in self.areas])},
        )

    def designations_of(self, area: CoverageArea) -> tuple[Designation, ...]:
        """The designations of ``area``, in the register's canonical order."""
        return tuple(d for d in self.designations if d.area.id == area.id)

    def in_area_order(self, designations: Iterable[Designation]) -> tuple[Designation, ...]:
        """``designations`` sorted by the register's area order, then canonically."""
        index = {a.id: i for i, a in enumerate(self.areas)}
        return tuple(sorted(designations, key=lambda d: (index[d.area.id], _designation_key(d))))

    def window(self, designation: Designation) -> tuple[date, date, bool]:
        """``(start, end, end_recorded)``: the dates a designation is in force, end exclusive.

        It starts on its decision date (else the year's recorded review, else
        1 January) and ends on the review in its expiry year; when that review
        is not recorded, it is taken to end with the expiry year
        (``end_recorded`` is then false).
        """
        start = (
            designation.decided_on
            or self._review_dates.get(designation.year)
            or date(designation.year, 1, 1)
        )
        review = self._review_dates.get(designation.until_year)
        if review is not None:
            return start, review, True
        return start, date(designation.until_year + 1, 1, 1), False
