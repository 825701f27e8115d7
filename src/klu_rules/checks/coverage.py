"""Doctor-coverage-threatened areas (*lægedækningstruede områder*), RULES.md § 9.

A region designates, once a year and after discussion in its
Praksisplanudvalg, which doctor-coverage areas (*lægedækningsområder*) are
**regionally coverage-threatened** (*regionalt lægedækningstruede*) and, in
Region Midtjylland, which are **attention areas** (*opmærksomhedsområder*).
The length of each status is a parameter of the region
(:class:`RegionCoveragePolicy`), not a national constant: Region Midtjylland
uses two years for threatened areas and one year for attention areas
(``PPU-RM-2021-02``).

A threatened area's practices get rights under the collective agreement
(*overenskomst om almen praksis*); attention areas get none. Which paragraph
grants a right depends on the agreement in force on the date asked about:
:data:`AGREEMENT_VERSIONS` and :data:`RIGHT_CITATIONS` are dated data, and a
citation the sources do not give is answered with :data:`NOT_STATED`.

The national model (differentiated basic fee) is a separate list that a region
cannot add to; :data:`NATIONAL_MODEL` documents it without inventing its areas.

Conventions (documented in ``docs/howto-coverage.md``):

- a status begins on the date of the decision that designates it; when only
  the year is known, on the date of that year's recorded review, else on
  1 January of the year;
- a status lasts "frem til" (until) the review in its expiry year: it ends on
  the day of that review, when the register records it; otherwise it is taken
  to last to the end of the expiry year;
- a status "in a year" is the status as set by that year's review: the
  designations made in or before the year whose expiry year is later;
- a threatened designation outranks an attention designation in force at the
  same time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

import attrs

from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.sources import check_sources
from klu_rules.core.toml import TableReader, load_toml_file

__all__ = [
    "AGREEMENT_VERSIONS",
    "COVERAGE_KINDS",
    "COVERAGE_OUTCOMES",
    "COVERAGE_RIGHTS",
    "NATIONAL_MODEL",
    "NOT_STATED",
    "RIGHT_CITATIONS",
    "SCHEMA_VERSION",
    "AgreementVersion",
    "CoverageArea",
    "CoverageDecision",
    "CoverageKind",
    "CoverageOutcome",
    "CoverageRegister",
    "CoverageRight",
    "CoverageStatus",
    "Designation",
    "Explanation",
    "GrantedRight",
    "NationalCoverageModel",
    "RegionCoveragePolicy",
    "RightCitation",
    "RightParameter",
    "RightsResult",
    "load_coverage",
    "rm_2021",
]

CoverageKind = Literal["threatened", "attention"]
CoverageOutcome = Literal["threatened", "attention", "none"]

COVERAGE_KINDS: tuple[CoverageKind, ...] = ("threatened", "attention")
COVERAGE_OUTCOMES: tuple[CoverageOutcome, ...] = ("threatened", "attention", "none")

#: The answer for a citation, a date or a list the sources do not give.
NOT_STATED = "not stated in the sources"

#: The version of the coverage file format :func:`load_coverage` reads.
SCHEMA_VERSION = 1

#: Years accepted in designations (a plausibility check against typos like ``21``).
MIN_YEAR, MAX_YEAR = 1900, 2999

_EXAMPLE_FILE = "coverage_rm_2021.toml"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_RANK: dict[CoverageOutcome, int] = {"none": 0, "attention": 1, "threatened": 2}
_KIND_EN: dict[str, str] = {
    "threatened": "a regionally coverage-threatened area",
    "attention": "an attention area",
}


# --- validation helpers -----------------------------------------------------


def _text(what: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{what} must be a non-empty string, got {value!r}")
    return value


def _whole(what: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidValueError(
            f"{what} must be a whole number of at least {minimum}, got {value!r}"
        )
    return value


def _year(what: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidValueError(
            f"{what} must be a year from {MIN_YEAR} to {MAX_YEAR}, got {value!r}"
        )
    return value


def _day(what: str, value: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidValueError(f"{what} must be a date (not a datetime), got {value!r}")
    return value


def _cited(what: str, keys: Iterable[str]) -> tuple[str, ...]:
    result = check_sources(keys, what=what)
    if not result:
        raise InvalidValueError(f"{what} must cite at least one source key")
    return result


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _parameters_tuple(value: Iterable[RightParameter]) -> tuple[RightParameter, ...]:
    return tuple(value)


def _areas_tuple(value: Iterable[CoverageArea]) -> tuple[CoverageArea, ...]:
    return tuple(value)


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for key in group:
            seen.setdefault(key, None)
    return tuple(seen)


# --- domain types -----------------------------------------------------------


@attrs.frozen(slots=True)
class CoverageArea:
    """A doctor-coverage area (*lægedækningsområde*, "LD").

    ``id`` is a stable key (lower case letters, digits, ``-`` and ``_``);
    ``name`` is the display name as the source writes it (``"LD Allingåbro"``);
    ``municipality`` is optional and left empty when the source does not say.
    """

    id: str
    name: str
    municipality: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise InvalidValueError(
                f"area id must be lower case letters, digits, '-' or '_' (e.g. 'allingaabro'), "
                f"got {self.id!r}"
            )
        _text(f"name of area {self.id!r}", self.name)
        if self.municipality is not None:
            _text(f"municipality of area {self.id!r}", self.municipality)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "municipality": self.municipality}


@attrs.frozen(slots=True)
class RegionCoveragePolicy:
    """A region's practice for designating areas (*udpegning af lægedækningstruede områder*).

    The periods are the region's parameters: Region Midtjylland designates
    threatened areas for 2 years and attention areas (*opmærksomhedsområder*)
    for 1 year (``PPU-RM-2021-02``). Other regions may differ.
    """

    region: str
    threatened_period_years: int
    attention_period_years: int
    sources: tuple[str, ...] = attrs.field(converter=_strings)

    def __attrs_post_init__(self) -> None:
        _text("region", self.region)
        _whole("threatened_period_years", self.threatened_period_years, 1)
        _whole("attention_period_years", self.attention_period_years, 1)
        _cited(f"coverage policy of {self.region}", self.sources)

    def period_years(self, kind: CoverageKind) -> int:
        """The period in years for a designation of ``kind``."""
        if kind == "threatened":
            return self.threatened_period_years
        if kind == "attention":
            return self.attention_period_years
        raise InvalidValueError(f"kind must be one of {', '.join(COVERAGE_KINDS)}, got {kind!r}")

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
            sources=self.sources if sources is None else _strings(sources),
            decided_on=decided_on,
            notes=_strings(notes),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "threatened_period_years": self.threatened_period_years,
            "attention_period_years": self.attention_period_years,
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class Designation:
    """One designation (*udpegning*) of an area as threatened or attention area.

    ``year`` is the designation year and ``decided_on`` the decision date when
    known (it must fall in ``year``). The status lasts ``period_years`` and
    runs "frem til" (until) the review in ``until_year`` = ``year`` +
    ``period_years``. ``notes`` carry remarks from the source, e.g. that
    Skjern becomes an attention area.
    """

    area: CoverageArea
    kind: CoverageKind
    year: int
    period_years: int
    sources: tuple[str, ...] = attrs.field(converter=_strings)
    decided_on: date | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    until_year: int = attrs.field(
        default=attrs.Factory(lambda self: self.year + self.period_years, takes_self=True)
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.area, CoverageArea):
            raise InvalidValueError(f"area must be a CoverageArea, got {self.area!r}")
        what = f"designation of {self.area.id!r}"
        if self.kind not in COVERAGE_KINDS:
            raise InvalidValueError(
                f"kind of {what} must be one of {', '.join(COVERAGE_KINDS)}, got {self.kind!r}"
            )
        _year(f"year of {what}", self.year)
        _whole(f"period_years of {what}", self.period_years, 1)
        _year(f"until_year of {what}", self.until_year)
        if self.until_year != self.year + self.period_years:
            raise InvalidValueError(
                f"until_year of {what} must be year + period_years "
                f"({self.year} + {self.period_years} = {self.year + self.period_years}), "
                f"got {self.until_year}"
            )
        if self.decided_on is not None:
            _day(f"decided_on of {what}", self.decided_on)
            if self.decided_on.year != self.year:
                raise InvalidValueError(
                    f"decided_on of {what} ({self.decided_on.isoformat()}) must fall in its "
                    f"designation year {self.year}"
                )
        _cited(what, self.sources)
        for note in self.notes:
            _text(f"note of {what}", note)

    @property
    def label(self) -> str:
        """``"2021–2023"``: designation year to expiry year, as the source writes it."""
        return f"{self.year}–{self.until_year}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.id,
            "kind": self.kind,
            "year": self.year,
            "decided_on": None if self.decided_on is None else self.decided_on.isoformat(),
            "period_years": self.period_years,
            "until_year": self.until_year,
            "notes": list(self.notes),
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class AgreementVersion:
    """A version of the collective agreement (*overenskomst om almen praksis*).

    ``in_force_from`` / ``in_force_until`` are inclusive; ``None`` means the
    sources give no bound on that side.
    """

    key: str
    title: str
    in_force_from: date | None
    in_force_until: date | None
    sources: tuple[str, ...] = attrs.field(converter=_strings)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        _text("agreement key", self.key)
        _text(f"title of {self.key}", self.title)
        if self.in_force_from is not None:
            _day(f"in_force_from of {self.key}", self.in_force_from)
        if self.in_force_until is not None:
            _day(f"in_force_until of {self.key}", self.in_force_until)
        if (
            self.in_force_from is not None
            and self.in_force_until is not None
            and self.in_force_until < self.in_force_from
        ):
            raise InvalidValueError(
                f"{self.key} ends ({self.in_force_until.isoformat()}) before it starts "
                f"({self.in_force_from.isoformat()})"
            )
        _cited(f"agreement {self.key}", self.sources)

    def in_force(self, on: date) -> bool:
        """Whether this version is in force on ``on``."""
        after_start = self.in_force_from is None or self.in_force_from <= on
        before_end = self.in_force_until is None or on <= self.in_force_until
        return after_start and before_end

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "in_force_from": None if self.in_force_from is None else self.in_force_from.isoformat(),
            "in_force_until": (
                None if self.in_force_until is None else self.in_force_until.isoformat()
            ),
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class RightParameter:
    """A number a right depends on, with its unit and source (e.g. up to 6 years)."""

    name: str
    value: int | Fraction
    unit: str
    description: str
    sources: tuple[str, ...] = attrs.field(converter=_strings)

    def __attrs_post_init__(self) -> None:
        _text("parameter name", self.name)
        if isinstance(self.value, bool) or not isinstance(self.value, int | Fraction):
            raise InvalidValueError(
                f"parameter {self.name} must be an int or a Fraction, got {self.value!r}"
            )
        _cited(f"parameter {self.name}", self.sources)

    def to_dict(self) -> dict[str, Any]:
        value: int | str = self.value if isinstance(self.value, int) else str(self.value)
        return {
            "name": self.name,
            "value": value,
            "unit": self.unit,
            "description": self.description,
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class CoverageRight:
    """A right (*rettighed*) the agreement grants practices in a threatened area.

    ``source_text`` quotes the source in Danish; numbers the right depends on
    are ``parameters``.
    """

    id: str
    title: str
    source_text: str
    parameters: tuple[RightParameter, ...] = attrs.field(converter=_parameters_tuple)
    sources: tuple[str, ...] = attrs.field(converter=_strings)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise InvalidValueError(f"right id must be lower case letters and '_', got {self.id!r}")
        _text(f"title of right {self.id}", self.title)
        _cited(f"right {self.id}", self.sources)

    def parameter(self, name: str) -> RightParameter:
        """The parameter called ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise InvalidValueError(f"right {self.id} has no parameter {name!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source_text": self.source_text,
            "parameters": [p.to_dict() for p in self.parameters],
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class RightCitation:
    """Where agreement version ``agreement`` grants right ``right_id`` (``"§ 22, stk. 4"``)."""

    right_id: str
    agreement: str
    citation: str
    sources: tuple[str, ...] = attrs.field(converter=_strings)
    basis: str = ""

    def __attrs_post_init__(self) -> None:
        _text("citation", self.citation)
        _cited(f"citation of {self.right_id} in {self.agreement}", self.sources)


@attrs.frozen(slots=True)
class NationalCoverageModel:
    """The national model (*den nationale model*) for coverage-threatened areas.

    A separate list from the regional designations: it allocates money through
    the differentiated basic fee (*differentieret basishonorar*) by an
    objective model made by all five regions, is locked for a period, and a
    region cannot put areas on it. ``areas`` is ``None`` because the sources
    do not give the list.
    """

    name: str
    funding: str
    basis: str
    locked_period_years: int
    locked_from: str
    locked_from_year: int
    region_can_add: bool
    areas: tuple[str, ...] | None
    sources: tuple[str, ...] = attrs.field(converter=_strings)

    def __attrs_post_init__(self) -> None:
        _whole("locked_period_years", self.locked_period_years, 1)
        _year("locked_from_year", self.locked_from_year)
        _cited("national model", self.sources)

    def explain(self) -> Explanation:
        """What the national model is and how it differs from the regional designations."""
        areas = NOT_STATED if self.areas is None else ", ".join(self.areas)
        return Explanation(
            outcome="separate national list",
            reason=(
                f"The national model funds coverage-threatened areas through the {self.funding} "
                f"on a list that is locked for {self.locked_period_years} years from "
                f"{self.locked_from} and that a region cannot add to; it is separate from the "
                "regional designations, which grant rights under the agreement."
            ),
            parameters={
                "name": self.name,
                "funding": self.funding,
                "basis": self.basis,
                "locked_period_years": self.locked_period_years,
                "locked_from": self.locked_from,
                "locked_from_year": self.locked_from_year,
                "region_can_add": self.region_can_add,
                "areas": areas,
            },
            sources=self.sources,
        )


# --- results ----------------------------------------------------------------


@attrs.frozen(slots=True)
class Explanation:
    """A documented answer: outcome, one-sentence reason, parameters and sources."""

    outcome: str
    reason: str
    parameters: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "reason": self.reason,
            "parameters": dict(self.parameters),
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class CoverageStatus:
    """An area's status on a date (``on``) or as set by a year's review (``year``).

    ``outcome`` is ``"threatened"``, ``"attention"`` or ``"none"``;
    ``designations`` are the designations that produce it, ``overridden`` any
    weaker designations in force at the same time, ``expired`` the
    designations that ended most recently before the date (or that expire at
    the year's review). ``review_recorded`` is false when the register records
    no review in the year asked about, so later changes are not known.
    """

    area: CoverageArea
    outcome: CoverageOutcome
    reason: str
    designations: tuple[Designation, ...]
    overridden: tuple[Designation, ...]
    expired: tuple[Designation, ...]
    on: date | None
    year: int | None
    review_recorded: bool
    parameters: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "status": self.outcome,
            "on": None if self.on is None else self.on.isoformat(),
            "year": self.year,
            "since_year": self.since_year,
            "until_year": self.until_year,
            "reason": self.reason,
            "review_recorded": self.review_recorded,
            "designations": [d.to_dict() for d in self.designations],
            "overridden": [d.to_dict() for d in self.overridden],
            "expired": [d.to_dict() for d in self.expired],
            "parameters": dict(self.parameters),
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class GrantedRight:
    """A right granted on a date, with its citation in the agreement then in force."""

    right: CoverageRight
    agreement: AgreementVersion
    citation: str | None
    citation_sources: tuple[str, ...] = attrs.field(converter=_strings)
    basis: str = ""

    @property
    def citation_text(self) -> str:
        """``"OK18 § 22, stk. 4"``, or :data:`NOT_STATED`."""
        if self.citation is None:
            return f"{self.agreement.key}: {NOT_STATED}"
        return f"{self.agreement.key} {self.citation}"

    def to_dict(self) -> dict[str, Any]:
        data = self.right.to_dict()
        data["agreement"] = self.agreement.key
        data["citation"] = self.citation if self.citation is not None else NOT_STATED
        data["citation_stated"] = self.citation is not None
        data["citation_basis"] = self.basis
        data["sources"] = list(_merge(self.right.sources, self.citation_sources))
        return data


@attrs.frozen(slots=True)
class RightsResult:
    """The rights of an area on a date: ``outcome`` is ``"granted"`` or ``"none"``."""

    area: CoverageArea
    on: date
    outcome: Literal["granted", "none"]
    status: CoverageStatus
    agreement: AgreementVersion
    rights: tuple[GrantedRight, ...]
    reason: str
    parameters: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "on": self.on.isoformat(),
            "outcome": self.outcome,
            "status": self.status.outcome,
            "agreement": self.agreement.to_dict(),
            "rights": [r.to_dict() for r in self.rights],
            "reason": self.reason,
            "parameters": dict(self.parameters),
            "sources": list(self.sources),
        }


