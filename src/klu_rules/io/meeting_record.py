"""Meeting-record files: one meeting, its attendance and its agenda, in TOML.

A record names its committee (``preset = "aalborg"`` or ``committee_file``,
read relative to the record file), lists under ``[[people]]`` anyone not in
the committee, and holds the meeting under ``[meeting]`` as a committee
file's ``[[meetings]]``. The format (``schema_version = 1``) is documented in
``docs/meeting-records.md``. Reading a record checks what the committee would
check and that every topic key is in the topic catalogue in force on the
meeting date; every error names the file, the key and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from klu_rules.core import toml as _toml
from klu_rules.core.convert import nonempty_text, of_type, tuple_of
from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.files import referenced_file
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record
from klu_rules.core.timeutil import get_zone
from klu_rules.io.committee_file import (
    check_topics,
    load_committee,
    meeting_from_table,
    read_people,
    to_table,
)
from klu_rules.io.presets import PRESETS, get_preset
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.model.people import Person

__all__ = [
    "SCHEMA_VERSION",
    "MeetingRecord",
    "dump_meeting_record",
    "load_meeting_record",
    "meeting_record_from_mapping",
    "meeting_record_to_mapping",
    "parse_meeting_record",
]

SCHEMA_VERSION = 1

_OPTIONAL_TEXT = attrs.validators.optional(nonempty_text)


def _people(value: Iterable[Person]) -> tuple[Person, ...]:
    return tuple_of(value, Person, "MeetingRecord.people")


@attrs.frozen(slots=True, repr=False)
class MeetingRecord(Record):
    """One meeting with the committee it belongs to: what a meeting-record file holds.

    ``committee`` holds ``meeting`` among its meetings (in place of a planned
    meeting with the same id). Exactly one of ``preset`` and
    ``committee_file`` says where the committee comes from; ``people`` are the
    people the record adds. Build one with :meth:`build`.
    """

    meeting: Meeting = attrs.field(validator=of_type(Meeting))
    committee: Committee = attrs.field(validator=of_type(Committee))
    preset: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    committee_file: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_people)
    path: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if (self.preset is None) == (self.committee_file is None):
            raise coded(InvalidValueError, "meeting_record.committee_one_of", {})
        if self.meeting not in self.committee.meetings:
            raise coded(
                InvalidValueError,
                "meeting_record.meeting_not_in_committee",
                {"meeting": excerpt(self.meeting.id)},
            )

    @classmethod
    def build(
        cls,
        meeting: Meeting,
        committee: Committee,
        *,
        preset: str | None = None,
        committee_file: str | None = None,
        people: Iterable[Person] = (),
    ) -> MeetingRecord:
        """A record of ``meeting`` in ``committee``, replacing any meeting with the same id.

        Building the committee checks the meeting as the committee would (a
        substitute stands in for a doctor member in office that day).
        """
        if not isinstance(meeting, Meeting):
            raise coded(
                InvalidValueError, "meeting_record.not_a_meeting", {"got": excerpt(meeting)}
            )
        if not isinstance(committee, Committee):
            raise coded(
                InvalidValueError, "meeting_record.not_a_committee", {"got": excerpt(committee)}
            )
        others = tuple(m for m in committee.meetings if m.id != meeting.id)
        with_meeting = attrs.evolve(committee, meetings=(*others, meeting))
        return cls(meeting, with_meeting, preset, committee_file, people)


def _committee(
    top: _toml.TableReader, base_dir: Path | None, allow_outside: bool
) -> tuple[Committee, str | None, str | None]:
    has_preset, has_file = top.has("preset"), top.has("committee_file")
    if has_preset == has_file:
        raise top.fail("meeting_record.preset_or_file")
    if has_preset:
        name: str = top.get_choice("preset", tuple(PRESETS))
        return get_preset(name), name, None
    rel: str = top.get_str("committee_file")
    try:
        full = referenced_file(base_dir, rel, "committee_file", allow_outside=allow_outside)
    except KluRulesError as exc:
        if exc.text_key == "files_reference_missing":
            raise top.fail(
                "meeting_record.committee_file_missing",
                "committee_file",
                file=excerpt(rel),
                full=excerpt(str(Path(base_dir or ".") / rel)),
            ) from None
        raise top.error(exc, "committee_file") from None
    return load_committee(full, allow_outside=allow_outside), None, rel


def meeting_record_from_mapping(
    data: Mapping[str, Any],
    *,
    path: str | Path | None = None,
    base_dir: str | Path | None = None,
    allow_outside: bool = False,
) -> MeetingRecord:
    """Build a record from parsed TOML ``data``.

    ``path`` is used in errors; ``committee_file`` is read relative to
    ``base_dir`` (default: the directory of ``path``, else the current
    directory) and must lie inside it unless ``allow_outside``
    (:func:`klu_rules.core.files.referenced_file`).
    """
    top = _toml.TableReader(data, path=path)
    top.check_schema_version(SCHEMA_VERSION)
    if base_dir is None and path is not None:
        base_dir = Path(path).parent
    committee, preset, committee_file = _committee(
        top, None if base_dir is None else Path(base_dir), allow_outside
    )
    tz = get_zone(committee.timezone)
    extra = read_people(top)
    known = {p.id: p for p in committee.people()}
    for index, pid in enumerate(extra):
        if pid in known:
            raise coded(
                FileFormatError,
                "meeting_record.person_in_committee",
                {"id": excerpt(pid), "name": known[pid].name},
                path=path,
                key=f"people[{index}].id",
            )
    table = top.get_table("meeting")
    meeting = meeting_from_table(table, {**known, **extra}, tz)
    top.finish()
    if meeting.agenda is not None:
        check_topics(meeting, committee, path)
    with table.located():
        record = MeetingRecord.build(
            meeting, committee, preset=preset, committee_file=committee_file, people=extra.values()
        )
    return attrs.evolve(record, path=None if path is None else str(path))


def parse_meeting_record(
    text: str | bytes,
    *,
    path: str | Path | None = None,
    base_dir: str | Path | None = None,
    allow_outside: bool = False,
) -> MeetingRecord:
    """Read a meeting record from TOML text (see :func:`meeting_record_from_mapping`)."""
    data = _toml.parse_toml_text(text, path=path, lines=True)
    return meeting_record_from_mapping(
        data, path=path, base_dir=base_dir, allow_outside=allow_outside
    )


def load_meeting_record(path: str | Path, *, allow_outside: bool = False) -> MeetingRecord:
    """Read a meeting-record file. Errors name the file, the key and what was expected.

    ``committee_file`` must lie in the record's folder or below unless ``allow_outside``.
    """
    data = _toml.load_toml_file(path, lines=True)
    return meeting_record_from_mapping(data, path=path, allow_outside=allow_outside)


def meeting_record_to_mapping(record: MeetingRecord) -> dict[str, Any]:
    """The record as the mapping :func:`meeting_record_from_mapping` reads."""
    tz = get_zone(record.committee.timezone)
    return {
        "schema_version": SCHEMA_VERSION,
        "preset": record.preset,
        "committee_file": record.committee_file,
        "people": [to_table(person, tz) for person in record.people] or None,
        "meeting": to_table(record.meeting, tz),
    }


def dump_meeting_record(record: MeetingRecord) -> str:
    """The record as TOML text that :func:`parse_meeting_record` reads back equal.

    A topic outside the catalogue in force on the meeting day is refused here,
    as the loader would refuse it.
    """
    if not isinstance(record, MeetingRecord):
        raise coded(InvalidValueError, "meeting_record.not_a_record", {"got": excerpt(record)})
    if record.meeting.agenda is not None:  # what the loader would refuse is not written
        check_topics(record.meeting, record.committee, None)
    return _toml.dumps(meeting_record_to_mapping(record))
