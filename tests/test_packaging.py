"""The built wheel and sdist hold what an installed klu_rules needs: the code, every
shipped data file (rule sets, catalogues, schemas), ``py.typed`` and the licence."""

from __future__ import annotations

import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from helpers import ROOT

hatchling_wheel = pytest.importorskip("hatchling.builders.wheel")
hatchling_sdist = pytest.importorskip("hatchling.builders.sdist")

PACKAGE = ROOT / "src" / "klu_rules"


def shipped_files() -> set[str]:
    """Every file of the package in the source tree, as its path inside the wheel."""
    return {
        "klu_rules/" + path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    return Path(next(hatchling_wheel.WheelBuilder(str(ROOT)).build(directory=str(out))))


def test_the_wheel_holds_the_code_every_data_file_py_typed_and_the_licence(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = Parser().parsestr(
            archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        )
    expected = shipped_files()
    assert {"klu_rules/py.typed", "klu_rules/data/schemas/plan.schema.json"} <= expected
    assert expected <= names
    assert not [n for n in names if "__pycache__" in n]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert metadata["License-Expression"] == "MIT"
    classifiers = metadata.get_all("Classifier") or []
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert any(c.startswith("Development Status ::") for c in classifiers)
    assert metadata["Requires-Python"] == ">=3.11"


def test_the_sdist_holds_the_licence_the_tests_and_the_docs(tmp_path: Path) -> None:
    built = next(hatchling_sdist.SdistBuilder(str(ROOT)).build(directory=str(tmp_path)))
    with tarfile.open(built) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml"} <= names
    assert "src/klu_rules/data/schemas/plan.schema.json" in names
    assert any(n.startswith("tests/") for n in names)
    assert any(n.startswith("docs/") for n in names)
