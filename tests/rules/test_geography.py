"""Municipalities and regions: the official code list and the 2027 merger."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from klu_rules.core.errors import InvalidValueError
from klu_rules.rules.geography import MUNICIPALITIES, REGIONS, find_municipality, region_of

EXPECTED_PER_REGION = {
    "Region Hovedstaden": 29,
    "Region Sjælland": 17,
    "Region Syddanmark": 22,
    "Region Midtjylland": 19,
    "Region Nordjylland": 11,
}


def test_the_98_municipalities_and_their_regions() -> None:
    assert len(MUNICIPALITIES) == 98
    assert all(len(code) == 4 and code.isdigit() for code in MUNICIPALITIES)
    counts = Counter(REGIONS[m.region].name for m in MUNICIPALITIES.values())
    assert counts == EXPECTED_PER_REGION
    assert len({m.name for m in MUNICIPALITIES.values()}) == 98


@pytest.mark.parametrize(
    ("query", "code", "name"),
    [
        ("0461", "0461", "Odense"),
        ("461", "0461", "Odense"),
        (461, "0461", "Odense"),
        ("odense kommune", "0461", "Odense"),
        ("751", "0751", "Aarhus"),
        ("Ærø", "0492", "Ærø"),
        ("aeroe", "0492", "Ærø"),
        ("ÆRØ", "0492", "Ærø"),
        ("Københavns Kommune", "0101", "København"),
        ("Bornholms Regionskommune", "0400", "Bornholm"),
        ("hoeje-taastrup", "0169", "Høje-Taastrup"),
        ("0851", "0851", "Aalborg"),
    ],
)
def test_look_up_by_code_or_name(query: str | int, code: str, name: str) -> None:
    found = find_municipality(query)
    assert (found.code, found.name) == (code, name)


def test_an_unknown_name_suggests_the_nearest() -> None:
    with pytest.raises(InvalidValueError, match="did you mean Odense"):
        find_municipality("Odence")
    with pytest.raises(InvalidValueError, match="no Danish municipality has the code '0999'"):
        find_municipality("0999")
    with pytest.raises(InvalidValueError, match="by its code"):
        find_municipality("  ")


def test_regions_by_date_follow_the_2027_merger() -> None:
    # LOV-699-2025 § 126: Region Østdanmark takes over from Region Sjælland and Region
    # Hovedstaden on 1 January 2027.
    assert region_of("København", date(2026, 12, 31)).name == "Region Hovedstaden"
    assert region_of("København", date(2027, 1, 1)).name == "Region Østdanmark"
    assert region_of("Næstved", date(2026, 6, 1)).name == "Region Sjælland"
    assert region_of("Næstved", date(2027, 6, 1)).name == "Region Østdanmark"
    assert region_of("Odense", date(2027, 6, 1)).name == "Region Syddanmark"
    assert region_of("0851", date(2027, 6, 1)).code == "1081"
    east = [
        m for m in MUNICIPALITIES.values() if region_of(m, date(2027, 1, 1)).key == "oestdanmark"
    ]
    assert len(east) == 46


def test_no_region_before_2007() -> None:
    with pytest.raises(InvalidValueError, match="the regions exist from 2007-01-01"):
        region_of("Odense", date(2006, 12, 31))
    with pytest.raises(InvalidValueError, match="on must be a date"):
        region_of("Odense", "2027-01-01")  # type: ignore[arg-type]
