"""The output layer: whole files or nothing, never onto an input, a closed or full standard
output ends cleanly (issue 18)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import AALBORG_2023_EXIT

from klu_rules import FileFormatError, KluRulesError, dump_committee
from klu_rules.cli import main
from klu_rules.io import output
from klu_rules.io.output import output_error, same_file, write_file, write_folder
from klu_rules.io.presets import aalborg

SRC = Path(__file__).resolve().parents[2] / "src"


def _fail_fsync_after(monkeypatch: pytest.MonkeyPatch, calls: int) -> None:
    """The disk fills up: the ``calls``-th fsync and later ones fail with ENOSPC."""
    count = {"n": 0}
    real = os.fsync

    def fsync(fd: int) -> None:
        count["n"] += 1
        if count["n"] >= calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(output.os, "fsync", fsync)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_full_disk_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed.ics"
    feed.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    _fail_fsync_after(monkeypatch, 1)
    with pytest.raises(FileFormatError, match="disk is full; nothing was changed") as info:
        write_file(feed, b"new" * 1000)
    assert info.value.path == str(feed)
    assert feed.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    assert _names(tmp_path) == ["feed.ics"]  # no temporary file left behind


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
def test_a_file_size_limit_leaves_the_old_feed_whole(tmp_path: Path) -> None:
    feed = tmp_path / "feed.ics"
    subprocess.run(
        [sys.executable, "-m", "klu_rules", "ics", "-o", str(feed)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
    )
    good = feed.read_bytes()
    limited = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192)); "
        "from klu_rules.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", limited, "ics", "--todo", "-o", str(feed), "--lang", "en"],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert "cannot write the file" in done.stderr
    assert "nothing was changed" in done.stderr
    assert feed.read_bytes() == good
    assert _names(tmp_path) == ["feed.ics"]


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "feed.ics"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_file(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_link_is_followed_and_a_device_written_directly(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    (tmp_path / "link.ics").symlink_to(real)
    write_file(tmp_path / "link.ics", b"new")
    assert real.read_bytes() == b"new"
    assert (tmp_path / "link.ics").is_symlink()
    if Path(os.devnull).exists():
        write_file(os.devnull, b"gone")


def test_dash_is_standard_output(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    write_file("-", b"BEGIN:VCALENDAR\r\n")
    assert capfdbinary.readouterr().out == b"BEGIN:VCALENDAR\r\n"


def test_an_output_onto_an_input_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.toml"
    victim.write_text(dump_committee(aalborg()), encoding="utf-8")
    before = victim.read_bytes()
    os.link(victim, tmp_path / "hard.toml")
    (tmp_path / "soft.toml").symlink_to(victim)
    for target in ("victim.toml", "hard.toml", "soft.toml", "./sub/../victim.toml"):
        with pytest.raises(FileFormatError, match="would overwrite an input"):
            write_file(tmp_path / target, b"x", inputs=[victim])
    assert victim.read_bytes() == before
    assert same_file(tmp_path / "hard.toml", victim)
    assert not same_file(tmp_path / "other.toml", victim)


def test_the_command_line_never_writes_onto_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.toml"
    victim.write_text(dump_committee(aalborg()), encoding="utf-8")
    before = victim.read_bytes()
    monkeypatch.chdir(tmp_path)
    for argv in (
        ["ics", "--committee", "victim.toml", "-o", "victim.toml"],
        ["ics", "--committee", str(victim), "-o", "./victim.toml"],
    ):
        assert main([*argv, "--lang", "en"]) == 2
        assert "would overwrite an input" in capsys.readouterr().err
    assert victim.read_bytes() == before


def test_split_writes_every_item_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    items = tmp_path / "items"
    assert main(["ics", "--split", str(items)]) == AALBORG_2023_EXIT
    first = {p.name: p.read_bytes() for p in items.iterdir()}
    assert len(first) == 16
    (items / "other.txt").write_bytes(b"kept")
    _fail_fsync_after(monkeypatch, 5)  # the disk fills up after four items
    assert main(["ics", "--split", str(items), "--todo", "--lang", "en"]) == 2
    assert "disk is full" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in items.iterdir()} == {**first, "other.txt": b"kept"}
    fresh = tmp_path / "fresh"
    assert main(["ics", "--split", str(fresh)]) == 2
    assert not fresh.exists()
    assert _names(tmp_path) == ["items"]


def test_write_folder_replaces_items_of_the_same_name_and_keeps_others(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    write_folder(folder, {"x.ics": b"1", "y.ics": b"2"})
    (folder / "z.txt").write_bytes(b"z")
    write_folder(folder, {"x.ics": b"3"})
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        "x.ics": b"3",
        "y.ics": b"2",
        "z.txt": b"z",
    }
    with pytest.raises(FileFormatError, match="is a file"):
        write_folder(folder / "z.txt", {"x.ics": b"1"})
    with pytest.raises(FileFormatError, match="would overwrite an input"):
        write_folder(folder, {"x.ics": b"4"}, inputs=[folder / "x.ics"])


def test_a_folder_that_cannot_be_made_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(FileFormatError, match="cannot write the file"):
        write_folder(tmp_path / "file" / "items", {"x.ics": b"1"})
    with pytest.raises(FileFormatError, match="cannot write the file"):
        write_file(tmp_path / "file" / "feed.ics", b"1")


class _Closed(io.RawIOBase):
    def __init__(self, error: int) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise BrokenPipeError() if self.error == errno.EPIPE else OSError(self.error, "full")

    def fileno(self) -> int:
        raise io.UnsupportedOperation


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (errno.ENOSPC, "the disk under standard output is full"),
        (errno.EIO, "cannot write the file"),
    ],
)
def test_a_closed_or_full_standard_output_ends_with_exit_status_2(
    error: int, text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdout = io.TextIOWrapper(io.BufferedWriter(_Closed(error)), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    for argv in (["plan", "--lang", "en"], ["ics", "--lang", "en"]):
        assert main(argv) == 2
        assert text in capsys.readouterr().err


def test_a_reader_that_closes_the_pipe_ends_the_run_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # klu-rules init -o - | head: the reader had enough; no error line, and the status is
    # still the findings' (Aalborg's 2023 plan has an error finding: 1, text or JSON)
    stdout = io.TextIOWrapper(io.BufferedWriter(_Closed(errno.EPIPE)), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    for argv, status in (
        (["plan", "--lang", "en"], 1),
        (["plan", "--lang", "en", "--format", "json"], 1),
        (["ics", "--lang", "en", "-o", "-"], 1),
        (["init", "--municipality", "Odense", "-o", "-"], 0),
    ):
        assert main(argv) == status
        assert "error:" not in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_under_standard_output_is_reported(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "klu_rules", "plan", "--lang", "en"],
            env={**os.environ, "PYTHONPATH": str(SRC)},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 2
    assert done.stderr.endswith(
        "klu-rules: error: the disk under standard output is full; the output is incomplete\n"
    )


def test_output_error_is_a_klu_rules_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # no file descriptor to silence
    assert isinstance(output_error(BrokenPipeError()), KluRulesError)


def test_a_folder_in_the_way_of_a_file_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "feed.ics").mkdir()
    with pytest.raises(FileFormatError, match="cannot write the file"):
        write_file(tmp_path / "feed.ics", b"x")
    assert _names(tmp_path) == ["feed.ics"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_without_reader_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileFormatError, match="cannot write the file"):
        write_file(fifo, b"x")
