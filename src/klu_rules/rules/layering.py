"""Rule sets, the rules in force on a day, and local rules layered on national ones.

A :class:`RuleSet` is a named, immutable set of dated :class:`RuleEntry`
values, national or local (layered on a national ``parent``).
``rule_set.in_force(on=day)`` gives the :class:`RulesInForce` on a day, with
local values layered on national ones (a **convention**, ``docs/rule-sets.md``):

- a local value on the permitted side of the national bound replaces it;
- a local value beyond the bound does not apply under
  ``layering="strictest"`` (the default): the national value does, and a
  ``rules.local-beyond-bound`` finding says so; ``layering="local"`` applies
  the local value anyway and still reports the difference.

The rules change only on the days in :attr:`RuleSet.changes`, so the rules
in force are resolved once per rule set, layering and effective period and
kept in one bounded, thread-safe index; :func:`clear_caches` empties it.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from klu_rules.core.convert import nonempty_text, to_tuple
from klu_rules.core.errors import InvalidRuleSetError, InvalidValueError, NoRulesInForceError
from klu_rules.core.findings import Finding
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.record import Record
from klu_rules.core.sources import Source, SourceCatalogue, declared_sources
from klu_rules.core.timeutil import get_zone
from klu_rules.core.types import LAYERINGS, Layering
from klu_rules.rules.entries import (
    NOTICE_KEYS,
    RULE_KEYS,
    FixedAgendaItem,
    Notice,
    RuleEntry,
    RuleStatus,
    RuleValue,
    Seat,
    Topic,
    TopicEntry,
    is_of_type,
    topics_in_force,
    unknown_rule_key,
)
from klu_rules.rules.resolved import Level, ResolvedRule, beyond_finding, newest, resolve

__all__ = ["Level", "ResolvedRule", "RuleSet", "RulesInForce", "clear_caches"]

T = TypeVar("T")


def _entries(value: Iterable[RuleEntry]) -> tuple[RuleEntry, ...]:
    """Entries in one canonical order (key, then date), so equal rule sets compare equal."""
    entries = to_tuple(value)
    for entry in entries:
        if not isinstance(entry, RuleEntry):
            raise _refused("not_entry", value=excerpt(entry))
    return tuple(sorted(entries, key=lambda e: (e.key, e.effective_from)))


def _refused(text_key: str, **parameters: object) -> InvalidRuleSetError:
    return coded(InvalidRuleSetError, f"layering.{text_key}", parameters)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return to_tuple(value)


@attrs.frozen(slots=True, cache_hash=True)
class RuleSet:
    """A named set of dated rules, national or local (layered on ``parent``)."""

    name: str = attrs.field(validator=nonempty_text)
    title: str = attrs.field(validator=nonempty_text)
    level: Level
    entries: tuple[RuleEntry, ...] = attrs.field(converter=_entries)
    parent: RuleSet | None = None
    fixed_agenda_items: tuple[FixedAgendaItem, ...] = attrs.field(default=(), converter=_tuple)
    topics: tuple[TopicEntry, ...] = attrs.field(default=(), converter=_tuple)
    seats: tuple[Seat, ...] = attrs.field(default=(), converter=_tuple)
    origin: str | None = attrs.field(default=None, eq=False)
    complete_until: date | None = attrs.field(default=None)
    """The last day this set's data is known complete (its *horizon*); ``None``: not stated."""
    assumed_from: date | None = attrs.field(default=None)
    """The first day from which this set's values are an assumed continuation of the last
    stated ones, up to :attr:`complete_until` (national: 2025-01-01, Aftale25 and Aftale26
    whose text on OK22 § 102 was not found); ``None``: every value up to the horizon is stated."""
    assumed_sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """The sources behind :attr:`assumed_from` (the agreements whose text is not known)."""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=declared_sources)
    """The sources this set declares beside the built-in ones (a file's ``[[sources]]``)."""

    def __attrs_post_init__(self) -> None:
        if self.level not in ("national", "local"):
            raise _refused("level", value=excerpt(self.level))
        if self.level == "local" and self.parent is None:
            raise _refused("no_parent", name=excerpt(self.name))
        if self.level == "national" and self.parent is not None:
            raise _refused("national_parent", name=excerpt(self.name))
        if self.parent is not None and self.parent.level != "national":
            raise _refused("local_parent", name=excerpt(self.name), parent=self.parent.name)
        for before, entry in zip(self.entries, self.entries[1:], strict=False):
            if (before.key, before.effective_from) == (entry.key, entry.effective_from):
                day = entry.effective_from.isoformat()
                raise _refused("two_values", key=repr(entry.key), day=day)
        parent_entries = () if self.parent is None else self.parent.entries
        for entry in self.entries if self.parent is not None else ():
            if entry.bound is not None:
                raise _refused("local_bound", key=repr(entry.key))
            for other in parent_entries:
                if (
                    other.key == entry.key
                    and isinstance(entry.value, Period)
                    and isinstance(other.value, Period)
                    and not entry.value.comparable_with(other.value)
                ):
                    raise _refused(
                        "unit", key=repr(entry.key), local=entry.value, national=other.value
                    )
        until, assumed = self.complete_until, self.assumed_from
        if until is not None and assumed is not None and assumed > until:
            raise _refused("assumed_from", assumed_from=assumed, complete_until=until)
        catalogue = self.catalogue
        catalogue.check_cited(self.assumed_sources, rule_set=self.name)
        for record in (*self.entries, *self.fixed_agenda_items, *self.topics, *self.seats):
            catalogue.check_cited(getattr(record, "sources", ()), rule_set=self.name)

    @property
    def catalogue(self) -> SourceCatalogue:
        """What this set may cite: the built-in sources, the parent's and its own declared."""
        parent = SourceCatalogue() if self.parent is None else self.parent.catalogue
        return parent.including(self.sources)

    def __repr__(self) -> str:
        return f"<RuleSet {self.name!r} ({self.level}, {len(self.entries)} entries)>"

    def entries_of(self, key: str) -> tuple[RuleEntry, ...]:
        """The entries of ``key`` in this set (not the parent), oldest first."""
        return _index(self).by_key.get(key, ())

    @property
    def starts(self) -> date | None:
        """The first day any rule of the national layer is in force."""
        changes = _index(self).changes
        return changes[0] if changes else None

    @property
    def cited_sources(self) -> frozenset[str]:
        """The keys of the sources this set's own rules cite, not its parent's
        (``"AAL2021"`` for Aalborg's): what a local layer rests on, so that a check its
        rules of procedure ask for cites them only where they apply."""
        return _index(self).cited

    @property
    def last_changed(self) -> date | None:
        """The newest ``effective_from`` of the entries of either layer."""
        return _index(self).last_changed

    @property
    def changes(self) -> tuple[date, ...]:
        """The days, from :attr:`starts` on, on which a value of either layer takes effect.

        Between two of them the rules in force are the same: resolve them
        once per period (``in_force(day)`` for any day of it gives equal values).
        """
        return _index(self).changes

    def history(self, key: str) -> tuple[RuleEntry, ...]:
        """All entries of ``key`` in this set (not the parent), newest first."""
        _check_key(key)
        return self.entries_of(key)[::-1]

    def in_force(self, on: date, *, layering: Layering = "strictest") -> RulesInForce:
        """The rules in force on ``on``; before any national rule, NoRulesInForceError."""
        if not isinstance(on, date):
            raise coded(InvalidValueError, "layering.on", {"value": excerpt(on)})
        if isinstance(on, datetime):  # a datetime is a date too, but compares with none
            raise coded(InvalidValueError, "layering.on_datetime", {"value": excerpt(on)})
        if layering not in LAYERINGS:
            raise coded(
                InvalidValueError,
                "layering.layering",
                {"layerings": ", ".join(LAYERINGS), "value": excerpt(layering)},
            )
        return RulesInForce(self, on, layering)


