"""Strategies for the values rules take (periods, money) and for rule entries and rule sets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.types import BOUND_DIRECTIONS
from klu_rules.rules import ruleset
from klu_rules.rules.ruleset import RULE_KEYS, RuleEntry, RuleSet
from klu_rules.testing import _common as _c

_UNITS = ("minutes", "hours", "days", "weeks", "months")
_MAX_AMOUNT = 999_999
_BOUNDABLE = (int, Decimal, Period, Money)
_LEVELS = ("national", "local")
_ROLLS = ("roll_before", "roll_after")


def periods(
    *, units: Iterable[str] | None = None, min_amount: int = 0, max_amount: int = _MAX_AMOUNT
) -> SearchStrategy[Period]:
    """``Period(amount, unit)``: amounts in ``min_amount..max_amount``, small ones often."""
    chosen = _c.check_choices("units", units, _UNITS)
    _c.check_range("min_amount", min_amount, "max_amount", max_amount, _MAX_AMOUNT)
    amounts = st.integers(min_amount, min(max_amount, min_amount + 12))
    return st.builds(Period, amounts | st.integers(min_amount, max_amount), st.sampled_from(chosen))


_PRICE_LEVELS = st.builds("{:04d}-{:02d}".format, st.integers(1990, 2200), st.integers(1, 12))


def money() -> SearchStrategy[Money]:
    """DKK amounts within ±10^9 at a price level, drawn with two or four decimals (rounded)."""
    amounts = st.sampled_from((2, 4)).flatmap(
        lambda places: st.decimals(-(10**9), 10**9, places=places, allow_nan=False)
    )
    return st.builds(Money, amounts, _PRICE_LEVELS)


# ---------------------------------------------------------------------------
# rule values


def _units(key: str, parent: RuleSet | None) -> tuple[str, ...]:
    """The units of ``key`` comparable with every period the parent gives it."""
    units = RULE_KEYS[key].units
    for entry in () if parent is None else parent.entries:
        if entry.key == key and isinstance(entry.value, Period):
            months = entry.value.unit == "months"
            units = tuple(u for u in units if (u == "months") == months)
    return units


def _near(value: object, units: tuple[str, ...], max_amount: int) -> list[SearchStrategy[Any]]:
    """Values around a parent's value, so local values land on both sides of its bound."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [st.integers(max(value - 3, 0), value + 3)]
    if isinstance(value, Decimal):
        return [st.decimals(max(value - 1, Decimal(0)), value + 1, places=2)]
    if isinstance(value, Money):
        amounts = st.decimals(value.amount - 100, value.amount + 100, places=2)
        return [st.builds(Money, amounts, st.just(value.price_level))]
    if isinstance(value, Period) and value.unit in units:
        low, high = max(value.amount - 2, 0), min(value.amount + 2, max_amount)
        if low <= high:
            return [st.builds(Period, st.integers(low, high), st.just(value.unit))]
    return []


_GENERIC: dict[type, SearchStrategy[Any]] = {
    bool: st.booleans(),
    int: st.integers(0, 12) | st.integers(0, 2**63 - 1),
    Decimal: st.decimals(0, 1, places=3) | st.decimals(0, 10**6, allow_nan=False),
    Money: money(),
    str: _c.TEXT,
}


def _values(
    key: str, units: tuple[str, ...], parent: RuleSet | None, max_amount: int
) -> SearchStrategy[Any]:
    spec = RULE_KEYS[key]
    if spec.choices:
        generic: SearchStrategy[Any] = st.sampled_from(spec.choices)
    elif spec.value_type is Period:
        generic = periods(units=units, max_amount=max_amount)
    else:
        generic = _GENERIC[spec.value_type]
    parents = () if parent is None else parent.entries
    near = [s for e in parents if e.key == key for s in _near(e.value, units, max_amount)]
    return st.one_of(generic, *near)


@st.composite
def _entry(
    draw: DrawFn,
    key: str,
    level: str,
    day: date,
    parent: RuleSet | None,
    units: tuple[str, ...],
    max_amount: int,
) -> RuleEntry:
    value = draw(_values(key, units, parent, max_amount))
    status = draw(st.sampled_from(("rule", "rule", "assumption", "convention")))
    boundable = isinstance(value, _BOUNDABLE) and not isinstance(value, bool)
    return RuleEntry(
        key=key,
        value=value,
        effective_from=day,
        sources=draw(_c.sources(min_size=0 if status == "assumption" else 1)),
        bound=draw(st.none() | st.sampled_from(BOUND_DIRECTIONS))
        if level == "national" and boundable
        else None,
        status=status,
        note=draw(st.just("") | st.text(_c.CHARS, max_size=60)),
    )


