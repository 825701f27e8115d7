"""Argument checks and small building blocks shared by the strategies."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from klu_rules.core.errors import KluRulesError
from klu_rules.core.sources import SOURCES
from klu_rules.core.timeutil import get_zone
from klu_rules.rules import ruleset

FIRST_DAY_IN_FORCE = date(2011, 4, 1)
"""The first day national KLU rules are in force (VEJL2011): the default lower date bound."""
LAST_DAY = date(2200, 12, 31)
"""The last day the working-day calendar covers: the default upper date bound."""
FIRST_DAY = date(1900, 1, 1)

MAX_SIZE = 50
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_WORDS = ("Mette Bolvig Poulsen", "Søren Kjærgaard", "PLO-Aalborg", "Rådhuset, mødelokale 2")

# ---------------------------------------------------------------------------
# argument checks: a bad argument raises InvalidArgument when the strategy is built


def check_dates(
    min_value: object, max_value: object, lo: date = FIRST_DAY, hi: date = LAST_DAY
) -> tuple[date, date]:
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if not isinstance(value, date) or isinstance(value, datetime):
            raise InvalidArgument(f"{name} must be a datetime.date, got {value!r}")
        if not lo <= value <= hi:
            raise InvalidArgument(f"{name} must lie in {lo}..{hi}, got {value}")
    if min_value > max_value:  # type: ignore[operator]
        raise InvalidArgument(f"min_value={min_value} is after max_value={max_value}")
    return min_value, max_value  # type: ignore[return-value]


def check_int(name: str, value: object, lo: int = 0, hi: int = MAX_SIZE) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise InvalidArgument(f"{name} must be an int in {lo}..{hi}, got {value!r}")
    return value


def check_range(low_name: str, low: object, high_name: str, high: object, hi: int) -> None:
    if check_int(low_name, low, 0, hi) > check_int(high_name, high, 0, hi):
        raise InvalidArgument(f"{low_name}={low} is larger than {high_name}={high}")


def check_choices(name: str, value: object, allowed: Iterable[str]) -> tuple[str, ...]:
    """A non-empty selection of ``allowed`` (``None`` means all of them)."""
    options = tuple(allowed)
    if value is None:
        return options
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidArgument(f"{name} must be a collection, got {value!r}")
    chosen = tuple(dict.fromkeys(str(v) for v in value))
    if not chosen or any(v not in options for v in chosen):
        raise InvalidArgument(f"{name} must be a non-empty selection of {options}, got {value!r}")
    return chosen


def check_strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, SearchStrategy):
        raise InvalidArgument(f"{name} must be a Hypothesis strategy or None, got {value!r}")


def check_zone(value: object) -> str | SearchStrategy[str]:
    """An IANA zone name, or a strategy of them (checked when drawn)."""
    return value if isinstance(value, SearchStrategy) else draw_zone(None, value)


def draw_zone(draw: DrawFn | None, zone: object) -> str:
    """The zone's name (drawn from ``zone`` if it is a strategy), once checked."""
    name = draw(zone) if draw is not None and isinstance(zone, SearchStrategy) else zone
    try:
        if isinstance(name, str):
            get_zone(name)
            return name
    except KluRulesError:
        pass
    raise InvalidArgument(f"timezone must be an IANA zone name or a strategy, got {name!r}")


# ---------------------------------------------------------------------------
# building blocks

CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
"""What the model takes in any text: no control characters, no line breaks."""
TEXT = st.sampled_from(_WORDS) | st.text(CHARS, min_size=1, max_size=24).filter(str.strip)
"""One line of text, not blank: what names and titles must be."""
OPTIONAL_TEXT: SearchStrategy[str | None] = st.none() | TEXT | st.sampled_from(["", " "])
PROSE = OPTIONAL_TEXT | st.just("Sagen drøftes.\nBeslutning: godkendt.")
"""What descriptions may be: missing, blank, one line or several."""
IDS: SearchStrategy[str] = st.from_regex(
    r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True
) | st.from_regex(ID.pattern, fullmatch=True)
NUMBERS = st.from_regex(r"[1-9][0-9]?(\.[a-z])?", fullmatch=True)
"""Agenda item numbers: ``"2"``, ``"2.c"``."""
KEYS = st.from_regex(r"[a-z_]{1,20}", fullmatch=True)
TOPICS = st.deferred(lambda: st.sampled_from([t.key for t in ruleset.NATIONAL.topics]))
"""Keys of the national topic catalogue."""
RECIPIENTS = st.sampled_from(("Samarbejdsudvalget", "Sundhedssamarbejdsudvalget"))


def sources(min_size: int = 1) -> SearchStrategy[tuple[str, ...]]:
    keys = st.lists(st.sampled_from(sorted(SOURCES)), min_size=min_size, max_size=3, unique=True)
    return keys.map(tuple)
