"""The routes a draft agreement can take under each agreement procedure, as dated data.

Read once, at import, from ``klu_rules/data/agreement_routes.toml``
(RULES.md § 7): for each value of the national rule ``agreement_procedure``
the day it takes effect, its sources, what the committee itself can do, the
advice along the way, and the routes (:class:`RouteOption`). An aspect of a
route the sources do not state is ``None``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs

from klu_rules.core.convert import nonempty_text, str_tuple
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language
from klu_rules.core.messages import message
from klu_rules.model.coverage import cited
from klu_rules.rules.data_file import load_data_file

__all__ = [
    "PLO_DESCRIPTION",
    "PLO_SOURCES",
    "PROCEDURES",
    "ROUTES",
    "AgreementRoutes",
    "PloDescription",
    "Procedure",
    "RouteOption",
    "load_agreement_routes",
    "procedure",
]


@attrs.frozen
class RouteOption:
    """One way a draft can go: to whom, who concludes it, and what it then is.

    ``None`` in ``concluded_by``, ``agreement_form``, ``binding``,
    ``sanctionable``, ``special_fee_paid_by`` or ``use_when`` means the
    sources do not say; :attr:`not_stated` lists those aspects. ``suits`` are
    the agreement kinds the route fits, with ``suited_reason``.
    """

    key: str = attrs.field(validator=nonempty_text)
    recipient: str = attrs.field(validator=nonempty_text)
    recipient_key: str = attrs.field(validator=nonempty_text)
    purpose: str
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    concluded_by: str | None = None
    agreement_form: str | None = None
    binding: bool | None = None
    sanctionable: bool | None = None
    special_fee_paid_by: str | None = None
    use_when: str | None = None
    suits: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    suited_reason: str | None = None

    @property
    def title_da(self) -> str:
        """The route in Danish (the catalogue's ``route.<key>``)."""
        return self.title("da")

    def title(self, language: Language = "en") -> str:
        """The route in words, in ``language`` (the catalogue's ``route.<key>``)."""
        return message(f"route.{self.key}", language)

    @property
    def not_stated(self) -> tuple[str, ...]:
        """The aspects the sources do not state for this route, by field name
        (``concluded_by``, ``agreement_form``, ``binding``, ``sanctionable``,
        ``special_fee_paid_by``; in words: the catalogue's ``route_aspect``)."""
        aspects = (
            ("concluded_by", self.concluded_by),
            ("agreement_form", self.agreement_form),
            ("binding", self.binding),
            ("sanctionable", self.sanctionable),
            ("special_fee_paid_by", self.special_fee_paid_by),
        )
        return tuple(name for name, value in aspects if value is None)


@attrs.frozen
class Procedure:
    """An agreement procedure (a value of ``agreement_procedure``) and its routes."""

    value: str = attrs.field(validator=nonempty_text)
    effective_from: date
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    committee_role: str = attrs.field(validator=nonempty_text)
    routes: tuple[RouteOption, ...]
    advice: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    choice: str | None = None
    plo_description: bool = False


@attrs.frozen
class PloDescription:
    """PLO's own description of who negotiates what, cited as PLO's, not the agreement's."""

    description: str = attrs.field(validator=nonempty_text)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)


@attrs.frozen
class AgreementRoutes:
    """The procedures, one per value of ``agreement_procedure``, and PLO's description."""

    plo: PloDescription
    procedures: tuple[Procedure, ...]

    def __attrs_post_init__(self) -> None:
        values = [p.value for p in self.procedures]
        for proc in self.procedures:
            if values.count(proc.value) > 1:
                raise InvalidValueError(f"procedure {proc.value!r} is listed twice")
            if len(proc.routes) > 1 and not proc.choice:
                raise InvalidValueError(
                    f"procedure {proc.value!r} has several routes and must say how to choose"
                )


def load_agreement_routes(path: str | Path | None = None) -> AgreementRoutes:
    """Read a routes file; without ``path``, the one shipped in the package.

    The file is the TOML form of :class:`AgreementRoutes` with
    ``schema_version = 1``; every problem raises
    :class:`~klu_rules.core.errors.FileFormatError` naming the file.
    """
    return load_data_file(AgreementRoutes, path, "agreement_routes.toml", 1)


ROUTES = load_agreement_routes()
"""The shipped routes, loaded and validated once when this module is imported."""
PLO_DESCRIPTION: str = ROUTES.plo.description
PLO_SOURCES: tuple[str, ...] = ROUTES.plo.sources
PROCEDURES: dict[str, Procedure] = {p.value: p for p in ROUTES.procedures}


def procedure(value: str) -> Procedure:
    """The procedure for the ``agreement_procedure`` value ``value``."""
    found = PROCEDURES.get(value)
    if found is None:
        raise InvalidValueError(
            f"no routes for the agreement procedure {value!r}; known: {', '.join(PROCEDURES)}"
        )
    return found
