"""Every benchmark script still imports, and the cheap ones run on a tiny workload.

A benchmark is run by hand, so nothing else notices when a module it imports
is removed or the export it reproduces changes. The import check loads each
script by path without running its ``main``; the iCalendar and calendar
benchmarks then run end to end on a few meetings / one year, which checks
what they check before timing (the same bytes, the same answers). The others
time fresh processes and are only imported.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("*.py"))


def _load(path: Path) -> ModuleType:
    """The script as a module named after its file, so its ``__main__`` block does not run."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{path.stem}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_benchmarks() -> None:
    assert {p.name for p in SCRIPTS} >= {"bench_calendar.py", "bench_ical.py"}


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_benchmark_imports(path: Path) -> None:
    module = _load(path)
    assert callable(module.main)


def test_ical_benchmark_writes_the_same_bytes_on_a_few_meetings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 24 meetings hold every case the benchmark builds: cancelled, held, titled with an
    # agenda, and deadlines moved over Christmas both ways
    _load(BENCHMARKS / "bench_ical.py").main(["--meetings", "24", "--repeats", "1"])
    output = capsys.readouterr().out
    assert "export of 24 meetings and 72 deadlines" in output
    assert "ratio klu_rules / bare icalendar" in output


def test_ical_benchmark_exits_when_the_bytes_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    module = _load(BENCHMARKS / "bench_ical.py")
    bare = module.bare_icalendar
    monkeypatch.setattr(module, "bare_icalendar", lambda *a: bare(*a).replace(b"KLU", b"XLU", 1))
    with pytest.raises(SystemExit, match="different feeds, first at line"):
        module.main(["--meetings", "2", "--repeats", "1"])


def test_calendar_benchmark_agrees_on_one_year(capsys: pytest.CaptureFixture[str]) -> None:
    _load(BENCHMARKS / "bench_calendar.py").main(["--years", "2024", "2024"])
    assert "2024-01-01 .. 2024-12-31" in capsys.readouterr().out