@attrs.frozen(slots=True)
class CoverageDecision:
    """A year's review as four lists, the way the region's minutes present it.

    ``new_threatened`` and ``new_attention`` are the year's designations;
    ``keeping_rights`` the earlier threatened designations still running;
    ``losing_rights`` the threatened designations expiring in the year whose
    area is not designated threatened again.
    """

    year: int
    review_date: date | None
    new_threatened: tuple[Designation, ...]
    new_attention: tuple[Designation, ...]
    keeping_rights: tuple[Designation, ...]
    losing_rights: tuple[Designation, ...]
    reason: str
    parameters: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def outcome(self) -> str:
        """Counts of the four lists, e.g. ``"1 new threatened, 4 new attention, ..."``."""
        return (
            f"{len(self.new_threatened)} new threatened, {len(self.new_attention)} new attention, "
            f"{len(self.keeping_rights)} keeping rights, {len(self.losing_rights)} losing rights"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "review_date": None if self.review_date is None else self.review_date.isoformat(),
            "outcome": self.outcome,
            "new_threatened": [d.area.id for d in self.new_threatened],
            "new_attention": [d.area.id for d in self.new_attention],
            "keeping_rights": [d.area.id for d in self.keeping_rights],
            "losing_rights": [d.area.id for d in self.losing_rights],
            "reason": self.reason,
            "parameters": dict(self.parameters),
            "sources": list(self.sources),
        }


