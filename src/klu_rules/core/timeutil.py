"""Time zones and local times.

The Python API takes timezone-aware datetimes only. Files and the command
line may give local wall-clock times; :func:`localize` reads them in the
committee's zone and refuses a time that does not exist (spring forward) or
that occurs twice (fall back), rather than guessing (a **convention**).
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
from klu_rules.core.messages import coded, excerpt

__all__ = [
    "DEFAULT_TIMEZONE",
    "get_zone",
    "local_date",
    "localize",
    "require_aware",
    "writable_moment",
]

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
        raise coded(InvalidValueError, "time.zone_name", {"value": excerpt(name)})
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, RecursionError):
        raise coded(InvalidValueError, "time.unknown_zone", {"value": excerpt(name)}) from None


def localize(naive: datetime, tz: ZoneInfo | str = DEFAULT_TIMEZONE) -> datetime:
    """Attach ``tz`` to a local wall-clock time, refusing DST gaps and overlaps."""
    zone = get_zone(tz) if isinstance(tz, str) else tz
    if naive.tzinfo is not None:
        raise coded(InvalidValueError, "time.localize_aware", {"value": naive.isoformat()})
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    where = {"time": naive, "zone": zone.key}
    if back != naive:
        raise coded(NonexistentLocalTimeError, "time.nonexistent", where)
    raise coded(AmbiguousLocalTimeError, "time.ambiguous", where)


def require_aware(field: str, value: datetime) -> datetime:
    """Return ``value`` if it has a zone, else raise NaiveDatetimeError naming ``field``."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise naive_datetime(field, value)
    return value


def naive_datetime(field: str, value: datetime) -> NaiveDatetimeError:
    """The error for a datetime without a zone given as ``field``."""
    return coded(NaiveDatetimeError, "time.naive", {"where": field, "value": value.isoformat()})


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
        raise naive_datetime("start", start)
    if end_offset is None:
        raise naive_datetime("end", end)
    return end - start - (end_offset - start_offset)


def local_date(moment: datetime, tz: ZoneInfo | str = DEFAULT_TIMEZONE) -> date:
    """The calendar date of ``moment`` in ``tz`` (a meeting's date is its local date)."""
    zone = get_zone(tz) if isinstance(tz, str) else tz
    return require_aware("moment", moment).astimezone(zone).date()


def writable_moment(value: datetime) -> datetime:
    """``value`` with its offset, or in UTC when the offset has seconds, which neither
    RFC 3339 (JSON's ``date-time``) nor a TOML time can write; the moment is the same."""
    offset = value.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        return value.astimezone(UTC)
    return value
