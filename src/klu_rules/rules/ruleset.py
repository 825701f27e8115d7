"""Rule sets as dated data.

A :class:`RuleSet` holds values that change over time. Each
:class:`RuleEntry` carries its value, the date it takes effect, its sources
(RULES.md keys), whether it is a rule, an **assumption** or a
**convention**, and, for national values, the direction of the bound
(``minimum`` / ``maximum``). ``rules.in_force(on=day)`` gives the values in
force on a day, with local values layered on national ones (RULES.md § 3,
"Layering"):

- a local value on the permitted side of the national bound replaces it;
- a local value beyond the bound does not apply under
  ``layering="strictest"`` (the default): the national value does, and a
  finding says so; ``layering="local"`` applies the local value anyway and
  still reports the difference.

The national rules (:data:`NATIONAL`) and Aalborg's rules of procedure
(:data:`AALBORG`) ship as TOML files inside the package, read by
:func:`load_rule_set`, the same loader a municipality uses for its own rules
of procedure. The file format is documented in ``docs/rule-sets.md``.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from klu_rules.core import toml as _toml
from klu_rules.core.convert import nonempty_text, parse_enum, to_tuple
from klu_rules.core.errors import (
    InvalidRuleSetError,
    InvalidValueError,
    NoRulesInForceError,
    UnknownRuleSetError,
)
from klu_rules.core.findings import Finding, finding
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.sources import check_sources
from klu_rules.core.types import BOUND_DIRECTIONS, LAYERINGS, BoundDirection, Layering
from klu_rules.model.agenda import AgendaItemKind
from klu_rules.model.people import Role, Side

__all__ = [
    "AALBORG",
    "NATIONAL",
    "RULE_KEYS",
    "FixedAgendaItem",
    "ResolvedRule",
    "RuleEntry",
    "RuleKey",
    "RuleSet",
    "RuleStatus",
    "RulesInForce",
    "Seat",
    "Topic",
    "TopicEntry",
    "builtin_rule_sets",
    "dump_rule_set",
    "get_rule_set",
    "load_rule_set",
    "parse_rule_set",
]

SCHEMA_VERSION = 1

NATIONAL: RuleSet  # loaded on first use by __getattr__ below
AALBORG: RuleSet
RuleValue = int | bool | str | Decimal | Period | Money
Level = Literal["national", "local"]


class RuleStatus(enum.StrEnum):
    """Whether a value is stated by a source, an assumption, or a computation convention."""

    RULE = "rule"
    ASSUMPTION = "assumption"
    CONVENTION = "convention"


# ---------------------------------------------------------------------------
# the catalogue of keys


@attrs.frozen(slots=True)
class RuleKey:
    """What a rule key means and what values it takes."""

    key: str
    value_type: type
    description: str
    choices: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


def _keys(*keys: RuleKey) -> dict[str, RuleKey]:
    return {k.key: k for k in keys}


_CAL = ("days", "weeks", "months")
_LEN = ("minutes", "hours")

RULE_KEYS: dict[str, RuleKey] = _keys(
    RuleKey("doctor_seats", int, "Doctor members of the committee (lægelige medlemmer)."),
    RuleKey("meetings_per_year", int, "Meetings a year (held, not planned)."),
    RuleKey(
        "meeting_length", Period, "Length of a meeting (national: up to; local: norm).", units=_LEN
    ),
    RuleKey(
        "agenda_dispatch_notice",
        Period,
        "The agenda goes to the members no later than this before the meeting.",
        units=_CAL,
    ),
    RuleKey(
        "call_for_items_notice",
        Period,
        "The secretariat calls for agenda items no later than this before the meeting.",
        units=_CAL,
    ),
    RuleKey(
        "items_due_after_call",
        Period,
        "Agenda items reach the secretariat no later than this after the call.",
        units=_CAL,
    ),
    RuleKey("dialogue_meetings_per_year", int, "Dialogue meetings a year, at most."),
    RuleKey(
        "dialogue_announcement_notice",
        Period,
        "A dialogue meeting is announced at least this far ahead.",
        units=_CAL,
    ),
    RuleKey("calendar_agreed_per_year", bool, "Meetings are agreed one calendar year at a time."),
    RuleKey(
        "next_year_topics_at_last_meeting",
        bool,
        "The year's last meeting agrees next year's strategic topics (årshjul).",
    ),
    RuleKey("paid_doctors", int, "Doctors whose meeting attendance the municipality pays."),
    RuleKey(
        "honorarium_payer",
        str,
        "Who pays the doctors' meeting fee.",
        choices=("municipality", "region"),
    ),
    RuleKey("substitutes_paid", bool, "A substitute is paid in the member's place."),
    RuleKey("supplementing_doctors_paid", bool, "Supplementing doctors are paid."),
    RuleKey(
        "quorum_doctor_share",
        Decimal,
        "Share of doctor seats (rounded up) that must be filled for a quorum.",
    ),
    RuleKey("quorum_municipal_present", int, "Members of the municipal side present, at least."),
    RuleKey("annual_evaluation_required", bool, "The cooperation is evaluated every year."),
    RuleKey("evaluation_recipient", str, "Who receives the annual evaluation."),
    RuleKey(
        "agreement_procedure",
        str,
        "How a draft agreement from the committee proceeds.",
        choices=(
            "samarbejdsudvalg-or-praksisudvalg",
            "praksisplanudvalg",
            "sundhedssamarbejdsudvalg",
        ),
    ),
    RuleKey(
        "nursing_home_monthly_fee",
        Money,
        "Fixed monthly fee of a nursing-home doctor (fast tilknyttet læge).",
    ),
    RuleKey("nursing_home_hourly_rate", Money, "Hourly rate of nursing-home advice or teaching."),
    RuleKey(
        "nursing_home_extra_hour_over_residents",
        int,
        "More residents than this at one home allow extra monthly hours.",
    ),
    RuleKey("nursing_home_extra_hours", int, "Extra monthly hours above the threshold."),
    RuleKey(
        "nursing_home_fee_payer",
        str,
        "Who pays the nursing-home doctor fee.",
        choices=("municipality", "region"),
    ),
    RuleKey(
        "roll_before",
        str,
        "Where a deadline counted back from the meeting goes when it hits a closed day.",
        choices=("preceding", "following"),
    ),
    RuleKey(
        "roll_after",
        str,
        "Where a deadline counted forward from an event goes when it hits a closed day.",
        choices=("preceding", "following"),
    ),
)

_BOUNDABLE = (int, Decimal, Period, Money)


def _check_value(key: str, value: object) -> None:
    spec = RULE_KEYS.get(key)
    if spec is None:
        raise InvalidRuleSetError(
            f"unknown rule key {key!r}; known keys are {', '.join(sorted(RULE_KEYS))}"
        )
    kind = spec.value_type
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        raise InvalidRuleSetError(f"rule {key!r} takes {_type_word(kind)}, got {value!r}")
    if isinstance(value, str) and not value.strip():
        raise InvalidRuleSetError(f"rule {key!r} takes text, got blank {value!r}")
    if spec.choices and value not in spec.choices:
        raise InvalidRuleSetError(
            f"rule {key!r} is one of {', '.join(map(repr, spec.choices))}, got {value!r}"
        )
    if isinstance(value, Period) and spec.units and value.unit not in spec.units:
        raise InvalidRuleSetError(
            f"rule {key!r} is stated in {' or '.join(spec.units)}, got {value}"
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidRuleSetError(f"rule {key!r} must be a finite number, got {value}")
    if isinstance(value, int | Decimal) and not isinstance(value, bool) and value < 0:
        raise InvalidRuleSetError(f"rule {key!r} cannot be negative, got {value}")


def _type_word(kind: type) -> str:
    return {
        int: "a whole number",
        bool: "true or false",
        str: "text",
        Decimal: 'a decimal written as a string, e.g. "0.5"',
        Period: 'a period such as "2 weeks"',
        Money: 'an amount table { amount = "1935.27", price_level = "2021-04" }',
    }[kind]


# ---------------------------------------------------------------------------
# entries


def _sources(value: Iterable[str]) -> tuple[str, ...]:
    return check_sources(value)


def _required_sources(value: Iterable[str]) -> tuple[str, ...]:
    result = check_sources(value)
    if not result:
        raise InvalidValueError("every entry needs at least one source key (see RULES.md)")
    return result


def _to_status(value: object) -> RuleStatus:
    return parse_enum(RuleStatus, value)


@attrs.frozen(slots=True)
class RuleEntry:
    """One dated value of one rule key, with its sources."""

    key: str
    value: RuleValue
    effective_from: date
    sources: tuple[str, ...] = attrs.field(converter=_sources)
    bound: BoundDirection | None = None
    status: RuleStatus = attrs.field(default=RuleStatus.RULE, converter=_to_status)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        _check_value(self.key, self.value)
        if not self.sources and self.status is not RuleStatus.ASSUMPTION:
            raise InvalidRuleSetError(
                f"rule {self.key!r} needs at least one source key (see RULES.md); only an "
                'assumption (status = "assumption") may have none'
            )
        if self.bound is not None:
            if self.bound not in BOUND_DIRECTIONS:
                raise InvalidRuleSetError(
                    f"rule {self.key!r}: bound is 'minimum' or 'maximum', got {self.bound!r}"
                )
            if isinstance(self.value, bool) or not isinstance(self.value, _BOUNDABLE):
                raise InvalidRuleSetError(
                    f"rule {self.key!r}: only numbers, amounts and periods can be bounds"
                )


def _to_agenda_item_kind(value: object) -> AgendaItemKind:
    return parse_enum(AgendaItemKind, value)


@attrs.frozen(slots=True)
class FixedAgendaItem:
    """A fixed item every agenda has (*fast punkt*), e.g. 1. *Godkendelse af dagsordenen*."""

    key: str
    number: str
    title_da: str = attrs.field(validator=nonempty_text)
    kind: AgendaItemKind = attrs.field(converter=_to_agenda_item_kind)
    effective_from: date = attrs.field()
    sources: tuple[str, ...] = attrs.field(converter=_required_sources)


def _optional_nonblank(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidRuleSetError(
            f"{type(instance).__name__}.{attribute.name} must be non-blank text or None, "
            f"got {value!r}"
        )


@attrs.frozen(slots=True)
class TopicEntry:
    """A topic catalogue entry of one rule set: a new topic, or a local number for one."""

    key: str
    effective_from: date
    sources: tuple[str, ...] = attrs.field(converter=_required_sources)
    number: str | None = attrs.field(default=None, validator=_optional_nonblank)
    name_da: str | None = attrs.field(default=None, validator=_optional_nonblank)
    name_en: str | None = attrs.field(default=None, validator=_optional_nonblank)
    standing: bool | None = None


@attrs.frozen(slots=True)
class Topic:
    """A topic in force: standing (*fast emne*) or as needed (*efter behov*).

    ``numbers`` maps a rule set's name to the number that rule set gives the
    topic (``{"national": "10", "aalborg": "1"}``).
    """

    key: str
    name_da: str
    name_en: str
    standing: bool
    numbers: Mapping[str, str]
    sources: tuple[str, ...]


@attrs.frozen(slots=True)
class Seat:
    """A seat the rules of procedure name (*faste deltagere*); ``count`` None = "the board"."""

    key: str
    title_da: str
    side: Side
    role: Role
    effective_from: date
    sources: tuple[str, ...] = attrs.field(converter=_required_sources)
    count: int | None = None
    organisation: str | None = None


# ---------------------------------------------------------------------------
# rule sets


def _tuple_of_ruleentry(value: Iterable[RuleEntry]) -> tuple[RuleEntry, ...]:
    """Entries in one canonical order (key, then date), so equal rule sets compare equal."""
    entries = to_tuple(value)
    for entry in entries:
        if not isinstance(entry, RuleEntry):
            raise InvalidRuleSetError(f"a rule set holds RuleEntry values, got {entry!r}")
    return tuple(sorted(entries, key=lambda e: (e.key, e.effective_from)))


def _tuple_of_fixedagendaitem(value: Iterable[FixedAgendaItem]) -> tuple[FixedAgendaItem, ...]:
    return to_tuple(value)


def _tuple_of_topicentry(value: Iterable[TopicEntry]) -> tuple[TopicEntry, ...]:
    return to_tuple(value)


def _tuple_of_seat(value: Iterable[Seat]) -> tuple[Seat, ...]:
    return to_tuple(value)


@attrs.frozen(slots=True)
class RuleSet:
    """A named set of dated rules, national or local (layered on ``parent``)."""

    name: str = attrs.field(validator=nonempty_text)
    title: str = attrs.field(validator=nonempty_text)
    level: Level = attrs.field()
    entries: tuple[RuleEntry, ...] = attrs.field(converter=_tuple_of_ruleentry)
    parent: RuleSet | None = None
    fixed_agenda_items: tuple[FixedAgendaItem, ...] = attrs.field(
        default=(), converter=_tuple_of_fixedagendaitem
    )
    topics: tuple[TopicEntry, ...] = attrs.field(default=(), converter=_tuple_of_topicentry)
    seats: tuple[Seat, ...] = attrs.field(default=(), converter=_tuple_of_seat)
    origin: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.level not in ("national", "local"):
            raise InvalidRuleSetError(f"level is 'national' or 'local', got {self.level!r}")
        if self.level == "local" and self.parent is None:
            raise InvalidRuleSetError(
                f"local rule set {self.name!r} must be layered on a national rule set"
            )
        if self.level == "national" and self.parent is not None:
            raise InvalidRuleSetError(f"national rule set {self.name!r} cannot have a parent")
        if self.parent is not None and self.parent.level != "national":
            raise InvalidRuleSetError("a local rule set is layered on a national one only")
        seen: set[tuple[str, date]] = set()
        for entry in self.entries:
            if (entry.key, entry.effective_from) in seen:
                raise InvalidRuleSetError(
                    f"rule {entry.key!r} has two values taking effect on "
                    f"{entry.effective_from.isoformat()}; keep one"
                )
            seen.add((entry.key, entry.effective_from))
            if self.level == "local" and entry.bound is not None:
                raise InvalidRuleSetError(
                    f"rule {entry.key!r}: bounds belong to national rules; a local value is "
                    "checked against the national bound"
                )
        if self.parent is not None:
            self._check_comparable(self.parent)

    def _check_comparable(self, parent: RuleSet) -> None:
        for entry in self.entries:
            for other in parent.entries:
                if (
                    other.key == entry.key
                    and isinstance(entry.value, Period)
                    and isinstance(other.value, Period)
                    and not entry.value.comparable_with(other.value)
                ):
                    raise InvalidRuleSetError(
                        f"rule {entry.key!r}: local {entry.value} cannot be compared with the "
                        f"national {other.value}; use the national unit"
                    )

    def entries_of(self, key: str) -> tuple[RuleEntry, ...]:
        """The entries of ``key`` in this set (not the parent), oldest first."""
        return _index(self).get(key, ())

    @property
    def starts(self) -> date | None:
        """The first day any rule of the national layer is in force."""
        national = self if self.parent is None else self.parent
        days = [e.effective_from for e in national.entries]
        return min(days) if days else None

    def history(self, key: str) -> tuple[RuleEntry, ...]:
        """All entries of ``key`` in this set (not the parent), newest first."""
        if key not in RULE_KEYS:
            raise InvalidValueError(f"unknown rule key {key!r}")
        return tuple(
            sorted(
                (e for e in self.entries if e.key == key),
                key=lambda e: e.effective_from,
                reverse=True,
            )
        )

    def in_force(self, on: date, *, layering: Layering = "strictest") -> RulesInForce:
        """The rules in force on ``on``; before any national rule, NoRulesInForceError."""
        if not isinstance(on, date):
            raise InvalidValueError(f"on must be a date, got {on!r}")
        if layering not in LAYERINGS:
            raise InvalidValueError(f"layering is one of {', '.join(LAYERINGS)}, got {layering!r}")
        start = self.starts
        if start is None or on < start:
            raise NoRulesInForceError(
                f"no KLU rules are in force on {on.isoformat()}: the national rules "
                f"({', '.join(_national_sources(self))}) take effect on "
                f"{start.isoformat() if start else 'no date'}; plan meetings from then on"
            )
        return RulesInForce(rule_set=self, on=on, layering=layering)


def _national_sources(rule_set: RuleSet) -> list[str]:
    national = rule_set if rule_set.parent is None else rule_set.parent
    start = rule_set.starts
    return sorted(
        {
            s
            for e in national.entries
            if e.effective_from == start and e.status is RuleStatus.RULE
            for s in e.sources
        }
    )


_INDEXES: OrderedDict[int, tuple[RuleSet, dict[str, tuple[RuleEntry, ...]]]] = OrderedDict()
_INDEXES_MAX = 64


def _index(rule_set: RuleSet) -> dict[str, tuple[RuleEntry, ...]]:
    """The rule set's entries by key (a small cache by identity: rule sets are immutable)."""
    hit = _INDEXES.get(id(rule_set))
    if hit is not None and hit[0] is rule_set:
        _INDEXES.move_to_end(id(rule_set))
        return hit[1]
    index: dict[str, tuple[RuleEntry, ...]] = {}
    for entry in rule_set.entries:  # sorted by key, then date
        index[entry.key] = (*index.get(entry.key, ()), entry)
    _INDEXES[id(rule_set)] = (rule_set, index)
    if len(_INDEXES) > _INDEXES_MAX:
        _INDEXES.popitem(last=False)
    return index


