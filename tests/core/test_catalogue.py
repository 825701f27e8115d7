"""The catalogue of finding codes: texts in both languages, a golden file per code, the page."""

from __future__ import annotations

import json
import os
import re

import pytest
from helpers import ROOT, foreign_words

from klu_rules.core.findings import CATALOGUE
from klu_rules.core.language import LANGUAGES
from klu_rules.core.messages import catalogue
from klu_rules.core.result import Finding
from klu_rules.core.sources import SOURCES

GOLDEN = ROOT / "tests" / "golden" / "findings"
PAGE = ROOT / "docs" / "findings.md"


def _words(value: object) -> set[str]:
    if isinstance(value, tuple | list):
        return set().union(*map(_words, value)) if value else set()
    if isinstance(value, dict):
        return _words(tuple(value.values()))
    return set(re.findall(r"\w+", str(value).lower()))


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_each_golden_finding_reads_in_both_languages(path: object) -> None:
    found = Finding.from_dict(json.loads(path.read_text(encoding="utf-8")))  # type: ignore[attr-defined]
    assert found.code == path.stem  # type: ignore[attr-defined]
    data = _words(tuple(found.parameters.values())) | _words(found.subject or "")
    texts = {language: found.text(language) for language in LANGUAGES}
    for language, text in texts.items():
        assert text.strip()
        assert "{" not in text, text
        assert foreign_words(text, language, allow=frozenset(data)) == set(), text
    assert texts["da"] != texts["en"]


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_a_golden_file_and_texts_in_both_languages(code: str) -> None:
    assert (GOLDEN / f"{code}.json").exists(), f"no test produces tests/golden/findings/{code}.json"
    for language in LANGUAGES:
        for part in ("title", "description", "message"):
            assert catalogue(language).get(f"finding.{code}.{part}", "").strip(), (language, part)


def findings_page() -> str:
    """docs/findings.md, written from the catalogue of codes and the two text catalogues."""
    da, en = catalogue("da"), catalogue("en")
    lines = [
        "# Finding codes",
        "",
        "Every finding a rule function reports has a stable code from one catalogue,",
        "`klu_rules.core.findings.CATALOGUE` (severity and sources, in",
        "`klu_rules/data/findings.toml`); its title, description and message exist in Danish",
        "and English in the text catalogues (`klu_rules/data/text/da/` and `en/`), and",
        "`Finding.text(language)` writes a finding from its code and parameters.",
        "A code is never reused for another meaning.",
        "Severities: `info` (worth knowing), `warning` (a rule is probably not met, or",
        "only by a local rule that the national bound overrides), `error` (a rule is",
        "not met). A test writes this page from the catalogues, and keeps one golden",
        "file per code in `tests/golden/findings/`.",
    ]
    family = None
    for code, entry in CATALOGUE.items():
        if code.split(".")[0] != family:
            family = code.split(".")[0]
            lines += ["", f"## {family}"]
        sources = ", ".join(f"`{s}`" for s in entry.sources) or "none (a file format, not a rule)"
        lines += [
            "",
            f"### `{code}`",
            "",
            f"**{en[f'finding.{code}.title']}** — severity `{entry.severity}`; sources {sources}.",
            "",
            en[f"finding.{code}.description"],
            "",
            f"*Dansk:* **{da[f'finding.{code}.title']}** — {da[f'finding.{code}.description']}",
        ]
    return "\n".join(lines) + "\n"


def test_findings_page_is_written_from_the_catalogues() -> None:
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        PAGE.write_text(findings_page(), encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == findings_page()
    assert all(s in SOURCES for entry in CATALOGUE.values() for s in entry.sources)
