"""iCalendar export of year plans: a feed, or one item per UID for a CalDAV server.

``docs/howto-ical.md`` says what is written and why.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from icalendar import (
    Alarm,
    Calendar,
    Component,
    Event,
    Todo,
    vCalAddress,
    vDuration,
    vText,
    vUri,
)
from icalendar.enums import STATUS, TRANSP

from klu_rules.checks.deadlines import Deadline, MeetingPlan, YearPlan
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.files import supported_moment
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.record import Record
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, require_aware
from klu_rules.io._ical_ids import (
    DEFAULT_ALARM,
    DEFAULT_REFRESH,
    EPOCH,
    NAMESPACE,
    PRODID,
    X_COMMITTEE,
    X_DEADLINE,
    X_KIND,
    X_MEETING,
    X_STATUS,
    deadline_uid,
    default_stamp,
    meeting_uid,
)
from klu_rules.io._ical_text import check_address, check_revision, check_text, check_url
from klu_rules.io._ical_text import for_subscribers as _for_subscribers
from klu_rules.io._ical_timezone import add_timezones, local_time
from klu_rules.io._ical_words import agenda_lines, cancelled, meeting_summary, rule_text, when
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import AttendanceStatus, Meeting, MeetingStatus
from klu_rules.model.people import Membership, Person, Role
from klu_rules.rules.horizon import HORIZON_CODES


@attrs.frozen(slots=True, repr=False)
class _Options(Record):
    plans: tuple[YearPlan, ...]
    committee_id: str
    committee_name: str
    committee: Committee | None
    zone: ZoneInfo
    stamp: datetime
    todo: bool
    alarm: timedelta | None
    organizer: vCalAddress | None
    language: Language
    refresh: timedelta
    source_url: str | None


def _year_plans(plan: YearPlan | Iterable[YearPlan]) -> tuple[YearPlan, ...]:
    if isinstance(plan, YearPlan):
        return (plan,)
    if isinstance(plan, Committee | MeetingPlan | str | bytes) or not isinstance(plan, Iterable):
        raise coded(InvalidValueError, "ical_plan_type", {"got": type(plan).__name__})
    plans = tuple(plan)
    for item in plans:
        if not isinstance(item, YearPlan):
            raise coded(InvalidValueError, "ical_plan_item", {"got": excerpt(item)})
    return plans


def _organizer(committee: Committee | None, organizer: str | None) -> vCalAddress | None:
    if organizer is not None:
        return vCalAddress.new(check_address(organizer, "organizer"))
    for role in (Role.SECRETARY, Role.SECRETARIAT_STAFF):
        for membership in (
            () if committee is None else committee.secretariat + committee.memberships
        ):
            email = membership.person.email
            if membership.role is role and email:
                return _address(membership.person)
    return None


def _address(person: Person, role: str | None = None, partstat: str | None = None) -> vCalAddress:
    """``mailto:`` of a person with an e-mail address, refused if iCalendar cannot hold it."""
    email = check_address(person.email, "person_email", person.id)
    name = check_text(person.name, "person_name", person.id)
    return vCalAddress.new(email, cn=name, role=role, partstat=partstat)


def _options(
    plan: YearPlan | Iterable[YearPlan],
    committee: Committee | None,
    todo: bool,
    stamp: datetime | None,
    alarm: timedelta | None,
    organizer: str | None,
    language: Language,
    feed: tuple[timedelta, str | None] = (DEFAULT_REFRESH, None),
) -> _Options:
    language = check_language(language)
    plans = _year_plans(plan)
    refresh, source_url = feed
    if not isinstance(refresh, timedelta) or refresh <= timedelta(0):
        raise coded(InvalidValueError, "ical_refresh", {"got": excerpt(refresh)})
    if source_url is not None:
        source_url = check_url(source_url)
    if committee is not None and not isinstance(committee, Committee):
        raise coded(InvalidValueError, "ical_committee_type", {"got": excerpt(committee)})
    if alarm is not None and not isinstance(alarm, timedelta):
        raise coded(InvalidValueError, "ical_alarm_type", {"got": excerpt(alarm)})
    if stamp is not None and not isinstance(stamp, datetime):
        raise coded(InvalidValueError, "ical_stamp_type", {"got": excerpt(stamp)})
    ids = {p.committee_id for p in plans}
    if committee is not None:
        wrong = sorted(i for i in ids if i is not None and i != committee.id)
        if wrong:
            raise coded(
                InvalidValueError,
                "ical_other_committee",
                {"plan": excerpt(wrong[0]), "committee": excerpt(committee.id)},
            )
        committee_id, committee_name = committee.id, committee.name
    else:
        if len(ids) != 1 or None in ids:
            key = "ical_no_committee" if ids <= {None} else "ical_several_committees"
            raise coded(InvalidValueError, key, {})
        committee_id = next(i for i in ids if i is not None)
        committee_name = next(p.committee_name or committee_id for p in plans)
    committee_name = str(check_text(committee_name, "committee_name"))
    zones = {p.parameters.timezone for p in plans} or {
        committee.timezone if committee is not None else DEFAULT_TIMEZONE
    }
    if len(zones) != 1:
        raise coded(InvalidValueError, "ical_zones", {"zones": ", ".join(sorted(zones))})
    if stamp is None:
        days = [
            datetime.combine(p.rules_changed, time(0), tzinfo=UTC) for p in plans if p.rules_changed
        ]
        stamps = days if plans else [default_stamp(committee.rule_set)] if committee else []
        moment = max(stamps, default=EPOCH)
    else:
        moment = supported_moment(require_aware("stamp", stamp), "stamp")
        moment = moment.astimezone(UTC).replace(microsecond=0)
    zone, address = get_zone(zones.pop()), _organizer(committee, organizer)
    return _Options(
        plans,
        committee_id,
        committee_name,
        committee,
        zone,
        moment,
        bool(todo),
        alarm,
        address,
        language,
        refresh,
        source_url,
    )


_PARTSTAT = dict.fromkeys(AttendanceStatus, "ACCEPTED") | {AttendanceStatus.ABSENT: "DECLINED"}
_OPTIONAL_ROLES = frozenset(
    {Role.PRACTICE_CONSULTANT, Role.OBSERVER, Role.SECRETARY, Role.SECRETARIAT_STAFF}
)


def _attendees(meeting: Meeting, day: date, committee: Committee | None) -> list[vCalAddress]:
    """Members and secretariat in office on ``day`` and recorded participants, with e-mail."""
    people: dict[str, tuple[Person, str]] = {}
    seats: tuple[Membership, ...] = ()
    if committee is not None:
        seats = committee.members(day) + tuple(m for m in committee.secretariat if m.in_force(day))
    for membership in seats:  # a person holds one seat at a time (Committee checks it)
        optional = membership.role in _OPTIONAL_ROLES
        role = "OPT-PARTICIPANT" if optional else "REQ-PARTICIPANT"
        role = "CHAIR" if membership.role is Role.CHAIR else role
        people[membership.person.id] = (membership.person, role)
    for entry in meeting.attendance:
        substitute = entry.status is AttendanceStatus.SUBSTITUTE
        role = "REQ-PARTICIPANT" if substitute else "OPT-PARTICIPANT"
        people.setdefault(entry.person.id, (entry.person, role))
    result = []
    for person, role in people.values():
        recorded = meeting.attendance_of(person.id)
        partstat = "NEEDS-ACTION" if recorded is None else _PARTSTAT[recorded.status]
        if person.email:
            result.append(_address(person, role=role, partstat=partstat))
    return result


def _meeting_description(
    plan: MeetingPlan, deadlines: Sequence[Deadline], options: _Options
) -> str:
    meeting, language = plan.meeting, options.language
    lines = [options.committee_name, when(meeting, options.zone, language)]
    if meeting.status is MeetingStatus.CANCELLED:
        lines.append(message("ical.cancelled", language))
    if meeting.location:
        lines.append(message("ical.location", language, location=meeting.location))
    lines += agenda_lines(meeting, language)
    if deadlines:
        lines += ["", message("ical.deadlines", language)]
        lines += [
            message("ical.deadline_item", language, kind=d.kind, day=d.date) for d in deadlines
        ]
    return "\n".join(lines)


def _meeting_event(
    plan: MeetingPlan, deadlines: Sequence[Deadline], options: _Options, attendees: bool
) -> Event:
    meeting = plan.meeting
    check_revision(meeting.revision, meeting.id)
    check_text(meeting.title, "meeting_title", meeting.id)
    check_text(meeting.location, "meeting_location", meeting.id)
    for item in () if meeting.agenda is None else meeting.agenda.items:
        check_text(item.title, "agenda_item_title", f"{meeting.id} {item.number}")
    event = Event.new(
        uid=meeting_uid(options.committee_id, meeting.id),
        stamp=options.stamp,
        sequence=meeting.revision,
        start=local_time(meeting.start, options.zone),
        end=None if meeting.end is None else local_time(meeting.end, options.zone),
        summary=meeting_summary(meeting, options.language),
        description=_meeting_description(plan, deadlines, options),
        location=meeting.location or None,
        status=STATUS.CANCELLED if meeting.status is MeetingStatus.CANCELLED else STATUS.CONFIRMED,
        organizer=options.organizer,
        attendees=(_attendees(meeting, plan.date, options.committee) if attendees else None)
        or None,
    )
    event.add(X_COMMITTEE, options.committee_id)
    event.add(X_MEETING, meeting.id)
    event.add(X_KIND, meeting.kind.value)
    if meeting.status is MeetingStatus.HELD:
        event.add(X_STATUS, meeting.status.value)
    return event


def _deadline_description(plan: MeetingPlan, deadline: Deadline, options: _Options) -> str:
    meeting, language = plan.meeting, options.language
    lines = [
        message("ical.deadline_line", language, kind=deadline.kind, day=deadline.date),
        message(
            "ical.deadline_meeting",
            language,
            meeting=meeting.kind,
            when=when(meeting, options.zone, language, capital=False),
            committee=options.committee_name,
        ),
    ]
    if meeting.status is MeetingStatus.CANCELLED:
        lines.append(message("ical.cancelled", language))
    if deadline.done_on is not None:
        lines.append(message("ical.done", language, day=deadline.done_on))
    lines += ["", rule_text(deadline, language)]
    if deadline.sources:
        lines.append(message("ical.sources", language, sources=", ".join(deadline.sources)))
    return "\n".join(lines)


def _deadline_component(plan: MeetingPlan, deadline: Deadline, options: _Options) -> Component:
    meeting, language = plan.meeting, options.language
    called_off = meeting.status is MeetingStatus.CANCELLED
    uid = deadline_uid(options.committee_id, meeting.id, deadline.kind.value, deadline.date)
    summary = cancelled(
        meeting,
        message(
            "ical.deadline_summary",
            language,
            kind=deadline.kind,
            meeting=meeting.kind,
            day=plan.date,
        ),
        language,
    )
    common: dict[str, Any] = {"uid": uid, "stamp": options.stamp, "sequence": meeting.revision}
    common["organizer"] = options.organizer  # iTIP's PUBLISH wants it on every component
    common |= {"summary": summary, "description": _deadline_description(plan, deadline, options)}
    component: Component
    done = None if called_off else deadline.done_on
    if options.todo:
        status = STATUS.COMPLETED if done else STATUS.NEEDS_ACTION
        component = Todo.new(status=STATUS.CANCELLED if called_off else status, **common)
        component.add("DUE", deadline.date)
        if done is not None:
            moment = datetime.combine(done, time(0), tzinfo=options.zone)
            component.add("COMPLETED", moment.astimezone(UTC))
    else:
        end = deadline.date + timedelta(days=1)
        component = Event.new(
            start=deadline.date,
            end=end,
            transparency=TRANSP.TRANSPARENT,
            status=STATUS.CANCELLED if called_off else STATUS.CONFIRMED,
            **common,
        )
    component.add(X_COMMITTEE, options.committee_id)
    component.add(X_MEETING, meeting.id)
    component.add(X_DEADLINE, deadline.kind.value)
    if options.alarm is not None and not called_off and deadline.done_on is None:
        alarm = Alarm.new_display(
            description=message("ical.alarm", language, summary=summary, day=deadline.date),
            trigger=options.alarm,
        )
        if options.todo:
            alarm["TRIGGER"].params["RELATED"] = "END"
        component.add_component(alarm)
    return component


def _components(
    options: _Options, attendees: bool = True
) -> list[tuple[str, Component, tuple[int, ...]]]:
    """(UID, component, the years its times need a VTIMEZONE for); a meeting, then its deadlines.

    ``attendees=False`` writes no ``ATTENDEE``: iTIP's PUBLISH allows none (RFC 5546 3.2.1)."""
    result: list[tuple[str, Component, tuple[int, ...]]] = []
    for year_plan in options.plans:
        for plan in year_plan.meetings:
            meeting = plan.meeting
            deadlines = sorted(plan.deadlines, key=lambda d: d.date)
            event = _meeting_event(plan, deadlines, options, attendees)
            moments = (meeting.start,) if meeting.end is None else (meeting.start, meeting.end)
            local = (local_time(m, options.zone) for m in moments)
            years = tuple(m.year for m in local if m.tzinfo is not UTC)
            result.append((str(event["UID"]), event, years))
            for deadline in deadlines:
                component = _deadline_component(plan, deadline, options)
                result.append((str(component["UID"]), component, ()))
    return result


