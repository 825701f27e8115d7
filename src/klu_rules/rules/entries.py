"""What a rule set holds: the catalogue of rule keys and the dated, typed entries.

:data:`RULE_KEYS` says which keys exist, what type of value each takes
(a whole number, true/false, text, a decimal, a :class:`Period` or an amount
of :class:`Money`) and, for text and periods, which choices or units are
allowed. A :class:`RuleEntry` is one dated value of one key with its
sources (keys of the source catalogue, ``docs/sources.md``), its status
(rule, **assumption** or **convention**) and, for a national value, the
direction of the bound a local value is checked against.
:class:`FixedAgendaItem`, :class:`TopicEntry` and :class:`Seat` are the
structured parts of a rule set. All of them validate when built: they
are the inputs a rule-set file is read into.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs
from attrs import validators as v

from klu_rules.core.convert import nonempty_text, optional_date, parse_enum
from klu_rules.core.errors import InvalidRuleSetError
from klu_rules.core.messages import coded, excerpt, nearest
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.record import Record
from klu_rules.core.result import Parameters
from klu_rules.core.sources import check_sources
from klu_rules.core.types import BOUND_DIRECTIONS, BoundDirection, RollDirection
from klu_rules.model.agenda import AgendaItemKind
from klu_rules.model.people import Role, Side

__all__ = [
    "NOTICE_KEYS",
    "RULE_KEYS",
    "FixedAgendaItem",
    "Notice",
    "RuleEntry",
    "RuleKey",
    "RuleStatus",
    "RuleValue",
    "Seat",
    "Topic",
    "TopicEntry",
    "topics_in_force",
    "type_word",
    "unknown_rule_key",
]

RuleValue = int | bool | str | Decimal | Period | Money
"""The types a rule value takes; :data:`RULE_KEYS` fixes one per key."""


class RuleStatus(enum.StrEnum):
    """Whether a value is stated by a source, an assumption, or a computation convention."""

    RULE = "rule"
    ASSUMPTION = "assumption"
    CONVENTION = "convention"


@attrs.frozen(slots=True, repr=False)
class RuleKey(Record):
    """What a rule key means and what values it takes."""

    key: str
    value_type: type
    description: str
    choices: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


_CAL, _LEN = ("days", "weeks", "months"), ("minutes", "hours")
_PAYERS, _ROLLS = ("municipality", "region"), ("preceding", "following")
_ROUTES = (
    "samarbejdsudvalg-or-praksisudvalg",
    "praksisplanudvalg",
    "sundhedssamarbejdsudvalg",
    "recipient-abolished",
)
_APPOINTERS = ("laegelaug-or-municipality-doctors",)
_PREPARERS = ("klu-chair-and-plo-k-chair",)
_K = RuleKey
_KEYS = (
    _K("doctor_seats", int, "Doctor members of the committee (lægelige medlemmer)."),
    _K("doctor_members_appointed_by", str, "Who appoints the doctor members.", _APPOINTERS),
    _K(
        "doctor_appointment_guided_by",
        str,
        "Who guides the doctors' appointment without a lægelaug.",
    ),
    _K("plo_k_chair_born_member", bool, "PLO-K's chair is a born member (født medlem)."),
    _K("municipal_contact_person_recommended", bool, "A municipal member is the contact person."),
    _K("agenda_prepared_by", str, "Who reviews and prepares the agenda.", _PREPARERS),
    _K("minutes_published", bool, "The minutes are published after the meeting."),
    _K("meetings_per_year", int, "Meetings a year (held, not planned)."),
    _K("meeting_length", Period, "Length of a meeting (national: up to; local: norm).", (), _LEN),
    _K("agenda_dispatch_notice", Period, "Agenda sent at least this before.", (), _CAL),
    _K("call_for_items_notice", Period, "Call for items at least this before.", (), _CAL),
    _K("items_due_after_call", Period, "Items due this long after the call.", (), _CAL),
    _K("dialogue_meetings_per_year", int, "Dialogue meetings a year, at most."),
    _K("dialogue_announcement_notice", Period, "Dialogue meeting announced ahead.", (), _CAL),
    _K("calendar_agreed_per_year", bool, "Meetings are agreed one calendar year at a time."),
    _K("next_year_topics_at_last_meeting", bool, "Last meeting agrees next year's topics."),
    _K("paid_doctors", int, "Doctors whose meeting attendance the municipality pays."),
    _K("honorarium_payer", str, "Who pays the doctors' meeting fee.", _PAYERS),
    _K("substitutes_paid", bool, "A substitute is paid in the member's place."),
    _K("supplementing_doctors_paid", bool, "Supplementing doctors are paid."),
    _K("quorum_doctor_share", Decimal, "Share of doctor seats (rounded up) for a quorum."),
    _K("quorum_municipal_present", int, "Members of the municipal side present, at least."),
    _K("annual_evaluation_required", bool, "The cooperation is evaluated every year."),
    _K("evaluation_recipient", str, "Who receives the annual evaluation."),
    _K("agreement_procedure", str, "How a draft agreement proceeds.", _ROUTES),
    _K("nursing_home_monthly_fee", Money, "Monthly fee of a nursing-home doctor."),
    _K("nursing_home_hourly_rate", Money, "Hourly rate of nursing-home advice or teaching."),
    _K("nursing_home_extra_hour_over_residents", int, "Residents above which hours are added."),
    _K("nursing_home_extra_hours", int, "Extra monthly hours above the threshold."),
    _K("nursing_home_fee_payer", str, "Who pays the nursing-home doctor fee.", _PAYERS),
    _K("roll_before", str, "A deadline counted back onto a closed day moves.", _ROLLS),
    _K("roll_after", str, "A deadline counted forward onto a closed day moves.", _ROLLS),
)
RULE_KEYS: Mapping[str, RuleKey] = MappingProxyType({k.key: k for k in _KEYS})
"""Every rule key, its value type, meaning, and allowed choices or units."""

NOTICE_KEYS: Mapping[str, bool] = {
    "call_for_items_notice": True,
    "items_due_after_call": False,
    "agenda_dispatch_notice": True,
    "dialogue_announcement_notice": True,
}
"""The deadline rules: key -> counted back from the meeting (else forward from the call)."""


class Notice(NamedTuple):
    """One deadline rule in force: its period, how to count it and how it rolls."""

    key: str
    before: bool
    period: Period
    step: timedelta | None  # signed; None for months, which Period counts
    roll: RollDirection | None  # None: no roll rule in force
    sources: tuple[str, ...]
    rolled_sources: tuple[str, ...]  # with the roll rule's sources
    basis: str  # the source keys of the value that applies ("assumption" without)
    keys: tuple[str, ...]  # the rule keys the deadline uses


_TYPE_WORDS: Mapping[type, str] = {
    int: "a whole number",
    bool: "true or false",
    str: "text",
    Decimal: 'a decimal written as a string, e.g. "0.5"',
    Period: 'a period such as "2 weeks"',
    Money: 'an amount table { amount = "1935.27", price_level = "2021-04" }',
}


def type_word(kind: type) -> str:
    """How a value type is named in English, e.g. ``a whole number`` (the text catalogues
    name it in either language as ``error.rule_type.<type name>``)."""
    return _TYPE_WORDS[kind]


def unknown_rule_key(key: object) -> dict[str, str]:
    """The parameters of an unknown-rule-key error: the key (an excerpt) and the nearest
    known key, so that the message suggests one rather than listing them all."""
    return {"key": excerpt(key), "nearest": nearest(key, RULE_KEYS)}


def _refused(text_key: str, **parameters: object) -> InvalidRuleSetError:
    return coded(InvalidRuleSetError, f"rulefile.{text_key}", parameters)


def is_of_type(value: object, kind: type) -> bool:
    """``isinstance(value, kind)``, except that a bool is not a whole number."""
    return isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))


def _known_key(instance: object, attribute: attrs.Attribute[Any], key: object) -> None:
    if key not in RULE_KEYS:
        raise _refused("unknown_key", **unknown_rule_key(key))


def _valid_value(entry: RuleEntry, attribute: attrs.Attribute[Any], value: object) -> None:
    key, spec = entry.key, RULE_KEYS[entry.key]
    if not is_of_type(value, spec.value_type):
        raise _refused(
            "wrong_type", key=repr(key), type=spec.value_type.__name__, value=excerpt(value)
        )
    if isinstance(value, str) and not value.strip():
        raise _refused("blank", key=repr(key), value=excerpt(value))
    if spec.choices and value not in spec.choices:
        choices = ", ".join(map(repr, spec.choices))
        raise _refused("choice", key=repr(key), choices=choices, value=excerpt(value))
    if isinstance(value, Period) and spec.units and value.unit not in spec.units:
        units = ", ".join(spec.units)
        raise _refused("unit", key=repr(key), units=units, value=str(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise _refused("not_finite", key=repr(key), value=str(value))
    if isinstance(value, int | Decimal) and not isinstance(value, bool) and value < 0:
        raise _refused("negative", key=repr(key), value=str(value))


def _valid_bound(entry: RuleEntry, attribute: attrs.Attribute[Any], bound: object) -> None:
    if bound is None:
        return
    if bound not in BOUND_DIRECTIONS:
        raise _refused("bound", key=repr(entry.key), value=excerpt(bound))
    if isinstance(entry.value, bool) or not isinstance(entry.value, int | Decimal | Period | Money):
        raise _refused("bound_type", key=repr(entry.key))


def _cited(entry: RuleEntry, attribute: attrs.Attribute[Any], sources: tuple[str, ...]) -> None:
    # a stated rule cites its source; an assumption or a convention (a computation
    # choice of the library, such as the backward roll) may have none
    if not sources and entry.status is RuleStatus.RULE:
        raise _refused("uncited", key=repr(entry.key))


def _required_sources(value: Iterable[str]) -> tuple[str, ...]:
    result = check_sources(value)
    if not result:
        raise _refused("no_sources")
    return result


def _status(value: object) -> RuleStatus:
    return parse_enum(RuleStatus, value)


def _kind(value: object) -> AgendaItemKind:
    return parse_enum(AgendaItemKind, value)


def _side(value: object) -> Side:
    return parse_enum(Side, value)


def _role(value: object) -> Role:
    return parse_enum(Role, value)


def _of(*kinds: type) -> Any:
    """An attrs validator: ``value`` is one of ``kinds`` (a bool is not an int), or a rule error."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not any(is_of_type(value, kind) for kind in kinds):
            raise _refused(
                "field_type",
                field=f"{type(instance).__name__}.{attribute.name}",
                types=", ".join(k.__name__ for k in kinds),
                value=excerpt(value),
            )

    return check


