"""Coverage files (TOML, ``schema_version = 1``): a region's designations of areas.

The format is described in ``docs/howto-coverage.md``; the shipped example is
``klu_rules/data/coverage_rm_2021.toml`` (:func:`rm_2021`). Every problem
raises :class:`~klu_rules.core.errors.FileFormatError` naming the file, the
key and what was expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from klu_rules.core.convert import YEARS
from klu_rules.core.errors import InvalidValueError, KluRulesError
from klu_rules.core.messages import excerpt
from klu_rules.core.sources import check_sources
from klu_rules.core.toml import TableReader, load_toml_file, shipped_toml
from klu_rules.model.coverage import (
    COVERAGE_KINDS,
    CoverageArea,
    CoverageKind,
    CoverageRegister,
    Designation,
    RegionCoveragePolicy,
)
from klu_rules.model.geography import check_place, is_municipality, region_name

__all__ = ["SCHEMA_VERSION", "load_coverage", "rm_2021"]

#: The version of the coverage file format :func:`load_coverage` reads.
SCHEMA_VERSION = 1

_FIRST, _LAST = YEARS.start, YEARS.stop - 1


def _texts(table: TableReader, name: str) -> tuple[str, ...]:
    values: tuple[str, ...] = table.get_str_list(name)
    if not values:
        raise table.fail("coverage_file.empty_list", name)
    for i, value in enumerate(values):
        if not value.strip():
            raise table.fail("coverage_file.empty_text", f"{name}[{i}]", got=excerpt(value))
    return values


def _source_keys(table: TableReader) -> tuple[str, ...]:
    keys = _texts(table, "sources")
    try:
        return check_sources(keys, what="sources")
    except InvalidValueError as exc:
        raise table.error(exc, "sources") from None


def _notes(table: TableReader, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    notes_table: TableReader | None = table.get_table("notes", None)
    if notes_table is None:
        return {}
    notes: dict[str, tuple[str, ...]] = {}
    for area_id in notes_table.keys():  # noqa: SIM118 - a TableReader, not a dict
        if area_id not in ids:
            raise notes_table.fail(
                "coverage_file.note_area", area_id, ids=", ".join(ids), area=excerpt(area_id)
            )
        if isinstance(notes_table.get_raw(area_id), list):
            notes[area_id] = _texts(notes_table, area_id)
        else:
            notes[area_id] = (notes_table.get_str(area_id),)
    return notes


def _policy(table: TableReader) -> RegionCoveragePolicy:
    table.check_keys(("region", "threatened_period_years", "attention_period_years", "sources"))
    region: str = table.get_str("region")
    if is_municipality(region):
        raise table.fail(
            "coverage_file.municipality_as_region", "region", municipality=excerpt(region)
        )
    return RegionCoveragePolicy(
        region=region_name(region),
        threatened_period_years=table.get_int("threatened_period_years", min_value=1),
        attention_period_years=table.get_int("attention_period_years", min_value=1),
        sources=_source_keys(table),
    )


def _areas(tables: list[TableReader], region: str) -> dict[str, CoverageArea]:
    areas: dict[str, CoverageArea] = {}
    for table in tables:
        table.check_keys(("id", "name", "municipality"))
        area_id: str = table.get_str("id")
        if area_id in areas:
            raise table.fail("coverage_file.area_twice", "id", id=excerpt(area_id))
        municipality: str | None = table.get_str("municipality", None)
        if municipality is not None and municipality.strip():
            try:  # a known municipality of another region is certainly wrong
                check_place(municipality, region)
            except KluRulesError as exc:
                raise table.error(exc, "municipality") from None
        with table.located():
            areas[area_id] = CoverageArea(
                id=area_id, name=table.get_str("name"), municipality=municipality
            )
    return areas


def _designations(
    table: TableReader, policy: RegionCoveragePolicy, areas: dict[str, CoverageArea]
) -> list[Designation]:
    table.check_keys(
        ("kind", "year", "decided_on", "until_year", "areas", "sources", "notes", "heading")
    )
    kind: CoverageKind = table.get_choice("kind", COVERAGE_KINDS)
    year: int = table.get_int("year", min_value=_FIRST, max_value=_LAST)
    period = policy.period_years(kind)
    given: int | None = table.get_int("until_year", None, min_value=_FIRST, max_value=_LAST)
    if given is not None and given != year + period:
        raise table.fail(
            "coverage_file.until_year",
            "until_year",
            kind=kind,
            year=year,
            period=period,
            until=year + period,
            got=given,
        )
    decided_on: date | None = table.get_date("decided_on", None)
    if decided_on is not None and decided_on.year != year:
        raise table.fail(
            "coverage_file.decided_on", "decided_on", year=year, got=decided_on.isoformat()
        )
    table.get_str("heading", None)
    try:  # the region decides the designation in its year: it must exist then
        check_place("-", policy.region, year=year)
    except KluRulesError as exc:
        raise table.error(exc, "year") from None
    sources = _source_keys(table)
    ids = _texts(table, "areas")
    notes = _notes(table, ids)
    made = []
    for j, area_id in enumerate(ids):
        area = areas.get(area_id)
        if area is None:
            raise table.fail(
                "coverage_file.unknown_area",
                f"areas[{j}]",
                ids=", ".join(areas),
                got=excerpt(area_id),
            )
        with table.located():
            made.append(
                policy.designate(
                    area,
                    kind,
                    year,
                    decided_on=decided_on,
                    sources=sources,
                    notes=notes.get(area_id, ()),
                )
            )
    return made


def _parse(top: TableReader) -> CoverageRegister:
    top.check_schema_version(SCHEMA_VERSION)
    top.check_keys(
        ("schema_version", "title", "sources", "complete_from", "policy", "area", "designations")
    )
    title: str = top.get_str("title", "")
    complete_from: int | None = top.get_int(
        "complete_from", None, min_value=_FIRST, max_value=_LAST
    )
    sources = _source_keys(top) if top.has("sources") else ()
    policy = _policy(top.get_table("policy"))
    areas = _areas(top.get_tables("area", required=True), policy.region)
    designations = [
        d
        for table in top.get_tables("designations", required=True)
        for d in _designations(table, policy, areas)
    ]
    try:
        return CoverageRegister(
            policy=policy,
            designations=designations,
            areas=tuple(areas.values()),
            title=title,
            sources=sources,
            complete_from=complete_from,
        )
    except InvalidValueError as exc:
        raise top.error(exc, "designations") from None


def load_coverage(path: str | Path) -> CoverageRegister:
    """Read a coverage file (TOML, ``schema_version = 1``) into a :class:`CoverageRegister`."""
    return _parse(TableReader(load_toml_file(path), path=path))


def rm_2021() -> CoverageRegister:
    """Region Midtjylland's designations as reported in the minutes of 23 February 2021.

    The shipped example file (``PPU-RM-2021-02``): the 2021 decision and the
    2019 and 2020 designations the minutes report.
    """
    name = "coverage_rm_2021.toml"
    return _parse(TableReader(shipped_toml(name), path=f"klu_rules/data/{name}"))
