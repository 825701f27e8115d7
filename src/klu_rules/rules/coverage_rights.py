"""The rights of a coverage-threatened area and where each agreement version cites them.

Dated data read once, at import, from ``klu_rules/data/coverage_rights.toml``
(RULES.md § 9): the agreement versions (*overenskomst om almen praksis*) with
the days they are in force, the rights with the numbers they depend on (up
to 6 years; half the clinic's doctor capacities), the paragraph each version
grants them in, and the national model. Which paragraph grants a right
depends on the agreement in force on the day asked about; a citation the
sources do not give is absent, and the answer is :data:`NOT_STATED`.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from klu_rules.core.convert import nonempty_text, optional_date, str_tuple, valid_year
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.result import Parameters, Result
from klu_rules.core.toml import TableReader, load_toml_file, parse_toml_text
from klu_rules.model.coverage import cited, whole

__all__ = [
    "AGREEMENT_VERSIONS",
    "COVERAGE_RIGHTS",
    "NATIONAL_MODEL",
    "NOT_STATED",
    "RIGHTS_DATA",
    "RIGHT_CITATIONS",
    "AgreementVersion",
    "CoverageRight",
    "CoverageRightsData",
    "NationalCoverageModel",
    "RightCitation",
    "RightParameter",
    "load_coverage_rights",
]

#: The answer for a citation, a date or a list the sources do not give.
NOT_STATED = "not stated in the sources"

_FILE = "coverage_rights.toml"
_SCHEMA_VERSION = 1


@attrs.frozen
class AgreementVersion:
    """A version of the collective agreement; bounds inclusive, ``None`` where not stated."""

    key: str = attrs.field(validator=nonempty_text)
    title: str = attrs.field(validator=nonempty_text)
    in_force_from: date | None = attrs.field(validator=optional_date)
    in_force_until: date | None = attrs.field(validator=optional_date)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        start, end = self.in_force_from, self.in_force_until
        if start is not None and end is not None and end < start:
            raise InvalidValueError(
                f"{self.key} ends ({end.isoformat()}) before it starts ({start.isoformat()})"
            )

    def in_force(self, on: date) -> bool:
        """Whether this version is in force on ``on``."""
        after_start = self.in_force_from is None or self.in_force_from <= on
        return after_start and (self.in_force_until is None or on <= self.in_force_until)


def _exact(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidValueError(
            f"parameter {getattr(instance, 'name', '?')} must be an int or a Fraction, "
            f"got {value!r}"
        )


@attrs.frozen
class RightParameter:
    """A number a right depends on, exact, with its unit and source (e.g. up to 6 years)."""

    name: str = attrs.field(validator=nonempty_text)
    value: int | Fraction = attrs.field(validator=_exact)
    unit: str
    description: str
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)


@attrs.frozen
class CoverageRight:
    """A right (*rettighed*) of practices in a threatened area; ``source_text`` quotes it."""

    id: str = attrs.field(validator=nonempty_text)
    title: str = attrs.field(validator=nonempty_text)
    source_text: str
    parameters: tuple[RightParameter, ...]
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)

    def parameter(self, name: str) -> RightParameter:
        """The parameter called ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise InvalidValueError(f"right {self.id} has no parameter {name!r}")


@attrs.frozen
class RightCitation:
    """Where agreement version ``agreement`` grants right ``right_id`` (``"§ 22, stk. 4"``)."""

    right_id: str
    agreement: str
    citation: str = attrs.field(validator=nonempty_text)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    basis: str = ""


@attrs.frozen
class NationalCoverageModel:
    """The national model (*den nationale model*): a separate list funded by the basic fee.

    It allocates money through the differentiated basic fee by an objective
    model made by all five regions, is locked for a period, and a region
    cannot add areas to it. ``areas`` is ``None``: the sources do not give it.
    """

    name: str
    funding: str
    basis: str
    locked_period_years: int = attrs.field(validator=whole)
    locked_from: str
    locked_from_year: int = attrs.field(validator=valid_year)
    region_can_add: bool
    areas: tuple[str, ...] | None
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)

    def explain(self) -> Result:
        """What the national model is and how it differs from the regional designations."""
        return Result(
            outcome="separate_list",
            reason=(
                f"The national model funds coverage-threatened areas through the {self.funding} "
                f"on a list that is locked for {self.locked_period_years} years from "
                f"{self.locked_from} and that a region cannot add to; it is separate from the "
                "regional designations, which grant rights under the agreement."
            ),
            parameters=Parameters(
                name=self.name,
                funding=self.funding,
                basis=self.basis,
                locked_period_years=self.locked_period_years,
                locked_from=self.locked_from,
                locked_from_year=self.locked_from_year,
                region_can_add=self.region_can_add,
                areas=NOT_STATED if self.areas is None else ", ".join(self.areas),
            ),
            sources=self.sources,
        )


