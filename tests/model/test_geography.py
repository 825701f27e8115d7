"""Municipalities and regions: the official code list and the 2027 merger."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from helpers import check_golden_finding

from klu_rules.core.errors import InvalidValueError
from klu_rules.model.geography import (
    MUNICIPALITIES,
    REGIONS,
    bare_name,
    check_place,
    find_municipality,
    find_region,
    place_findings,
    region_findings,
    region_name,
    region_of,
)

EXPECTED_PER_REGION = {
    "Region Hovedstaden": 29,
    "Region Sjælland": 17,
    "Region Syddanmark": 22,
    "Region Midtjylland": 19,
    "Region Nordjylland": 11,
}


# The official code list (kommunekoder), by the region each municipality lay in from 2007.
OFFICIAL_CODES = {
    "hovedstaden": "0101 0147 0151 0153 0155 0157 0159 0161 0163 0165 0167 0169 0173 0175 0183 "
    "0185 0187 0190 0201 0210 0217 0219 0223 0230 0240 0250 0260 0270 0400",
    "sjaelland": "0253 0259 0265 0269 0306 0316 0320 0326 0329 0330 0336 0340 0350 0360 0370 "
    "0376 0390",
    "syddanmark": "0410 0420 0430 0440 0450 0461 0479 0480 0482 0492 0510 0530 0540 0550 0561 "
    "0563 0573 0575 0580 0607 0621 0630",
    "midtjylland": "0615 0657 0661 0665 0671 0706 0707 0710 0727 0730 0740 0741 0746 0751 0756 "
    "0760 0766 0779 0791",
    "nordjylland": "0773 0787 0810 0813 0820 0825 0840 0846 0849 0851 0860",
}


def test_the_shipped_list_is_the_official_code_list() -> None:
    shipped = {code: m.region for code, m in MUNICIPALITIES.items()}
    official = {code: region for region, codes in OFFICIAL_CODES.items() for code in codes.split()}
    assert shipped == official
    assert find_municipality("0492").slug == "aeroe"
    assert find_municipality("Høje-Taastrup").slug == "hoeje-taastrup"


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
        # the names as the code list writes them, and the short forms used before
        ("Nordfyns", "0480", "Nordfyns"),
        ("Nordfyns Kommune", "0480", "Nordfyns"),
        ("Nordfyn", "0480", "Nordfyns"),
        ("Vesthimmerlands", "0820", "Vesthimmerlands"),
        ("Vesthimmerland", "0820", "Vesthimmerlands"),
        ("Faaborg-Midtfyn", "0430", "Faaborg-Midtfyn"),
        ("Ringkøbing-Skjern", "0760", "Ringkøbing-Skjern"),
        ("Ikast-Brande", "0756", "Ikast-Brande"),
        ("Lyngby-Taarbæk", "0173", "Lyngby-Taarbæk"),
        ("Frederikshavn", "0813", "Frederikshavn"),
    ],
)
def test_look_up_by_code_or_name(query: str | int, code: str, name: str) -> None:
    found = find_municipality(query)
    assert (found.code, found.name) == (code, name)


def test_an_unknown_name_suggests_the_nearest() -> None:
    with pytest.raises(InvalidValueError, match="did you mean Odense"):
        find_municipality("Odence")
    with pytest.raises(InvalidValueError, match="is called 'Atlantis'; give the name"):
        find_municipality("Atlantis")
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
    with pytest.raises(InvalidValueError, match="the regions exist from 1 January 2007"):
        region_of("Odense", date(2006, 12, 31))
    with pytest.raises(InvalidValueError, match="on must be a date"):
        region_of("Odense", "2027-01-01")  # type: ignore[arg-type]


# The names as Danmarks Statistik's list of municipalities writes them (without "Kommune").
OFFICIAL_NAMES = (
    "København Frederiksberg Ballerup Brøndby Dragør Gentofte Gladsaxe Glostrup Herlev "
    "Albertslund Hvidovre Høje-Taastrup Lyngby-Taarbæk Rødovre Ishøj Tårnby Vallensbæk Furesø "
    "Allerød Fredensborg Helsingør Hillerød Hørsholm Rudersdal Egedal Frederikssund Greve Køge "
    "Halsnæs Roskilde Solrød Gribskov Odsherred Holbæk Faxe Kalundborg Ringsted Slagelse Stevns "
    "Sorø Lejre Lolland Næstved Guldborgsund Vordingborg Bornholm Middelfart Assens "
    "Faaborg-Midtfyn Kerteminde Nyborg Odense Svendborg Nordfyns Langeland Ærø Haderslev Billund "
    "Sønderborg Tønder Esbjerg Fanø Varde Vejen Aabenraa Fredericia Horsens Kolding Vejle Herning "
    "Holstebro Lemvig Struer Syddjurs Norddjurs Favrskov Odder Randers Silkeborg Samsø "
    "Skanderborg Aarhus Ikast-Brande Ringkøbing-Skjern Hedensted Morsø Skive Thisted Viborg "
    "Brønderslev Frederikshavn Vesthimmerlands Læsø Rebild Mariagerfjord Jammerbugt Aalborg "
    "Hjørring"
)


def test_the_names_are_the_official_names() -> None:
    assert sorted(m.name for m in MUNICIPALITIES.values()) == sorted(OFFICIAL_NAMES.split())


def test_regions_by_name_with_or_without_region() -> None:
    assert find_region("Syddanmark").name == "Region Syddanmark"
    assert find_region("region sjaelland").key == "sjaelland"
    assert region_name("Nordjylland") == region_name("Region Nordjylland") == "Region Nordjylland"
    assert region_name("Region Eksempel") == "Region Eksempel"
    with pytest.raises(InvalidValueError, match="did you mean Region Syddanmark"):
        find_region("Syddanmrk")
    with pytest.raises(InvalidValueError, match="by its name"):
        find_region(" ")


@pytest.mark.parametrize(
    ("municipality", "region", "year", "error"),
    [
        ("Aalborg", "Region Syddanmark", 2023, "Syddanmark but in Region Nordjylland"),
        ("Næstved", "Nordjylland", None, "but in Region Sjælland / Region Østdanmark"),
        ("Næstved", "Region Sjælland", 2027, "no longer exists in 2027.*Østdanmark"),
        ("Næstved", "Region Østdanmark", 2026, "did not exist in 2026.*: Region Sjælland$"),
        ("Gentofte", "Østdanmark", 2020, "for 2020 write .* lay in then: Region Hovedstaden$"),
        ("Nowhere", "Østdanmark", 2020, "then: Region Hovedstaden / Region Sjælland$"),
        ("odense", "Syddanmark", 2023, "'odense' is written Odense"),
        ("0461", "Syddanmark", 2023, "'0461' is written Odense"),  # a code is looked up
        ("461", None, None, "'461' is written Odense"),
        ("Region Syddanmark", "Region Syddanmark", 2023, "is a region, not a municipality"),
    ],
)  # fmt: skip
def test_a_place_that_is_certainly_wrong_is_refused(
    municipality: str, region: str | None, year: int | None, error: str
) -> None:
    with pytest.raises(InvalidValueError, match=error):
        check_place(municipality, region, year=year)


@pytest.mark.parametrize(
    ("municipality", "region", "year"),
    [
        ("Næstved", "Region Østdanmark", 2027),
        ("Næstved", "Østdanmark", None),
        ("Nordfyns Kommune", "Syddanmark", 2023),
        ("Nordfyn", "Region Syddanmark", 2023),
        ("Testkommune", "Region X", 2023),  # made-up names: warned of, not refused
        ("0999", "Syddanmark", 2023),  # no municipality's code: a made-up name
        ("Aalborg", "Nordjylland", 1990),  # before the regions
    ],
)
def test_a_place_that_may_be_right_passes(municipality: str, region: str, year: int | None) -> None:
    check_place(municipality, region, year=year)


def test_a_name_with_kommune_is_shown_without_it_where_the_text_adds_it() -> None:
    assert [bare_name(n) for n in ("Odense Kommune", "Nordfyns kommune", "Odense", "Kommune")] == [
        "Odense",
        "Nordfyns",
        "Odense",
        "Kommune",
    ]
    assert bare_name(None) is None  # type: ignore[arg-type]  # not text: as given


def test_names_that_are_none_of_the_municipalities_or_regions_are_warned_of() -> None:
    found = place_findings(["Christiansø", "Aalborg", "Christiansø"], "Region X", subject="x")
    assert [(f.code, f.parameters["name"]) for f in found] == [
        ("place.unknown-municipality", "Christiansø"),
        ("place.unknown-region", "Region X"),
    ]
    for item in found:
        check_golden_finding(item)
    assert place_findings(["Nordfyn", "Odense Kommune"], "Syddanmark") == ()


def test_a_region_is_judged_on_the_days_an_answer_covers() -> None:
    # LOV-699-2025: Region Sjælland ends on 31 December 2026, Region Østdanmark starts the next day
    (ended,) = region_findings("Næstved", "Region Sjælland", date(2026, 6, 1), date(2027, 3, 1))
    assert ended.severity == "warning"
    assert "LOV-699-2025" in ended.sources
    assert (ended.parameters["year"], ended.parameters["right"]) == (2027, "Region Østdanmark")
    check_golden_finding(ended)
    assert "for the days in 2027 write Region Østdanmark" in ended.text("en")
    early, *_ = region_findings("Gentofte", "Østdanmark", date(2025, 1, 1), date(2027, 12, 31))
    assert (early.parameters["year"], early.parameters["right"]) == (2025, "Region Hovedstaden")
    assert [
        f.parameters["year"]
        for f in region_findings(None, "Østdanmark", date(2025, 1, 1), date(2026, 12, 31))
    ] == [2025, 2026]
    # the right region, made-up names, days before the regions: nothing to say
    assert region_findings("Næstved", "Region Sjælland", date(2026, 1, 1), date(2026, 12, 31)) == ()
    (merged,) = region_findings("X", "Sjælland", date(2027, 1, 1), date(2027, 12, 31))
    assert merged.parameters["right"] == "Region Østdanmark"
    assert region_findings("X", "Region X", date(2027, 1, 1), date(2027, 12, 31)) == ()
    assert region_findings("X", "Østdanmark", date(1990, 1, 1), date(1990, 12, 31)) == ()
    assert region_findings("X", None, date(2027, 1, 1), date(2027, 12, 31)) == ()