@attrs.frozen(slots=True)
class ResolvedRule:
    """The value of one key in force on a day, and why."""

    key: str
    value: RuleValue
    applied: Level
    national: RuleEntry | None
    local: RuleEntry | None
    layering: Layering
    beyond_bound: bool

    @property
    def entry(self) -> RuleEntry:
        """The entry whose value applies."""
        chosen = self.local if self.applied == "local" else self.national
        assert chosen is not None
        return chosen

    @property
    def sources(self) -> tuple[str, ...]:
        keys = list(self.entry.sources)
        if self.beyond_bound:
            other = self.national if self.applied == "local" else self.local
            if other is not None:
                keys += [s for s in other.sources if s not in keys]
        return tuple(keys)

    @property
    def status(self) -> RuleStatus:
        return self.entry.status

    def explain(self) -> str:
        """One sentence: the value, where it comes from, and any conflict."""
        cited = "/".join(self.entry.sources) or "no source"
        text = (
            f"{self.key} = {_show(self.value)} from {cited} "
            f"(in force from {self.entry.effective_from.isoformat()})"
        )
        if self.status is not RuleStatus.RULE:
            text += f", {'an' if self.status is RuleStatus.ASSUMPTION else 'a'} {self.status.value}"
        if self.beyond_bound and self.national is not None and self.local is not None:
            text += (
                f"; the local value {_show(self.local.value)} is beyond the national "
                f"{self.national.bound} {_show(self.national.value)}"
            )
        return text


