"""Meeting-record files, the combined meeting check, and the two commands."""

from __future__ import annotations

import json
import runpy
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from helpers import MINIMAL_RECORD, cph
from hypothesis import given, settings
from hypothesis import strategies as st

from klu_rules import (
    Agenda,
    AgendaItem,
    Attendance,
    FileFormatError,
    InvalidValueError,
    Meeting,
    Money,
    Person,
    dump_committee,
)
from klu_rules.checks.honorarium import MeetingRate
from klu_rules.checks.meeting_check import JSON_SCHEMA, check_meeting, check_record
from klu_rules.cli import main
from klu_rules.io.meeting_record import (
    MeetingRecord,
    dump_meeting_record,
    load_meeting_record,
    parse_meeting_record,
)
from klu_rules.io.presets import aalborg
from klu_rules.text.meeting_check import meeting_check_to_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DECEMBER = EXAMPLES / "aalborg_2021_12_meeting.toml"
JUNE = EXAMPLES / "meeting_2023_06_01.toml"


def record_text(body: str, head: str = 'schema_version = 1\npreset = "aalborg"\n') -> str:
    return head + textwrap.dedent(body)


# --- reading the examples ---------------------------------------------------------------------


def test_december_2021_example() -> None:
    record = load_meeting_record(DECEMBER)
    assert record.preset == "aalborg"
    assert record.committee_file is None
    assert record.path == str(DECEMBER)
    meeting = record.meeting
    assert meeting.id == "klu-aalborg-2021-12"
    assert meeting.status.value == "held"
    assert meeting.end is None
    assert meeting.start.isoformat() == "2021-12-01T15:00:00+01:00"
    assert meeting.agenda is not None
    numbers = [i.number for i in meeting.agenda.items]
    assert numbers == ["1", "2.a", "2.b", "2.c", "2.d", "2.e", "3.a", "3.b", "4"]
    assert meeting.agenda.item("2.e").title == "Den kommunale praksiskonsulent, status og opgaver"
    assert "1.935,27 kr. (april 2021-niveau)" in (meeting.agenda.item("3.a").case_description or "")
    assert all(i.duration_minutes is None for i in meeting.agenda.items)
    assert record.committee.meeting(meeting.id) == meeting
    assert len(record.committee.meetings) == 5  # the preset's four 2023 meetings and this one


def test_june_2023_example_replaces_the_planned_meeting() -> None:
    record = load_meeting_record(JUNE)
    assert [p.id for p in record.people] == ["eksempel-vikar", "eksempel-supplerende"]
    assert len(record.committee.meetings) == 4
    assert record.committee.meeting("klu-aalborg-2023-06-01") == record.meeting
    assert record.meeting.attendance_of("eksempel-vikar") is not None


@pytest.mark.parametrize("path", [DECEMBER, JUNE], ids=lambda p: p.name)
def test_examples_round_trip(path: Path) -> None:
    record = load_meeting_record(path)
    again = parse_meeting_record(dump_meeting_record(record))
    assert again == record
    assert again.meeting == record.meeting
    assert dump_meeting_record(again) == dump_meeting_record(record)


def test_committee_file_relative_to_the_record(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "klu.toml").write_text(dump_committee(aalborg()), encoding="utf-8")
    (tmp_path / "records").mkdir()
    path = tmp_path / "records" / "m.toml"
    path.write_text(
        MINIMAL_RECORD.replace('preset = "aalborg"', 'committee_file = "../data/klu.toml"'),
        encoding="utf-8",
    )
    with pytest.raises(FileFormatError, match="leads outside the folder"):
        load_meeting_record(path)  # a record cannot reach outside its folder by default
    record = load_meeting_record(path, allow_outside=True)
    assert record.committee_file == "../data/klu.toml"
    assert record.preset is None
    assert record.committee.id == "klu-aalborg"
    assert 'committee_file = "../data/klu.toml"' in dump_meeting_record(record)
    # Text without a path reads committee_file relative to base_dir.
    text = path.read_text(encoding="utf-8")
    again = parse_meeting_record(text, base_dir=tmp_path / "records", allow_outside=True)
    assert again == record
    absolute = text.replace("../data/klu.toml", str(tmp_path / "data" / "klu.toml"))
    assert parse_meeting_record(absolute, allow_outside=True).committee.id == "klu-aalborg"
    with pytest.raises(FileFormatError, match="is an absolute path"):
        parse_meeting_record(absolute)


