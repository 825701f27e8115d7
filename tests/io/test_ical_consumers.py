"""Real consumers accept the export: icalendar, vobject, Radicale, CalDAV, recurring-ical-events.

- the feed is parsed by icalendar and by vobject, with the same events;
- every item passes ``python -m radicale --verify-item FILE`` (and a broken
  item does not, so the check can fail);
- the items are uploaded with the ``caldav`` client to a real Radicale server
  started on 127.0.0.1 (free port, storage and configuration in a temporary
  folder, no authentication), read back unchanged, and updated in place when
  a meeting's revision is raised;
- recurring-ical-events lists exactly the exported events over the year.
"""

from __future__ import annotations

import ctypes
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
import recurring_ical_events
import vobject
from helpers import rich_committee
from icalendar import Calendar

from klu_rules import Committee
from klu_rules.checks.deadlines import plan_year
from klu_rules.io import ical
from klu_rules.io.presets import aalborg

# the properties a calendar must keep as they were sent
_COMPARED = ("UID", "DTSTART", "DTEND", "DUE", "SUMMARY", "SEQUENCE", "STATUS")


def _committees() -> list[Committee]:
    return [aalborg(), rich_committee()]


def _items(committee: Committee, *, todo: bool = False) -> dict[str, bytes]:
    return ical.dump_ics_items(plan_year(committee), committee=committee, todo=todo)


def _semantic(component: Any) -> dict[str, object]:
    """What a round trip must keep, as Python values (not as bytes)."""
    result: dict[str, object] = {"name": component.name}
    for name in _COMPARED:
        value = component.get(name)
        if value is None:
            continue
        if name in ("DTSTART", "DTEND", "DUE"):
            result[name] = value.dt
            result[name + ";params"] = dict(value.params)
        elif name == "SEQUENCE":
            result[name] = int(value)
        else:
            result[name] = str(value)
    return result


def _own_components(calendar: Calendar) -> list[Any]:
    return [c for c in calendar.subcomponents if c.name in ("VEVENT", "VTODO")]


# ---------------------------------------------------------------------------
# parsers


@pytest.mark.parametrize("committee", _committees(), ids=lambda c: c.id)
def test_icalendar_and_vobject_read_the_same_events(committee: Committee) -> None:
    data = ical.dump_ics(plan_year(committee), committee=committee)
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == sum(1 + len(p.deadlines) for p in plan_year(committee).meetings)
    parsed = vobject.readOne(data.decode("utf-8"))
    theirs = {e.uid.value: e for e in parsed.vevent_list}
    assert set(theirs) == {str(e["UID"]) for e in events}
    for event in events:
        other = theirs[str(event["UID"])]
        assert other.summary.value == str(event["SUMMARY"])
        assert other.dtstart.value == event.start
        assert other.dtend.value == event.end if "DTEND" in event else True
        assert int(other.sequence.value) == event["SEQUENCE"]
        assert other.status.value == str(event["STATUS"])
        if "DESCRIPTION" in event:
            assert other.description.value == str(event["DESCRIPTION"])
    assert [t.tzid.value for t in parsed.vtimezone_list] == ["Europe/Copenhagen"]


def test_vobject_keeps_summer_time_across_files_of_different_years() -> None:
    """vobject keeps the first VTIMEZONE it sees for a TZID, for the whole process."""
    offsets = []
    for committee in _committees():
        data = ical.dump_ics(plan_year(committee), committee=committee).decode("utf-8")
        for event in vobject.readOne(data).vevent_list:
            start = event.dtstart.value
            if isinstance(start, datetime):
                offsets.append((start.month, start.utcoffset()))
    assert {month for month, _ in offsets} >= {3, 6, 9, 10, 11}
    for month, offset in offsets:
        summer = 4 <= month <= 10
        assert offset == timedelta(hours=2 if summer else 1), (month, offset)


def test_vobject_reads_the_todo_feed() -> None:
    committee = rich_committee()
    data = ical.dump_ics(plan_year(committee), committee=committee, todo=True)
    parsed = vobject.readOne(data.decode("utf-8"))
    assert len(parsed.vtodo_list) == 10
    assert all(isinstance(t.due.value, date) for t in parsed.vtodo_list)


# ---------------------------------------------------------------------------
# radicale --verify-item