def _show(value: RuleValue) -> str:
    if isinstance(value, Money):
        return value.format_da()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _beyond(national: RuleEntry, local: RuleEntry) -> bool:
    if national.bound is None:
        return False
    a, b = local.value, national.value
    if isinstance(a, Period) and isinstance(b, Period):
        cmp = a.compare(b)
    elif isinstance(a, Money) and isinstance(b, Money):
        cmp = (a.amount > b.amount) - (a.amount < b.amount)
    else:
        cmp = (a > b) - (a < b)  # type: ignore[operator]
    return cmp < 0 if national.bound == "minimum" else cmp > 0


@attrs.frozen(slots=True)
class RulesInForce:
    """The rules of one rule set in force on one day, with layering applied."""

    rule_set: RuleSet
    on: date
    layering: Layering = "strictest"

    def _entry(self, rule_set: RuleSet | None, key: str) -> RuleEntry | None:
        if rule_set is None:
            return None
        chosen: RuleEntry | None = None
        for entry in rule_set.entries_of(key):  # oldest first
            if entry.effective_from > self.on:
                break
            chosen = entry
        return chosen

    def _national_and_local(self, key: str) -> tuple[RuleEntry | None, RuleEntry | None]:
        if self.rule_set.level == "national":
            return self._entry(self.rule_set, key), None
        return self._entry(self.rule_set.parent, key), self._entry(self.rule_set, key)

    def has(self, key: str) -> bool:
        national, local = self._national_and_local(key)
        return national is not None or local is not None

    def get(self, key: str) -> ResolvedRule:
        """The resolved value of ``key``; NoRulesInForceError if no value is in force."""
        if key not in RULE_KEYS:
            raise InvalidValueError(
                f"unknown rule key {key!r}; known keys are {', '.join(sorted(RULE_KEYS))}"
            )
        national, local = self._national_and_local(key)
        if national is None and local is None:
            raise NoRulesInForceError(
                f"rule set {self.rule_set.name!r} has no value for {key!r} in force on "
                f"{self.on.isoformat()}"
            )
        if local is None:
            assert national is not None
            return ResolvedRule(
                key, national.value, "national", national, None, self.layering, False
            )
        if national is None:
            return ResolvedRule(key, local.value, "local", None, local, self.layering, False)
        beyond = _beyond(national, local)
        applied: Level = "national" if beyond and self.layering == "strictest" else "local"
        value = national.value if applied == "national" else local.value
        return ResolvedRule(key, value, applied, national, local, self.layering, beyond)

    def value(self, key: str) -> RuleValue:
        return self.get(key).value

    def national_value(self, key: str) -> RuleValue | None:
        """The national value of ``key`` in force, ignoring any local value."""
        national, _ = self._national_and_local(key)
        return None if national is None else national.value

    def period(self, key: str) -> Period:
        value = self.value(key)
        if not isinstance(value, Period):  # a key whose values are not periods
            raise InvalidRuleSetError(
                f"rule {key!r} is not a period: its value in force is {value!r}; read it with "
                f"value({key!r})"
            )
        return value

    def keys(self) -> tuple[str, ...]:
        return tuple(k for k in RULE_KEYS if self.has(k))

    def resolved(self) -> tuple[ResolvedRule, ...]:
        return tuple(self.get(k) for k in self.keys())

    def findings(self, keys: Iterable[str] | None = None) -> tuple[Finding, ...]:
        """A ``rules.local-beyond-bound`` finding for each key whose local value is beyond."""
        result = []
        for key in self.keys() if keys is None else keys:
            if not self.has(key):
                continue
            rule = self.get(key)
            if not rule.beyond_bound:
                continue
            assert rule.national is not None
            assert rule.local is not None
            action = (
                f"the national {rule.national.value} applies"
                if rule.applied == "national"
                else f"the local {rule.local.value} is applied anyway (layering='local')"
            )
            result.append(
                finding(
                    "rules.local-beyond-bound",
                    f"The local rule {key} = {rule.local.value} "
                    f"({'/'.join(rule.local.sources)}) is beyond the national "
                    f"{rule.national.bound} "
                    f"of {rule.national.value} ({'/'.join(rule.national.sources)}); {action}.",
                    sources=rule.sources,
                    key=key,
                    local=str(rule.local.value),
                    national=str(rule.national.value),
                    layering=self.layering,
                )
            )
        return tuple(result)

    # -- structured data -----------------------------------------------------
    @property
    def fixed_agenda_items(self) -> tuple[FixedAgendaItem, ...]:
        """Fixed agenda items in force; a local list replaces the national one."""
        for rule_set in (self.rule_set, self.rule_set.parent):
            if rule_set is None:
                continue
            in_force = [i for i in rule_set.fixed_agenda_items if i.effective_from <= self.on]
            if in_force:
                newest = max(i.effective_from for i in in_force)
                return tuple(i for i in in_force if i.effective_from == newest)
        return ()

    @property
    def seats(self) -> tuple[Seat, ...]:
        """The seats named by the rules in force (local first, else national)."""
        for rule_set in (self.rule_set, self.rule_set.parent):
            if rule_set is None:
                continue
            in_force = [s for s in rule_set.seats if s.effective_from <= self.on]
            if in_force:
                newest = max(s.effective_from for s in in_force)
                return tuple(s for s in in_force if s.effective_from == newest)
        return ()

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The topic catalogue in force: national topics, extended and numbered locally."""
        layers = [r for r in (self.rule_set.parent, self.rule_set) if r is not None]
        merged: dict[str, dict[str, Any]] = {}
        for layer in layers:
            for entry in sorted(layer.topics, key=lambda t: t.effective_from):
                if entry.effective_from > self.on:
                    continue
                slot = merged.setdefault(
                    entry.key,
                    {
                        "name_da": None,
                        "name_en": None,
                        "standing": None,
                        "numbers": {},
                        "sources": [],
                    },
                )
                for field in ("name_da", "name_en", "standing"):
                    if getattr(entry, field) is not None:
                        slot[field] = getattr(entry, field)
                if entry.number is not None:
                    slot["numbers"][layer.name] = entry.number
                slot["sources"] += [s for s in entry.sources if s not in slot["sources"]]
        return tuple(
            Topic(
                key,
                s["name_da"],
                s["name_en"],
                bool(s["standing"]),
                dict(s["numbers"]),
                tuple(s["sources"]),
            )
            for key, s in merged.items()
            if s["name_da"] is not None
        )

    def topic(self, key: str) -> Topic:
        for topic in self.topics:
            if topic.key == key:
                return topic
        raise InvalidValueError(
            f"unknown topic {key!r}; the catalogue in force has "
            + ", ".join(t.key for t in self.topics)
        )


# ---------------------------------------------------------------------------
# loading and dumping

_ROLE_VALUES = tuple(r.value for r in Role)
_SIDE_VALUES = tuple(s.value for s in Side)


def _read_value(reader: _toml.TableReader, key: str) -> RuleValue:
    spec = RULE_KEYS[key]
    kind = spec.value_type
    if kind is Period:
        text = reader.get_str("value")
        with reader.located():
            return Period.parse(text)
    if kind is Money:
        table = reader.get_table("value")
        amount = table.get_decimal("amount")
        level = table.get_str("price_level")
        table.finish()
        with table.located():
            return Money(amount, level)
    if kind is Decimal:
        value: RuleValue = reader.get_decimal("value")
        return value
    if kind is bool:
        flag: bool = reader.get_bool("value")
        return flag
    if kind is int:
        number: int = reader.get_int("value")
        return number
    text_value = reader.get_str("value")
    assert isinstance(text_value, str)
    return text_value


def parse_rule_set(
    data: Mapping[str, Any],
    *,
    path: str | Path | None = None,
    parent: RuleSet | None = None,
) -> RuleSet:
    """Build a rule set from parsed TOML ``data`` (see :func:`load_rule_set`)."""
    top = _toml.TableReader(data, path=path)
    top.check_schema_version(SCHEMA_VERSION)
    name = top.get_str("name")
    title = top.get_str("title")
    level = top.get_choice("level", ("national", "local"))
    if level == "local":
        base_name = top.get_str("layered_on")
        if parent is None:
            if base_name != "national":
                raise top.error(
                    f"a local rule set is layered on 'national', got {base_name!r}", "layered_on"
                )
            parent = _builtin("national")
    elif top.has("layered_on"):
        raise top.error("a national rule set is not layered on anything", "layered_on")
    entries: list[RuleEntry] = []
    rules = top.get_table("rules", {})
    if isinstance(rules, _toml.TableReader):
        for key in rules.keys():  # noqa: SIM118 - a TableReader, not a dict
            if key not in RULE_KEYS:
                raise rules.error(
                    f"unknown rule key; known keys are {', '.join(sorted(RULE_KEYS))}", key
                )
            for item in rules.get_tables(key):
                value = _read_value(item, key)
                effective = item.get_date("effective_from")
                sources = item.get_str_list("sources")
                bound = item.get_choice("bound", BOUND_DIRECTIONS, None)
                status = item.get_choice("status", tuple(s.value for s in RuleStatus), "rule")
                note = item.get_str("note", "", nonempty=False)
                item.finish()
                with item.located():
                    entries.append(RuleEntry(key, value, effective, sources, bound, status, note))
    fixed: list[FixedAgendaItem] = []
    for item in top.get_tables("fixed_agenda_items"):
        values = (
            item.get_str("key"),
            item.get_str("number"),
            item.get_str("title_da"),
            item.get_choice("kind", tuple(k.value for k in AgendaItemKind)),
            item.get_date("effective_from"),
            item.get_str_list("sources"),
        )
        item.finish()
        with item.located():
            fixed.append(
                FixedAgendaItem(
                    values[0], values[1], values[2], AgendaItemKind(values[3]), values[4], values[5]
                )
            )
    topics: list[TopicEntry] = []
    for item in top.get_tables("topics"):
        values2 = (
            item.get_str("key"),
            item.get_date("effective_from"),
            item.get_str_list("sources"),
            item.get_str("number", None),
            item.get_str("name_da", None),
            item.get_str("name_en", None),
            item.get_bool("standing", None),
        )
        item.finish()
        with item.located():
            topics.append(TopicEntry(*values2))
    seats: list[Seat] = []
    for item in top.get_tables("seats"):
        values3 = (
            item.get_str("key"),
            item.get_str("title_da"),
            item.get_choice("side", _SIDE_VALUES),
            item.get_choice("role", _ROLE_VALUES),
            item.get_date("effective_from"),
            item.get_str_list("sources"),
            item.get_int("count", None, min_value=1),
            item.get_str("organisation", None, nonempty=False),
        )
        item.finish()
        with item.located():
            seats.append(
                Seat(
                    values3[0],
                    values3[1],
                    Side(values3[2]),
                    Role(values3[3]),
                    values3[4],
                    values3[5],
                    values3[6],
                    values3[7],
                )
            )
    top.finish()
    if level == "national" and not entries:
        raise top.error("a national rule set needs at least one rule under [rules]")
    with top.located():
        return RuleSet(
            name=name,
            title=title,
            level=level,
            entries=tuple(entries),
            parent=parent if level == "local" else None,
            fixed_agenda_items=tuple(fixed),
            topics=tuple(topics),
            seats=tuple(seats),
            origin=None if path is None else str(path),
        )


def load_rule_set(path: str | Path, *, parent: RuleSet | None = None) -> RuleSet:
    """Load a rule set from a TOML file, validating every value.

    A local file (``level = "local"``, ``layered_on = "national"``) is layered
    on :data:`NATIONAL` unless ``parent`` is given. Errors name the file, the
    key and what was expected.
    """
    return parse_rule_set(_toml.load_toml_file(path), path=path, parent=parent)


def _value_to_toml(value: RuleValue) -> Any:
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, Money):
        return {"amount": str(value.amount), "price_level": value.price_level}
    if isinstance(value, Decimal):
        return str(value)
    return value


def dump_rule_set(rule_set: RuleSet) -> str:
    """Write ``rule_set`` as TOML that :func:`load_rule_set` reads back equal."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "name": rule_set.name,
        "title": rule_set.title,
        "level": rule_set.level,
        "layered_on": "national" if rule_set.level == "local" else None,
    }
    rules: dict[str, list[dict[str, Any]]] = {}
    for entry in rule_set.entries:
        rules.setdefault(entry.key, []).append(
            {
                "value": _value_to_toml(entry.value),
                "effective_from": entry.effective_from,
                "sources": list(entry.sources),
                "bound": entry.bound,
                "status": None if entry.status is RuleStatus.RULE else entry.status.value,
                "note": entry.note or None,
            }
        )
    data["rules"] = rules
    data["fixed_agenda_items"] = [
        {
            "key": i.key,
            "number": i.number,
            "title_da": i.title_da,
            "kind": i.kind.value,
            "effective_from": i.effective_from,
            "sources": list(i.sources),
        }
        for i in rule_set.fixed_agenda_items
    ]
    data["topics"] = [
        {
            "key": t.key,
            "effective_from": t.effective_from,
            "sources": list(t.sources),
            "number": t.number,
            "name_da": t.name_da,
            "name_en": t.name_en,
            "standing": t.standing,
        }
        for t in rule_set.topics
    ]
    data["seats"] = [
        {
            "key": s.key,
            "title_da": s.title_da,
            "side": s.side.value,
            "role": s.role.value,
            "effective_from": s.effective_from,
            "sources": list(s.sources),
            "count": s.count,
            "organisation": s.organisation,
        }
        for s in rule_set.seats
    ]
    for name in ("fixed_agenda_items", "topics", "seats"):
        if not data[name]:
            del data[name]
    return _toml.dumps(data)


