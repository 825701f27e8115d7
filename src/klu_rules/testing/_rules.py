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
from klu_rules.testing._common import (
    CHARS,
    FIRST_DAY_IN_FORCE,
    LAST_DAY,
    TEXT,
    check_choices,
    check_dates,
    check_int,
    check_range,
    check_strategy,
    sources,
)

_UNITS = ("minutes", "hours", "days", "weeks", "months")
_MAX_AMOUNT = 999_999
_BOUNDABLE = (int, Decimal, Period, Money)
_LEVELS = ("national", "local")


def periods(
    *, units: Iterable[str] | None = None, min_amount: int = 0, max_amount: int = _MAX_AMOUNT
) -> SearchStrategy[Period]:
    """``Period(amount, unit)`` with the amount in ``min_amount..max_amount``, small ones often.

    ``units`` limits the units (``minutes``, ``hours``, ``days``, ``weeks``, ``months``).
    """
    chosen = check_choices("units", units, _UNITS)
    check_range("min_amount", min_amount, "max_amount", max_amount, _MAX_AMOUNT)
    amounts = st.integers(min_amount, min(max_amount, min_amount + 12))
    return st.builds(Period, amounts | st.integers(min_amount, max_amount), st.sampled_from(chosen))


_PRICE_LEVELS = st.builds("{:04d}-{:02d}".format, st.integers(1990, 2200), st.integers(1, 12))


def money(
    *, min_value: Decimal | int = -(10**9), max_value: Decimal | int = 10**9
) -> SearchStrategy[Money]:
    """DKK amounts in ``min_value..max_value`` at a price level ``YYYY-MM``.

    Amounts are drawn with two or four decimals, so ``Money``'s rounding
    half-up to øre is exercised (and the result stays within the bounds).
    """
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise InvalidArgument(f"{name} must be an int or a Decimal, got {value!r}")
        if not Decimal(value).is_finite() or abs(Decimal(value)) > 10**15:
            raise InvalidArgument(f"{name} must be a finite amount within ±10^15, got {value}")
    low, high = Decimal(min_value), Decimal(max_value)
    if low > high:
        raise InvalidArgument(f"min_value={low} is larger than max_value={high}")
    amounts = st.sampled_from((2, 4)).flatmap(
        lambda places: st.decimals(low, high, places=places, allow_nan=False, allow_infinity=False)
    )
    return st.builds(Money, amounts, _PRICE_LEVELS).filter(lambda m: low <= m.amount <= high)


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
    str: TEXT,
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
        sources=draw(sources(min_size=0 if status == "assumption" else 1)),
        bound=draw(st.none() | st.sampled_from(BOUND_DIRECTIONS))
        if level == "national" and boundable
        else None,
        status=status,
        note=draw(st.just("") | st.text(CHARS, max_size=60)),
    )


def _check_keys(keys: object, parent: RuleSet | None) -> tuple[str, ...]:
    chosen = check_choices("keys", keys, RULE_KEYS)
    usable = tuple(k for k in chosen if RULE_KEYS[k].value_type is not Period or _units(k, parent))
    if not usable:
        raise InvalidArgument(f"keys {chosen!r} have no value comparable with the parent's")
    return usable


def _check_level(level: object) -> str:
    if level not in _LEVELS:
        raise InvalidArgument(f"level must be 'national' or 'local', got {level!r}")
    return str(level)


def rule_entries(
    *,
    keys: Iterable[str] | None = None,
    level: Literal["national", "local"] = "national",
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[RuleEntry]:
    """Dated values of the rule keys (``keys``, default all of ``RULE_KEYS``).

    Values have the key's type, choices and units and are never negative;
    an entry cites one to three sources (an ``assumption`` may cite none);
    ``level="national"`` entries of numbers, amounts and periods often carry
    a bound, ``"local"`` ones never. ``effective_from`` lies in
    ``min_value..max_value``.
    """
    chosen_level = _check_level(level)
    chosen = _check_keys(keys, None)
    low, high = check_dates(min_value, max_value)
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
    name = st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True) | TEXT
    level_: Literal["national", "local"] = "local" if local else "national"
    return RuleSet(name=draw(name), title=draw(TEXT), level=level_, entries=entries, parent=base)


def rule_sets(
    *,
    level: Literal["national", "local"] = "local",
    parent: RuleSet | SearchStrategy[RuleSet] | None = None,
    keys: Iterable[str] | None = None,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    max_period_amount: int = _MAX_AMOUNT,
) -> SearchStrategy[RuleSet]:
    """Rule sets, valid by construction; by default local ones layered on ``NATIONAL``.

    - ``level="local"``: layered on ``parent`` (a national rule set or a
      strategy of them; default ``klu_rules.rules.ruleset.NATIONAL``). Values
      are also drawn near the parent's, so local values beyond the national
      bound are as common as values on the permitted side; periods use units
      comparable with the parent's.
    - ``level="national"``: at least one entry, bounds on some numbers.
    - ``keys`` limits the rule keys; each chosen key has one to three entries
      effective on distinct days in ``min_value..max_value``. (No fixed agenda
      items, topics or seats: the built-in rule sets have those.)
    - ``max_period_amount`` caps every period's amount: notices of centuries
      reach before the calendar's first year, and planning then raises an
      error; ``max_period_amount=26`` gives rule sets every meeting of the
      calendar's middle years can be planned with.
    """
    chosen_level = _check_level(level)
    if isinstance(parent, RuleSet):
        if parent.level != "national":
            raise InvalidArgument(f"parent must be a national rule set, got {parent.name!r}")
    else:
        check_strategy("parent", parent)
    if chosen_level == "national" and parent is not None:
        raise InvalidArgument("a national rule set has no parent; leave parent=None")
    chosen = _check_keys(keys, parent if isinstance(parent, RuleSet) else None)
    low, high = check_dates(min_value, max_value)
    amount = check_int("max_period_amount", max_period_amount, 0, _MAX_AMOUNT)
    return _rule_set(chosen_level, parent, chosen, low, high, amount)