@attrs.frozen(slots=True, repr=False)
class RulesInForce(Record):
    """The rules of one rule set in force on one day, with layering applied.

    Read a value with the getter of its type (:meth:`get_int`,
    :meth:`get_period`, ...), or the whole :class:`ResolvedRule` with :meth:`get`.
    """

    rule_set: RuleSet
    on: date
    layering: Layering = "strictest"
    _period: _Period = attrs.field(init=False, eq=False, repr=False)

    @_period.default
    def _resolve(self) -> _Period:
        return _index(self.rule_set).period(self.rule_set, self.on, self.layering)

    def has(self, key: str) -> bool:
        """Whether a value of ``key`` is in force (national or local)."""
        return key in self._period.rules

    def get(self, key: str) -> ResolvedRule:
        """The resolved value of ``key``; NoRulesInForceError if no value is in force."""
        rule = self._period.rules.get(key)
        if rule is None:
            _check_key(key)
            raise coded(
                NoRulesInForceError,
                "layering.no_value",
                {"rule_set": repr(self.rule_set.name), "key": repr(key), "on": self.on.isoformat()},
            )
        return rule

    def find(self, key: str) -> ResolvedRule | None:
        """The resolved value of ``key``, or None when no value is in force."""
        return self.get(key) if self.has(key) else None

    def value(self, key: str) -> RuleValue:
        """The value in force for ``key``, of the type :data:`RULE_KEYS` gives it."""
        return self.get(key).value

    def _typed(self, key: str, kind: type[T]) -> T:
        actual = _check_key(key).value_type
        if actual is not kind:
            raise _refused(
                "getter",
                key=repr(key),
                type=actual.__name__,
                asked=kind.__name__,
                right=_GETTERS[actual],
                wrong=_GETTERS[kind],
            )
        value = self.get(key).value
        assert is_of_type(value, kind)  # RuleEntry checks every value against RULE_KEYS
        return value  # type: ignore[return-value]

    def get_int(self, key: str) -> int:
        """The whole number in force for ``key`` (e.g. ``meetings_per_year``)."""
        return self._typed(key, int)

    def get_bool(self, key: str) -> bool:
        """The yes/no value in force for ``key``."""
        return self._typed(key, bool)

    def get_text(self, key: str) -> str:
        """The text in force for ``key`` (e.g. a roll: ``roll_before``)."""
        return self._typed(key, str)

    def get_decimal(self, key: str) -> Decimal:
        """The decimal number in force for ``key``."""
        return self._typed(key, Decimal)

    def get_period(self, key: str) -> Period:
        """The period in force for ``key`` (e.g. ``agenda_notice``)."""
        return self._typed(key, Period)

    def get_money(self, key: str) -> Money:
        """The amount in force for ``key``."""
        return self._typed(key, Money)

    period = get_period

    def national_value(self, key: str) -> RuleValue | None:
        """The national value of ``key`` in force, ignoring any local value."""
        rule = self._period.rules.get(key)
        return None if rule is None or rule.national is None else rule.national.value

    def keys(self) -> tuple[str, ...]:
        """The keys with a value in force, in :data:`RULE_KEYS` order."""
        return tuple(self._period.rules)

    @property
    def notices(self) -> Mapping[str, Notice]:
        """Each deadline rule in force (:data:`NOTICE_KEYS`), resolved with its roll (read-only)."""
        return self._period.notices

    def notice_findings(self, keys: tuple[str, ...]) -> tuple[Finding, ...]:
        """The :meth:`findings` of the deadline rules ``keys`` (in force), their rolls and
        ``meeting_length``: what a meeting with those deadlines reports."""
        return self._period.notice_findings[keys]

    def resolved(self) -> tuple[ResolvedRule, ...]:
        """Every :class:`ResolvedRule` in force, in :data:`RULE_KEYS` order."""
        return tuple(self._period.rules.values())

    def findings(self, keys: Iterable[str] | None = None) -> tuple[Finding, ...]:
        """A ``rules.local-beyond-bound`` finding for each key whose local value is beyond."""
        found = self._period.findings
        if keys is None:
            return tuple(found.values())
        return tuple(found[k] for k in keys if k in found)

    @property
    def fixed_agenda_items(self) -> tuple[FixedAgendaItem, ...]:
        """Fixed agenda items in force; a local list replaces the national one."""
        return self._period.fixed_agenda_items

    @property
    def seats(self) -> tuple[Seat, ...]:
        """The seats named by the rules in force (local first, else national)."""
        return self._period.seats

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The topic catalogue in force: national topics, extended and numbered locally."""
        return tuple(self._period.topics.values())

    def topic(self, key: str) -> Topic:
        """The topic ``key`` of the catalogue in force; InvalidValueError for an unknown one."""
        topic = self._period.topics.get(key)
        if topic is None:
            raise coded(
                InvalidValueError,
                "layering.topic",
                {"key": excerpt(key), "topics": ", ".join(self._period.topics)},
            )
        return topic


_GETTERS: Mapping[type, str] = {
    int: "get_int",
    bool: "get_bool",
    str: "get_text",
    Decimal: "get_decimal",
    Period: "get_period",
    Money: "get_money",
}


def _check_key(key: str) -> Any:
    spec = RULE_KEYS.get(key)
    if spec is None:
        raise coded(
            InvalidValueError,
            "layering.unknown_key",
            unknown_rule_key(key),
        )
    return spec


# ---------------------------------------------------------------------------
# resolving one effective period


@attrs.frozen(slots=True, eq=False, repr=False)
class _Period(Record):
    """Everything in force during one effective period under one layering."""

    rules: Mapping[str, ResolvedRule]
    findings: Mapping[str, Finding]
    fixed_agenda_items: tuple[FixedAgendaItem, ...]
    seats: tuple[Seat, ...]
    topics: Mapping[str, Topic]
    notices: Mapping[str, Notice]
    notice_findings: Mapping[tuple[str, ...], tuple[Finding, ...]]
    derived: dict[Callable[[RulesInForce], Any], Any] = attrs.field(factory=dict)


def derived(rules: RulesInForce, build: Callable[[RulesInForce], T]) -> T:
    """``build(rules)``, built once per effective period and layering and kept with it.

    Kept under ``build`` itself, so only the holder of that function reads or
    replaces the value: the engine keeps what it derives from the rules in force
    (the deadline rules of a period) here. Not part of the public API.
    """
    table = rules._period.derived
    if build not in table:
        table.setdefault(build, build(rules))  # atomic in CPython: two threads keep one
    return table[build]  # type: ignore[no-any-return]


def _basis(rule: ResolvedRule) -> str:
    """The source keys of the value that applies (``assumption`` for one without), language-free.

    A local value beyond the national bound is told by the ``rules.local-beyond-bound``
    finding, in either language.
    """
    return "/".join(rule.entry.sources) or "assumption"


def _notices(rules: Mapping[str, ResolvedRule]) -> dict[str, Notice]:
    result = {}
    for key, before in NOTICE_KEYS.items():
        rule = rules.get(key)
        if rule is None:
            continue
        roll_key = "roll_before" if before else "roll_after"
        roll = rules.get(roll_key)
        period = rule.value
        assert isinstance(period, Period)  # guarded by RULE_KEYS
        sources = rule.sources
        extra = () if roll is None else tuple(s for s in roll.sources if s not in sources)
        result[key] = Notice(
            key,
            before,
            period,
            None if period.unit == "months" else period.as_timedelta() * (-1 if before else 1),
            None if roll is None else roll.value,  # type: ignore[arg-type]  # RULE_KEYS choices
            sources,
            sources + extra,
            _basis(rule),
            (key, roll_key),
        )
    return result


def _notice_findings(
    notices: Mapping[str, Notice], findings: Mapping[str, Finding]
) -> dict[tuple[str, ...], tuple[Finding, ...]]:
    """For each subset of ``notices`` (in order), the findings of the keys they use."""
    subsets: list[tuple[str, ...]] = [()]
    for key in notices:
        subsets += [(*s, key) for s in subsets]
    result = {}
    for subset in subsets:
        used = [k for key in subset for k in notices[key].keys] + ["meeting_length"]
        result[subset] = tuple(findings[k] for k in dict.fromkeys(used) if k in findings)
    return result


def _newest_group(layers: Iterable[RuleSet | None], field: str, on: date) -> tuple[Any, ...]:
    """The newest list in force of ``field`` (fixed items, seats) from the first layer with one."""
    for layer in layers:
        in_force = [i for i in getattr(layer, field, ()) if i.effective_from <= on]
        if in_force:
            newest = max(i.effective_from for i in in_force)
            return tuple(i for i in in_force if i.effective_from == newest)
    return ()


def _build_period(rule_set: RuleSet, on: date, layering: Layering) -> _Period:
    national_set = rule_set.parent if rule_set.parent is not None else rule_set
    local_set = rule_set if rule_set.parent is not None else None
    rules: dict[str, ResolvedRule] = {}
    for key in RULE_KEYS:
        national = newest(national_set.entries_of(key), on)
        local = None if local_set is None else newest(local_set.entries_of(key), on)
        if national is not None or local is not None:
            rules[key] = resolve(key, national, local, layering)
    findings = {k: beyond_finding(r) for k, r in rules.items() if r.beyond_bound}
    notices = _notices(rules)
    return _Period(
        rules=MappingProxyType(rules),
        findings=MappingProxyType(findings),
        fixed_agenda_items=_newest_group((local_set, national_set), "fixed_agenda_items", on),
        seats=_newest_group((local_set, national_set), "seats", on),
        topics=MappingProxyType(
            topics_in_force(
                [(layer.name, layer.topics) for layer in (national_set, local_set) if layer], on
            )
        ),
        notices=MappingProxyType(notices),
        notice_findings=MappingProxyType(_notice_findings(notices, findings)),
    )


# ---------------------------------------------------------------------------
# the index: the one cache of the package (RuleSet methods read it)


class _Index:
    """One rule set's entries by key, its change days, and its periods resolved so far."""

    __slots__ = ("by_key", "changes", "cited", "last_changed", "periods")

    def __init__(self, rule_set: RuleSet) -> None:
        self.by_key: dict[str, tuple[RuleEntry, ...]] = {}
        for entry in rule_set.entries:  # sorted by key, then date
            self.by_key[entry.key] = (*self.by_key.get(entry.key, ()), entry)
        national = rule_set.parent if rule_set.parent is not None else rule_set
        starts = min((e.effective_from for e in national.entries), default=None)
        days = {
            item.effective_from
            for layer in (rule_set, rule_set.parent)
            if layer is not None
            for group in (layer.entries, layer.fixed_agenda_items, layer.topics, layer.seats)
            for item in group
        }
        self.changes = tuple(sorted(d for d in days if starts is not None and d >= starts))
        self.last_changed = max(
            (
                e.effective_from
                for layer in (rule_set, rule_set.parent)
                if layer
                for e in layer.entries
            ),
            default=None,
        )
        self.cited = frozenset(
            source
            for group in (
                rule_set.entries,
                rule_set.fixed_agenda_items,
                rule_set.topics,
                rule_set.seats,
            )
            for item in group
            for source in item.sources
        )
        self.periods: dict[tuple[Layering, date], _Period] = {}

    def period(self, rule_set: RuleSet, on: date, layering: Layering) -> _Period:
        index = bisect_right(self.changes, on) - 1
        if index < 0:
            start = self.changes[0] if self.changes else None
            national = rule_set.parent if rule_set.parent is not None else rule_set
            cited = {
                s
                for e in national.entries
                if e.effective_from == start and e.status is RuleStatus.RULE
                for s in e.sources
            }
            text = "no_rules" if start is None else "no_rules_yet" if cited else "no_rules_uncited"
            raise coded(
                NoRulesInForceError,
                f"layering.{text}",
                {"on": on.isoformat(), "sources": ", ".join(sorted(cited)), "start": str(start)},
            )
        key = (layering, self.changes[index])
        found = self.periods.get(key)
        if found is None:
            # Two threads may both build it; dict.setdefault keeps one (atomic in CPython).
            found = self.periods.setdefault(key, _build_period(rule_set, key[1], layering))
        return found


@functools.lru_cache(maxsize=64)  # bounded and thread-safe
def _cached(identity: int, rule_set: RuleSet) -> _Index:
    return _Index(rule_set)


def _index(rule_set: RuleSet) -> _Index:
    """The index of this very rule set (an equal copy has its own: it hands out its entries)."""
    return _cached(id(rule_set), rule_set)  # held by the cache, so its id is not reused


def clear_caches() -> None:
    """Forget the rules in force resolved so far (the package's one cache).

    The index holds, for the 64 rule sets used most recently, the rules in
    force per layering and effective period (the zones by name beside it).
    Clearing it only costs time.
    """
    _cached.cache_clear()
    get_zone.cache_clear()
