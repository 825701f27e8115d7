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
is an error that suggests the nearest names.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, nearest
from klu_rules.core.record import Record
from klu_rules.core.sources import check_sources
from klu_rules.core.toml import shipped_toml

__all__ = ["MUNICIPALITIES", "REGIONS", "Municipality", "Region", "find_municipality", "region_of"]


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
    """A municipality (*kommune*): its official code, its name and the region it lay in at first."""

    code: str
    name: str
    region: str
    sources: tuple[str, ...] = ("DK-KOMMUNEKODER",)

    @property
    def slug(self) -> str:
        """The name for ids and file names: ``odense``, ``aeroe``, ``hoeje-taastrup``."""
        return _fold(self.name).replace(" ", "-")


def _load() -> tuple[dict[str, Region], dict[str, Municipality]]:
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
        m["code"]: Municipality(m["code"], m["name"], m["region"]) for m in data["municipality"]
    }
    return regions, municipalities


REGIONS, MUNICIPALITIES = _load()
"""The regions by key and the 98 municipalities by four-digit code."""


def _fold(text: str) -> str:
    """``text`` for matching: lower case, æ/ø/å written out, accents and 'kommune' dropped."""
    folded = text.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in folded.replace("-", " ").split() if w not in ("kommune", "kommunes")]
    return " ".join(words)


_BY_NAME = {_fold(m.name): m for m in MUNICIPALITIES.values()}
_BY_NAME["koebenhavns"] = MUNICIPALITIES["0101"]
_BY_NAME["bornholms regionskommune"] = MUNICIPALITIES["0400"]


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
    if not isinstance(on, date):
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
