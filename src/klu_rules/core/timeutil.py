"""Time zones and local times.

The Python API takes timezone-aware datetimes only. Files and the command
line may give local wall-clock times; :func:`localize` reads them in the
committee's zone and refuses a time that does not exist (spring forward) or
that occurs twice (fall back), rather than guessing (a **convention**,
RULES.md § 2).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from klu_rules.core.errors import (
    AmbiguousLocalTimeError,
    InvalidValueError,
    NaiveDatetimeError,
    NonexistentLocalTimeError,
)

__all__ = ["DEFAULT_TIMEZONE", "get_zone", "local_date", "localize", "require_aware"]

DEFAULT_TIMEZONE = "Europe/Copenhagen"


@lru_cache(maxsize=64)
def get_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; an unknown name is an InvalidValueError."""
    if (
        not isinstance(name, str)
        or not name
        or len(name) > 100  # the longest IANA name has 32 characters
        or name.startswith(("/", "."))
        or ".." in name
    ):
        raise InvalidValueError(
            f"{name!r} is not an IANA time zone name such as 'Europe/Copenhagen'"
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, RecursionError):
        raise InvalidValueError(
            f"unknown time zone {name!r}; use an IANA name such as 'Europe/Copenhagen' "
            "(install the 'tzdata' package if this system has no zone database)"
        ) from None


def localize(naive: datetime, tz: ZoneInfo | str = DEFAULT_TIMEZONE) -> datetime:
    """Attach ``tz`` to a local wall-clock time, refusing DST gaps and overlaps."""
    zone = get_zone(tz) if isinstance(tz, str) else tz
    if naive.tzinfo is not None:
        raise InvalidValueError(
            f"localize() takes a local time without zone, got {naive.isoformat()}"
        )
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise NonexistentLocalTimeError(
            f"{naive.isoformat(sep=' ')} does not exist in {zone.key}: the clocks skip that "
            "hour for daylight saving time; choose a time outside the gap"
        )
    raise AmbiguousLocalTimeError(
        f"{naive.isoformat(sep=' ')} occurs twice in {zone.key} when the clocks go back; "
        "give the time with its UTC offset (e.g. +02:00 or +01:00) to say which one"
    )


def require_aware(field: str, value: datetime) -> datetime:
    """Return ``value`` if it has a zone, else raise NaiveDatetimeError naming ``field``."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError.for_field(field, value)
    return value


def elapsed(start: datetime, end: datetime) -> timedelta:
    """The real time from ``start`` to ``end`` (both aware): a DST night counts its true length.

    Python subtracts two datetimes that share one ``tzinfo`` object as wall
    times; this takes the change of UTC offset off, which gives what going
    through UTC gives, at less cost.
    """
    if start.tzinfo is not end.tzinfo:
        return end - start  # Python goes through UTC itself
    end_offset, start_offset = end.utcoffset(), start.utcoffset()
    if start_offset is None:
        raise NaiveDatetimeError.for_field("start", start)
    if end_offset is None:
        raise NaiveDatetimeError.for_field("end", end)
    return end - start - (end_offset - start_offset)


def local_date(moment: datetime, tz: ZoneInfo | str = DEFAULT_TIMEZONE) -> date:
    """The calendar date of ``moment`` in ``tz`` (a meeting's date is its local date)."""
    zone = get_zone(tz) if isinstance(tz, str) else tz
    return require_aware("moment", moment).astimezone(zone).date()