def test_text_without_base_dir_reads_relative_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "klu.toml").write_text(dump_committee(aalborg()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = MINIMAL_RECORD.replace('preset = "aalborg"', 'committee_file = "klu.toml"')
    assert parse_meeting_record(text).committee_file == "klu.toml"


# --- one broken record per failure mode -------------------------------------------------------


def _with(old: str, new: str) -> str:
    assert old in MINIMAL_RECORD
    return MINIMAL_RECORD.replace(old, new)


def _person(extra: str = "") -> str:
    """MINIMAL_RECORD with a person ``vikar`` under [[people]]."""
    return _with("[meeting]", f'[[people]]\nid = "vikar"\nname = "Vikar"\n{extra}\n[meeting]')


SUBSTITUTE = '\n[[meeting.attendance]]\nperson = "vikar"\nstatus = "substitute"\nsubstitute_for = '
ITEM = '\n[[meeting.agenda.items]]\nnumber = "{}"\ntitle = "x"\nkind = "{}"\n'
PRESET = 'preset = "aalborg"'

# name: (file, where the error is and what it says)
BROKEN = {
    "no-schema-version": (
        _with("schema_version = 1\n", ""),
        "'schema_version': this key is required",
    ),
    "schema-version-2": (_with("= 1", "= 2"), "schema_version 2 is not supported"),
    "no-committee": (_with(PRESET + "\n", ""), "give exactly one of preset"),
    "two-committees": (_with(PRESET, PRESET + '\ncommittee_file = "x"'), "exactly one of preset"),
    "unknown-preset": (_with(PRESET, 'preset = "odense"'), "'preset': expected one of 'aalborg'"),
    "missing-committee-file": (
        _with(PRESET, 'committee_file = "nowhere.toml"'),
        "'committee_file': the committee file 'nowhere.toml' does not exist",
    ),
    "no-meeting": (
        MINIMAL_RECORD[: MINIMAL_RECORD.index("[meeting]")],
        "'meeting': this key is required",
    ),
    "unknown-top-level-key": (_with(PRESET, PRESET + '\nrules = "x"'), "unknown key(s) 'rules'"),
    "unknown-meeting-key": (MINIMAL_RECORD + 'room = "A"\n', "'meeting': unknown key(s) 'room'"),
    "person-already-in-committee": (
        _with("[meeting]", '[[people]]\nid = "lars-lund"\nname = "L"\n[meeting]'),
        "'people[0].id': person id 'lars-lund' is already in the committee",
    ),
    "person-twice": (
        _with(
            "[meeting]",
            '[[people]]\nid = "x"\nname = "X"\n[[people]]\nid = "x"\nname = "Y"\n[meeting]',
        ),
        "person id 'x' is defined twice",
    ),
    "unknown-person": (
        MINIMAL_RECORD + '\n[[meeting.attendance]]\nperson = "nobody"\nstatus = "present"\n',
        "'meeting.attendance[0].person': no person with id 'nobody'",
    ),
    "bad-attendance-status": (
        MINIMAL_RECORD + '\n[[meeting.attendance]]\nperson = "lars-lund"\nstatus = "here"\n',
        "'meeting.attendance[0].status': expected one of 'present'",
    ),
    "time-in-dst-gap": (
        _with("10-05T15:00", "03-26T02:30"),
        "'meeting.start': 26 March 2023 at 02:30 does not exist",
    ),
    "ambiguous-time": (_with("10-05T15:00", "10-29T02:30"), "occurs twice in Europe/Copenhagen"),
    "end-before-start": (
        _with("T17:00", "T14:00"),
        "'meeting': meeting 'klu-aalborg-2023-10-05' ends",
    ),
    "substitute-for-non-doctor": (
        _person("doctor = true") + SUBSTITUTE + '"lars-lund"\n',
        "who is not a doctor member in office that day",
    ),
    "substitute-not-a-doctor": (
        _person() + SUBSTITUTE + '"christine-houe"\n',
        "is not marked as a doctor",
    ),
    "substitute-item-not-on-agenda": (
        _person("doctor = true")
        + SUBSTITUTE
        + '"christine-houe"\nitems = ["2.z"]\n'
        + ITEM.format("1", "approval"),
        "substitutes for item(s) 2.z that are not on the agenda",
    ),
    "bad-item-number": (
        MINIMAL_RECORD + ITEM.format("II", "approval"),
        "'meeting.agenda.items[0]': an agenda item number",
    ),
    "bad-item-kind": (
        MINIMAL_RECORD + ITEM.format("1", "vote"),
        "'meeting.agenda.items[0].kind': expected one of",
    ),
    "duration-not-minutes": (
        MINIMAL_RECORD + ITEM.format("1", "approval") + 'duration_minutes = "10 min"\n',
        "'meeting.agenda.items[0].duration_minutes': expected an integer",
    ),
    "unknown-topic": (
        MINIMAL_RECORD + ITEM.format("2.a", "decision") + 'topics = ["helth"]\n',
        "'meeting.agenda.items[0].topics': unknown topic 'helth'",
    ),
    "unknown-not-relevant-topic": (
        MINIMAL_RECORD + '\n[meeting.agenda]\nnot_relevant = ["coverage"]\n',
        "'meeting.agenda.not_relevant': unknown topic 'coverage'",
    ),
    "no-rules-in-force": (
        MINIMAL_RECORD.replace("2023-10-05", "1999-10-05")
        + "\n[meeting.agenda]\nnot_relevant = []\n",
        "'meeting.start': no KLU rules are in force on 5 October 1999",
    ),
    "not-toml": ("schema_version = \n", "not valid TOML"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_records(name: str, tmp_path: Path) -> None:
    text, message = BROKEN[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as caught:
        load_meeting_record(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


# --- building records in Python ---------------------------------------------------------------


def test_build_and_validate() -> None:
    c = aalborg()
    meeting = Meeting("extra-2023", cph(2023, 12, 14, 15), cph(2023, 12, 14, 17))
    record = MeetingRecord.build(meeting, c, preset="aalborg")
    assert record.committee.meeting("extra-2023") == meeting
    with pytest.raises(InvalidValueError, match="by exactly one of preset"):
        MeetingRecord.build(meeting, c)
    with pytest.raises(InvalidValueError, match="by exactly one of preset"):
        MeetingRecord.build(meeting, c, preset="aalborg", committee_file="klu.toml")
    with pytest.raises(InvalidValueError, match="is not among the committee's meetings"):
        MeetingRecord(meeting, c, preset="aalborg")
    with pytest.raises(InvalidValueError, match="must hold Person values"):
        MeetingRecord.build(meeting, c, preset="aalborg", people=["x"])  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match="preset must be non-empty text"):
        MeetingRecord.build(meeting, c, preset=" ")
    with pytest.raises(InvalidValueError, match=r"meeting must be a klu_rules\.Meeting"):
        MeetingRecord.build("m", c, preset="aalborg")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"committee must be a klu_rules\.Committee"):
        MeetingRecord.build(meeting, "klu", preset="aalborg")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="expected a MeetingRecord"):
        dump_meeting_record(meeting)  # type: ignore[arg-type]


SUB = Person("vikar", "Vikar", email="vikar@example.dk", doctor=True)
DOCTOR_IDS = [m.person.id for m in aalborg().doctor_members(date(2023, 9, 1))]
OTHERS = ["mikkel-grimmeshave", "pernille-smalbro-hylleberg", "lars-lund", "jan-nybo"]


_CHARS = st.characters(exclude_categories=("Cc", "Cs"))


@st.composite
def records(draw: st.DrawFn) -> MeetingRecord:
    c = aalborg()
    people = {p.id: p for p in c.people()}
    statuses = st.sampled_from(["present", "absent", None])
    attendance: list[Attendance] = []
    for pid in DOCTOR_IDS + OTHERS:
        status = draw(statuses)
        if status == "absent":
            reason = draw(st.none() | st.text(_CHARS, min_size=1, max_size=20))
            attendance.append(Attendance(people[pid], "absent", reason=reason))
        elif status:
            attendance.append(Attendance(people[pid], status))
    items = [
        AgendaItem(
            "1", "Godkendelse af dagsordenen", "approval", draw(st.none() | st.integers(1, 30))
        )
    ]
    for letter in draw(st.lists(st.sampled_from("abcd"), unique=True, max_size=4)):
        items.append(
            AgendaItem(
                f"2.{letter}",
                draw(st.text(_CHARS, min_size=1, max_size=30).filter(str.strip)),
                "decision",
                draw(st.none() | st.integers(1, 60)),
                what=draw(st.none() | st.text(_CHARS | st.just("\n"), max_size=30)),
                case_description=draw(st.none() | st.text(_CHARS | st.just("\n"), max_size=60)),
                topics=draw(
                    st.lists(st.sampled_from(["health_agreements", "prevention"]), unique=True)
                ),
            )
        )
    extra: tuple[Person, ...] = ()
    if draw(st.booleans()) and len(items) > 1:
        extra = (SUB,)
        attendance.append(
            Attendance(SUB, "substitute", substitute_for="louise-tolnov", items=(items[1].number,))
        )
    start = cph(2023, 9, draw(st.integers(1, 28)), draw(st.integers(8, 16)))
    meeting = Meeting(
        "klu-aalborg-2023-09",
        start,
        draw(st.none() | st.just(start.replace(hour=18))),
        status=draw(st.sampled_from(["planned", "held", "cancelled"])),
        title=draw(st.none() | st.text(_CHARS, min_size=1, max_size=30)),
        attendance=tuple(attendance),
        agenda=Agenda(
            items=tuple(items),
            not_relevant=tuple(draw(st.lists(st.sampled_from(["doctor_coverage"])))),
        ),
    )
    return MeetingRecord.build(meeting, c, preset="aalborg", people=extra)


@settings(max_examples=40)
@given(records())
def test_dump_and_parse_round_trip(record: MeetingRecord) -> None:
    assert parse_meeting_record(dump_meeting_record(record)) == record


# --- the combined check -----------------------------------------------------------------------


def test_check_record_december_2021() -> None:
    result = check_record(load_meeting_record(DECEMBER))
    assert result.outcome == "warning"
    assert result.quorum.outcome == "not-quorate"
    assert result.honorarium.outcome == "eligibility-only"
    assert result.agenda is not None
    assert len(result.findings) == 21
    assert result.sources == ("VEJL2011", "AAL2021", "OK22-102")
    assert "not quorate" in result.explain()
    assert "The quorum rule is an assumption" in result.quorum.findings[0].text("en")
    assert "Reglen om beslutningsdygtighed er en antagelse" in result.quorum.findings[0].text("da")


def test_check_meeting_without_an_agenda_and_with_overrides() -> None:
    record = load_meeting_record(JUNE)
    meeting = attrs.evolve(record.meeting, agenda=None, attendance=())
    committee = MeetingRecord.build(meeting, record.committee, preset="aalborg").committee
    result = check_meeting(meeting, committee, quorum_doctor_share="1", quorum_municipal_present=0)
    assert result.agenda is None
    assert result.parameters["quorum_doctor_share"] == "1"
    assert "Agenda: none recorded" in meeting_check_to_text(result)
    assert result.to_dict()["agenda"] is None
    assert result.explain().count("Sources") == 1  # quorum + honorarium, no agenda
    with pytest.raises(InvalidValueError, match="layering is one of"):
        check_meeting(meeting, committee, layering="any")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="expected a MeetingRecord"):
        check_record(meeting)  # type: ignore[arg-type]


def test_clean_meeting_has_outcome_ok() -> None:
    record = load_meeting_record(JUNE)
    assert record.meeting.agenda is not None
    agenda = attrs.evolve(
        record.meeting.agenda, not_relevant=("doctor_coverage", "local_health_policy")
    )
    attendance = tuple(a for a in record.meeting.attendance if a.person.id != "louise-tolnov")
    meeting = attrs.evolve(record.meeting, agenda=agenda, attendance=attendance)
    committee = MeetingRecord.build(meeting, record.committee, preset="aalborg").committee
    rate = MeetingRate(Money(Decimal("1500"), "2023-04"))
    result = check_meeting(meeting, committee, rate=rate)
    assert result.findings == ()
    assert result.outcome == "ok"
    assert "; 0 findings, worst: none." in result.explain()


def test_the_meeting_check_judges_the_day_and_length_as_the_plan_does() -> None:
    # AAL-2023: 6 March 2023 kl. 15-19, over the national "op til 3 timer" (VEJL2011)
    committee = aalborg()
    march = attrs.evolve(committee.meetings[0], status="held")
    assert march.duration is not None
    assert march.duration.total_seconds() == 4 * 3600
    result = check_meeting(march, committee)
    assert [f.code for f in result.findings][:1] == ["meeting.longer-than-national-max"]
    assert result.findings[0].subject == march.id
    per_hour = MeetingRate(Money(Decimal("1000"), "2023-04"), per="hour")
    paid = check_meeting(march, committee, rate=per_hour)  # the fee's own finding, listed once
    assert [f.code for f in paid.findings].count("meeting.longer-than-national-max") == 1
    sunday = Meeting("sunday", cph(2023, 6, 4, 15), cph(2023, 6, 4, 17), status="held")
    assert "meeting.on-closed-day" in [f.code for f in check_meeting(sunday, committee).findings]
    dialogue = attrs.evolve(march, kind="dialogue")
    assert "meeting.longer-than-national-max" not in [
        f.code for f in check_meeting(dialogue, committee).findings
    ]


def test_a_meeting_after_the_rules_horizon_is_flagged_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "m2027.toml"
    body = """
        [meeting]
        id = "klu-aalborg-2027-06-03"
        start = 2027-06-03T15:00:00
        end = 2027-06-03T17:00:00
        status = "held"

        [[meeting.attendance]]
        person = "mette-bolvig-poulsen"
        status = "present"
    """
    path.write_text(record_text(body), encoding="utf-8")
    options = ["--rate", "1000", "--rate-per", "hour", "--price-level", "2027-01"]
    status, out, _ = run(["check-meeting", str(path), *options], capsys)
    assert status == 0
    assert "No remarks" not in out
    data = json.loads(main_json(path, capsys))
    horizon = [f for f in data["findings"] if f["code"] == "rules.beyond-horizon"]
    assert [f["parameters"]["rule_set"] for f in horizon] == ["aalborg", "national"]


def main_json(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    main(["check-meeting", str(path), "--format", "json"])
    return capsys.readouterr().out


# --- the command line -------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command in English (its texts are compared with the API's English)."""
    status = main([argv[0], "--lang", "en", *argv[1:]])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_check_meeting_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["check-meeting", str(DECEMBER)], capsys)
    assert status == 0
    assert err == ""
    assert out.startswith("Meeting klu-aalborg-2021-12 (1 December 2021), committee klu-aalborg")
    assert "Quorum (an assumption, not stated by the sources): not quorate" in out
    assert "  municipal side counted: Lisbet Trap-Jensen Torp and Helen Kæstel" in out
    assert "Findings (21):" in out
    assert "Warning agenda.item-without-duration [2.c]" in out


def test_cli_check_meeting_json_with_rate(capsys: pytest.CaptureFixture[str]) -> None:
    options = [
        "--format",
        "json",
        "--rate",
        "1500",
        "--rate-per",
        "hour",
        "--price-level",
        "2023-04",
    ]
    status, out, _ = run(["check-meeting", str(JUNE), *options], capsys)
    assert status == 0
    data = json.loads(out)
    assert data["schema"] == JSON_SCHEMA
    assert data["honorarium"]["total"]["amount"] == "12000.00"
    assert data["honorarium"]["fee_per_doctor"]["amount"] == "3000.00"
    assert data["honorarium"]["rate"]["per"] == "hour"
    item = data["quorum"]["items"][2]
    assert (item["item"], item["outcome"], item["doctors_filled"]) == ("2.a", "quorate", 4)
    assert [f["code"] for f in data["findings"]] == [
        "agenda.doctor-member-absent-without-reason",
        "agenda.standing-topic-missing",
    ]
    assert "  punkt 2.a: Beslutningsdygtigt: 4 af 6 lægelige pladser" in main_text(JUNE, capsys)


def main_text(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    main(["check-meeting", str(path)])
    return capsys.readouterr().out


def test_cli_quorum_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    options = ["--quorum-share", "1", "--quorum-municipal", "3", "--layering", "local"]
    status, out, _ = run(["check-meeting", str(JUNE), *options], capsys)
    assert status == 0  # a warning is not an error
    assert "Quorum (an assumption, not stated by the sources): not quorate" in out
    assert "the doctors' share of the doctor seats 1 (given in the call)" in out
    assert "(layering: local)" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--rate", "1500"], "--rate needs --price-level YYYY-MM"),
        (["--rate", "1.500,00", "--price-level", "2023-04"], "written with a decimal point"),
        (["--rate", "1500.005", "--price-level", "2023-04"], "at most two decimals"),
        (["--rate", "Infinity", "--price-level", "2023-04"], "at most two decimals"),
        (["--rate", "-5", "--price-level", "2023-04"], "must be a positive amount"),
        (["--rate", "1500", "--price-level", "2023-4"], "price_level must be a month"),
        (["--price-level", "2023-04"], "--rate-per and --price-level describe --rate"),
        (["--rate-per", "hour"], "--rate-per and --price-level describe --rate"),
        (["--quorum-share", "2"], "greater than 0 and at most 1"),
    ],
)
def test_cli_bad_options(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["check-meeting", str(JUNE), *extra], capsys)
    assert status == 2
    assert out == ""
    assert err.startswith("klu-rules: error: ")
    assert message in err


@pytest.mark.parametrize("value", ["-1", "two"])
def test_cli_bad_quorum_municipal(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check-meeting", str(JUNE), "--quorum-municipal", value])
    assert caught.value.code == 2
    assert "forventede et helt tal" in capsys.readouterr().err


ONLY_THE_APPROVAL = (
    MINIMAL_RECORD + '\n[[meeting.agenda.items]]\nnumber = "1"\ntitle = "Godkendelse"\n'
    'kind = "approval"\nduration_minutes = 5\n'
)
"""A meeting record whose agenda lacks the fixed items after the approval (an error)."""


def test_cli_error_findings_give_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(ONLY_THE_APPROVAL, encoding="utf-8")
    status, out, _ = run(["check-meeting", str(path)], capsys)
    assert status == 1
    assert "Error agenda.fixed-item-missing [2]" in out


def test_agenda_gives_the_same_status_as_check_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(ONLY_THE_APPROVAL, encoding="utf-8")
    for form in ("markdown", "json"):
        status, out, err = run(["agenda", str(path), "--format", form], capsys)
        assert (status, out.count("Godkendelse")) == (1, 1)
        assert "(agenda.fixed-item-missing)" in err
    status, _, err = run(["agenda", str(JUNE)], capsys)
    assert (status, err) == (0, "")


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["check-meeting", str(tmp_path / "nope.toml")], capsys)
    assert status == 2
    assert "cannot read the file" in err


def test_cli_agenda_markdown_and_html(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["agenda", str(DECEMBER)], capsys)
    assert status == 0
    assert out.startswith("# Agenda\n")
    assert "## 3. a. Orientering om OK22 - ændring af ordningen om faste lægehuse" in out
    status, out, _ = run(["agenda", str(JUNE), "--format", "html"], capsys)
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "<h3>2. a. Eksempel: status på sundhedsaftalen</h3>" in out


def test_cli_agenda_without_an_agenda(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(MINIMAL_RECORD, encoding="utf-8")
    status, _, err = run(["agenda", str(path)], capsys)
    assert status == 2
    assert "has no agenda; add [meeting.agenda]" in err


def test_example_script_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(EXAMPLES / "check_meeting.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "Meeting klu-aalborg-2021-12" in out
    assert "# Dagsorden" in out
    assert "31 residents: 2902.91 kr (2021-04), paid by the region" in out
    assert "DKK 6,000.00 in total" in out
