"""The rights of a coverage-threatened area and where each agreement version cites them.

Dated data read once, at import, from ``klu_rules/data/coverage_rights.toml``
(PPU-RM-2021-02): the agreement versions (*overenskomst om almen praksis*) with
the days they are in force, the rights with the numbers they depend on (up
to 6 years; half the clinic's doctor capacities), the paragraph each version
grants them in, and the national model. Which paragraph grants a right
depends on the agreement in force on the day asked about; a citation the
sources do not give is absent, and the answer is :data:`NOT_STATED`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from klu_rules.core.convert import nonempty_text, optional_date, str_tuple, valid_year
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.messages import coded
from klu_rules.core.record import Record
from klu_rules.core.result import Parameters, Result
from klu_rules.model.coverage import cited, whole
from klu_rules.rules.data_file import load_data_file

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


@attrs.frozen(repr=False)
class AgreementVersion(Record):
    """A version of the collective agreement; bounds inclusive, ``None`` where not stated."""

    key: str = attrs.field(validator=nonempty_text)
    title: str = attrs.field(validator=nonempty_text)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    in_force_from: date | None = attrs.field(default=None, validator=optional_date)
    in_force_until: date | None = attrs.field(default=None, validator=optional_date)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        start, end = self.in_force_from, self.in_force_until
        if start is not None and end is not None and end < start:
            raise coded(
                InvalidValueError,
                "coverage_rights.ends_before_start",
                {"key": self.key, "end": end.isoformat(), "start": start.isoformat()},
            )

    def in_force(self, on: date) -> bool:
        """Whether this version is in force on ``on``."""
        after_start = self.in_force_from is None or self.in_force_from <= on
        return after_start and (self.in_force_until is None or on <= self.in_force_until)


def _exact(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        shown = repr(value)
        raise coded(
            InvalidValueError,
            "coverage_rights.not_exact",
            {
                "name": getattr(instance, "name", "?"),
                "value": shown if len(shown) <= 60 else shown[:57] + "...",
            },
        )


@attrs.frozen(repr=False)
class RightParameter(Record):
    """A number a right depends on, exact, with its unit and source (e.g. up to 6 years)."""

    name: str = attrs.field(validator=nonempty_text)
    value: int | Decimal = attrs.field(validator=_exact)
    unit: str
    description: str
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)


@attrs.frozen(repr=False)
class CoverageRight(Record):
    """A right (*rettighed*) of practices in a threatened area; ``source_text`` quotes it."""

    id: str = attrs.field(validator=nonempty_text)
    title: str = attrs.field(validator=nonempty_text)
    source_text: str
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    parameters: tuple[RightParameter, ...] = ()

    def parameter(self, name: str) -> RightParameter:
        """The parameter called ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise coded(
            InvalidValueError,
            "coverage_rights.no_parameter",
            {
                "right": self.id,
                "name": repr(name),
                "names": ", ".join(p.name for p in self.parameters),
            },
        )


@attrs.frozen(repr=False)
class RightCitation(Record):
    """Where agreement version ``agreement`` grants right ``right_id`` (``"§ 22, stk. 4"``)."""

    right_id: str
    agreement: str
    citation: str = attrs.field(validator=nonempty_text)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    basis: str = ""


@attrs.frozen(repr=False)
class NationalCoverageModel(Record):
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
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    areas: tuple[str, ...] | None = None

    def explain(self) -> Result:
        """What the national model is and how it differs from the regional designations.

        The result's reason is the key ``coverage.national-model``; its
        ``explain(language)`` writes it out in Danish or English.
        """
        return Result(
            outcome="separate_list",
            reason="coverage.national-model",
            parameters=Parameters(
                attrs.asdict(self, recurse=False, filter=lambda a, _: a.name != "sources"),
                areas=NOT_STATED if self.areas is None else ", ".join(self.areas),
            ),
            sources=self.sources,
        )


@attrs.frozen(repr=False)
class CoverageRightsData(Record):
    """The agreement versions, the rights, their citations and the national model."""

    agreements: tuple[AgreementVersion, ...]
    rights: tuple[CoverageRight, ...]
    citations: tuple[RightCitation, ...]
    national_model: NationalCoverageModel

    def __attrs_post_init__(self) -> None:
        versions = [a.key for a in self.agreements]
        rights = [r.id for r in self.rights]
        pairs = [(c.right_id, c.agreement) for c in self.citations]
        for what, keys in (("agreement", versions), ("right", rights), ("citation", pairs)):
            twice = sorted({str(k) for k in keys if list(keys).count(k) > 1})
            if twice:
                raise coded(
                    InvalidValueError, f"coverage_rights.twice_{what}", {"keys": ", ".join(twice)}
                )
        for right_id, agreement in pairs:
            if right_id not in rights or agreement not in versions:
                raise coded(
                    InvalidValueError,
                    "coverage_rights.unknown_citation",
                    {
                        "right": repr(right_id),
                        "agreement": repr(agreement),
                        "rights": ", ".join(rights),
                        "agreements": ", ".join(versions),
                    },
                )

    def agreement_on(self, on: date) -> AgreementVersion:
        """The agreement version in force on ``on``."""
        for agreement in self.agreements:
            if agreement.in_force(on):
                return agreement
        known = ", ".join(a.key for a in self.agreements)
        raise coded(
            NoRulesInForceError,
            "coverage_rights.no_agreement" if known else "coverage_rights.no_agreements",
            {"on": on.isoformat(), "known": known},
        )

    def citation(self, right_id: str, agreement: str) -> RightCitation | None:
        """Where ``agreement`` grants the right, or ``None`` when the sources do not say."""
        for c in self.citations:
            if c.right_id == right_id and c.agreement == agreement:
                return c
        return None


def load_coverage_rights(path: str | Path | None = None) -> CoverageRightsData:
    """Read a coverage-rights file; without ``path``, the one shipped in the package.

    The file is the TOML form of :class:`CoverageRightsData` with
    ``schema_version = 1``; every problem raises
    :class:`~klu_rules.core.errors.FileFormatError` naming the file.
    """
    return load_data_file(CoverageRightsData, path, "coverage_rights.toml", 1)


#: The shipped data, loaded and validated once when this module is imported.
RIGHTS_DATA: CoverageRightsData = load_coverage_rights()
AGREEMENT_VERSIONS: tuple[AgreementVersion, ...] = RIGHTS_DATA.agreements
COVERAGE_RIGHTS: tuple[CoverageRight, ...] = RIGHTS_DATA.rights
RIGHT_CITATIONS: tuple[RightCitation, ...] = RIGHTS_DATA.citations
NATIONAL_MODEL: NationalCoverageModel = RIGHTS_DATA.national_model