def _radicale_config(folder: Path, port: int | None = None) -> Path:
    """A Radicale configuration that reads nothing outside ``folder``."""
    lines = ["[logging]", "level = warning", "[storage]", f"filesystem_folder = {folder / 'store'}"]
    if port is not None:
        lines += ["[server]", f"hosts = 127.0.0.1:{port}", "[auth]", "type = none"]
    path = folder / "config"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _verify(config: Path, item: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "radicale", "--config", str(config), "--verify-item", str(item)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_every_item_passes_radicale_verify_item(tmp_path: Path) -> None:
    """Every item of the committee with every kind of meeting and deadline, as events and tasks.

    The command checks one file per process; they run two at a time per CPU.
    """
    config = _radicale_config(tmp_path)
    files: list[Path] = []
    for todo in (False, True):
        folder = tmp_path / ("todo" if todo else "event")
        folder.mkdir()
        for uid, data in _items(rich_committee(), todo=todo).items():
            path = folder / f"{uid}.ics"
            path.write_bytes(data)
            files.append(path)
    broken = tmp_path / "broken.ics"
    broken.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:2023\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    checked = [*files, broken]
    with ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 2)) as pool:
        results = dict(zip(checked, pool.map(lambda f: _verify(config, f), checked), strict=True))
    assert results.pop(broken).returncode != 0, "radicale --verify-item accepts a broken item"
    failed = {p.name: r.stdout + r.stderr for p, r in results.items() if r.returncode != 0}
    assert not failed, failed
    assert len(results) == 14 + 14


# ---------------------------------------------------------------------------
# a Radicale server and the caldav client


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a Radicale server on 127.0.0.1, stopped when the module's tests are done."""
    folder = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    config = _radicale_config(folder, port)
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(process, port, folder / "server.log")
            yield f"http://127.0.0.1:{port}/"
        finally:  # the finalizer: stop the server however the tests ended
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover - a stuck server
                process.kill()
                process.wait(timeout=10)


