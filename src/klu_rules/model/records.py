"""The committee's records of its year: minutes, annual wheel, calendar, evaluation.

:class:`Minutes` (*referat*, ``AAL-MIN-2021-12``), :class:`AnnualWheel`
(*årshjul*), :class:`MeetingCalendar` (*mødekalender*) and
:class:`EvaluationRecord` (*årlig evaluering*, ``OK22-102`` stk. 6;
``AAL2021``). A :class:`~klu_rules.model.committee.Committee` holds them and
checks that they refer to its own meetings and people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

import attrs

from klu_rules.core.convert import (
    Choice,
    identifier,
    lines,
    nonempty_text,
    optional_date,
    optional_id,
    optional_line,
    optional_text,
    required_date,
    str_tuple,
    text,
    tuple_of,
    valid_year,
)
from klu_rules.core.errors import InvalidIntervalError, InvalidValueError
from klu_rules.core.messages import coded, excerpt, listing
from klu_rules.core.record import Record

__all__ = [
    "AnnualWheel",
    "EvaluationRecord",
    "FollowUp",
    "FollowUpStatus",
    "MeetingCalendar",
    "Minutes",
    "MinutesItem",
]

_NUMBER = re.compile(r"^(?P<main>[1-9][0-9]?)(?:\.(?P<sub>[a-z]))?$")


class FollowUpStatus(Choice):
    """Whether a follow-up is still *åben* (open) or *udført* (done)."""

    OPEN = "open"
    DONE = "done"


def check_as_of(as_of: object, *, required: bool = False) -> None:
    """Raise unless ``as_of`` is a date (not a datetime), or None when not ``required``."""
    if as_of is None and not required:
        return
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        key = "as_of_required" if required else "as_of"
        raise coded(InvalidValueError, f"model.records.{key}", {"value": excerpt(as_of)})


# ---------------------------------------------------------------------------
# minutes


@attrs.frozen(slots=True, repr=False)
class FollowUp(Record):
    """A follow-up agreed in the minutes (*opfølgning*).

    ``owner_person`` is the person id of the owner when the owner is one of
    the committee's people; ``owner`` is free text for anyone else (``"PPR-
    Aalborg"``, ``"PLO-K og Rusmiddelafsnittet"``). Give at most one. A
    follow-up is ``done`` exactly when ``done_on`` is recorded. ``due_on`` is
    the last day it may be done on: it is overdue on any later day while
    still open.
    """

    description: str = attrs.field(validator=nonempty_text)
    owner_person: str | None = attrs.field(default=None, validator=optional_id)
    owner: str | None = attrs.field(default=None, validator=optional_line)
    due_on: date | None = attrs.field(default=None, validator=optional_date)
    status: FollowUpStatus = attrs.field(default=FollowUpStatus.OPEN, converter=FollowUpStatus)
    done_on: date | None = attrs.field(default=None, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        what = {"description": excerpt(self.description)}
        if self.owner_person is not None and self.owner is not None:
            raise coded(
                InvalidValueError,
                "model.records.owner_twice",
                {**what, "person": self.owner_person, "owner": excerpt(self.owner)},
            )
        if self.status is FollowUpStatus.DONE and self.done_on is None:
            raise coded(InvalidValueError, "model.records.done_without_date", what)
        if self.status is FollowUpStatus.OPEN and self.done_on is not None:
            raise coded(
                InvalidValueError, "model.records.open_with_date", {**what, "day": self.done_on}
            )

    @property
    def owner_text(self) -> str | None:
        """The owner as recorded: the person id or the free text, or None."""
        return self.owner_person if self.owner_person is not None else self.owner

    def is_overdue(self, as_of: date) -> bool:
        """True when the follow-up is open and its due date lies before ``as_of``."""
        check_as_of(as_of, required=True)
        return (
            self.status is FollowUpStatus.OPEN and self.due_on is not None and (self.due_on < as_of)
        )


def _number(instance: MinutesItem, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _NUMBER.match(value):
        raise coded(InvalidValueError, "model.records.item_number", {"value": excerpt(value)})


def _follow_ups(value: Iterable[FollowUp]) -> tuple[FollowUp, ...]:
    return tuple_of(value, FollowUp, "MinutesItem.follow_ups")


@attrs.frozen(slots=True, repr=False)
class MinutesItem(Record):
    """What the minutes record for one agenda item (*punkt i referatet*).

    ``number`` is the agenda item's number (``"2.c"``); ``title`` is the
    item's heading, ``case_description`` its *sagsbeskrivelse*, ``decision``
    its *beslutning*, and ``follow_ups`` what was agreed to be done after.
    Minutes shaped like the DKS minutes (``DKS-RM-2021-02``) also give the
    ``recommendation`` (*indstilling*, one line per proposal, "At DKS ...") and
    the ``account`` (*referat*, what was said, beside the decision); Aalborg's
    minutes (``AAL-MIN-2021-12``) give neither, so both are optional.
    """

    number: str = attrs.field(validator=_number)
    title: str | None = attrs.field(default=None, validator=optional_line)
    case_description: str | None = attrs.field(default=None, validator=optional_text)
    decision: str | None = attrs.field(default=None, validator=optional_text)
    follow_ups: tuple[FollowUp, ...] = attrs.field(default=(), converter=_follow_ups)
    recommendation: tuple[str, ...] = attrs.field(default=(), converter=str_tuple, validator=lines)
    account: str | None = attrs.field(default=None, validator=optional_text)

    @property
    def sort_key(self) -> tuple[int, str]:
        """``(2, 'c')`` for ``'2.c'``."""
        match = _NUMBER.match(self.number)
        assert match is not None  # guaranteed by the validator
        return int(match["main"]), match["sub"] or ""


def _minutes_items(value: Iterable[MinutesItem]) -> tuple[MinutesItem, ...]:
    return tuple_of(value, MinutesItem, "Minutes.items")


@attrs.frozen(slots=True, repr=False)
class Minutes(Record):
    """The minutes of one meeting (*referat*): one :class:`MinutesItem` per agenda item.

    ``meeting_id`` names a meeting of the committee; the committee checks that
    the meeting exists, was held, and (when it has an agenda) that every item
    number is on it. ``published_on`` is the day the minutes were published,
    ``None`` when the records do not say (``AAL2021``: "Referaterne bliver
    efterfølgende lagt på siden for sundhedstilbud i Aalborg Kommune").
    """

    meeting_id: str = attrs.field(validator=identifier)
    items: tuple[MinutesItem, ...] = attrs.field(default=(), converter=_minutes_items)
    published_on: date | None = attrs.field(default=None, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for item in self.items:
            if item.number in seen:
                raise coded(
                    InvalidValueError,
                    "model.records.item_twice",
                    {"meeting": self.meeting_id, "item": item.number},
                )
            seen.add(item.number)

    def item(self, number: str) -> MinutesItem:
        """The entry for item ``number``; a missing number is an InvalidValueError."""
        for item in self.items:
            if item.number == number:
                return item
        raise coded(
            InvalidValueError,
            "model.records.unknown_item",
            {
                "meeting": self.meeting_id,
                "item": excerpt(number),
                **listing("items", [i.number for i in self.items]),
            },
        )

    def follow_ups(self) -> Iterator[tuple[MinutesItem, FollowUp]]:
        """Every follow-up with the item it belongs to, in item order."""
        for item in self.items:
            for follow_up in item.follow_ups:
                yield item, follow_up


# ---------------------------------------------------------------------------
# the year: annual wheel, calendar, evaluation


@attrs.frozen(slots=True, repr=False)
class AnnualWheel(Record):
    """Next year's strategic topics (*årshjul*), agreed at a meeting.

    ``year`` is the year the topics are for; ``agreed_on`` the day they were
    agreed and ``meeting_id`` the meeting, normally the last of the year
    before (``AAL2021``: "På sidste møde i kalenderåret aftales, hvilke
    strategiske emner, der ønskes drøftet det næstkommende år").
    ``topic_keys`` are keys of the rule set's topic catalogue; ``topics`` are
    free text. At least one topic is given.
    """

    year: int = attrs.field(validator=valid_year)
    agreed_on: date = attrs.field(validator=required_date)
    meeting_id: str | None = attrs.field(default=None, validator=optional_id)
    topic_keys: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    topics: tuple[str, ...] = attrs.field(default=(), converter=str_tuple, validator=lines)

    def __attrs_post_init__(self) -> None:
        if not self.topic_keys and not self.topics:
            raise coded(
                InvalidValueError, "model.records.wheel_without_topics", {"year": self.year}
            )
        if self.agreed_on.year > self.year:
            raise coded(
                InvalidIntervalError,
                "model.records.wheel_agreed_after",
                {"year": self.year, "day": self.agreed_on},
            )


@attrs.frozen(slots=True, repr=False)
class MeetingCalendar(Record):
    """The agreed meeting calendar of a year (*mødekalender*).

    ``agreed_on`` is the day it was agreed, ``None`` when a source shows the
    calendar but not the day (KLU Aalborg's page publishes its 2023 calendar,
    ``AAL-2023``); ``meeting_id`` is the meeting it was agreed at, or
    ``agreed_by`` who agreed it otherwise (free text), when known
    (``AAL2021``: "Møderne aftales for et kalenderår ad gangen").
    """

    year: int = attrs.field(validator=valid_year)
    agreed_on: date | None = attrs.field(default=None, validator=optional_date)
    meeting_id: str | None = attrs.field(default=None, validator=optional_id)
    agreed_by: str | None = attrs.field(default=None, validator=optional_line)

    def __attrs_post_init__(self) -> None:
        if self.agreed_on is not None and self.agreed_on.year > self.year:
            raise coded(
                InvalidIntervalError,
                "model.records.calendar_agreed_after",
                {"year": self.year, "day": self.agreed_on},
            )


@attrs.frozen(slots=True, repr=False)
class EvaluationRecord(Record):
    """The year's evaluation of the cooperation (*årlig evaluering*), as recorded.

    ``done_on`` is the day the committee evaluated the year (at
    ``meeting_id``, when it did so at a meeting); ``sent_on`` and ``sent_to``
    say when and to whom the short report went (the *Samarbejdsudvalg*,
    ``OK22-102`` stk. 6). The content fields feed the report
    (:func:`report_from_records`): ``topics`` (*emner drøftet*; empty means
    "take them from the year's agendas and minutes"),
    ``local_agreements_follow_up`` (*opfølgning og status på implementering
    af lokale aftaler*) and ``general_assessment`` (*generel vurdering af
    samarbejdet*).
    """

    year: int = attrs.field(validator=valid_year)
    done_on: date | None = attrs.field(default=None, validator=optional_date)
    sent_on: date | None = attrs.field(default=None, validator=optional_date)
    sent_to: str | None = attrs.field(default=None, validator=optional_line)
    meeting_id: str | None = attrs.field(default=None, validator=optional_id)
    topics: tuple[str, ...] = attrs.field(default=(), converter=str_tuple, validator=lines)
    local_agreements_follow_up: str = attrs.field(default="", validator=text)
    general_assessment: str = attrs.field(default="", validator=text)

    def __attrs_post_init__(self) -> None:
        year = {"year": self.year}
        if self.done_on is not None and self.done_on < date(self.year, 1, 1):
            raise coded(
                InvalidIntervalError,
                "model.records.evaluated_before",
                {**year, "day": self.done_on},
            )
        if (self.sent_on is None) != (self.sent_to is None):
            given, missing = ("sent_on", "sent_to") if self.sent_on else ("sent_to", "sent_on")
            raise coded(
                InvalidValueError,
                "model.records.sent_half",
                {**year, "given": given, "missing": missing},
            )
        if self.sent_on is not None:
            if self.done_on is None:
                raise coded(
                    InvalidValueError,
                    "model.records.sent_not_done",
                    {**year, "day": self.sent_on},
                )
            if self.sent_on < self.done_on:
                raise coded(
                    InvalidIntervalError,
                    "model.records.sent_before_done",
                    {**year, "sent": self.sent_on, "done": self.done_on},
                )
        if self.meeting_id is not None and self.done_on is None:
            raise coded(
                InvalidValueError,
                "model.records.meeting_not_done",
                {**year, "meeting": self.meeting_id},
            )