def _positive(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 1:
        raise _refused(
            "below_one", field=f"{type(instance).__name__}.{attribute.name}", value=value
        )


_day = [_of(date), optional_date]


@attrs.frozen(slots=True, repr=False)
class RuleEntry(Record):
    """One dated value of one rule key, with its sources."""

    key: str = attrs.field(validator=_known_key)
    value: RuleValue = attrs.field(validator=_valid_value)
    effective_from: date = attrs.field(validator=_day)
    sources: tuple[str, ...] = attrs.field(converter=check_sources, validator=_cited)
    bound: BoundDirection | None = attrs.field(default=None, validator=_valid_bound)
    status: RuleStatus = attrs.field(default=RuleStatus.RULE, converter=_status)
    note: str = attrs.field(default="", validator=_of(str))


@attrs.frozen(slots=True, repr=False)
class FixedAgendaItem(Record):
    """A fixed item every agenda has (*fast punkt*), e.g. 1. *Godkendelse af dagsordenen*."""

    key: str = attrs.field(validator=nonempty_text)
    number: str = attrs.field(validator=nonempty_text)
    title_da: str = attrs.field(validator=nonempty_text)
    kind: AgendaItemKind = attrs.field(converter=_kind)
    effective_from: date = attrs.field(validator=_day)
    sources: tuple[str, ...] = attrs.field(converter=_required_sources)


_text_or_none = v.optional(nonempty_text)


@attrs.frozen(slots=True, repr=False)
class TopicEntry(Record):
    """A topic catalogue entry of one rule set: a new topic, or a local number for one."""

    key: str = attrs.field(validator=nonempty_text)
    effective_from: date = attrs.field(validator=_day)
    sources: tuple[str, ...] = attrs.field(converter=_required_sources)
    number: str | None = attrs.field(default=None, validator=_text_or_none)
    name_da: str | None = attrs.field(default=None, validator=_text_or_none)
    name_en: str | None = attrs.field(default=None, validator=_text_or_none)
    standing: bool | None = attrs.field(default=None, validator=v.optional(_of(bool)))
    note: str = attrs.field(default="", validator=_of(str))


@attrs.frozen(slots=True, repr=False)
class Seat(Record):
    """A seat the rules of procedure name (*faste deltagere*); ``count`` None = "the board"."""

    key: str = attrs.field(validator=nonempty_text)
    title_da: str = attrs.field(validator=nonempty_text)
    side: Side = attrs.field(converter=_side)
    role: Role = attrs.field(converter=_role)
    effective_from: date = attrs.field(validator=_day)
    sources: tuple[str, ...] = attrs.field(converter=_required_sources)
    count: int | None = attrs.field(default=None, validator=v.optional([_of(int), _positive]))
    organisation: str | None = attrs.field(default=None, validator=v.optional(_of(str)))


@attrs.frozen(slots=True, repr=False)
class Topic(Record):
    """A topic in force: standing (*fast emne*) or as needed (*efter behov*).

    ``numbers`` maps a rule set's name to the number that rule set gives the
    topic (``{"national": "10", "aalborg": "1"}``). Built by the rules in force.
    """

    key: str
    name_da: str
    name_en: str
    standing: bool
    numbers: Mapping[str, str]
    sources: tuple[str, ...]


def topics_in_force(
    layers: Iterable[tuple[str, Iterable[TopicEntry]]], on: date
) -> dict[str, Topic]:
    """The topic catalogue in force on ``on`` from ``(rule set name, topic entries)`` layers,
    national first: later layers extend, rename and number the topics."""
    merged: dict[str, dict[str, Any]] = {}
    for name, entries in layers:
        for entry in sorted(entries, key=lambda t: t.effective_from):
            if entry.effective_from > on:
                continue
            slot = merged.setdefault(
                entry.key,
                {"name_da": None, "name_en": None, "standing": None, "numbers": {}, "sources": []},
            )
            for field in ("name_da", "name_en", "standing"):
                if getattr(entry, field) is not None:
                    slot[field] = getattr(entry, field)
            if entry.number is not None:
                slot["numbers"][name] = entry.number
            slot["sources"] += [s for s in entry.sources if s not in slot["sources"]]
    return {
        key: Topic(
            key,
            s["name_da"],
            s["name_en"],
            bool(s["standing"]),
            Parameters(s["numbers"]),
            tuple(s["sources"]),
        )
        for key, s in merged.items()
        if s["name_da"] is not None
    }
