"""The catalogue of sources every rule and finding cites.

Keys are those of the project's rules digest (``RULES.md``). A rule or a
finding that cites a key not listed here is rejected when it is built, so a
typo in a source never reaches a user.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded

__all__ = ["SOURCES", "Source", "check_sources"]


@attrs.frozen(slots=True)
class Source:
    """One cited document: its key, title, effective date (if any) and where to find it.

    ``url`` is the public address it was read at, if any; ``status`` says how far
    it is verified: ``"verified"`` (read in the seeds or at ``url``), or
    ``"unverified"`` (known only second hand; ``where`` says what is missing).
    """

    key: str
    title: str
    effective: date | None
    where: str
    url: str | None = None
    status: str = "verified"
    day_assumed: bool = False
    """True when ``effective`` is an assumed day (the source gives only the month)."""


SOURCES: dict[str, Source] = {
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
            "(overgangsloven): Region Sjælland and Region Hovedstaden form Region Østdanmark",
            date(2027, 1, 1),
            "§§ 1 and 126",
        ),
        Source(
            "AFTALE25",
            "Aftale25: the one-year agreement on general practice for 2025 (PLO and RLTN), "
            "agreed 10 September 2024, approved by PLO's members in November 2024",
            date(2025, 1, 1),
            "PLO press release as reported by Dagens Medicin, November 2024; whether it changed "
            "§ 102 is not in any text found",
            "https://dagensmedicin.dk/plos-medlemmer-godkender-ny-overenskomst/",
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
            "the abolition were not found: 2027-01-01 is the reform's start (LOV-699-2025 § 2)",
            "https://www.ft.dk/samling/20241/lovforslag/l214/20241_l214_som_fremsat.htm",
            "unverified",
        ),
        Source(
            "LOV-718-2025",
            "Act no. 718 of 20 June 2025 amending the health act: § 206 b, local agreements "
            "made by the regional council in cooperation with the municipalities",
            None,
            "§ 206 b; cited from the project's rules digest, the act text was not read",
            None,
            "unverified",
        ),
        Source(
            "DK-KOMMUNEKODER",
            "The official four-digit municipality codes (kommunekoder) of the address register",
            None,
            "public code list",
        ),
    )
}


def check_sources(keys: Iterable[str], *, what: str = "sources") -> tuple[str, ...]:
    """Return ``keys`` as a tuple, raising if any key is not in :data:`SOURCES`."""
    result = tuple(keys)
    unknown = [k for k in result if k not in SOURCES]
    if unknown:
        raise coded(
            InvalidValueError,
            "sources.unknown",
            {
                "where": what,
                "unknown": ", ".join(map(repr, unknown)),
                "known": ", ".join(sorted(SOURCES)),
            },
        )
    return result
