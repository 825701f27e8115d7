"""The input layer: bounded reads of regular files, Python's limits as KluRulesError, file
references that stay in their folder, dates in range (issue 18)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from klu_rules import FileFormatError, KluRulesError, load_committee, parse_committee
from klu_rules.cli import main
from klu_rules.core.errors import MESSAGE_LIMIT, InvalidValueError
from klu_rules.core.files import (
    DEFAULT_READ_LIMIT,
    excerpt,
    read_input,
    read_input_text,
    read_limit,
    reading,
    referenced_file,
    supported_moment,
)
from klu_rules.core.messages import error_text
from klu_rules.core.timeutil import get_zone
from klu_rules.io.coverage_file import load_coverage
from klu_rules.io.evaluation_file import (
    load_evaluations,
    overview_from_csv,
    overview_to_csv,
    rsd_2023,
)
from klu_rules.io.ical import load_ics
from klu_rules.io.meeting_record import load_meeting_record
from klu_rules.rules.loader import dump_rule_set, load_rule_set
from klu_rules.rules.ruleset import AALBORG

COMMITTEE = """schema_version = 1
[committee]
id = "k"
name = "K"
municipality = "M"
region = "Nordjylland"
{rules}
"""

LOADERS: dict[str, Callable[[Path], object]] = {
    "committee": load_committee,
    "rule set": load_rule_set,
    "meeting record": load_meeting_record,
    "coverage": load_coverage,
    "evaluation": load_evaluations,
    "ics": load_ics,
}

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_loader_refuses_a_named_pipe_without_waiting(name: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(FileFormatError, match="named pipe, not a regular file") as info:
        LOADERS[name](fifo)
    assert info.value.path == str(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_loader_refuses_a_device_and_a_folder(name: str, tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="a device, not a regular file"):
        LOADERS[name](Path("/dev/zero"))
    with pytest.raises(FileFormatError, match="a folder, not a regular file"):
        LOADERS[name](tmp_path)


def test_a_file_over_the_limit_is_refused_and_the_limit_is_adjustable(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * 2000 + b"\n")
    assert DEFAULT_READ_LIMIT == 10 * 1024 * 1024
    with read_limit(1000), pytest.raises(FileFormatError, match="larger than 1,000 bytes"):
        read_input(path)
    with read_limit(5000):
        assert len(read_input(path)) == 2003
    with pytest.raises(FileFormatError, match="larger than 10 bytes"):
        read_input(path, limit=10)
    with pytest.raises(FileFormatError, match="read limit"), read_limit(0):
        pass  # pragma: no cover - refused on entry


def test_read_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="No such file") as info:
        read_input(tmp_path / "missing.toml")
    assert info.value.path == str(tmp_path / "missing.toml")
    with pytest.raises(FileFormatError, match="NUL"):
        read_input("a\x00b")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("navn = 'Århus'".encode("latin-1"))
    with pytest.raises(FileFormatError, match="not UTF-8") as info:
        read_input_text(bad)
    assert info.value.path == str(bad)
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbfa = 1")
    assert read_input_text(bom) == "a = 1"


HUGE = "1" * 4301


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("committee", f"schema_version = {HUGE}\n"),
        ("rule set", f"schema_version = 1\nname = 'x'\nx = {HUGE}\n"),
        ("meeting record", f"schema_version = 1\n\n[meeting]\nrevision = {HUGE}\n"),
        ("coverage", f"schema_version = 1\nyear = {HUGE}\n"),
        ("evaluation", f"schema_version = 1\nyear = {HUGE}\n"),
    ],
)
def test_a_number_of_4301_digits_is_an_error_with_its_line(
    name: str, text: str, tmp_path: Path
) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError, match="more than 4,300 digits") as info:
        LOADERS[name](path)
    assert info.value.path == str(path)
    assert info.value.line == text.count("\n", 0, text.index(HUGE)) + 1


def test_python_limits_inside_a_reader_are_file_format_errors() -> None:
    def fail(exc: BaseException) -> None:
        with reading("f.toml"):
            raise exc

    for exc, text in [
        (RecursionError(), "nested too deeply"),
        (OverflowError("date value out of range"), "out of range"),
        (ValueError("x" * 10_000), "cannot be read"),
        (MemoryError(), "larger than"),
    ]:
        with pytest.raises(FileFormatError, match=text) as info:
            fail(exc)
        assert len(str(info.value)) <= MESSAGE_LIMIT
    with pytest.raises(FileFormatError, match="nested"):
        fail(FileFormatError("nested"))  # a KluRulesError passes unchanged


def test_a_csv_field_over_128_kib_is_a_file_format_error() -> None:
    header = overview_to_csv(rsd_2023()).splitlines()[0]
    text = header + '\r\n"' + "x" * 200_000 + '",2023\r\n'
    with pytest.raises(FileFormatError, match="not valid CSV") as info:
        overview_from_csv(text, path="big.csv")
    assert len(str(info.value)) <= MESSAGE_LIMIT


def test_a_zone_name_of_400_parts_is_an_invalid_value() -> None:
    with pytest.raises(InvalidValueError):
        get_zone("a/" * 400 + "b")
    text = COMMITTEE.format(rules='rules = "national"\ntimezone = "' + "a/" * 400 + 'b"')
    with pytest.raises(FileFormatError) as info:
        parse_committee(text)
    assert len(str(info.value)) <= MESSAGE_LIMIT


def test_excerpt_quotes_a_short_part_of_any_value() -> None:
    assert excerpt("x" * 10**6) == "'" + "x" * 56 + "..."
    assert excerpt(10**5000) == "<an integer of about 5001 digits>"
    assert excerpt("kort") == "'kort'"
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    assert excerpt(deep) == "<a list>"


def test_no_message_is_longer_than_the_limit() -> None:
    key = "x" * 100_000
    with pytest.raises(FileFormatError) as info:
        parse_committee(f'schema_version = 1\n"{key}" = 1\n')
    assert len(str(info.value)) <= MESSAGE_LIMIT
    assert len(error_text(info.value, "da")) <= MESSAGE_LIMIT
    assert len(str(KluRulesError("y" * 10_000))) == MESSAGE_LIMIT


# --- file references stay in their folder --------------------------------------------------


def _committee_with(tmp_path: Path, reference: str) -> Path:
    path = tmp_path / "k" / "committee.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(COMMITTEE.format(rules=f"rules_file = {reference!r}"), encoding="utf-8")
    return path


def test_rules_file_is_read_relative_to_the_committee_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _committee_with(tmp_path, "rules/aalborg.toml")
    (path.parent / "rules").mkdir()
    (path.parent / "rules" / "aalborg.toml").write_text(dump_rule_set(AALBORG), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the folder of the committee file
    assert load_committee(path).rule_set.origin == "rules/aalborg.toml"


@pytest.mark.parametrize(
    ("reference", "refusal"),
    [
        ("/etc/passwd", "is an absolute path"),
        ("/dev/zero", "is an absolute path"),
        ("../secret.toml", "leads outside the folder"),
        ("rules/../../secret.toml", "leads outside the folder"),
        ("link.toml", "leads outside the folder"),
    ],
)
def test_rules_file_cannot_reach_outside_the_folder(
    reference: str, refusal: str, tmp_path: Path
) -> None:
    (tmp_path / "secret.toml").write_text("password = 'hunter2'\n", encoding="utf-8")
    path = _committee_with(tmp_path, reference)
    (path.parent / "link.toml").symlink_to(tmp_path / "secret.toml")
    with pytest.raises(FileFormatError, match=refusal) as info:
        load_committee(path)
    assert "hunter2" not in str(info.value)
    assert "root:" not in str(info.value)
    assert info.value.key == "committee.rules_file"


def test_a_missing_rules_file_outside_tells_nothing_about_its_existence(tmp_path: Path) -> None:
    there = _committee_with(tmp_path, "~/.ssh/id_ed25519")
    with pytest.raises(FileFormatError, match="does not exist"):
        load_committee(there)  # "~" is a folder name here, never the home folder
    absent = _committee_with(tmp_path, "/no/such/file.toml")
    present = _committee_with(tmp_path, "/etc/hostname")
    messages = []
    for path in (absent, present):
        with pytest.raises(FileFormatError) as info:
            load_committee(path)
        messages.append(str(info.value).replace("/no/such/file.toml", "/etc/hostname"))
    assert messages[0] == messages[1]


def test_allow_outside_lets_a_trusted_caller_refer_anywhere(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(dump_rule_set(AALBORG), encoding="utf-8")
    path = _committee_with(tmp_path, "../rules.toml")
    assert load_committee(path, allow_outside=True).rule_set.name == AALBORG.name
    absolute = _committee_with(tmp_path, str(rules))
    assert load_committee(absolute, allow_outside=True).rule_set.name == AALBORG.name
    assert referenced_file(tmp_path, str(rules), "rules_file", allow_outside=True) == rules
    with pytest.raises(FileFormatError, match="not a regular file"):
        load_committee(_committee_with(tmp_path, "/dev/zero"), allow_outside=True)


# --- dates in range at the boundary ----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(-timedelta(hours=14))),
        datetime(1899, 12, 31, 23, tzinfo=UTC),
        datetime(2201, 1, 1, tzinfo=UTC),
    ],
)
def test_a_moment_outside_1900_to_2200_is_an_invalid_value(value: datetime) -> None:
    with pytest.raises(InvalidValueError, match="outside the years 1900 to 2200"):
        supported_moment(value, "stamp")


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--meeting", "0001-06-01T15:00"],
        ["plan", "--meeting", "0001-01-01T00:00+14:00/01:00"],
        ["ics", "--stamp", "0001-01-01T00:00+14:00"],
        ["ics", "--stamp", "9999-12-31T23:59-14:00"],
    ],
)
def test_the_command_line_refuses_dates_out_of_range(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--lang", "en"]) == 2
    assert "outside the years 1900" in capsys.readouterr().err


def test_the_short_end_form_crosses_midnight(capsys: pytest.CaptureFixture[str]) -> None:
    from klu_rules.cli._plan_options import parse_meeting

    start, end = parse_meeting("2023-06-01T23:00/01:00")
    assert end is not None
    assert end - start == timedelta(hours=2)
    assert end.date().isoformat() == "2023-06-02"
    start, end = parse_meeting("2023-06-01T15:00/17:00")
    assert end is not None
    assert end - start == timedelta(hours=2)
    assert main(["plan", "--meeting", "2023-06-01T15:00/15:00"]) == 2  # no length at all
    capsys.readouterr()


@needs_fifo
def test_the_command_line_refuses_a_named_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "committee.toml"
    os.mkfifo(fifo)
    assert main(["show", "--committee", str(fifo), "--lang", "en"]) == 2
    assert "named pipe" in capsys.readouterr().err
    assert main(["check-meeting", str(fifo)]) == 2
    assert "navngiven pipe" in capsys.readouterr().err


def test_the_reader_is_the_one_input_layer() -> None:
    # Outside the input and output layers, files are read only from the package's own data.
    src = Path(__file__).resolve().parents[2] / "src" / "klu_rules"
    own = {"core/files.py", "io/output.py"}
    for path in src.rglob("*.py"):
        if path.relative_to(src).as_posix() in own:
            continue
        text = path.read_text(encoding="utf-8")
        reads = any(call in text for call in (".read_bytes()", " open(", ".read_text("))
        assert not reads or "data_file" in text or 'files("klu_rules")' in text, path


def test_the_kinds_of_special_files_are_named() -> None:
    import stat

    from klu_rules.core.files import file_kind

    assert file_kind(stat.S_IFSOCK) == "socket"
    assert file_kind(stat.S_IFBLK) == "device"
    assert file_kind(0) == "other"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_file_that_grows_past_the_limit_while_read_is_refused() -> None:
    # /proc files say they are empty and then are not: the limit holds while reading
    with pytest.raises(FileFormatError, match="larger than 10 bytes"):
        read_input("/proc/self/status", limit=10)


def test_an_error_while_reading_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from klu_rules.core import files

    path = tmp_path / "a.toml"
    path.write_bytes(b"a = 1")

    def broken(fd: int, size: int) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, "read", broken)
    with pytest.raises(FileFormatError, match="Input/output error") as info:
        read_input(path)
    assert info.value.path == str(path)


def test_a_reference_with_a_nul_byte_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError, match="leads outside"):
        referenced_file(tmp_path, "a\x00b", "rules_file")
    with pytest.raises(InvalidValueError, match="does not exist"):
        referenced_file(tmp_path, "a\x00b", "rules_file", allow_outside=True)
