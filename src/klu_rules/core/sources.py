"""The catalogue of sources every rule and finding cites, and the sources a file declares.

:data:`SOURCES` is the built-in catalogue (listed with titles, dates and addresses in
``docs/sources.md``). A rule-set or committee file may declare its own documents
(its ``[[sources]]`` tables, e.g. the committee's own rules of procedure): a
:class:`SourceCatalogue` is the built-in catalogue plus those, and citing one of
its keys gives a :class:`DeclaredKey`, a key that carries its :class:`Source`.
A rule or a finding that cites a key that is neither built in nor declared is
rejected when it is built, so a typo in a source never reaches a user; no
registry is changed when a file is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from klu_rules.core.convert import one_line, optional_date, text, tuple_of
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt, nearest
from klu_rules.core.record import Record

__all__ = [
    "SOURCES",
    "STATUSES",
    "DeclaredKey",
    "Source",
    "SourceCatalogue",
    "check_sources",
    "citable",
    "declared_sources",
    "source_of",
]

STATUSES = ("verified", "unverified")
"""How far a source is verified: read in full, or known only second hand."""

_KEY = re.compile(r"\w[^\s,'\"\[\]{}]{0,59}")


def _refused(text_key: str, **parameters: object) -> InvalidValueError:
    return coded(InvalidValueError, f"sources.{text_key}", parameters)


def _key(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise _refused("key", value=excerpt(value))


def _url(source: Source, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not re.fullmatch(r"https?://\S+", value):
        raise _refused("url", key=source.key, value=excerpt(value))


def _status(source: Source, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in STATUSES:
        raise _refused("status", key=source.key, choices=", ".join(STATUSES), value=excerpt(value))


def _day_assumed(source: Source, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise _refused("flag", key=source.key, value=excerpt(value))
    if value and source.effective is None:
        raise _refused("day_assumed", key=source.key)


@attrs.frozen(slots=True, repr=False)
class Source(Record):
    """One cited document: its key, title, effective date (if any) and where to find it.

    ``where`` says where it is kept or read (a reference such as "the committee's
    own minutes", or the section cited); ``url`` is the public address it was read
    at, if any; a source has at least one of them. ``status`` says how far it is
    verified: ``"verified"`` (read in the seeds or at ``url``), or
    ``"unverified"`` (known only second hand; ``where`` says what is missing).
    """

    key: str = attrs.field(validator=_key)
    title: str = attrs.field(validator=one_line)
    effective: date | None = attrs.field(validator=optional_date)
    where: str = attrs.field(validator=text)
    url: str | None = attrs.field(default=None, validator=_url)
    status: str = attrs.field(default="verified", validator=_status)
    day_assumed: bool = attrs.field(default=False, validator=_day_assumed)
    """True when ``effective`` is an assumed day (the source gives only the month)."""

    def __attrs_post_init__(self) -> None:
        if not self.where.strip() and self.url is None:
            raise _refused("no_reference", key=self.key)


_SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source(
            "VEJL2011",
            "Vejledning om kommunalt lægelige udvalg (national KLU guideline, agreed 21-12-2010)",
            date(2011, 4, 1),
            "KLU Aalborg's web page, second half",
        ),
        Source(
            "OK22-102",
            "Overenskomst om almen praksis 2022, § 102 Kommunalt-lægelige udvalg",
            date(2022, 1, 1),
            "public text",
        ),
        Source(
            "AAL2021",
            "Forretningsorden for KLU Aalborg og KLU-sekretariatet, revised May 2021 "
            "(in force from 2021-05-01, an assumed day: the source gives the month only)",
            date(2021, 5, 1),
            'KLU Aalborg\'s web page, first half ("Senest revideret i maj 2021")',
            day_assumed=True,
        ),
        Source(
            "AAL-2023",
            "KLU Aalborg's web page: 2023 calendar and composition",
            None,
            "KLU Aalborg's web page",
        ),
        Source(
            "AAL-MIN-2021-12",
            "Minutes of KLU Aalborg, December 2021",
            None,
            "minutes, December 2021",
        ),
        Source(
            "RSD-EVAL-2023",
            "Region Syddanmark: overview of the 2023 annual KLU evaluations",
            None,
            "Region Syddanmark, journal no. 23/41881",
        ),
        Source(
            "PPU-RM-2021-02",
            "Minutes of Praksisplanudvalget, Region Midtjylland, 23 Feb 2021",
            None,
            "minutes, item 4",
        ),
        Source(
            "DKS-RM-2021-02",
            "Minutes of the municipal health-strategic group (DKS), Midtjylland, 11 Feb 2021",
            None,
            "minutes",
        ),
        Source("PLO-KLU", "PLO's page on KLU", None, "public"),
        Source(
            "PLO-K-COMP", "PLO's page on the negotiating powers of PLO-K and PLO-R", None, "public"
        ),
        Source(
            "EU1182/71",
            "Council Regulation (EEC, Euratom) No 1182/71 on periods, dates and time limits",
            None,
            "Art. 3",
        ),
        Source("FORÆLDL-27", "Forældelsesloven § 27 stk. 2", None, "public"),
        Source(
            "L191-2022",
            "Act abolishing the Praksisplanudvalg (tasks pass to the Sundhedssamarbejdsudvalg)",
            date(2022, 7, 1),
            "public",
        ),
        Source(
            "BEDEDAG",
            "Act no. 214 of 6 March 2023 abolishing Great Prayer Day",
            date(2024, 1, 1),
            "public",
        ),
        Source(
            "REGIONSLOV-2005",
            "Act no. 537 of 24 June 2005 on regions (regionsloven): the five regions",
            date(2007, 1, 1),
            "public",
        ),
        Source(
            "LOV-699-2025",
            "Act no. 699 of 20 June 2025 on the transition to a new health structure "
            "(overgangsloven): Region Sjælland and Region Hovedstaden form Region Østdanmark "
            "on 1 January 2027",
            date(2027, 1, 1),
            "§§ 1 and 126 (the merger on 2027-01-01; the act governs the two regions from "
            "2025-07-01); § 2 stk. 1 moves tasks from the municipalities to the regions from "
            "2027-01-01 and, by stk. 2, does not apply to tasks the regions lose",
        ),
        Source(
            "AFTALE25",
            "Aftale25: the one-year agreement on general practice for 2025 (PLO and RLTN), "
            "agreed 10 September 2024, approved by PLO's members in November 2024",
            date(2025, 1, 1),
            "Dagens Medicin, September 2024 (agreed by PLO's negotiating committee with Danske "
            "Regioner on 10 September, approved by PLO's board of representatives); the "
            "members' approval: Dagens Medicin, November 2024; whether it changed § 102 is not "
            "in any text found",
            "https://dagensmedicin.dk/trods-utilfredshed-plos-repraesentantskab-godkender-ny-overenskomst/",
            "unverified",
        ),
        Source(
            "AFTALE26",
            "Aftale26: the one-year agreement on general practice for 2026 (PLO and RLTN), "
            "no new obligations, bridging to a narrower framework agreement from 2027",
            date(2026, 1, 1),
            "PLO'rientering 2/2026 (the chair's column); its text on § 102 was not found",
            "https://laeger.dk/foreninger/plo/plorientering/plorientering-22026",
            "unverified",
        ),
        Source(
            "L214-2025",
            "Bill L 214 (2024-25) amending the regions act and other acts: sundhedsråd; "
            "abolishes the sundhedssamarbejdsudvalg, the sundhedsklynger and the practice plans",
            date(2027, 1, 1),
            "ft.dk lists the bill as passed (Stadfæstet); the act number and the start date of "
            "the abolition were not found: 2027-01-01, the day the reform takes effect, is "
            "assumed (LOV-699-2025 § 2 moves tasks on that day but does not cover abolitions)",
            "https://www.ft.dk/samling/20241/lovforslag/l214/20241_l214_som_fremsat.htm",
            "unverified",
        ),
        Source(
            "LOV-718-2025",
            "Act no. 718 of 20 June 2025 amending the health act: § 206 b, GP capacity and "
            "local agreements of the regional council with general practices",
            None,
            "§ 1 no. 2, § 206 b stk. 6: the regional council may make local agreements with "
            "general practices, also in cooperation with the municipalities (stk. 5: temporary "
            "supplements from 1 July 2025 to 31 December 2026)",
            "https://www.lovguiden.dk/loven/lov-om-%C3%A6ndring-af-sundhedsloven-national-fordeling-og-styring-af-l%C3%A6gekapaciteter-i-det-almenmedicinske-tilbud-begr%C3%A6nsning-i-antal-ydernumre-ejet-af-%C3%A9n-l%C3%A6ge-og-flere-og-nye-klinikformer-i-det-almenmedicinske-tilbud-mv/1",
        ),
        Source(
            "OK18",
            "Overenskomst om almen praksis 2018 (OK18), from 1 January 2018",
            date(2018, 1, 1),
            'laeger.dk, "Bag om OK18": "en 3-årig aftale fra 1. januar 2018"',
            "https://www.laeger.dk/bag-om-ok18",
        ),
        Source(
            "PRAKSISOVERBLIK-LDT",
            "Praksisoverblik: the rights of practices in regionally coverage-threatened areas, "
            "cited in OK22 (§ 13, stk. 5; § 24, stk. 2)",
            None,
            'praksisoverblik.dk, "Lægedækningstruede områder", section "Rettigheder for alle '
            'praksis i regionale lægedækningstruede områder"',
            "https://praksisoverblik.dk/laegedaekningstruede-omraader/",
        ),
        Source(
            "DK-KOMMUNEKODER",
            "The official four-digit municipality codes (kommunekoder) of the address register",
            None,
            "public code list",
        ),
    )
}
SOURCES: Mapping[str, Source] = MappingProxyType(_SOURCES)


class DeclaredKey(str):
    """The key of a source a file declares, carrying that :class:`Source`.

    It is the key as text (equal to it, hashed like it, written like it), so
    results and findings hold it like any key; :func:`check_sources` accepts it
    because the catalogue it was cited from has checked it. Get one from
    :meth:`SourceCatalogue.cite`.
    """

    source: Source

    def __new__(cls, source: Source) -> DeclaredKey:
        if not isinstance(source, Source):
            raise _refused("not_source", where="DeclaredKey", value=excerpt(source))
        key = super().__new__(cls, source.key)
        key.source = source
        return key

    def __getnewargs__(self) -> tuple[Source]:  # type: ignore[override]
        return (self.source,)


def source_of(key: str) -> Source | None:
    """The source behind ``key``: a declared key's own, else the built-in one, else ``None``."""
    if isinstance(key, DeclaredKey):
        return key.source
    return SOURCES.get(key)


def citable(key: object) -> bool:
    """Whether ``key`` may be cited anywhere: a built-in key, or a key cited from a catalogue."""
    return isinstance(key, DeclaredKey) or (isinstance(key, str) and key in SOURCES)


def declared_sources(value: Iterable[Source]) -> tuple[Source, ...]:
    """``value`` as the sources one file declares: none built in, no key twice."""
    sources = tuple_of(value, Source, "sources")
    seen: dict[str, Source] = {}
    for source in sources:
        builtin = SOURCES.get(source.key)
        if builtin is not None:
            raise _refused("builtin_key", key=source.key, title=builtin.title)
        if source.key in seen:
            raise _refused(
                "declared_twice",
                key=source.key,
                first=excerpt(seen[source.key].title),
                second=excerpt(source.title),
            )
        seen[source.key] = source
    return sources


@attrs.frozen(slots=True, repr=False)
class SourceCatalogue(Record):
    """What a file may cite: the built-in :data:`SOURCES` plus the sources it declares.

    A value, not a registry: a rule set carries its own (``RuleSet.catalogue``),
    so loading one file never changes what another may cite.
    """

    declared: tuple[Source, ...] = attrs.field(default=(), converter=declared_sources)

    def get(self, key: str) -> Source | None:
        """The source of ``key`` (declared or built in), or ``None``."""
        for source in self.declared:
            if source.key == key:
                return source
        return SOURCES.get(key)

    def keys(self) -> tuple[str, ...]:
        """Every key: the built-in ones, then the declared ones."""
        return (*SOURCES, *(s.key for s in self.declared))

    def including(self, sources: Iterable[Source]) -> SourceCatalogue:
        """This catalogue with ``sources`` declared too (one declared here again is kept once)."""
        added = tuple(s for s in tuple_of(sources, Source, "sources") if s not in self.declared)
        return SourceCatalogue((*self.declared, *added))

    def cite(self, keys: Iterable[str], *, what: str = "sources") -> tuple[str, ...]:
        """``keys`` as cited keys: a declared key as a :class:`DeclaredKey`, a built-in one as
        given; any other key is an error naming ``what`` (the field or table citing it)."""
        declared = {s.key: s for s in self.declared}
        given = tuple(keys)
        mine = [isinstance(k, str) and k in declared for k in given]
        unknown = [k for k, ok in zip(given, mine, strict=True) if not (ok or citable(k))]
        if unknown:
            raise _unknown(what, unknown, declared)
        return tuple(
            DeclaredKey(declared[k]) if ok else k for k, ok in zip(given, mine, strict=True)
        )

    def check_cited(self, keys: Iterable[str], *, rule_set: str) -> None:
        """Raise unless every :class:`DeclaredKey` among ``keys`` (cited by ``rule_set``) is
        declared here, as it is."""
        for key in keys:
            if isinstance(key, DeclaredKey) and key.source not in self.declared:
                raise _refused("undeclared", name=excerpt(rule_set), key=str(key))


def _unknown(what: str, unknown: Sequence[object], declared: Iterable[str]) -> InvalidValueError:
    """An unknown-key error suggesting the known key nearest the first unknown one."""
    suggested = nearest(unknown[0], [*SOURCES, *declared])
    return _refused(
        "unknown",
        where=what,
        unknown=", ".join(excerpt(k) for k in unknown),
        nearest=suggested,
    )


def check_sources(keys: Iterable[str], *, what: str = "sources") -> tuple[str, ...]:
    """Return ``keys`` as a tuple, raising unless each is :func:`citable`: a key of
    :data:`SOURCES`, or a :class:`DeclaredKey` a catalogue has checked."""
    result = keys if type(keys) is tuple else tuple(keys)
    try:
        if all(map(SOURCES.__contains__, result)):  # the common case: built-in keys only
            return result
    except TypeError:  # an unhashable key: said below
        pass
    unknown = [k for k in result if not citable(k)]
    if unknown:
        raise _unknown(what, unknown, ())
    return result