def build_feed(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    alarms: bool = True,
    organizer: str | None = None,
    language: Language = "en",
    refresh: timedelta = DEFAULT_REFRESH,
    source_url: str | None = None,
) -> Calendar:
    """One ``VCALENDAR`` with every meeting of ``plan`` and its deadlines.

    - ``plan``: a year plan (:func:`klu_rules.checks.deadlines.plan_year`) or several
      of one committee;
    - ``committee``: the committee, for ``ORGANIZER`` and, where no ``METHOD``
      is written, ``ATTENDEE`` (its people's e-mail addresses); without it the
      plan's committee id and name are used and no attendees are written;
    - ``todo``: deadlines as ``VTODO`` instead of all-day ``VEVENT``;
    - ``stamp``: ``DTSTAMP``, timezone-aware (default :func:`default_stamp`);
    - ``alarm``: a deadline's reminder relative to the start of its day
      (default :data:`DEFAULT_ALARM`, 09:00 the day before; ``None``: none);
    - ``alarms``: ``False`` writes no ``VALARM`` at all, whatever ``alarm`` says
      (Google and Outlook drop them from subscriptions anyway);
    - ``organizer``: an e-mail address for ``ORGANIZER`` (default: the
      secretary's, when the committee is given and the address known);
    - ``language``: ``"en"`` (default) or ``"da"``, the language of every
      ``SUMMARY``, ``DESCRIPTION`` and alarm text (data such as the
      committee's name and agenda item titles is written as given);
    - ``refresh``: how often subscribers should fetch the feed again
      (``REFRESH-INTERVAL`` and ``X-PUBLISHED-TTL``; default
      :data:`DEFAULT_REFRESH`, 12 hours);
    - ``source_url``: where the feed is published; written as ``SOURCE`` and
      in the calendar's ``DESCRIPTION`` (clients show the description and
      ignore ``URL``); it also holds the plans' findings about the rules' data
      (:data:`~klu_rules.rules.horizon.HORIZON_CODES`), one line each.

    The feed names itself with ``NAME`` and ``X-WR-CALNAME`` and its zone with
    ``X-WR-TIMEZONE``. With an organizer (``organizer=`` or the committee's
    secretary's e-mail) and deadlines as events it is ``METHOD:PUBLISH`` with
    ``ORGANIZER`` on every component, as iTIP requires, and no ``ATTENDEE``
    (a PUBLISH allows none, RFC 5546 3.2.1); otherwise (no organizer, or
    deadlines as to-dos beside the meeting events) it carries no ``METHOD`` and
    names the attendees who have an e-mail address, as :func:`build_items` does.
    """
    options = _options(
        plan,
        committee,
        todo,
        stamp,
        alarm if alarms else None,
        organizer,
        language,
        (refresh, source_url),
    )
    years = sorted({p.year for p in options.plans})
    name = options.committee_name
    if years:
        name += f" {years[0]}" if len(years) == 1 else f" {years[0]}–{years[-1]}"
    uid = uuid.uuid5(NAMESPACE, f"{options.committee_id}/{name}")
    description = message("ical.feed_description", options.language, committee=name)
    notes = (f for p in options.plans for f in p.findings if f.code in HORIZON_CODES)
    description += "".join(
        "\n" + _for_subscribers(f.text(options.language)) for f in dict.fromkeys(notes)
    )
    if options.source_url is not None:
        description += "\n" + message("ical.feed_source", options.language, url=options.source_url)
    # An iTIP method needs an ORGANIZER on every component and one kind of component
    # (RFC 5546 § 3.2.1, § 1.4): a feed without an organizer, or with meetings as events and
    # deadlines as to-dos, is a plain calendar object, without METHOD.
    itip = options.organizer is not None and not options.todo
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH" if itip else None,
        uid=str(uid),
    )
    # icalendar writes NAME, X-WR-CALNAME and X-WR-CALDESC unescaped: written as TEXT here
    for prop, value in (("NAME", name), ("X-WR-CALNAME", name), ("DESCRIPTION", description)):
        calendar.add(prop, vText(value))
    calendar.add("X-WR-CALDESC", vText(description))
    calendar.add("X-WR-TIMEZONE", options.zone.key)
    calendar.add("REFRESH-INTERVAL", vDuration(options.refresh), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(options.refresh))
    if options.source_url is not None:
        calendar.add("SOURCE", vUri(options.source_url), parameters={"VALUE": "URI"})
    components = _components(options, attendees=not itip)
    for _, component, _ in components:
        calendar.add_component(component)
    add_timezones(calendar, options.zone, (year for _, _, years in components for year in years))
    return calendar