# ---------------------------------------------------------------------------
# built-in rule sets

_BUILTIN_FILES = {"national": "national.toml", "aalborg": "aalborg.toml"}


@cache
def _builtin(name: str) -> RuleSet:
    resource = resources.files("klu_rules") / "data" / _BUILTIN_FILES[name]
    data = _toml.parse_toml_text(resource.read_bytes(), path=f"klu_rules/data/{resource.name}")
    parent = None if name == "national" else _builtin("national")
    return parse_rule_set(data, path=f"klu_rules/data/{resource.name}", parent=parent)


def builtin_rule_sets() -> tuple[str, ...]:
    """Names accepted by :func:`get_rule_set`."""
    return tuple(_BUILTIN_FILES)


def get_rule_set(name_or_path: str | Path) -> RuleSet:
    """A built-in rule set by name (``"national"``, ``"aalborg"``) or a local file by path."""
    if isinstance(name_or_path, str) and name_or_path.lower() in _BUILTIN_FILES:
        return _builtin(name_or_path.lower())
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.exists():
            raise UnknownRuleSetError(f"rule-set file {str(path)!r} does not exist")
        return load_rule_set(path)
    raise UnknownRuleSetError(
        f"unknown rule set {str(name_or_path)!r}; use one of "
        f"{', '.join(builtin_rule_sets())} or the path of a rule-set TOML file"
    )


def __getattr__(name: str) -> RuleSet:
    if name == "NATIONAL":
        return _builtin("national")
    if name == "AALBORG":
        return _builtin("aalborg")
    raise AttributeError(f"module 'klu_rules.rules.ruleset' has no attribute {name!r}")
