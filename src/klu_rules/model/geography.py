"""Denmark's municipalities and regions as dated facts.

Every municipality runs a KLU, and its region is the other party to the
practice agreements. The 98 municipalities and the regions they belong to
ship as data (``klu_rules/data/municipalities.toml``), each with its
sources. Regions change by date: from 2027-01-01 Region Hovedstaden and
Region Sjælland form Region Østdanmark (LOV-699-2025), so
:func:`region_of` takes the day it answers for.

Look a municipality up by its four-digit code (``"0461"``, ``"461"`` or
``461``) or by its name, however it is capitalised and with or without
æ/ø/å (``"aeroe"``, ``"Ærø"``, ``"ærø kommune"``). A name that matches none
is an error that suggests the nearest names. Names are those of the code list
(``"Nordfyns"``, ``"Vesthimmerlands"``); the forms the data used before
(``"Nordfyn"``) are accepted as aliases.

:func:`find_region` looks a region up by its name, with or without
"Region" (``"Syddanmark"``, ``"Region Syddanmark"``), and
:func:`region_name` gives the one form klu_rules writes (``"Region
Syddanmark"``). :func:`check_place` refuses a municipality and region that
are certainly wrong (a known municipality in another region, a region that
did not exist in the year, a region given as a municipality);
:func:`place_findings` gives warning findings for names that are none of the
98 municipalities or the regions, which stay possible for test and example
committees.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.messages import coded, nearest
from klu_rules.core.record import Record
from klu_rules.core.sources import check_sources
from klu_rules.core.toml import shipped_toml

__all__ = [
    "MUNICIPALITIES",
    "REGIONS",
    "Municipality",
    "Region",
    "bare_name",
    "check_place",
    "find_municipality",
    "find_region",
    "is_municipality",
    "place_findings",
    "region_findings",
    "region_name",
    "region_of",
]


@attrs.frozen(repr=False)
class Region(Record):
    """A Danish region (*region*), in existence from ``starts`` to ``ends`` (inclusive)."""

    key: str
    name: str
    code: str | None
    starts: date
    ends: date | None
    successor: str | None
    sources: tuple[str, ...]

    def exists_on(self, day: date) -> bool:
        """Whether the region exists on ``day``."""
        return self.starts <= day and (self.ends is None or day <= self.ends)


@attrs.frozen(repr=False)
class Municipality(Record):
    """A municipality (*kommune*): its official code, its name and the region it lay in at first.

    ``aliases`` are other names it is found by (``"Nordfyn"`` for ``"Nordfyns"``).
    """

    code: str
    name: str
    region: str
    sources: tuple[str, ...] = ("DK-KOMMUNEKODER",)
    aliases: tuple[str, ...] = ()

    @property
    def written_forms(self) -> tuple[str, ...]:
        """How a file may write the municipality: its name or an alias, with or without
        "Kommune"."""
        names = (self.name, *self.aliases)
        return names + tuple(f"{name} Kommune" for name in names)

    @property
    def slug(self) -> str:
        """The name for ids and file names: ``odense``, ``aeroe``, ``hoeje-taastrup``."""
        return _fold(self.name).replace(" ", "-")


def _load() -> tuple[Mapping[str, Region], Mapping[str, Municipality]]:
    data = shipped_toml("municipalities.toml")
    regions = {
        r["key"]: Region(
            r["key"],
            r["name"],
            r.get("code"),
            r["from"],
            r.get("until"),
            r.get("successor"),
            check_sources(r["sources"], what=f"municipalities.toml [[region]] {r['key']!r}"),
        )
        for r in data["region"]
    }
    municipalities = {
        m["code"]: Municipality(
            m["code"], m["name"], m["region"], aliases=tuple(m.get("aliases", ()))
        )
        for m in data["municipality"]
    }
    return MappingProxyType(regions), MappingProxyType(municipalities)


REGIONS, MUNICIPALITIES = _load()
"""The regions by key and the 98 municipalities by four-digit code."""


def _fold(text: str) -> str:
    """``text`` for matching: lower case, æ/ø/å written out, accents and 'kommune' dropped."""
    folded = text.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    if not folded.isascii():  # ASCII has no accents to drop: most names, once æ/ø/å are out
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in folded.replace("-", " ").split() if w not in ("kommune", "kommunes")]
    return " ".join(words)


_BY_NAME = {_fold(name): m for m in MUNICIPALITIES.values() for name in (m.name, *m.aliases)}


def _region_key(text: str) -> str:
    """``text`` folded for matching a region, without a leading "region"."""
    folded = _fold(text)
    return folded[len("region ") :] if folded.startswith("region ") else folded


_REGION_BY_NAME = {_region_key(r.name): r for r in REGIONS.values()}
_FIRST_REGIONS = min(r.starts for r in REGIONS.values())


def find_municipality(query: str | int) -> Municipality:
    """The municipality with code or name ``query``; an unknown one is an InvalidValueError
    that suggests the nearest names."""
    if isinstance(query, int) and not isinstance(query, bool):
        query = str(query)
    if not isinstance(query, str) or not query.strip():
        raise coded(InvalidValueError, "geography_no_query", {"query": repr(query)})
    text = query.strip()
    if text.isdigit():
        found = MUNICIPALITIES.get(text.zfill(4))
        if found is None:
            raise coded(InvalidValueError, "geography_unknown_code", {"code": repr(text)})
        return found
    key = _fold(text)
    found = _BY_NAME.get(key)
    if found is None:
        near = nearest(key, _BY_NAME, cutoff=0.6)
        if near:
            raise coded(
                InvalidValueError,
                "geography_unknown_name_near",
                {"name": repr(text), "near": _BY_NAME[near].name},
            )
        raise coded(InvalidValueError, "geography_unknown_name", {"name": repr(text)})
    return found


def region_of(municipality: Municipality | str | int, on: date) -> Region:
    """The region ``municipality`` lies in on ``on`` (from 2027: Region Østdanmark in the east)."""
    if not isinstance(on, date) or isinstance(on, datetime):
        raise coded(InvalidValueError, "geography_on", {"on": repr(on)})
    found = (
        municipality if isinstance(municipality, Municipality) else find_municipality(municipality)
    )
    region = REGIONS[found.region]
    while not region.exists_on(on):
        if on < region.starts:
            raise coded(
                InvalidValueError,
                "geography_before_regions",
                {"name": found.name, "on": on, "starts": region.starts},
            )
        if region.successor is None:  # pragma: no cover - every ended region names its successor
            raise coded(InvalidValueError, "geography_no_successor", {"name": region.name})
        region = REGIONS[region.successor]
    return region


def find_region(query: str) -> Region:
    """The region named ``query``, with or without "Region" and however it is capitalised
    (``"Syddanmark"``, ``"region syddanmark"``); an unknown one is an InvalidValueError
    that suggests the nearest name."""
    if not isinstance(query, str) or not query.strip():
        raise coded(InvalidValueError, "geography_no_region", {"query": repr(query)})
    found = _REGION_BY_NAME.get(_region_key(query))
    if found is None:
        near = nearest(_region_key(query), _REGION_BY_NAME, cutoff=0.6)
        names = ", ".join(r.name for r in REGIONS.values())
        raise coded(
            InvalidValueError,
            "geography_unknown_region",
            {"name": repr(query.strip()), "near": _REGION_BY_NAME[near].name if near else names},
        )
    return found


def region_name(text: str) -> str:
    """The form klu_rules writes a region in: its full name (``"Nordjylland"`` ->
    ``"Region Nordjylland"``); ``text`` as given when it names none of the regions."""
    found = _REGION_BY_NAME.get(_region_key(text)) if isinstance(text, str) else None
    return text if found is None else found.name


def bare_name(text: str) -> str:
    """``text`` without a last word "Kommune" (``"Odense Kommune"`` -> ``"Odense"``), for a
    text that adds "Kommune" or "Municipality" itself; ``text`` as given otherwise (a value
    that is not text too, as :func:`region_name` does)."""
    if not isinstance(text, str):
        return text
    words = text.split()
    if len(words) > 1 and words[-1].casefold() == "kommune":
        return " ".join(words[:-1])
    return text


def is_municipality(text: str) -> bool:
    """Whether ``text`` names one of the 98 municipalities (by name or alias)."""
    return isinstance(text, str) and _fold(text) in _BY_NAME


def _regions_in(municipality: Municipality, first: date, last: date) -> set[str]:
    """The regions ``municipality`` lay in from ``first`` to ``last`` (empty before 2007)."""
    found: set[str] = set()
    for day in (first, last):
        with contextlib.suppress(InvalidValueError):  # before the regions existed
            found.add(region_of(municipality, day).key)
    return found


def check_place(municipality: str, region: str | None = None, *, year: int | None = None) -> None:
    """Refuse a municipality and region that are certainly wrong, with what to write instead.

    - a region given as the municipality (``"Region Syddanmark"``);
    - a municipality code in place of the name (``"0461"`` or ``"461"``: write ``"Odense"``);
    - one of the 98 municipalities written otherwise than its name (``"odense"``:
      write ``"Odense"``; ``"Nordfyns Kommune"`` and the aliases are fine);
    - a known region that did not exist in ``year`` (Region Sjælland in 2027: LOV-699-2025);
    - a known municipality under a known region it did not lie in (in ``year``, or ever).

    Names that are none of the municipalities or regions pass: see :func:`place_findings`.
    """
    text = municipality.strip()
    if _region_key(text) in _REGION_BY_NAME or _fold(text).startswith("region "):
        raise coded(InvalidValueError, "geography_region_as_municipality", {"name": repr(text)})
    if text.isdigit() and text.zfill(4) in MUNICIPALITIES:  # a code is looked up, not written
        official = MUNICIPALITIES[text.zfill(4)].name
        raise coded(
            InvalidValueError, "geography_spelling", {"name": repr(text), "official": official}
        )
    found = _BY_NAME.get(_fold(text))
    if found is not None and text not in found.written_forms:
        raise coded(
            InvalidValueError,
            "geography_spelling",
            {"name": repr(text), "official": found.name},
        )
    if region is None or _region_key(region) not in _REGION_BY_NAME:
        return
    given = _REGION_BY_NAME[_region_key(region)]
    first, last = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    if first is not None and last is not None and not given.exists_on(last):
        if last < _FIRST_REGIONS:
            return  # no region existed yet: nothing to hold the name against
        if last < given.starts:
            right = _right_region(found, given, last)
            raise coded(
                InvalidValueError,
                "geography_region_not_yet",
                {"region": given.name, "year": year, "starts": given.starts, "right": right},
            )
        successor = REGIONS[given.successor].name if given.successor else ""
        raise coded(
            InvalidValueError,
            "geography_region_ended",
            {"region": given.name, "year": year, "ends": given.ends, "successor": successor},
        )
    if found is None:
        return
    if first is not None and last is not None:
        lay_in = _regions_in(found, first, last)
        if not lay_in or given.key in lay_in:
            return
    else:
        lay_in, key = set(), found.region
        while True:
            lay_in.add(key)
            following = REGIONS[key].successor
            if given.key in lay_in or following is None:
                break
            key = following
        if given.key in lay_in:
            return
    right = " / ".join(sorted(REGIONS[key].name for key in lay_in))
    raise coded(
        InvalidValueError,
        "geography_wrong_region",
        {"name": found.name, "region": given.name, "right": right},
    )


def _right_region(found: Municipality | None, given: Region, day: date) -> str:
    """The region to write for ``day`` in place of ``given``, which did not exist then: the
    municipality's region that day, else the regions ``given`` replaced or was replaced by
    (``"Region Hovedstaden / Region Sjælland"``)."""
    if found is not None:
        with contextlib.suppress(InvalidValueError):  # before the regions existed
            return region_of(found, day).name
    if day < given.starts:
        names = sorted(r.name for r in REGIONS.values() if r.successor == given.key)
    else:
        names = [REGIONS[given.successor].name] if given.successor else []
    return " / ".join(names)


def region_findings(
    municipality: str | None,
    region: str | None,
    first: date,
    last: date,
    *,
    subject: str | None = None,
) -> tuple[Finding, ...]:
    """A ``place.region-not-in-year`` warning for each year of ``first`` .. ``last`` with a
    day on which ``region``, one of Denmark's regions, did not exist (Region Sjælland in
    2027, Region Østdanmark in 2026: LOV-699-2025), naming the region to write for that
    year (by ``municipality`` when it is one of the 98).

    These are the days a plan, review or coverage answer is about, whatever year the file
    states. Names that are none of the regions, and days before the regions existed
    (2007), give none."""
    if region is None or _region_key(region) not in _REGION_BY_NAME or last < first:
        return ()
    given = _REGION_BY_NAME[_region_key(region)]
    found = _BY_NAME.get(_fold(municipality)) if isinstance(municipality, str) else None
    result: list[Finding] = []
    for year in range(first.year, last.year + 1):
        start, end = max(first, date(year, 1, 1), _FIRST_REGIONS), min(last, date(year, 12, 31))
        missing = [d for d in (start, end) if start <= end and not given.exists_on(d)]
        if not missing:
            continue
        day = missing[0]
        before = day < given.starts
        result.append(
            finding(
                "place.region-not-in-year",
                sources=given.sources,
                subject=subject,
                region=given.name,
                year=year,
                change="starts" if before else "ended",
                on=given.starts if before else given.ends,
                right=_right_region(found, given, day),
            )
        )
    return tuple(result)


def place_findings(
    municipalities: tuple[str, ...] | list[str] = (),
    region: str | None = None,
    *,
    subject: str | None = None,
) -> tuple[Finding, ...]:
    """Warning findings for names that are none of the 98 municipalities
    (``place.unknown-municipality``) or of the regions (``place.unknown-region``), each
    with the nearest known name. Test and example committees may use
    such names; a real one has a typo or a place that is no municipality (Christiansø)."""
    found: list[Finding] = []
    for name in dict.fromkeys(m.strip() for m in municipalities):
        if name and not is_municipality(name):
            near = _BY_NAME[nearest(_fold(name), _BY_NAME)].name
            found.append(
                finding("place.unknown-municipality", subject=subject, name=name, near=near)
            )
    if region is not None and region.strip() and _region_key(region) not in _REGION_BY_NAME:
        near = _REGION_BY_NAME[nearest(_region_key(region), _REGION_BY_NAME)].name
        found.append(
            finding("place.unknown-region", subject=subject, name=region.strip(), near=near)
        )
    return tuple(found)
