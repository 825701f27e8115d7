"""The routes a draft agreement can take under each agreement procedure, as dated data.

Read once, at import, from ``klu_rules/data/agreement_routes.toml``
(VEJL2011, OK22-102, L191-2022): for each value of the national rule ``agreement_procedure``
the day it takes effect, its sources, what the committee itself can do, the
advice along the way, and the routes (:class:`RouteOption`). An aspect of a
route the sources do not state is ``None``.

Beside the routes the file dates the bodies a draft or an evaluation note can
go to (:class:`Body`: set up, abolished, and what the sources name as
successor, if anything) and the GP agreements in force (:class:`GpAgreement`:
OK22, Aftale25, Aftale26 and what is known of 2027). A procedure whose
recipient is abolished has no route; it names the abolished bodies instead
(``abolished``), so a route to a body that no longer exists is never returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Final

import attrs

from klu_rules.core.convert import nonempty_text, str_tuple
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language
from klu_rules.core.messages import catalogue, coded, message
from klu_rules.core.record import Record
from klu_rules.model.coverage import cited
from klu_rules.rules.data_file import load_data_file

__all__ = [
    "BODIES",
    "GP_AGREEMENTS",
    "PLO_DESCRIPTION",
    "PLO_SOURCES",
    "PROCEDURES",
    "ROUTES",
    "AgreementRoutes",
    "Body",
    "GpAgreement",
    "PloDescription",
    "Procedure",
    "RouteOption",
    "agreements_on",
    "body",
    "load_agreement_routes",
    "procedure",
]


_ASPECT_SECTIONS: Final = {
    "purpose": "route_purpose",
    "concluded_by": "route_concluded_by",
    "agreement_form": "route_form",
    "use_when": "route_use_when",
    "suited_reason": "route_suited",
}
"""The catalogue section that holds the text of each keyed aspect of a route."""


@attrs.frozen(repr=False)
class RouteOption(Record):
    """One way a draft can go: to whom, who concludes it, and what it then is.

    Every aspect is language-free: ``recipient_key`` names a dated body (its
    name: the catalogue's ``body.<key>``), and ``purpose``, ``concluded_by``,
    ``agreement_form``, ``use_when`` and ``suited_reason`` are keys of the
    catalogue's texts (:meth:`text` writes them in either language).
    ``special_fee_paid_by`` is ``"region"`` or ``"municipality"`` (the catalogue's
    ``route.<value>``). ``None`` in ``concluded_by``, ``agreement_form``, ``binding``,
    ``sanctionable``, ``special_fee_paid_by`` or ``use_when`` means the
    sources do not say; :attr:`not_stated` lists those aspects. ``suits`` are
    the agreement kinds the route fits, with ``suited_reason``.
    """

    key: str = attrs.field(validator=nonempty_text)
    recipient_key: str = attrs.field(validator=nonempty_text)
    purpose: str = attrs.field(validator=nonempty_text)
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
        """The route in Danish (the catalogue's ``route_title.<key>``)."""
        return self.title("da")

    def title(self, language: Language = "en") -> str:
        """The route in words, in ``language`` (the catalogue's ``route_title.<key>``)."""
        return message(f"route_title.{self.key}", language)

    def recipient(self, language: Language = "en") -> str:
        """The body the draft goes to, in words (the catalogue's ``body.<recipient_key>``)."""
        return message(f"body.{self.recipient_key}", language)

    def text(self, aspect: str, language: Language = "en") -> str | None:
        """The keyed ``aspect`` (``purpose``, ``concluded_by``, ``agreement_form``,
        ``use_when``, ``suited_reason``) in ``language``; ``None`` where the sources
        do not state it."""
        if aspect not in _ASPECT_SECTIONS:
            raise coded(
                InvalidValueError,
                "routes_no_such_aspect",
                {"aspect": repr(aspect), "aspects": tuple(_ASPECT_SECTIONS)},
            )
        key = getattr(self, aspect)
        return None if key is None else message(f"{_ASPECT_SECTIONS[aspect]}.{key}", language)

    def text_keys(self) -> tuple[str, ...]:
        """The catalogue keys of every text this route shows."""
        keys = [f"route_title.{self.key}", f"body.{self.recipient_key}"]
        if self.special_fee_paid_by is not None:
            keys.append(f"route.{self.special_fee_paid_by}")
        for aspect, section in _ASPECT_SECTIONS.items():
            value = getattr(self, aspect)
            if value is not None:
                keys.append(f"{section}.{value}")
        return tuple(keys)

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


@attrs.frozen(repr=False)
class Procedure(Record):
    """An agreement procedure (a value of ``agreement_procedure``) and its routes.

    ``committee_role``, ``advice`` and ``choice`` are keys of the catalogue's
    ``route_role``, ``route_advice`` and ``route_choice`` texts.
    """

    value: str = attrs.field(validator=nonempty_text)
    effective_from: date
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    committee_role: str = attrs.field(validator=nonempty_text)
    routes: tuple[RouteOption, ...]
    advice: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    choice: str | None = None
    plo_description: bool = False
    abolished: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    """Keys of the bodies whose abolition leaves this procedure without a route."""

    def text_keys(self) -> tuple[str, ...]:
        """The catalogue keys of every text this procedure and its routes show."""
        keys = [
            f"rule_value_procedure.{self.value}",
            f"route_role.{self.committee_role}",
            *(f"route_advice.{a}" for a in self.advice),
        ]
        if self.choice is not None:
            keys.append(f"route_choice.{self.choice}")
        return (*keys, *(k for r in self.routes for k in r.text_keys()))


@attrs.frozen(repr=False)
class Body(Record):
    """A body a draft or an evaluation note can go to, with the days it exists.

    ``established_on`` / ``abolished_on`` are ``None`` where the data holds no day
    (a body older than 2011, or not abolished). ``successor`` is the key of the
    body the sources name as taking over, ``None`` where they name none;
    ``verified`` is false where the day of the abolition is not verified
    (``docs/rules-2027.md``). Its name is the catalogue's ``body.<key>``.
    """

    key: str = attrs.field(validator=nonempty_text)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    established_on: date | None = None
    abolished_on: date | None = None
    successor: str | None = None
    successor_sources: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    verified: bool = True

    def exists_on(self, day: date) -> bool:
        """Whether the body exists on ``day``."""
        started = self.established_on is None or self.established_on <= day
        return started and (self.abolished_on is None or day < self.abolished_on)

    def name(self, language: Language = "en") -> str:
        """The body in words, in ``language`` (the catalogue's ``body.<key>``)."""
        return message(f"body.{self.key}", language)


@attrs.frozen(repr=False)
class GpAgreement(Record):
    """A GP agreement (*overenskomst om almen praksis*) and its days in force.

    ``section_102`` says how the KLU rules (§ 102) stand under it: ``"stated"``
    (the text is known), ``"assumed"`` (continued, text on § 102 not found) or
    ``"not_known"`` (the agreement itself is not known yet). Its title is the
    catalogue's ``gp_agreement.<key>`` (:meth:`title`).
    """

    key: str = attrs.field(validator=nonempty_text)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)
    section_102: str = attrs.field(
        validator=attrs.validators.in_(("stated", "assumed", "not_known"))
    )
    in_force_from: date | None = None
    in_force_until: date | None = None

    def title(self, language: Language = "en") -> str:
        """The agreement in words, in ``language`` (the catalogue's ``gp_agreement.<key>``)."""
        return message(f"gp_agreement.{self.key}", language)

    def in_force_on(self, day: date) -> bool:
        started = self.in_force_from is None or self.in_force_from <= day
        return started and (self.in_force_until is None or day <= self.in_force_until)


@attrs.frozen(repr=False)
class PloDescription(Record):
    """PLO's own description of who negotiates what, cited as PLO's, not the agreement's.

    ``description`` is the key of its text (the catalogue's ``route_plo_description``).
    """

    description: str = attrs.field(validator=nonempty_text)
    sources: tuple[str, ...] = attrs.field(converter=str_tuple, validator=cited)


@attrs.frozen(repr=False)
class AgreementRoutes(Record):
    """The procedures, one per value of ``agreement_procedure``, and PLO's description."""

    plo: PloDescription
    procedures: tuple[Procedure, ...]
    bodies: tuple[Body, ...] = ()
    gp_agreements: tuple[GpAgreement, ...] = ()

    def __attrs_post_init__(self) -> None:
        values = [p.value for p in self.procedures]
        keys = {b.key for b in self.bodies}
        for proc in self.procedures:
            if values.count(proc.value) > 1:
                raise coded(
                    InvalidValueError, "routes_procedure_twice", {"value": repr(proc.value)}
                )
            if len(proc.routes) > 1 and not proc.choice:
                raise coded(InvalidValueError, "routes_no_choice", {"value": repr(proc.value)})
            if not proc.routes and not proc.abolished:
                raise coded(InvalidValueError, "routes_none", {"value": repr(proc.value)})
            named = [*proc.abolished, *(r.recipient_key for r in proc.routes)]
            unknown = [k for k in named if k not in keys]
            if unknown:
                raise coded(
                    InvalidValueError,
                    "routes_unknown_body",
                    {"value": repr(proc.value), "bodies": tuple(unknown)},
                )
            wanted = [*proc.text_keys(), *(f"body.{k}" for k in proc.abolished)]
            wanted.append(f"route_plo_description.{self.plo.description}")
            missing = [k for k in wanted if k not in catalogue("da") or k not in catalogue("en")]
            if missing:
                raise coded(
                    InvalidValueError,
                    "routes_no_text",
                    {"value": repr(proc.value), "keys": tuple(dict.fromkeys(missing))},
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
PLO_DESCRIPTION: str = f"route_plo_description.{ROUTES.plo.description}"
"""The catalogue key of PLO's description (``PLO-K-COMP``)."""
PLO_SOURCES: tuple[str, ...] = ROUTES.plo.sources
PROCEDURES: Mapping[str, Procedure] = MappingProxyType({p.value: p for p in ROUTES.procedures})
BODIES: Mapping[str, Body] = MappingProxyType({b.key: b for b in ROUTES.bodies})
"""The dated bodies, by key."""
GP_AGREEMENTS: tuple[GpAgreement, ...] = ROUTES.gp_agreements
"""The GP agreements the data knows, oldest first."""


def procedure(value: str) -> Procedure:
    """The procedure for the ``agreement_procedure`` value ``value``."""
    found = PROCEDURES.get(value)
    if found is None:
        raise coded(
            InvalidValueError,
            "routes_unknown_procedure",
            {"value": repr(value), "known": tuple(PROCEDURES)},
        )
    return found


def body(key: str) -> Body | None:
    """The dated body ``key``, or ``None`` when the data does not date it."""
    return BODIES.get(key)


def agreements_on(day: date) -> tuple[GpAgreement, ...]:
    """The GP agreements the data holds in force on ``day`` (none before OK22's data)."""
    return tuple(a for a in GP_AGREEMENTS if a.in_force_on(day))
