"""Files that can always be written and read back, whatever zone or offset a meeting has
(issue 18): a meeting's own ``timezone``, offsets with seconds, the DST overlap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import FileFormatError, Meeting, dump_committee, parse_committee
from klu_rules.io.committee_file import meeting_zone
from klu_rules.io.meeting_record import MeetingRecord, dump_meeting_record, parse_meeting_record
from klu_rules.io.presets import aalborg
from klu_rules.model.agenda import Agenda, AgendaItem

CPH = ZoneInfo("Europe/Copenhagen")


def _round_trip(*meetings: Meeting) -> tuple[Meeting, ...]:
    committee = attrs.evolve(aalborg(), meetings=meetings)
    back = parse_committee(dump_committee(committee))
    assert back == committee
    return back.meetings


def test_a_meeting_in_another_zone_keeps_its_zone() -> None:
    start = datetime(2023, 6, 1, 9, tzinfo=ZoneInfo("America/New_York"))
    (back,) = _round_trip(Meeting(id="ny", start=start, end=start + timedelta(hours=2)))
    assert back.start.tzinfo == ZoneInfo("America/New_York")
    assert back.end is not None
    assert back.end.tzinfo == ZoneInfo("America/New_York")
    assert back.start.hour == 9


@pytest.mark.parametrize(
    "zone",
    [
        timezone(timedelta(hours=1, seconds=30)),
        timezone(-timedelta(minutes=44, seconds=30)),
        ZoneInfo("Africa/Monrovia"),  # local mean time, -0:44:30, until 1972
    ],
    ids=["+01:00:30", "-00:44:30", "Africa/Monrovia"],
)
def test_an_offset_with_seconds_is_written_and_read_back(zone: timezone | ZoneInfo) -> None:
    start = datetime(1960, 6, 1, 15, tzinfo=zone)
    (back,) = _round_trip(Meeting(id="m", start=start))
    assert back.start.utcoffset() == start.utcoffset()
    assert back.start.replace(tzinfo=None) == start.replace(tzinfo=None)


def test_both_hours_of_the_autumn_overlap_are_written_and_kept_apart() -> None:
    first = Meeting(id="first", start=datetime(2023, 10, 29, 2, 30, fold=0, tzinfo=CPH))
    second = Meeting(id="second", start=datetime(2023, 10, 29, 2, 30, fold=1, tzinfo=CPH))
    assert attrs.evolve(first, id="x") != attrs.evolve(second, id="x")
    assert hash(attrs.evolve(first, id="x")) != hash(attrs.evolve(second, id="x"))
    back = _round_trip(first, second)
    assert [m.start.fold for m in back] == [0, 1]
    assert all(m.start.tzinfo == CPH for m in back)


def test_plain_local_times_stay_plain() -> None:
    text = dump_committee(aalborg())
    assert "timezone = " not in text.split("[[meetings]]", 1)[1]


def test_a_bad_meeting_zone_is_an_error_at_its_key() -> None:
    text = dump_committee(aalborg()).replace(
        'id = "klu-aalborg-2023-03-06"', 'id = "klu-aalborg-2023-03-06"\ntimezone = "Mars/Base"'
    )
    with pytest.raises(FileFormatError, match="Mars/Base") as info:
        parse_committee(text)
    assert info.value.key == "meetings[0].timezone"
    assert meeting_zone("-05:30") == timezone(-timedelta(hours=5, minutes=30))
    with pytest.raises(Exception, match="time zone"):
        meeting_zone("+24:00")


ZONES = [
    CPH,
    UTC,
    ZoneInfo("America/New_York"),
    ZoneInfo("Pacific/Apia"),
    ZoneInfo("Africa/Monrovia"),
    timezone(timedelta(hours=5, minutes=45, seconds=17)),
]


@given(
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2199, 1, 1)),
    st.sampled_from(ZONES),
    st.integers(0, 1),
)
def test_any_meeting_time_round_trips(moment: datetime, zone: object, fold: int) -> None:
    start = moment.replace(tzinfo=zone, fold=fold)  # type: ignore[arg-type]
    back = start.astimezone(UTC).astimezone(start.tzinfo)
    if back.replace(tzinfo=None) != moment:
        return  # inside a DST gap: no such time
    (again,) = _round_trip(Meeting(id="m", start=start))
    assert again.start.utcoffset() == start.utcoffset()


def test_a_record_citing_a_topic_outside_the_catalogue_is_not_dumped() -> None:
    committee = aalborg()
    meeting = committee.meetings[1]
    item = AgendaItem(number="1", title="Budget", kind="information", topics=("budget",))
    record = MeetingRecord.build(
        attrs.evolve(meeting, agenda=Agenda(items=(item,))), committee, preset="aalborg"
    )
    with pytest.raises(FileFormatError, match="unknown topic 'budget'"):
        dump_meeting_record(record)
    good = MeetingRecord.build(
        attrs.evolve(meeting, agenda=Agenda(items=(attrs.evolve(item, topics=()),))),
        committee,
        preset="aalborg",
    )
    again = parse_meeting_record(dump_meeting_record(good))
    assert again.meeting == good.meeting