def _check_keys(keys: object, parent: RuleSet | None) -> tuple[str, ...]:
    chosen = _c.check_choices("keys", keys, RULE_KEYS)
    usable = tuple(k for k in chosen if RULE_KEYS[k].value_type is not Period or _units(k, parent))
    if not usable:
        raise InvalidArgument(f"keys {chosen!r} have no value comparable with the parent's")
    return usable


def _check_level(level: object) -> Literal["national", "local"]:
    return "local" if _c.check_choices("level", [level], _LEVELS) == ("local",) else "national"


def rule_entries(
    *,
    keys: Iterable[str] | None = None,
    level: Literal["national", "local"] = "national",
    min_value: date = _c.FIRST_DAY_IN_FORCE,
    max_value: date = _c.LAST_DAY,
) -> SearchStrategy[RuleEntry]:
    """Dated values of ``keys`` (default all) with the key's type, choices and units, citing
    sources (an assumption maybe none); national ones often carry a bound."""
    chosen_level = _check_level(level)
    chosen = _check_keys(keys, None)
    low, high = _c.check_dates(min_value, max_value)
    return st.tuples(st.sampled_from(chosen), st.dates(low, high)).flatmap(
        lambda kd: _entry(kd[0], chosen_level, kd[1], None, RULE_KEYS[kd[0]].units, _MAX_AMOUNT)
    )


@st.composite
def _rule_set(
    draw: DrawFn,
    level: str,
    parent: RuleSet | SearchStrategy[RuleSet] | None,
    keys: tuple[str, ...],
    low: date,
    high: date,
    max_amount: int,
) -> RuleSet:
    base: RuleSet | None = None
    if level == "local":
        base = draw(parent) if isinstance(parent, SearchStrategy) else parent or ruleset.NATIONAL
        if base.level != "national":
            raise InvalidArgument(f"parent drew the {base.level} rule set {base.name!r}")
    days = st.dates(low, high)
    entries: list[RuleEntry] = []
    local = level == "local"
    for key in draw(st.lists(st.sampled_from(keys), unique=True, min_size=0 if local else 1)):
        units = _units(key, base)
        if RULE_KEYS[key].value_type is Period:
            if not units:
                continue  # no unit compares with every value the parent gives this key
            if not local and "months" in units and len(units) > 1:
                # one family per key (months, or the others), so local values can compare
                months = draw(st.booleans())
                units = tuple(u for u in units if (u == "months") == months)
        for day in draw(st.lists(days, min_size=1, max_size=3, unique=True)):
            entries.append(draw(_entry(key, level, day, base, units, max_amount)))
    if not local and entries:  # the rolls are in force from the first day: a set can be planned
        first = min(e.effective_from for e in entries)
        for key in _ROLLS:
            if not any(e.key == key and e.effective_from == first for e in entries):
                entries.append(draw(_entry(key, level, first, base, RULE_KEYS[key].units, 0)))
    name = st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True) | _c.TEXT
    level_: Literal["national", "local"] = "local" if local else "national"
    return RuleSet(name=draw(name), title=draw(_c.TEXT), level=level_, entries=entries, parent=base)


def rule_sets(
    *,
    level: Literal["national", "local"] = "local",
    parent: RuleSet | SearchStrategy[RuleSet] | None = None,
    keys: Iterable[str] | None = None,
    min_value: date = _c.FIRST_DAY_IN_FORCE,
    max_value: date = _c.LAST_DAY,
    max_period_amount: int = _MAX_AMOUNT,
) -> SearchStrategy[RuleSet]:
    """Local rule sets layered on ``parent`` (a national rule set or a strategy; default
    ``NATIONAL``) with values on both sides of its bounds, or national ones with bounds.

    Each of ``keys`` drawn has one to three entries effective in ``min_value..max_value``;
    ``max_period_amount`` caps the periods (26 keeps every deadline of the calendar's middle
    years within the calendar). No fixed agenda items, topics or seats. A national set always
    has ``roll_before`` and ``roll_after`` in force from its first day (whatever ``keys``
    says), so its deadlines can be planned.
    """
    chosen_level = _check_level(level)
    if isinstance(parent, RuleSet):
        if parent.level != "national":
            raise InvalidArgument(f"parent must be a national rule set, got {parent.name!r}")
    else:
        _c.check_strategy("parent", parent)
    if chosen_level == "national" and parent is not None:
        raise InvalidArgument("a national rule set has no parent; leave parent=None")
    chosen = _check_keys(keys, parent if isinstance(parent, RuleSet) else None)
    low, high = _c.check_dates(min_value, max_value)
    amount = _c.check_int("max_period_amount", max_period_amount, 0, _MAX_AMOUNT)
    return _rule_set(chosen_level, parent, chosen, low, high, amount)