def _wait_for(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Wait until the server accepts connections, at most 20 s."""
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None:
            pytest.fail("Radicale stopped: " + log.read_text(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail("Radicale did not start within 20 s")
            time.sleep(0.05)


@pytest.fixture
def dav(radicale: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A caldav client for the local server (no proxy for 127.0.0.1)."""
    import caldav

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with caldav.DAVClient(url=radicale, username="klu", password="klu", timeout=20) as client:
        yield client


def _upload(calendar: Any, items: dict[str, bytes]) -> None:
    for data in items.values():
        text = data.decode("utf-8")
        if "BEGIN:VTODO" in text:
            calendar.add_todo(text, increase_seqno=False)
        else:
            calendar.add_event(text, increase_seqno=False)


def _read_back(calendar: Any) -> dict[str, dict[str, object]]:
    stored: dict[str, dict[str, object]] = {}
    for obj in calendar.get_objects():
        if not obj.data:
            obj.load()
        [component] = _own_components(Calendar.from_ical(obj.data))
        uid = str(component["UID"])
        assert str(obj.url).endswith(f"/{uid}.ics")  # stored under its UID
        stored[uid] = _semantic(component)
    return stored


def _expected(items: dict[str, bytes]) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    for uid, data in items.items():
        [component] = _own_components(Calendar.from_ical(data))
        result[uid] = _semantic(component)
    return result


@pytest.mark.network
@pytest.mark.parametrize("todo", [False, True], ids=["events", "todos"])
def test_caldav_upload_and_read_back(dav: Any, todo: bool) -> None:
    committee = rich_committee()
    items = _items(committee, todo=todo)
    calendar = dav.principal().make_calendar(name="KLU", cal_id=f"klu-{'todo' if todo else 'ev'}")
    _upload(calendar, items)
    assert _read_back(calendar) == _expected(items)


@pytest.mark.network
def test_caldav_update_in_place_and_cancel(dav: Any) -> None:
    committee = rich_committee()
    calendar = dav.principal().make_calendar(name="KLU opdateret", cal_id="klu-update")
    _upload(calendar, _items(committee))
    before = _read_back(calendar)

    m1 = committee.meeting("m1")
    moved = attrs.evolve(
        m1,
        start=m1.start + timedelta(weeks=1),
        end=None if m1.end is None else m1.end + timedelta(weeks=1),
        revision=m1.revision + 1,
    )
    m4 = committee.meeting("m4")
    cancelled = attrs.evolve(m4, status="cancelled", revision=m4.revision + 1)
    changed = attrs.evolve(
        committee,
        meetings=[moved, cancelled, *(m for m in committee.meetings if m.id not in ("m1", "m4"))],
    )
    items = _items(changed)
    _upload(
        calendar,
        {
            uid: d
            for uid, d in items.items()
            if "X-KLU-MEETING-ID:m1" in d.decode() or "X-KLU-MEETING-ID:m4" in d.decode()
        },
    )
    # a deadline's UID names its date: m1's deadlines moved with it, so they are new items;
    # the old ones stay until a sync deletes what the export no longer holds
    after = _read_back(calendar)
    stale = set(before) - set(items)
    assert stale
    assert set(after) == set(items) | stale
    assert ical.meeting_uid("klu-test", "m1") in items  # the meeting is updated in place
    assert {u: v for u, v in after.items() if u in items} == _expected(items)
    uid = ical.meeting_uid("klu-test", "m1")
    assert after[uid]["SEQUENCE"] == 1
    assert after[uid]["DTSTART"] == moved.start
    dialogue = after[ical.meeting_uid("klu-test", "m4")]
    assert (dialogue["STATUS"], dialogue["SEQUENCE"]) == ("CANCELLED", 1)
    [announcement] = [
        after[uid]
        for uid, data in items.items()
        if b"X-KLU-MEETING-ID:m4" in data and b"X-KLU-DEADLINE:dialogue_announcement" in data
    ]
    assert announcement["STATUS"] == "CANCELLED"


# ---------------------------------------------------------------------------
# recurring-ical-events


@pytest.mark.parametrize("committee", _committees(), ids=lambda c: c.id)
def test_recurring_ical_events_lists_exactly_the_exported_events(committee: Committee) -> None:
    plan = plan_year(committee)
    calendar = Calendar.from_ical(ical.dump_ics(plan, committee=committee))
    year = plan.year
    # deadlines of the year's first meetings may fall in the year before
    occurrences = recurring_ical_events.of(calendar).between(
        date(year - 1, 1, 1), date(year + 1, 1, 1)
    )
    found = sorted((str(e["UID"]), e.start) for e in occurrences)
    expected = []
    for meeting_plan in plan.meetings:
        meeting = meeting_plan.meeting
        expected.append((ical.meeting_uid(committee.id, meeting.id), meeting.start))
        expected += [
            (ical.deadline_uid(committee.id, meeting.id, d.kind, d.date), d.date)
            for d in meeting_plan.deadlines
        ]
    assert found == sorted(expected)
    cancelled = [e for e in occurrences if str(e["STATUS"]) == "CANCELLED"]
    assert len(cancelled) == sum(
        1 + len(p.deadlines) for p in plan.meetings if p.meeting.status.value == "cancelled"
    )


@pytest.mark.network
def test_radicale_places_a_2040_meeting_right_after_a_2023_export(dav: Any) -> None:
    """Radicale reads times through vobject, which keeps the first VTIMEZONE it sees of a
    TZID: a 2023 export first, then a summer meeting of 2040 (15:00-17:00, 13:00-15:00 UTC),
    found by a time-range query exactly where it is."""
    calendar = dav.principal().make_calendar(name="KLU 2040", cal_id="klu-2040")
    _upload(calendar, _items(aalborg()))
    late = rich_committee(
        (ical_meeting := _late_meeting(),),
    )
    items = ical.dump_ics_items(plan_year(late, 2040), committee=late, todo=True)
    _upload(calendar, items)
    uid = ical.meeting_uid("klu-test", ical_meeting.id)

    def found(start: datetime, end: datetime) -> bool:
        hits = calendar.search(start=start, end=end, event=True)
        return any(uid in str(hit.data) for hit in hits)

    utc = UTC
    assert found(datetime(2040, 6, 7, 13, tzinfo=utc), datetime(2040, 6, 7, 13, 30, tzinfo=utc))
    assert not found(datetime(2040, 6, 7, 12, tzinfo=utc), datetime(2040, 6, 7, 13, tzinfo=utc))
    assert not found(datetime(2040, 6, 7, 15, tzinfo=utc), datetime(2040, 6, 7, 16, tzinfo=utc))


def _late_meeting() -> Any:
    from zoneinfo import ZoneInfo

    from klu_rules import Meeting

    cph = ZoneInfo("Europe/Copenhagen")
    return Meeting(
        id="m2040",
        start=datetime(2040, 6, 7, 15, tzinfo=cph),
        end=datetime(2040, 6, 7, 17, tzinfo=cph),
    )


def _libical() -> Any:
    try:
        return ctypes.CDLL("libical.so.3")
    except OSError:
        pytest.skip("libical (libical3) is not installed")


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"organizer": "klu@kommune.example"},
        {"todo": True},
        {"todo": True, "organizer": "klu@kommune.example"},
    ],
    ids=["plain", "organizer", "todo", "todo-organizer"],
)
@pytest.mark.parametrize("build", [aalborg, rich_committee], ids=["aalborg", "with-e-mail"])
def test_libical_restriction_check_finds_no_error(
    options: dict[str, Any], build: Callable[[], Committee]
) -> None:
    """libical's RFC 5545/5546 restriction check, the one libical-based clients apply; a
    committee with e-mail addresses writes no ATTENDEE in a PUBLISH (RFC 5546 3.2.1)."""
    lib = _libical()
    lib.icalparser_parse_string.restype = ctypes.c_void_p
    lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
    lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
    lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
    committee = build()
    feed = ical.dump_ics(plan_year(committee), committee=committee, **options)
    if b"METHOD:PUBLISH" in feed:
        assert b"ATTENDEE" not in feed
    component = lib.icalparser_parse_string(feed)
    try:
        passed = lib.icalrestriction_check(component)
        checked = lib.icalcomponent_as_ical_string(component).decode()
    finally:
        lib.icalcomponent_free(component)
    errors = [line for line in checked.splitlines() if line.startswith("X-LIC-ERROR")]
    assert (passed, errors) == (1, [])
    organizer = "organizer" in options or build is rich_committee  # its secretary's address
    assert (b"METHOD:PUBLISH" in feed) == (organizer and "todo" not in options)
