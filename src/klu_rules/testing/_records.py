"""Strategies for the records of a committee's years: minutes, wheels, calendars, evaluations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from klu_rules.model.meeting import Meeting, MeetingStatus
from klu_rules.model.records import (
    AnnualWheel,
    EvaluationRecord,
    FollowUp,
    FollowUpStatus,
    MeetingCalendar,
    Minutes,
    MinutesItem,
)
from klu_rules.testing import _common as _c

At = tuple[str, date] | None
"""The held meeting (id, local date) a record was made at, if any."""
_DAYS = st.dates(_c.FIRST_DAY_IN_FORCE, _c.LAST_DAY)


@st.composite
def _follow_up(draw: DrawFn, owners: Sequence[str]) -> FollowUp:
    status = draw(st.sampled_from(FollowUpStatus))
    person = draw(st.none() | st.sampled_from(owners)) if owners else None
    return FollowUp(
        description=draw(_c.TEXT),
        owner_person=person,
        owner=None if person is not None else draw(_c.OPTIONAL_TEXT),
        due_on=draw(st.none() | _DAYS),
        status=status,
        done_on=draw(_DAYS) if status is FollowUpStatus.DONE else None,
    )


def follow_ups() -> SearchStrategy[FollowUp]:
    """Follow-ups agreed in minutes: open, or done on a day; owned by text or by nobody."""
    return _follow_up(())


def _minutes_items(number: str, owners: Sequence[str]) -> SearchStrategy[MinutesItem]:
    return st.builds(
        MinutesItem,
        number=st.just(number),
        title=_c.OPTIONAL_TEXT,
        case_description=_c.PROSE,
        decision=_c.PROSE,
        follow_ups=st.lists(_follow_up(owners), max_size=2),
        recommendation=st.lists(_c.TEXT, max_size=2).map(tuple),
        account=_c.PROSE,
    )


def minutes_items() -> SearchStrategy[MinutesItem]:
    """What minutes record for one agenda item: heading, case, decision, up to two follow-ups."""
    return _c.NUMBERS.flatmap(lambda n: _minutes_items(n, ()))


@st.composite
def _minutes(
    draw: DrawFn,
    meeting_id: str | None,
    numbers: Sequence[str] | None,
    owners: Sequence[str],
) -> Minutes:
    if numbers is None:
        chosen = draw(st.lists(_c.NUMBERS, max_size=4, unique=True))
    else:
        chosen = draw(st.lists(st.sampled_from(numbers), unique=True)) if numbers else []
    return Minutes(
        meeting_id=draw(_c.IDS) if meeting_id is None else meeting_id,
        items=[draw(_minutes_items(n, owners)) for n in chosen],
    )


def minutes() -> SearchStrategy[Minutes]:
    """The minutes of one meeting: items numbered once each, with their follow-ups."""
    return _minutes(None, None, ())


def _by(year: int) -> SearchStrategy[date]:
    """A day of ``year`` or of the year before."""
    return st.dates(max(date(year - 1, 1, 1), _c.FIRST_DAY), date(year, 12, 31))


@st.composite
def _annual_wheel(draw: DrawFn, year: int, at: At = None) -> AnnualWheel:
    keys = draw(st.lists(_c.TOPICS, max_size=3, unique=True))
    topics = draw(st.lists(_c.TEXT, min_size=0 if keys else 1, max_size=3))
    agreed_on = draw(_by(year)) if at is None else at[1]
    return AnnualWheel(year, agreed_on, None if at is None else at[0], keys, topics)


@st.composite
def _calendar(draw: DrawFn, year: int, at: At = None) -> MeetingCalendar:
    if at is not None:
        return MeetingCalendar(year, at[1], at[0])
    return MeetingCalendar(year, draw(st.none() | _by(year)), None, draw(_c.OPTIONAL_TEXT))


@st.composite
def _evaluation(draw: DrawFn, year: int, at: At = None) -> EvaluationRecord:
    last = min(date(year + 1, 12, 31), _c.LAST_DAY)
    done_on = draw(st.none() | st.dates(date(year, 1, 1), last)) if at is None else at[1]
    sent_on = sent_to = None
    if done_on is not None and draw(st.booleans()):
        sent_on = draw(st.dates(done_on, min(done_on + timedelta(120), _c.LAST_DAY)))
        sent_to = draw(_c.RECIPIENTS)
    return EvaluationRecord(
        year=year,
        done_on=done_on,
        sent_on=sent_on,
        sent_to=sent_to,
        meeting_id=None if at is None else at[0],
        topics=draw(st.lists(_c.TEXT, max_size=3)),
        local_agreements_follow_up=draw(st.just("") | st.text(_c.CHARS, max_size=30)),
        general_assessment=draw(st.just("") | st.text(_c.CHARS, max_size=30)),
    )


_YEARS = st.integers(_c.FIRST_DAY_IN_FORCE.year, _c.LAST_DAY.year)


def annual_wheels() -> SearchStrategy[AnnualWheel]:
    """A year's topics (*årshjul*): catalogue keys and/or lines, agreed in or a year before it."""
    return _YEARS.flatmap(_annual_wheel)


def meeting_calendars() -> SearchStrategy[MeetingCalendar]:
    """A year's agreed meeting calendar: agreed in that year or the one before, or unknown."""
    return _YEARS.flatmap(_calendar)


def evaluation_records() -> SearchStrategy[EvaluationRecord]:
    """A year's evaluation: done in or after the year (or unknown), sent (on and to) or not."""
    return _YEARS.flatmap(_evaluation)


@st.composite
def records_of(
    draw: DrawFn, meetings: Sequence[Meeting], zone: str, owners: Sequence[str], years: range
) -> dict[str, list[Any]]:
    """A committee's records: of held meetings on their local dates, owned by ``owners``."""
    held = [m for m in meetings if m.status is MeetingStatus.HELD]
    days = [(m.id, m.local_date(zone)) for m in held]

    def at(year: int, after: bool) -> At:
        usable = [d for d in days if (d[1].year >= year if after else d[1].year <= year)]
        return draw(st.sampled_from([*usable, None])) if usable else None

    year = st.integers(years.start, years.stop - 1)
    if days:  # often the year of a held meeting, so that records are made at it
        year = st.sampled_from([d.year for _, d in days]) | year
    some = draw(st.lists(year, max_size=3, unique=True))
    numbers = [None if m.agenda is None else [i.number for i in m.agenda.items] for m in held]
    taken = draw(st.lists(st.sampled_from(range(len(held))), unique=True)) if held else []
    return {
        "minutes": [draw(_minutes(held[i].id, numbers[i], owners)) for i in taken],
        "annual_wheels": [
            draw(_annual_wheel(y, at(y, False))) for y in some if draw(st.booleans())
        ],
        "calendars": [draw(_calendar(y, at(y, False))) for y in some if draw(st.booleans())],
        "evaluations": [draw(_evaluation(y, at(y, True))) for y in some if draw(st.booleans())],
    }
