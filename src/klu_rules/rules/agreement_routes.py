"""The routes a draft agreement can take under each agreement procedure, as dated data.

Read once, at import, from ``klu_rules/data/agreement_routes.toml``
(RULES.md § 7): for each value of the national rule ``agreement_procedure``
the day it takes effect, its sources, what the committee itself can do, the
advice along the way, and the routes (:class:`RouteOption`). An aspect of a
route the sources do not state is ``None``.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import attrs

from klu_rules.core.convert import nonempty_text, str_tuple
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.labels import ROUTE_DA
from klu_rules.core.sources import check_sources
from klu_rules.core.toml import TableReader, load_toml_file, parse_toml_text
from klu_rules.model.coverage import cited

__all__ = [
    "PLO_DESCRIPTION",
    "PROCEDURES",
    "Procedure",
    "RouteOption",
    "load_agreement_routes",
    "procedure",
]

_FILE = "agreement_routes.toml"
_ROUTE_KEYS = (
    "key",
    "recipient",
    "recipient_key",
    "purpose",
    "concluded_by",
    "agreement_form",
    "binding",
    "sanctionable",
    "special_fee_paid_by",
    "use_when",
    "suits",
    "suited_reason",
    "sources",
)
_PROCEDURE_KEYS = (
    "value",
    "effective_from",
    "sources",
    "committee_role",
    "advice",
    "choice",
    "plo_description",
    "routes",
)


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
        """The route in Danish (``klu_rules.core.labels.ROUTE_DA``)."""
        return ROUTE_DA[self.key]

    @property
    def not_stated(self) -> tuple[str, ...]:
        """The aspects the sources do not state for this route."""
        aspects = (
            ("who concludes it", self.concluded_by),
            ("what kind of agreement it becomes", self.agreement_form),
            ("whether it binds the GPs", self.binding),
            ("whether it can be sanctioned", self.sanctionable),
            ("who pays any special fee", self.special_fee_paid_by),
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


def _route(t: TableReader) -> RouteOption:
    t.check_keys(_ROUTE_KEYS)
    return t.wrap(
        lambda: RouteOption(
            key=t.get_str("key"),
            recipient=t.get_str("recipient"),
            recipient_key=t.get_str("recipient_key"),
            purpose=t.get_str("purpose"),
            sources=t.get_str_list("sources"),
            concluded_by=t.get_str("concluded_by", None),
            agreement_form=t.get_str("agreement_form", None),
            binding=t.get_bool("binding", None),
            sanctionable=t.get_bool("sanctionable", None),
            special_fee_paid_by=t.get_str("special_fee_paid_by", None),
            use_when=t.get_str("use_when", None),
            suits=t.get_str_list("suits", ()),
            suited_reason=t.get_str("suited_reason", None),
        )
    )


def _parse(top: TableReader) -> tuple[str, tuple[str, ...], dict[str, Procedure]]:
    top.check_schema_version(1)
    top.check_keys(("schema_version", "plo", "procedures"))
    plo = top.get_table("plo")
    plo.check_keys(("description", "sources"))
    procedures: dict[str, Procedure] = {}
    for t in top.get_tables("procedures", required=True):
        t.check_keys(_PROCEDURE_KEYS)
        value: str = t.get_str("value")
        if value in procedures:
            raise t.error(f"procedure {value!r} is listed twice", "value")
        routes = tuple(_route(r) for r in t.get_tables("routes", required=True))
        if len(routes) > 1 and not t.has("choice"):
            raise t.error("a procedure with several routes must say how to choose", "choice")
        with t.located():
            procedures[value] = Procedure(
                value=value,
                effective_from=t.get_date("effective_from"),
                sources=t.get_str_list("sources"),
                committee_role=t.get_str("committee_role"),
                routes=routes,
                advice=t.get_str_list("advice", ()),
                choice=t.get_str("choice", None),
                plo_description=t.get_bool("plo_description"),
            )
    sources: tuple[str, ...] = plo.get_str_list("sources")
    plo.wrap(lambda: check_sources(sources, what="PLO's description"))
    return plo.get_str("description"), sources, procedures


def load_agreement_routes(
    path: str | Path | None = None,
) -> tuple[str, tuple[str, ...], dict[str, Procedure]]:
    """``(PLO's description, its sources, the procedures by value)`` from a routes file.

    Without ``path``, the file shipped in the package. Every problem raises
    :class:`~klu_rules.core.errors.FileFormatError` naming the file and the key.
    """
    if path is not None:
        return _parse(TableReader(load_toml_file(path), path=path))
    raw = resources.files("klu_rules").joinpath("data").joinpath(_FILE).read_bytes()
    return _parse(TableReader(parse_toml_text(raw, path=_FILE), path=_FILE))


PLO_DESCRIPTION, PLO_SOURCES, PROCEDURES = load_agreement_routes()
"""PLO's description (``PLO-K-COMP``) and the procedures, loaded once at import."""


def procedure(value: str) -> Procedure:
    """The procedure for the ``agreement_procedure`` value ``value``."""
    found = PROCEDURES.get(value)
    if found is None:
        raise InvalidValueError(
            f"no routes for the agreement procedure {value!r}; known: {', '.join(PROCEDURES)}"
        )
    return found
