"""Committee files and the Aalborg preset."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import CPH

from klu_rules import (
    Committee,
    FileFormatError,
    KluRulesError,
    Meeting,
    Role,
    Side,
    dump_committee,
    load_committee,
    parse_committee,
)
from klu_rules.core.errors import (
    AmbiguousLocalTimeError,
    DuplicateMemberError,
    NonexistentLocalTimeError,
)
from klu_rules.core.timeutil import localize
from klu_rules.io.presets import PRESETS, aalborg, get_preset
from klu_rules.rules.loader import dump_rule_set
from klu_rules.rules.ruleset import AALBORG

MINIMAL = """\
schema_version = 1

[committee]
id = "klu-test"
name = "KLU Test"
municipality = "Test"
region = "Nordjylland"
rules = "national"

[[people]]
id = "doc"
name = "Dr Doc"
doctor = true

[[people]]
id = "sub"
name = "Dr Sub"
doctor = true

[[memberships]]
person = "doc"
side = "general_practice"
role = "doctor_member"
term_start = 2023-01-01

[[meetings]]
id = "m1"
start = 2023-03-06T15:00:00
end = 2023-03-06T17:00:00

[[meetings.attendance]]
person = "sub"
status = "substitute"
substitute_for = "doc"
"""


def write(tmp_path: Path, text: str, name: str = "committee.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestPreset:
    def test_aalborg_2023_as_the_page_shows_it(self) -> None:
        c = aalborg()
        assert (c.municipality, c.region, c.year, c.timezone) == (
            "Aalborg",
            "Nordjylland",
            2023,
            "Europe/Copenhagen",
        )
        assert c.rule_set == AALBORG
        starts = [m.start for m in c.meetings]
        assert starts == [
            datetime(2023, 3, 6, 15, tzinfo=CPH),
            datetime(2023, 6, 1, 15, tzinfo=CPH),
            datetime(2023, 10, 5, 15, tzinfo=CPH),
            datetime(2023, 11, 30, 15, tzinfo=CPH),
        ]
        assert [m.duration for m in c.meetings] == [timedelta(hours=h) for h in (4, 2, 2, 2)]

    def test_composition_as_listed(self) -> None:
        c = aalborg()
        day = date(2023, 6, 1)
        assert len(c.doctor_members(day)) == 6
        assert len(c.memberships) == 14
        assert len(c.secretariat) == 3
        chair = [m for m in c.memberships if m.role is Role.CHAIR]
        assert [m.person.name for m in chair] == ["Mikkel Grimmeshave"]
        assert chair[0].side is Side.MUNICIPALITY
        consultant = [m for m in c.memberships if m.role is Role.PRACTICE_CONSULTANT]
        assert consultant[0].person.doctor
        assert consultant[0].side is Side.MUNICIPALITY
        names = [m.person.name for m in c.memberships]
        assert names.count("Lisbet Trap-Jensen Torp") == 1
        senior = [m for m in c.memberships if "Senior og Omsorg" in (m.organisation or "")]
        assert len(senior) == 3

    def test_preset_round_trips_unchanged(self) -> None:
        c = aalborg()
        text = dump_committee(c)
        assert parse_committee(text) == c
        assert dump_committee(parse_committee(text)) == text

    def test_the_seed_listing_twice_is_rejected(self) -> None:
        # The page lists Lisbet Trap-Jensen Torp twice under Aalborg Kommune.
        text = dump_committee(aalborg())
        entry = (
            '[[memberships]]\nperson = "lisbet-trap-jensen-torp"\nside = "municipality"\n'
            'role = "municipal_representative"\n'
        )
        assert entry in text
        doubled = text.replace(entry, entry + "\n" + entry, 1)
        with pytest.raises(FileFormatError, match=r"Lisbet Trap-Jensen Torp .* twice") as info:
            parse_committee(doubled, path="aalborg.toml")
        assert isinstance(info.value.__cause__, DuplicateMemberError)
        assert str(info.value).startswith("aalborg.toml: ")

    def test_presets_by_name(self) -> None:
        assert get_preset("Aalborg") is aalborg()
        assert list(PRESETS) == ["aalborg"]
        with pytest.raises(KluRulesError, match="unknown preset 'odense'"):
            get_preset("odense")


class TestLoad:
    def test_minimal_file(self, tmp_path: Path) -> None:
        c = load_committee(write(tmp_path, MINIMAL))
        meeting = c.meeting("m1")
        assert meeting.start == datetime(2023, 3, 6, 14, tzinfo=UTC)
        assert meeting.start.tzinfo == CPH
        assert meeting.attendance[0].substitute_for == "doc"

    def test_times_with_an_offset_are_kept(self) -> None:
        start = datetime(2023, 3, 6, 15, tzinfo=timezone(timedelta(hours=5)))
        c = Committee("x", "X", "X", "X", AALBORG, meetings=(Meeting("m", start),))
        text = dump_committee(c)
        assert "start = 2023-03-06T15:00:00+05:00" in text
        assert parse_committee(text) == c

    def test_rules_file_reference_round_trips(self, tmp_path: Path) -> None:
        (tmp_path / "rules").mkdir()
        (tmp_path / "rules" / "aalborg-copy.toml").write_text(dump_rule_set(AALBORG), "utf-8")
        text = MINIMAL.replace('rules = "national"', 'rules_file = "rules/aalborg-copy.toml"')
        c = load_committee(write(tmp_path, text))
        assert c.rule_set == AALBORG
        assert c.rule_set.origin == "rules/aalborg-copy.toml"
        assert 'rules_file = "rules/aalborg-copy.toml"' in dump_committee(c)

    def test_rule_set_without_file_cannot_be_dumped(self) -> None:
        from klu_rules import RuleSet

        ad_hoc = RuleSet("adhoc", "Ad hoc", "local", AALBORG.entries, parent=AALBORG.parent)
        c = Committee("x", "X", "X", "X", ad_hoc)
        with pytest.raises(KluRulesError, match="not loaded from a file"):
            dump_committee(c)

    def test_time_zone_from_file(self, tmp_path: Path) -> None:
        zone = 'rules = "national"\ntimezone = "Atlantic/Faroe"'
        text = MINIMAL.replace('rules = "national"', zone)
        c = load_committee(write(tmp_path, text))
        assert c.meeting("m1").start == datetime(2023, 3, 6, 15, tzinfo=UTC)

    @pytest.mark.parametrize(
        ("change", "message", "key"),
        [
            (
                ("start = 2023-03-06T15:00:00", "start = 2023-03-26T02:30:00"),
                "does not exist in Europe/Copenhagen",
                "meetings[0].start",
            ),
            (
                ("start = 2023-03-06T15:00:00", "start = 2023-10-29T02:30:00"),
                "occurs twice",
                "meetings[0].start",
            ),
            (
                ("schema_version = 1", "schema_version = 9"),
                "schema_version 9 is not supported",
                "schema_version",
            ),
            (
                ('rules = "national"', 'rules = "odense"'),
                "one of 'national', 'aalborg'",
                "committee.rules",
            ),
            (('rules = "national"', ""), "exactly one of", "committee"),
            (
                ('rules = "national"', 'rules = "national"\nrules_file = "x.toml"'),
                "exactly one of",
                "committee",
            ),
            (
                ('rules = "national"', 'rules_file = "missing.toml"'),
                "does not exist",
                "committee.rules_file",
            ),
            (
                ('rules = "national"', 'rules = "national"\ntimezone = "Mars/Base"'),
                "unknown time zone",
                "committee",
            ),
            (
                ('person = "doc"', 'person = "nobody"'),
                "no person with id 'nobody'",
                "memberships[0].person",
            ),
            (
                ('role = "doctor_member"', 'role = "doctor"'),
                "one of 'chair'",
                "memberships[0].role",
            ),
            (
                ("term_start = 2023-01-01", "term_start = 2023-01-01\nterm_end = 2022-01-01"),
                "ends (1 January 2022) before it starts",
                "memberships[0]",
            ),
            (
                ("end = 2023-03-06T17:00:00", "end = 2023-03-06T14:00:00"),
                "before it starts",
                "meetings[0]",
            ),
            (
                ("start = 2023-03-06T15:00:00", 'start = "tomorrow"'),
                "a date and time",
                "meetings[0].start",
            ),
            (
                ('status = "substitute"', 'status = "substitute"\nreason = "sick"'),
                "only to status 'absent'",
                "meetings[0].attendance[0]",
            ),
            (('[[people]]\nid = "sub"', '[[people]]\nid = "doc"'), "defined twice", "people[1].id"),
            (('id = "m1"', 'id = "m1"\ncolour = "blue"'), "unknown key(s) 'colour'", "meetings[0]"),
            (("[committee]", "[committe]"), "required but missing", "committee"),
            (('name = "KLU Test"', "name = 7"), "expected a string", "committee.name"),
            (
                (
                    'doctor = true\n\n[[people]]\nid = "sub"',
                    'doctor = "yes"\n\n[[people]]\nid = "sub"',
                ),
                "true or false",
                "people[0].doctor",
            ),
        ],
    )
    def test_one_broken_file_per_failure_mode(
        self, tmp_path: Path, change: tuple[str, str], message: str, key: str
    ) -> None:
        assert change[0] in MINIMAL
        broken = MINIMAL.replace(change[0], change[1], 1)
        path = write(tmp_path, broken)
        with pytest.raises(FileFormatError) as info:
            load_committee(path)
        assert message in str(info.value)
        assert info.value.path == str(path)
        assert info.value.key == key
        # The line is the key's own (an unknown key's), or its table's; none for a missing table.
        name = message.split("'")[1] if "unknown key" in message else key
        name = name.rsplit(".", 1)[-1].split("[")[0]
        if info.value.line is None:
            assert f"[{name}" not in broken
        else:
            assert name in broken.splitlines()[info.value.line - 1]

    def test_substitute_for_non_member(self, tmp_path: Path) -> None:
        text = MINIMAL.replace('substitute_for = "doc"', 'substitute_for = "sub2"')
        with pytest.raises(KluRulesError, match="not a doctor member"):
            load_committee(write(tmp_path, text))

    def test_not_toml(self, tmp_path: Path) -> None:
        with pytest.raises(FileFormatError, match="not valid TOML") as info:
            load_committee(write(tmp_path, MINIMAL + "\n[[meetings\n"))
        assert info.value.line is not None


def test_localize_reads_a_wall_clock_time_in_a_zone() -> None:
    assert localize(datetime(2023, 3, 6, 15)).utcoffset() == timedelta(hours=1)
    summer = localize(datetime(2023, 6, 1, 15), "Europe/Copenhagen")
    assert summer.utcoffset() == timedelta(hours=2)
    with pytest.raises(NonexistentLocalTimeError):
        localize(datetime(2023, 3, 26, 2, 30))
    with pytest.raises(AmbiguousLocalTimeError):
        localize(datetime(2023, 10, 29, 2, 30))
    with pytest.raises(KluRulesError):
        localize(datetime(2023, 3, 6, 15, tzinfo=UTC))
