"""The compiled twins of the shipped data: current, equal to their sources, unused when stale."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from klu_rules.core import compiled, messages
from klu_rules.core.compiled import compile_shipped, shipped, shipped_names
from klu_rules.core.data import data_file
from klu_rules.core.forms import LANGUAGES
from klu_rules.core.messages import compile_catalogue
from klu_rules.core.toml import shipped_toml

FIX = "the twin is stale: run python scripts/compile_data.py"


@pytest.mark.parametrize("name", shipped_names())
def test_every_shipped_file_has_a_current_twin_with_its_data(name: str) -> None:
    twin = Path(data_file(f"compiled/{Path(name).stem}.json")).read_text("utf-8")
    assert twin == compile_shipped(name), FIX
    assert shipped_toml(name) == tomllib.loads(Path(data_file(name)).read_text("utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_has_a_current_twin(language: str) -> None:
    twin = Path(data_file(f"compiled/text.{language}.json")).read_text("utf-8")
    assert twin == compile_catalogue(language), FIX  # type: ignore[arg-type]


def test_no_twin_is_left_without_its_sources() -> None:
    expected = {f"{Path(n).stem}.json" for n in shipped_names()}
    expected |= {f"text.{language}.json" for language in LANGUAGES}
    assert {path.name for path in Path(data_file("compiled")).glob("*.json")} == expected


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of our own in place of the shipped one."""
    (tmp_path / "compiled").mkdir()
    monkeypatch.setattr(compiled, "data_file", lambda name: tmp_path / name)
    monkeypatch.setattr(messages, "data_file", lambda name: tmp_path / name)
    return tmp_path


def test_dates_and_times_come_back_as_they_were(data: Path) -> None:
    (data / "x.toml").write_text(
        "day = 2021-05-01\nat = 2023-03-06T15:00:00\nstamp = 2023-03-06T15:00:00+01:00\n"
        'clock = 15:30:00\n[[rows]]\nday = 2024-02-29\nname = "a"\n',
        "utf-8",
    )
    (data / "compiled" / "x.json").write_text(compile_shipped("x.toml"), "utf-8")
    read = shipped("x.toml", lambda text: pytest.fail("the twin is current"))
    assert read == {
        "day": date(2021, 5, 1),
        "at": datetime(2023, 3, 6, 15, 0),
        "stamp": datetime(2023, 3, 6, 15, 0, tzinfo=timezone(timedelta(hours=1))),
        "clock": time(15, 30),
        "rows": [{"day": date(2024, 2, 29), "name": "a"}],
    }


def test_a_stale_or_missing_twin_gives_way_to_its_source(data: Path) -> None:
    source = data / "x.toml"
    source.write_text("year = 2023\n", "utf-8")
    assert shipped("x.toml", tomllib.loads) == {"year": 2023}  # no twin yet
    (data / "compiled" / "x.json").write_text(compile_shipped("x.toml"), "utf-8")
    source.write_text("year = 2024\n", "utf-8")
    assert shipped("x.toml", lambda text: {"parsed": text}) == {"parsed": "year = 2024\n"}


def test_a_stale_catalogue_twin_gives_way_to_its_sources(data: Path) -> None:
    (data / "text" / "da").mkdir(parents=True)
    assert messages._load("da") == {}  # no sources, nothing compiled
    (data / "text" / "da" / "plan.toml").write_text('[plan]\nyear = "År {year}"\n', "utf-8")
    twin = data / "compiled" / "text.da.json"
    twin.write_text(compile_catalogue("da").replace("År", "Året"), "utf-8")
    assert messages._load("da") == {"plan.year": "Året {year}"}  # read from the twin
    (data / "text" / "da" / "plan.toml").write_text('[plan]\nyear = "Ar {year}"\n', "utf-8")
    assert messages._load("da") == {"plan.year": "Ar {year}"}  # edited since: the sources win


def test_the_compile_script_writes_the_twins_the_tests_expect(tmp_path: Path) -> None:
    """``scripts/compile_data.py`` on a copy of the package: the same twins, a stale one gone."""
    root = Path(__file__).resolve().parents[2]
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(root / "src" / "klu_rules", tmp_path / "src" / "klu_rules", ignore=ignore)
    shutil.copytree(root / "scripts", tmp_path / "scripts", ignore=ignore)
    compiled_dir = tmp_path / "src" / "klu_rules" / "data" / "compiled"
    (compiled_dir / "gone.json").write_text("{}", "utf-8")
    (compiled_dir / "national.json").write_text("{}", "utf-8")
    script = tmp_path / "scripts" / "compile_data.py"
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    written = {path.name: path.read_text("utf-8") for path in compiled_dir.glob("*.json")}
    shipped_twins = Path(data_file("compiled"))
    assert written == {path.name: path.read_text("utf-8") for path in shipped_twins.glob("*.json")}
