"""The source catalogue: the page listing it, declared sources, and its errors in both languages."""

from __future__ import annotations

import copy
import json
import os
import pickle
from collections.abc import Callable
from datetime import date

import pytest
from helpers import ROOT, catalogue_error_keys, keyed_error_texts, raised

from klu_rules.core.findings import finding
from klu_rules.core.messages import error_text
from klu_rules.core.sources import (
    SOURCES,
    DeclaredKey,
    Source,
    SourceCatalogue,
    check_sources,
    citable,
    source_of,
)
from klu_rules.rules.entries import RuleEntry
from klu_rules.rules.ruleset import RuleSet, get_rule_set

PAGE = ROOT / "docs" / "sources.md"
ODENSE = Source(
    "ODENSE-FO-2026",
    "Forretningsorden for KLU Odense",
    date(2026, 3, 1),
    "the committee's own minutes",
)
OWN = SourceCatalogue((ODENSE,))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def sources_page() -> str:
    """docs/sources.md, written from :data:`SOURCES`."""
    lines = [
        "# Sources",
        "",
        "Every rule, result and finding cites the documents behind it by a **source key**.",
        "The keys below are built in (`klu_rules.core.sources.SOURCES`); a test writes this",
        "page from that catalogue. *Status* says how far a source is verified: `verified`",
        "(read in full) or `unverified` (known only second hand: *where* says what is",
        "missing). A date marked *assumed day* is one the source gives only the month of.",
        "",
        "A rule-set or committee file may declare documents of its own (your committee's",
        "rules of procedure, its minutes, its web page) under `[[sources]]` and cite",
        "their keys beside these; see [`rule-sets.md`](rule-sets.md) and"
        " [`committee-files.md`](committee-files.md). A declared",
        "key must not be one of the keys below.",
        "",
        "| key | title | in force from | where | status |",
        "|---|---|---|---|---|",
    ]
    for source in SOURCES.values():
        day = "—" if source.effective is None else source.effective.isoformat()
        if source.day_assumed:
            day += " (assumed day)"
        where = _cell(source.where)
        if source.url:
            where = f"[{where or source.url}]({source.url})"
        lines.append(
            f"| `{source.key}` | {_cell(source.title)} | {day} | {where} | {source.status} |"
        )
    return "\n".join(lines) + "\n"


def test_the_sources_page_is_written_from_the_catalogue() -> None:
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        PAGE.write_text(sources_page(), encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == sources_page()
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "\nsources\n" in index


def test_a_declared_key_is_its_key_and_carries_its_source() -> None:
    (key,) = OWN.cite(["ODENSE-FO-2026"])
    assert isinstance(key, DeclaredKey)
    assert key == "ODENSE-FO-2026"
    assert hash(key) == hash("ODENSE-FO-2026")
    assert json.dumps([key]) == '["ODENSE-FO-2026"]'
    assert source_of(key) is ODENSE
    assert source_of("VEJL2011") is SOURCES["VEJL2011"]
    assert source_of("ODENSE-FO-2026") is None  # plain text: cited from no catalogue
    for again in (pickle.loads(pickle.dumps(key)), copy.deepcopy(key)):
        assert isinstance(again, DeclaredKey)
        assert again.source == ODENSE
    assert citable(key)
    assert citable("OK22-102")
    assert not citable("ODENSE-FO-2026")
    assert not citable(None)
    assert check_sources([key, "VEJL2011"]) == ("ODENSE-FO-2026", "VEJL2011")
    assert finding("meeting.no-end-time", sources=[key]).sources == ("ODENSE-FO-2026",)
    assert OWN.cite(["VEJL2011"]) == ("VEJL2011",)
    assert OWN.get("ODENSE-FO-2026") is ODENSE
    assert OWN.get("VEJL2011") is SOURCES["VEJL2011"]
    assert OWN.get("NOPE") is None
    assert OWN.keys()[-1] == "ODENSE-FO-2026"
    assert len(OWN.keys()) == len(SOURCES) + 1
    assert OWN.including([ODENSE]) == OWN


def test_one_catalogue_does_not_change_another() -> None:
    """A catalogue is a value: citing from one leaves the built-in one and others as they were."""
    OWN.cite(["ODENSE-FO-2026"])
    with pytest.raises(ValueError, match="ODENSE-FO-2026"):
        SourceCatalogue().cite(["ODENSE-FO-2026"])
    with pytest.raises(ValueError, match="ODENSE-FO-2026"):
        check_sources(["ODENSE-FO-2026"])
    assert "ODENSE-FO-2026" not in SOURCES


def test_a_source_may_give_a_url_instead_of_a_reference() -> None:
    web = Source("ODENSE-WEB", "KLU Odense's page", None, "", "https://www.odense.dk/klu")
    assert SourceCatalogue((web,)).get("ODENSE-WEB") == web
    monthly = Source("ODENSE-FO-2026", "F", date(2026, 3, 1), "minutes", day_assumed=True)
    assert monthly.day_assumed


def _rule_set_citing_elsewhere() -> RuleSet:
    entry = RuleEntry("meetings_per_year", 4, date(2026, 3, 1), OWN.cite(["ODENSE-FO-2026"]))
    return RuleSet("odense", "O", "local", (entry,), parent=get_rule_set("national"))


# (text key, the call that raises it, data words the text may show as given)
CASES: list[tuple[str, Callable[[], object], frozenset[str]]] = [
    ("sources.unknown", lambda: check_sources(["NOPE"], what="Designation.sources"), frozenset()),
    ("sources.key", lambda: Source("two words", "T", None, "r"), frozenset({"two", "words"})),
    ("sources.url", lambda: Source("K", "T", None, "", "ftp://x"), frozenset()),
    ("sources.status", lambda: Source("K", "T", None, "r", status="maybe"), frozenset()),
    ("sources.flag", lambda: Source("K", "T", None, "r", day_assumed="no"), frozenset({"no"})),  # type: ignore[arg-type]
    ("sources.day_assumed", lambda: Source("K", "T", None, "r", day_assumed=True), frozenset()),
    ("sources.no_reference", lambda: Source("K", "T", None, " "), frozenset()),
    ("sources.not_source", lambda: DeclaredKey("K"), frozenset()),  # type: ignore[arg-type]
    (
        "sources.builtin_key",
        lambda: SourceCatalogue((Source("VEJL2011", "Mine", None, "r"),)),
        frozenset(SOURCES["VEJL2011"].title.lower().split()),
    ),
    (
        "sources.declared_twice",
        lambda: OWN.including([Source("ODENSE-FO-2026", "Another", None, "r")]),
        frozenset({"another"}),
    ),
    ("sources.undeclared", _rule_set_citing_elsewhere, frozenset()),
]


@pytest.mark.parametrize(("key", "call", "allow"), CASES, ids=[c[0] for c in CASES])
def test_each_error_reads_in_one_language(
    key: str, call: Callable[[], object], allow: frozenset[str]
) -> None:
    da, en = keyed_error_texts(key, call, allow)
    assert da != en


def test_every_key_of_the_sources_errors_is_raised() -> None:
    assert catalogue_error_keys("sources.toml") == {c[0] for c in CASES}


def test_an_unknown_key_points_to_the_page_and_to_declaring_one() -> None:
    error = raised(lambda: OWN.cite(["ODENSE2026"]))
    for language in ("da", "en"):
        text = error_text(error, language)
        assert "ODENSE-FO-2026?" in text
        assert "'ODENSE2026'" in text
        assert "docs/sources.md" in text
        assert "[[sources]]" in text
        assert "RULES.md" not in text
    assert (ROOT / "docs" / "sources.md").exists()