def build_items(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    alarms: bool = True,
    organizer: str | None = None,
    language: Language = "en",
) -> dict[str, Calendar]:
    """One ``VCALENDAR`` per UID (a CalDAV item, without ``METHOD``), in feed order;
    arguments as :func:`build_feed`."""
    options = _options(plan, committee, todo, stamp, alarm if alarms else None, organizer, language)
    items: dict[str, Calendar] = {}
    for uid, component, years in _components(options):
        calendar = Calendar.new(prodid=PRODID, uid="-")
        del calendar["UID"]  # an item is named by its component's UID
        calendar.add_component(component)
        add_timezones(calendar, options.zone, years)
        items[uid] = calendar
    return items


def dump_ics(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    alarms: bool = True,
    organizer: str | None = None,
    language: Language = "en",
    refresh: timedelta = DEFAULT_REFRESH,
    source_url: str | None = None,
) -> bytes:
    """The feed of :func:`build_feed` as iCalendar bytes (UTF-8, CRLF line ends)."""
    feed = build_feed(
        plan,
        committee=committee,
        todo=todo,
        stamp=stamp,
        alarm=alarm,
        alarms=alarms,
        organizer=organizer,
        language=language,
        refresh=refresh,
        source_url=source_url,
    )
    return bytes(feed.to_ical())


def dump_ics_items(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    alarms: bool = True,
    organizer: str | None = None,
    language: Language = "en",
) -> dict[str, bytes]:
    """The items of :func:`build_items` as bytes, keyed by UID (``<UID>.ics`` on a server)."""
    items = build_items(
        plan,
        committee=committee,
        todo=todo,
        stamp=stamp,
        alarm=alarm,
        alarms=alarms,
        organizer=organizer,
        language=language,
    )
    return {uid: bytes(calendar.to_ical()) for uid, calendar in items.items()}