# --- dated data: agreements, rights, citations, the national model -----------

#: Agreement versions, dated. OK22 takes effect on 2022-01-01 (``OK22-102``);
#: OK18, whose numbering the February 2021 minutes cite, runs up to the day before.
AGREEMENT_VERSIONS: tuple[AgreementVersion, ...] = (
    AgreementVersion(
        "OK18",
        "Overenskomst om almen praksis (OK18)",
        None,
        date(2021, 12, 31),
        ("PPU-RM-2021-02", "OK22-102"),
        note="Its start is not stated in the sources; it ends the day before OK22 takes effect.",
    ),
    AgreementVersion(
        "OK22",
        "Overenskomst om almen praksis 2022 (OK22)",
        date(2022, 1, 1),
        None,
        ("OK22-102",),
        note="Its end is not stated in the sources.",
    ),
)

#: The rights of a regionally coverage-threatened area (``PPU-RM-2021-02``, item 4).
COVERAGE_RIGHTS: tuple[CoverageRight, ...] = (
    CoverageRight(
        "shared_practice",
        "Set up a shared practice (delepraksis) without permission for a limited period",
        "Ret til uden tilladelse at etablere delepraksis i en tidsbegrænset periode på op til 6 år",
        (
            RightParameter(
                "max_period_years",
                6,
                "years",
                "the longest period of a shared practice set up without permission",
                ("PPU-RM-2021-02",),
            ),
        ),
        ("PPU-RM-2021-02",),
    ),
    CoverageRight(
        "employed_doctors",
        "Make greater use of employed doctors than the usual maximum share of the clinic's "
        "doctor capacities",
        "Ret til at gøre øget brug af ansatte læger. Dette indebærer en fravigelse af reglerne "
        "om, at ansatte læger maksimalt kan udgøre halvdelen af lægekapaciteterne pr. lægeklinik",
        (
            RightParameter(
                "usual_max_employed_share",
                Fraction(1, 2),
                "share of the clinic's doctor capacities",
                "the usual maximum share of employed doctors, which the right departs from",
                ("PPU-RM-2021-02",),
            ),
        ),
        ("PPU-RM-2021-02",),
    ),
    CoverageRight(
        "leave_compensation",
        "Compensation from the Administrationsudvalg for employed doctors who are not PLO "
        "members, during sickness or maternity leave",
        "Ret til godtgørelse fra Administrationsudvalget for ansatte læger, som ikke er medlemmer "
        "af PLO, ved sygdom elle[r] barsel",
        (),
        ("PPU-RM-2021-02",),
    ),
)