@attrs.frozen
class CoverageRightsData:
    """The agreement versions, the rights, their citations and the national model."""

    agreements: tuple[AgreementVersion, ...]
    rights: tuple[CoverageRight, ...]
    citations: tuple[RightCitation, ...]
    national_model: NationalCoverageModel

    def agreement_on(self, on: date) -> AgreementVersion:
        """The agreement version in force on ``on``."""
        for agreement in self.agreements:
            if agreement.in_force(on):
                return agreement
        raise NoRulesInForceError(
            f"no agreement version in force on {on.isoformat()}; known versions: "
            f"{', '.join(a.key for a in self.agreements) or 'none'}"
        )

    def citation(self, right_id: str, agreement: str) -> RightCitation | None:
        """Where ``agreement`` grants the right, or ``None`` when the sources do not say."""
        for c in self.citations:
            if c.right_id == right_id and c.agreement == agreement:
                return c
        return None


# --- loading ------------------------------------------------------------------------


def _sources(table: TableReader) -> tuple[str, ...]:
    keys: tuple[str, ...] = table.get_str_list("sources")
    return keys


def _value(table: TableReader) -> int | Fraction:
    raw = table.get_raw("value")
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        try:
            return Fraction(raw)
        except ValueError:
            pass
    raise table.error(f"expected an integer or an exact fraction such as '1/2', got {raw!r}")


def _parse(top: TableReader) -> CoverageRightsData:
    top.check_schema_version(_SCHEMA_VERSION)
    top.check_keys(("schema_version", "agreements", "rights", "national_model"))
    agreements: dict[str, AgreementVersion] = {}
    for t in top.get_tables("agreements", required=True):
        t.check_keys(("key", "title", "in_force_from", "in_force_until", "sources", "note"))
        key = t.get_str("key")
        if key in agreements:
            raise t.error(f"agreement {key!r} is listed twice", "key")
        with t.located():
            agreements[key] = AgreementVersion(
                key,
                t.get_str("title"),
                t.get_date("in_force_from", None),
                t.get_date("in_force_until", None),
                _sources(t),
                t.get_str("note", ""),
            )
    rights: list[CoverageRight] = []
    citations: list[RightCitation] = []
    for t in top.get_tables("rights", required=True):
        t.check_keys(("id", "title", "source_text", "sources", "parameters", "citations"))
        right_id = t.get_str("id")
        if any(r.id == right_id for r in rights):
            raise t.error(f"right {right_id!r} is listed twice", "id")
        parameters = []
        for p in t.get_tables("parameters"):
            p.check_keys(("name", "value", "unit", "description", "sources"))
            with p.located():
                parameters.append(
                    RightParameter(
                        p.get_str("name"),
                        _value(p),
                        p.get_str("unit"),
                        p.get_str("description"),
                        _sources(p),
                    )
                )
        for c in t.get_tables("citations"):
            c.check_keys(("agreement", "citation", "basis", "sources"))
            version: str = c.get_choice("agreement", agreements)
            if any(x.right_id == right_id and x.agreement == version for x in citations):
                raise c.error(f"{version} cites {right_id!r} twice", "agreement")
            with c.located():
                citations.append(
                    RightCitation(
                        right_id, version, c.get_str("citation"), _sources(c), c.get_str("basis")
                    )
                )
        with t.located():
            rights.append(
                CoverageRight(
                    right_id,
                    t.get_str("title"),
                    t.get_str("source_text"),
                    tuple(parameters),
                    _sources(t),
                )
            )
    m = top.get_table("national_model")
    m.check_keys(
        (
            *("name", "funding", "basis", "locked_period_years", "locked_from"),
            *("locked_from_year", "region_can_add", "areas", "sources"),
        )
    )
    areas = m.get_str_list("areas", None)
    with m.located():
        model = NationalCoverageModel(
            m.get_str("name"),
            m.get_str("funding"),
            m.get_str("basis"),
            m.get_int("locked_period_years", min_value=1),
            m.get_str("locked_from"),
            m.get_int("locked_from_year"),
            m.get_bool("region_can_add"),
            areas,
            _sources(m),
        )
    return CoverageRightsData(tuple(agreements.values()), tuple(rights), tuple(citations), model)


def load_coverage_rights(path: str | Path | None = None) -> CoverageRightsData:
    """Read a coverage-rights file; without ``path``, the one shipped in the package.

    Every problem raises :class:`~klu_rules.core.errors.FileFormatError` naming
    the file and the key.
    """
    if path is not None:
        return _parse(TableReader(load_toml_file(path), path=path))
    resource = resources.files("klu_rules").joinpath("data").joinpath(_FILE)
    return _parse(TableReader(parse_toml_text(resource.read_bytes(), path=_FILE), path=_FILE))


#: The shipped data, loaded and validated once when this module is imported.
RIGHTS_DATA: CoverageRightsData = load_coverage_rights()
AGREEMENT_VERSIONS: tuple[AgreementVersion, ...] = RIGHTS_DATA.agreements
COVERAGE_RIGHTS: tuple[CoverageRight, ...] = RIGHTS_DATA.rights
RIGHT_CITATIONS: tuple[RightCitation, ...] = RIGHTS_DATA.citations
NATIONAL_MODEL: NationalCoverageModel = RIGHTS_DATA.national_model
