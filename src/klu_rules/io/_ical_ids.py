"""The names klu_rules gives what it writes to iCalendar: UIDs, ``DTSTAMP``, ``PRODID``.

Private to :mod:`klu_rules.io.ical`, which re-exports the public ones; this
module does not import icalendar.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.rules.ruleset import RuleSet

NAMESPACE = uuid.UUID("7dfbcd6e-c658-5e5d-be10-8fa276d2edbf")
"""The namespace of every UID klu_rules writes. Fixed: changing it changes every UID."""

PRODID = "-//klu_rules//klu_rules iCalendar export//DA"
"""The ``PRODID`` of every calendar klu_rules writes."""

DEFAULT_ALARM = timedelta(hours=-15)
"""A deadline's reminder: 15 hours before the start of its day, i.e. 09:00 the day before."""

DEFAULT_REFRESH = timedelta(hours=12)
"""How often a subscribed feed asks to be fetched again (``REFRESH-INTERVAL``, ``X-PUBLISHED-TTL``).

Meetings are planned weeks ahead and deadlines are days, so twice a day is
fresh enough while sparing the server; Google Calendar fetches at its own pace.
"""

X_COMMITTEE = "X-KLU-COMMITTEE-ID"
X_MEETING = "X-KLU-MEETING-ID"
X_KIND = "X-KLU-MEETING-KIND"
X_STATUS = "X-KLU-MEETING-STATUS"
X_DEADLINE = "X-KLU-DEADLINE"

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""``DTSTAMP`` when the rules name no day."""


def meeting_uid(committee_id: str, meeting_id: str) -> str:
    """The UID of a meeting's event: ``uuid5(NAMESPACE, "<committee>/<meeting>")``."""
    return str(uuid.uuid5(NAMESPACE, f"{committee_id}/{meeting_id}"))


def deadline_uid(committee_id: str, meeting_id: str, kind: str, day: date | None = None) -> str:
    """The UID of a deadline: ``uuid5(NAMESPACE, "<committee>/<meeting>/<kind>/<day>")``,
    ``day`` the deadline's date as ``YYYY-MM-DD``.

    The date is part of the name: a deadline that moves (its meeting moved, or
    the rules changed) is a new item and the old one leaves the feed, so that a
    client that decides by ``SEQUENCE`` (RFC 5545 3.8.7.4) cannot keep the old
    date. Without ``day``: ``"<committee>/<meeting>/<kind>"``, the name of
    exports before the date was part of it."""
    name = f"{committee_id}/{meeting_id}/{kind}"
    return str(uuid.uuid5(NAMESPACE, name if day is None else f"{name}/{day.isoformat()}"))


def default_stamp(rule_set: RuleSet) -> datetime:
    """``DTSTAMP`` when none is given: 00:00 UTC on the newest ``effective_from`` of the rules.

    The national layer counts too. The value depends on the data only, so
    the same data gives the same bytes; pass ``stamp=`` to say when you
    publish.
    """
    if not isinstance(rule_set, RuleSet):
        raise coded(InvalidValueError, "ical_rule_set_type", {"got": excerpt(rule_set)})
    layers = (rule_set,) if rule_set.parent is None else (rule_set.parent, rule_set)
    days = [entry.effective_from for layer in layers for entry in layer.entries]
    return datetime.combine(max(days), time(0), tzinfo=UTC) if days else EPOCH