#: Where each agreement version grants each right. A pair missing here is
#: answered with :data:`NOT_STATED`. The minutes cite OK18 numbering; the OK22
#: numbering is the project's rules digest (RULES.md § 9, ``PPU-RM-2021-02``).
RIGHT_CITATIONS: tuple[RightCitation, ...] = (
    RightCitation(
        "shared_practice",
        "OK18",
        "§ 22, stk. 4",
        ("PPU-RM-2021-02",),
        "cited in the minutes (OK § 22, stk. 4)",
    ),
    RightCitation(
        "employed_doctors",
        "OK18",
        "§ 20, stk. 1",
        ("PPU-RM-2021-02",),
        "cited in the minutes (OK § 20, stk. 1)",
    ),
    RightCitation(
        "shared_practice",
        "OK22",
        "§ 13, stk. 5",
        ("PPU-RM-2021-02",),
        "OK22 renumbering as given by the rules digest, RULES.md § 9",
    ),
    RightCitation(
        "employed_doctors",
        "OK22",
        "§ 24, stk. 2",
        ("PPU-RM-2021-02",),
        "OK22 renumbering as given by the rules digest, RULES.md § 9",
    ),
)

#: The national model, as the minutes describe it; its list of areas is not given.
NATIONAL_MODEL = NationalCoverageModel(
    name="Den nationale model til udpegning af lægedækningstruede områder",
    funding="differentiated basic fee (differentieret basishonorar)",
    basis="an objective model drawn up by representatives of all five regions",
    locked_period_years=3,
    locked_from="early 2018 (primo 2018)",
    locked_from_year=2018,
    region_can_add=False,
    areas=None,
    sources=("PPU-RM-2021-02",),
)


