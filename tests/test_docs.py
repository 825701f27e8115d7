"""The docs build without warnings, their code runs, the glossary and findings page are right."""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

from klu_rules.io.committee_file import dump_committee, parse_committee

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
_BLOCK = re.compile(r"(?P<skip><!-- no-run -->\s*)?```python\n(?P<code>.*?)```", re.S)

# Docstring markup the build reports today, each to be fixed where it is written.
# A warning not listed here fails the build test; remove an entry once it is fixed.
KNOWN_WARNINGS = (
    # "the |n|-th working day": |n| is a reStructuredText substitution; write ``|n|``.
    'klu_rules.rules.calendar:25: ERROR: Undefined substitution referenced: "n"',
    # Two types named Outcome: checks.deadlines should use core.types.Outcome.
    "more than one target found for cross-reference 'Outcome': klu_rules.core.types.Outcome,"
    " klu_rules.checks.deadlines.Outcome",
)


def _env_with_our_src() -> dict[str, str]:
    """The environment for a subprocess, importing klu_rules from this checkout's src."""
    path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return dict(os.environ, PYTHONPATH=path)


def python_blocks(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [m["code"] for m in _BLOCK.finditer(text) if not m["skip"]]


@pytest.mark.parametrize("page", [p for p in PAGES if python_blocks(p)], ids=lambda p: p.name)
def test_page_code_runs(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for index, code in enumerate(python_blocks(page)):
        try:
            exec(compile(code, f"{page.name}[block {index}]", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{page.name}, block {index} failed: {exc!r}\n{code}")


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_env_with_our_src(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip(), f"{script.name} printed nothing"


def test_docs_build_with_no_warnings(tmp_path: Path) -> None:
    """Sphinx builds the site, API reference included, and warns about nothing.

    A broken link target, a page outside every table of contents, a module the
    reference cannot import or a docstring that is not valid reStructuredText
    all fail here.
    """
    warnings = tmp_path / "warnings.txt"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "--keep-going",
            "-w",
            str(warnings),
            "-b",
            "html",
            "-d",
            str(tmp_path / "doctrees"),
            str(DOCS),
            str(tmp_path / "html"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env_with_our_src(),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reported = [line for line in warnings.read_text(encoding="utf-8").splitlines() if line.strip()]
    unknown = [line for line in reported if not any(known in line for known in KNOWN_WARNINGS)]
    assert not unknown, "\n".join(unknown)
    reference = (tmp_path / "html" / "api.html").read_text(encoding="utf-8")
    for name in ("klu_rules.checks.deadlines.plan_year", "klu_rules.model.meeting.Meeting"):
        assert f'id="{name}"' in reference, f"{name} is not documented in api.html"


def _library_modules() -> list[object]:
    import klu_rules

    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(klu_rules.__path__, "klu_rules.")
        if not info.name.startswith("klu_rules.cli") and not info.name.endswith("__main__")
    ]


def _fields(cls: object) -> set[str]:
    return {a.name for a in getattr(cls, "__attrs_attrs__", ())}


def test_glossary_names_what_the_library_has() -> None:
    """Each name in the glossary's last column exists: a Python name, a source, a data key."""
    from klu_rules.core.sources import SOURCES

    modules = _library_modules()
    package = ROOT / "src" / "klu_rules"
    data = "\n".join(p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.toml")))
    data += "\n".join(p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.py")))
    lines = (DOCS / "glossary.md").read_text(encoding="utf-8").splitlines()
    rows = [r for r in lines if r.startswith("| ") and not r.startswith("| Danish ")]
    wrong = []
    for row in rows:
        for kind, name in re.findall(
            r"(?:(source|deadline|topic|rule) )?`([^`]+)`", row.split("|")[3]
        ):
            if kind == "source":
                ok = name in SOURCES
            elif kind:  # a key of the rule data or an enumeration value
                ok = re.search(rf"\b{re.escape(name)}\b", data) is not None
            elif name.startswith("klu_rules."):
                ok = importlib.util.find_spec(name) is not None
            elif not re.fullmatch(r"[A-Za-z_][\w.]*", name):
                continue  # an expression such as layering="local"
            else:
                head, *attributes = name.split(".")
                owners = [vars(m)[head] for m in modules if head in vars(m)]
                owners += [getattr(m, head) for m in modules if head in getattr(m, "__all__", ())]
                ok = bool(owners) and all(
                    hasattr(owners[0], a) or a in _fields(owners[0]) for a in attributes
                )
            if not ok:
                wrong.append(f"{kind} {name}".strip())
    assert not wrong, f"docs/glossary.md names what klu_rules does not have: {wrong}"


def test_the_committee_file_of_the_format_page_loads_and_round_trips() -> None:
    page = (DOCS / "committee-files.md").read_text(encoding="utf-8")
    found = re.search(r"```toml\n(.*?)```", page, re.S)
    assert found is not None
    committee = parse_committee(found.group(1))
    assert committee.meetings[0].attendance[1].items == ("2.a",)
    assert parse_committee(dump_committee(committee)) == committee