# --- the register -----------------------------------------------------------


def _agreements_tuple(value: Iterable[AgreementVersion]) -> tuple[AgreementVersion, ...]:
    return tuple(value)


def _rights_tuple(value: Iterable[CoverageRight]) -> tuple[CoverageRight, ...]:
    return tuple(value)


def _citations_tuple(value: Iterable[RightCitation]) -> tuple[RightCitation, ...]:
    return tuple(value)


def _designation_key(d: Designation) -> tuple[str, int, str, int, date]:
    return (d.area.id, d.year, d.kind, d.until_year, d.decided_on or date.min)


def _sorted_designations(value: Iterable[Designation]) -> tuple[Designation, ...]:
    items = tuple(value)
    for d in items:
        if not isinstance(d, Designation):
            raise InvalidValueError(f"designations must be Designation objects, got {d!r}")
    return tuple(sorted(items, key=_designation_key))


@attrs.frozen(slots=True)
class CoverageRegister:
    """A region's designations of coverage-threatened and attention areas, with queries.

    ``designations`` are kept in a canonical order, so no answer depends on
    the order they were given in. ``areas`` fixes the listing order (the
    order of the source); by default it is the designated areas sorted by id.
    Every designation's period must be the ``policy``'s period for its kind.
    """

    policy: RegionCoveragePolicy
    designations: tuple[Designation, ...] = attrs.field(converter=_sorted_designations)
    areas: tuple[CoverageArea, ...] = attrs.field(default=(), converter=_areas_tuple)
    title: str = ""
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    agreements: tuple[AgreementVersion, ...] = attrs.field(
        default=AGREEMENT_VERSIONS, converter=_agreements_tuple
    )
    rights_catalogue: tuple[CoverageRight, ...] = attrs.field(
        default=COVERAGE_RIGHTS, converter=_rights_tuple
    )
    citations: tuple[RightCitation, ...] = attrs.field(
        default=RIGHT_CITATIONS, converter=_citations_tuple
    )
    national_model: NationalCoverageModel = NATIONAL_MODEL
    _review_dates: dict[int, date] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _by_area: dict[str, tuple[Designation, ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        check_sources(self.sources, what="coverage register")
        areas: dict[str, CoverageArea] = {}
        for area in self.areas:
            if not isinstance(area, CoverageArea):
                raise InvalidValueError(f"areas must be CoverageArea objects, got {area!r}")
            if area.id in areas:
                raise InvalidValueError(f"area {area.id!r} is listed twice")
            areas[area.id] = area
        listed = bool(areas)
        seen: set[tuple[str, int, str]] = set()
        reviews: dict[int, date] = {}
        by_area: dict[str, list[Designation]] = {}
        for d in self.designations:
            known = areas.get(d.area.id)
            if known is None and listed:
                raise InvalidValueError(
                    f"designation of {d.area.id!r} names an area that is not in the register's "
                    "areas"
                )
            if known is not None and known != d.area:
                raise InvalidValueError(
                    f"area {d.area.id!r} appears with two descriptions: {known!r} and {d.area!r}"
                )
            areas.setdefault(d.area.id, d.area)
            expected = self.policy.period_years(d.kind)
            if d.period_years != expected:
                raise InvalidValueError(
                    f"designation of {d.area.id!r} in {d.year} has a period of {d.period_years} "
                    f"years, but {self.policy.region} designates {d.kind} areas for {expected}"
                )
            key = (d.area.id, d.year, d.kind)
            if key in seen:
                raise InvalidValueError(f"{d.area.id!r} is designated {d.kind} twice in {d.year}")
            seen.add(key)
            if d.decided_on is not None:
                earlier = reviews.setdefault(d.year, d.decided_on)
                if earlier != d.decided_on:
                    raise InvalidValueError(
                        f"two decision dates in {d.year} ({earlier.isoformat()} and "
                        f"{d.decided_on.isoformat()}); the region designates once a year"
                    )
            by_area.setdefault(d.area.id, []).append(d)
        if not listed:
            object.__setattr__(self, "areas", tuple(sorted(areas.values(), key=lambda a: a.id)))
        object.__setattr__(self, "_review_dates", reviews)
        object.__setattr__(self, "_by_area", {k: tuple(v) for k, v in by_area.items()})

    # -- lookups --------------------------------------------------------------

    @property
    def review_years(self) -> tuple[int, ...]:
        """The years in which the register records designations (annual reviews)."""
        return tuple(sorted({d.year for d in self.designations}))

    @property
    def latest_review_year(self) -> int | None:
        """The latest year with designations, or ``None`` for an empty register."""
        years = self.review_years
        return years[-1] if years else None

    def review_date(self, year: int) -> date | None:
        """The date of the year's review (decision), when the register records it."""
        return self._review_dates.get(year)

    def area(self, key: CoverageArea | str) -> CoverageArea:
        """The area with this id or name (names match without regard to case)."""
        if isinstance(key, CoverageArea):
            wanted = key.id
        elif isinstance(key, str):
            wanted = key
        else:
            raise InvalidValueError(f"area must be a CoverageArea or an id, got {key!r}")
        for area in self.areas:
            if area.id == wanted or area.name.casefold() == wanted.casefold():
                return area
        raise InvalidValueError(
            f"unknown area {wanted!r}; known ids are {', '.join(a.id for a in self.areas)}"
        )

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

    def agreement_on(self, on: date) -> AgreementVersion:
        """The agreement version in force on ``on``."""
        day = _day("on", on)
        for agreement in self.agreements:
            if agreement.in_force(day):
                return agreement
        raise NoRulesInForceError(
            f"no agreement version in force on {day.isoformat()}; known versions: "
            f"{', '.join(a.key for a in self.agreements) or 'none'}"
        )

    # -- status -----------------------------------------------------------------

    def status(
        self, area: CoverageArea | str, *, on: date | None = None, year: int | None = None
    ) -> CoverageStatus:
        """The area's status on a date (``on=``) or as set by a year's review (``year=``)."""
        found = self.area(area)
        if (on is None) == (year is None):
            raise InvalidValueError("give exactly one of on= (a date) or year= (a year)")
        mine = self._by_area.get(found.id, ())
        if on is not None:
            return self._status_on(found, mine, _day("on", on))
        return self._status_in(found, mine, _year("year", year))

    def statuses(
        self, *, on: date | None = None, year: int | None = None
    ) -> tuple[CoverageStatus, ...]:
        """The status of every area, in the register's area order."""
        return tuple(self.status(a, on=on, year=year) for a in self.areas)

    def _parameters(self, **extra: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "region": self.policy.region,
            "threatened_period_years": self.policy.threatened_period_years,
            "attention_period_years": self.policy.attention_period_years,
        }
        data.update(extra)
        return data

    def _split(
        self, in_force: Sequence[Designation]
    ) -> tuple[CoverageOutcome, tuple[Designation, ...], tuple[Designation, ...]]:
        outcome: CoverageOutcome = max(
            (cast(CoverageOutcome, d.kind) for d in in_force), key=_RANK.__getitem__, default="none"
        )
        producing = tuple(d for d in in_force if d.kind == outcome)
        overridden = tuple(d for d in in_force if d.kind != outcome)
        return outcome, producing, overridden

    def _describe(self, d: Designation) -> str:
        when = f"on {d.decided_on.isoformat()}" if d.decided_on is not None else f"in {d.year}"
        unit = "year" if d.period_years == 1 else "years"
        return f"designated {when} for {d.period_years} {unit}"

    def _until(self, d: Designation) -> str:
        _, end, end_recorded = self.window(d)
        if end_recorded:
            return f"until the review on {end.isoformat()}"
        return (
            f"until the review in {d.until_year} (its date is not recorded, so taken as "
            f"{d.until_year}-12-31)"
        )

    def _status_on(
        self, area: CoverageArea, mine: Sequence[Designation], on: date
    ) -> CoverageStatus:
        in_force = []
        ended: list[tuple[date, Designation]] = []
        upcoming: list[tuple[date, Designation]] = []
        for d in mine:
            start, end, _ = self.window(d)
            if start <= on < end:
                in_force.append(d)
            elif end <= on:
                ended.append((end, d))
            else:
                upcoming.append((start, d))
        outcome, producing, overridden = self._split(in_force)
        last_end = max((e for e, _ in ended), default=None)
        expired = tuple(d for e, d in ended if e == last_end)
        recorded = on.year in self.review_years
        after = "" if recorded else f"; the register records no review in {on.year}"
        day = on.isoformat()
        if outcome != "none":
            main = max(producing, key=lambda d: (d.until_year, d.year))
            no_rights = "; attention areas give no rights" if outcome == "attention" else ""
            reason = (
                f"{area.name} is {_KIND_EN[outcome]} on {day}: {self._describe(main)}, "
                f"{self._until(main)}{no_rights}{after}."
            )
        elif expired:
            d = expired[-1]
            _, end, end_recorded = self.window(d)
            at = (
                f"at the review on {end.isoformat()}"
                if end_recorded
                else f"on {end.isoformat()} (the {d.until_year} review is not recorded)"
            )
            reason = (
                f"{area.name} has no status on {day}: its designation as {_KIND_EN[d.kind]} "
                f"({d.label}) ended {at} and no later designation is in force{after}."
            )
        elif upcoming:
            start, d = min(upcoming, key=lambda item: item[0])
            reason = (
                f"{area.name} has no status on {day}: its first designation "
                f"({_KIND_EN[d.kind]}, {d.label}) starts on {start.isoformat()}{after}."
            )
        else:
            reason = f"{area.name} has no designation in force on {day}{after}."
        used = in_force or list(expired)
        return CoverageStatus(
            area=area,
            outcome=outcome,
            reason=reason,
            designations=producing,
            overridden=overridden,
            expired=expired,
            on=on,
            year=None,
            review_recorded=recorded,
            parameters=self._parameters(
                on=day,
                review_dates={str(y): d.isoformat() for y, d in sorted(self._review_dates.items())},
            ),
            sources=_merge(self.policy.sources, *(d.sources for d in used)),
        )

    def _status_in(
        self, area: CoverageArea, mine: Sequence[Designation], year: int
    ) -> CoverageStatus:
        in_force = [d for d in mine if d.year <= year < d.until_year]
        expiring = tuple(d for d in mine if d.until_year == year)
        outcome, producing, overridden = self._split(in_force)
        recorded = year in self.review_years
        after = "" if recorded else f"; the register records no review in {year}"
        lost = [d for d in expiring if d.kind == "threatened"] if outcome != "threatened" else []
        if outcome != "none":
            main = max(producing, key=lambda d: (d.until_year, d.year))
            how = "newly " if main.year == year else ""
            loses = (
                f"; its threatened designation ({lost[0].label}) expires, so it loses its rights"
                if lost
                else ""
            )
            no_rights = "; attention areas give no rights" if outcome == "attention" else ""
            reason = (
                f"{area.name} is {_KIND_EN[outcome]} after the review in {year}: "
                f"{how}{self._describe(main)}, until the review in {main.until_year}"
                f"{loses or no_rights}{after}."
            )
        elif expiring:
            d = max(expiring, key=lambda d: (d.year, _RANK[d.kind]))
            what = "loses its rights" if d.kind == "threatened" else "loses its attention status"
            reason = (
                f"{area.name} has no status after the review in {year}: its designation as "
                f"{_KIND_EN[d.kind]} ({d.label}) expires and it is not designated again, so it "
                f"{what}{after}."
            )
        else:
            reason = f"{area.name} has no designation in force after the review in {year}{after}."
        used = list(in_force) + list(expiring)
        review = self._review_dates.get(year)
        return CoverageStatus(
            area=area,
            outcome=outcome,
            reason=reason,
            designations=producing,
            overridden=overridden,
            expired=expiring,
            on=None,
            year=year,
            review_recorded=recorded,
            parameters=self._parameters(
                year=year, review_date=None if review is None else review.isoformat()
            ),
            sources=_merge(self.policy.sources, *(d.sources for d in used)),
        )

    # -- lists --------------------------------------------------------------------

    def _area_order(self, designations: Iterable[Designation]) -> tuple[Designation, ...]:
        index = {a.id: i for i, a in enumerate(self.areas)}
        return tuple(sorted(designations, key=lambda d: (index[d.area.id], _designation_key(d))))

    def decision(self, year: int) -> CoverageDecision:
        """The year's review as the four lists of the minutes (new, new attention, keep, lose)."""
        _year("year", year)
        made = [d for d in self.designations if d.year == year]
        new_threatened = [d for d in made if d.kind == "threatened"]
        new_attention = [d for d in made if d.kind == "attention"]
        renewed = {d.area.id for d in new_threatened}
        keeping = [
            d
            for d in self.designations
            if d.kind == "threatened" and d.year < year < d.until_year and d.area.id not in renewed
        ]
        still = renewed | {d.area.id for d in keeping}
        losing = [
            d
            for d in self.designations
            if d.kind == "threatened" and d.until_year == year and d.area.id not in still
        ]
        review = self._review_dates.get(year)
        recorded = year in self.review_years
        when = f" on {review.isoformat()}" if review is not None else ""
        reason = (
            f"At the review in {year}{when} {self.policy.region} designated "
            f"{len(new_threatened)} threatened and {len(new_attention)} attention areas; "
            f"{len(keeping)} threatened areas keep their rights and {len(losing)} lose them"
            + ("" if recorded else " (the register records no designations made in that year)")
            + "."
        )
        lists = (new_threatened, new_attention, keeping, losing)
        return CoverageDecision(
            year=year,
            review_date=review,
            new_threatened=self._area_order(new_threatened),
            new_attention=self._area_order(new_attention),
            keeping_rights=self._area_order(keeping),
            losing_rights=self._area_order(losing),
            reason=reason,
            parameters=self._parameters(
                year=year,
                review_date=None if review is None else review.isoformat(),
                review_recorded=recorded,
            ),
            sources=_merge(self.policy.sources, *(d.sources for group in lists for d in group)),
        )

    def lapsing(self, year: int) -> tuple[CoverageStatus, ...]:
        """The areas whose threatened status, and with it their rights, lapses in ``year``."""
        ids = {d.area.id for d in self.decision(year).losing_rights}
        return tuple(self.status(a, year=year) for a in self.areas if a.id in ids)

    def keeping_rights(self, year: int) -> tuple[CoverageStatus, ...]:
        """The areas designated threatened before ``year`` that keep their rights in ``year``."""
        ids = {d.area.id for d in self.decision(year).keeping_rights}
        return tuple(self.status(a, year=year) for a in self.areas if a.id in ids)

    # -- rights -------------------------------------------------------------------

    def citation(self, right: CoverageRight, agreement: AgreementVersion) -> RightCitation | None:
        """Where ``agreement`` grants ``right``, or ``None`` when the sources do not say."""
        for c in self.citations:
            if c.right_id == right.id and c.agreement == agreement.key:
                return c
        return None

    def rights(self, area: CoverageArea | str, *, on: date) -> RightsResult:
        """The rights the area's practices have on ``on``, cited in the agreement then in force."""
        status = self.status(area, on=on)
        agreement = self.agreement_on(on)
        day = on.isoformat()
        granted: list[GrantedRight] = []
        if status.outcome == "threatened":
            for right in self.rights_catalogue:
                found = self.citation(right, agreement)
                granted.append(
                    GrantedRight(
                        right=right,
                        agreement=agreement,
                        citation=None if found is None else found.citation,
                        citation_sources=() if found is None else found.sources,
                        basis=NOT_STATED if found is None else found.basis,
                    )
                )
            reason = (
                f"{status.area.name} is a regionally coverage-threatened area on {day}, so its "
                f"practices have the {len(granted)} rights of such areas, cited by "
                f"{agreement.key}, the agreement in force on that date."
            )
        elif status.outcome == "attention":
            reason = (
                f"{status.area.name} is an attention area on {day}; attention areas give no "
                "rights under the agreement."
            )
        else:
            reason = f"{status.area.name} has no coverage status on {day}, so no rights apply."
        return RightsResult(
            area=status.area,
            on=on,
            outcome="granted" if granted else "none",
            status=status,
            agreement=agreement,
            rights=tuple(granted),
            reason=reason,
            parameters=self._parameters(
                on=day,
                agreement=agreement.key,
                **{
                    f"{g.right.id}.{p.name}": p.to_dict()["value"]
                    for g in granted
                    for p in g.right.parameters
                },
            ),
            sources=_merge(
                status.sources,
                agreement.sources,
                *(r.right.sources for r in granted),
                *(r.citation_sources for r in granted),
            ),
        )


# --- loading ----------------------------------------------------------------

_TOP_KEYS = ("schema_version", "title", "sources", "policy", "area", "designations")
_POLICY_KEYS = ("region", "threatened_period_years", "attention_period_years", "sources")
_AREA_KEYS = ("id", "name", "municipality")
_GROUP_KEYS = (
    "kind",
    "year",
    "decided_on",
    "until_year",
    "areas",
    "sources",
    "notes",
    "heading",
)


def _texts(table: TableReader, name: str) -> tuple[str, ...]:
    """``name`` in ``table``: an array of at least one non-empty string."""
    values: tuple[str, ...] = table.get_str_list(name)
    if not values:
        raise table.error("expected at least one entry, got an empty array", name)
    for i, value in enumerate(values):
        if not value.strip():
            raise table.error(f"expected a non-empty string, got {value!r}", f"{name}[{i}]")
    return values


def _source_keys(table: TableReader, name: str) -> tuple[str, ...]:
    """``name`` in ``table``: at least one key of the rules digest."""
    keys = _texts(table, name)
    try:
        return check_sources(keys, what=name)
    except InvalidValueError as exc:
        raise table.error(str(exc), name) from None


def _notes(table: TableReader, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """A designation's optional ``[designations.notes]``: per area, a string or a list."""
    notes_table: TableReader | None = table.get_table("notes", None)
    if notes_table is None:
        return {}
    notes: dict[str, tuple[str, ...]] = {}
    for area_id in notes_table.keys():  # noqa: SIM118 - a TableReader, not a dict
        if area_id not in ids:
            raise notes_table.error(
                "expected a note for an area of this designation "
                f"({', '.join(ids)}), got one for {area_id!r}",
                area_id,
            )
        if isinstance(notes_table.get_raw(area_id), list):
            notes[area_id] = _texts(notes_table, area_id)
        else:
            notes[area_id] = (notes_table.get_str(area_id),)
    return notes


def _parse(top: TableReader) -> CoverageRegister:
    top.check_schema_version(SCHEMA_VERSION)
    top.check_keys(_TOP_KEYS)
    title: str = top.get_str("title", "")
    top_sources = _source_keys(top, "sources") if top.has("sources") else ()

    policy_table: TableReader = top.get_table("policy")
    policy_table.check_keys(_POLICY_KEYS)
    policy = RegionCoveragePolicy(
        region=policy_table.get_str("region"),
        threatened_period_years=policy_table.get_int("threatened_period_years", min_value=1),
        attention_period_years=policy_table.get_int("attention_period_years", min_value=1),
        sources=_source_keys(policy_table, "sources"),
    )

    areas: dict[str, CoverageArea] = {}
    for table in top.get_tables("area", required=True):
        table.check_keys(_AREA_KEYS)
        area_id: str = table.get_str("id")
        if area_id in areas:
            raise table.error(f"expected a unique area id, got {area_id!r} a second time", "id")
        name: str = table.get_str("name")
        municipality: str | None = table.get_str("municipality", None)
        try:
            areas[area_id] = CoverageArea(id=area_id, name=name, municipality=municipality)
        except InvalidValueError as exc:
            raise table.error(str(exc), "id") from None

    designations: list[Designation] = []
    for table in top.get_tables("designations", required=True):
        table.check_keys(_GROUP_KEYS)
        kind: CoverageKind = table.get_choice("kind", COVERAGE_KINDS)
        year: int = table.get_int("year", min_value=MIN_YEAR, max_value=MAX_YEAR)
        period = policy.period_years(kind)
        until = year + period
        given: int | None = table.get_int(
            "until_year", None, min_value=MIN_YEAR, max_value=MAX_YEAR
        )
        if given is not None and given != until:
            raise table.error(
                f"expected year + the policy's {kind} period ({year} + {period} = {until}), "
                f"got {given}",
                "until_year",
            )
        decided_on: date | None = table.get_date("decided_on", None)
        if decided_on is not None and decided_on.year != year:
            raise table.error(
                f"expected a date in the designation year {year}, got {decided_on.isoformat()}",
                "decided_on",
            )
        table.get_str("heading", None)
        sources = _source_keys(table, "sources")
        ids = _texts(table, "areas")
        notes = _notes(table, ids)
        for j, area_id in enumerate(ids):
            area = areas.get(area_id)
            if area is None:
                raise table.error(
                    f"expected the id of an [[area]] ({', '.join(areas) or 'none defined'}), "
                    f"got {area_id!r}",
                    f"areas[{j}]",
                )
            with table.located():
                designations.append(
                    Designation(
                        area=area,
                        kind=kind,
                        year=year,
                        period_years=period,
                        sources=sources,
                        decided_on=decided_on,
                        notes=notes.get(area_id, ()),
                    )
                )
    try:
        return CoverageRegister(
            policy=policy,
            designations=designations,
            areas=tuple(areas.values()),
            title=title,
            sources=top_sources,
        )
    except InvalidValueError as exc:
        raise top.error(str(exc), "designations") from None


def load_coverage(path: str | Path) -> CoverageRegister:
    """Read a coverage file (TOML, ``schema_version = 1``) into a :class:`CoverageRegister`.

    Every problem raises :class:`~klu_rules.core.errors.FileFormatError` naming the
    file, the key and what was expected. The format is described in
    ``docs/howto-coverage.md``; the shipped example is ``klu_rules/data/coverage_rm_2021.toml``.
    """
    return _parse(TableReader(load_toml_file(path), path=path))


@functools.cache
def rm_2021() -> CoverageRegister:
    """Region Midtjylland's designations as reported in the minutes of 23 February 2021.

    The shipped example file, read with :func:`load_coverage`
    (``PPU-RM-2021-02``): the 2021 decision and the 2019 and 2020
    designations the minutes report.
    """
    resource = resources.files("klu_rules").joinpath("data").joinpath(_EXAMPLE_FILE)
    with resources.as_file(resource) as path:
        return load_coverage(path)
