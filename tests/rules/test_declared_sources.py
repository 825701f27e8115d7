"""A rule-set file that declares its own sources under ``[[sources]]`` and cites them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import raised
from hypothesis import given, settings
from hypothesis import strategies as st

from klu_rules.cli import main
from klu_rules.core.errors import FileFormatError, KluRulesError
from klu_rules.core.messages import error_text
from klu_rules.core.result import Finding
from klu_rules.core.sources import DeclaredKey, Source, source_of
from klu_rules.core.toml import dumps, parse_toml_text
from klu_rules.rules.loader import dump_rule_set, parse_rule_set
from klu_rules.rules.ruleset import RuleSet, get_rule_set, load_rule_set
from klu_rules.text.rules_snapshot import render

ODENSE_RULES = """\
schema_version = 1
name = "odense"
title = "Forretningsorden for KLU Odense"
level = "local"
layered_on = "national"

[[sources]]
key = "ODENSE-FO-2026"
title = "Forretningsorden for KLU Odense"
date = 2026-03-01
reference = "the committee's own minutes"
day_assumed = true

[[rules.meetings_per_year]]
value = 4
effective_from = 2026-03-01
sources = ["ODENSE-FO-2026"]

[[rules.agenda_dispatch_notice]]
value = "1 week"
effective_from = 2026-03-01
sources = ["ODENSE-FO-2026", "VEJL2011"]

[[seats]]
key = "chair"
title_da = "Formand"
side = "general_practice"
role = "chair"
effective_from = 2026-03-01
sources = ["ODENSE-FO-2026"]
"""
DAY = date(2027, 3, 1)


def odense(text: str = ODENSE_RULES) -> RuleSet:
    return parse_rule_set(parse_toml_text(text, path="odense.toml", lines=True), path="odense.toml")


def test_a_rule_set_cites_the_source_it_declares() -> None:
    rules = odense()
    (declared,) = rules.sources
    assert declared.title == "Forretningsorden for KLU Odense"
    assert declared.where == "the committee's own minutes"
    assert declared.url is None
    assert rules.catalogue.get("ODENSE-FO-2026") == declared
    meetings = rules.in_force(DAY).get("meetings_per_year")
    assert meetings.value == 4
    assert meetings.sources == ("ODENSE-FO-2026",)
    assert source_of(meetings.sources[0]) == declared
    assert source_of(rules.seats[0].sources[0]) == declared


def test_its_findings_cite_it_and_read_back_from_json() -> None:
    found = [f for f in odense().in_force(DAY).findings() if f.code == "rules.local-beyond-bound"]
    assert found, "a local week is beyond the national two weeks"
    assert "ODENSE-FO-2026" in found[0].sources
    cited = next(s for s in found[0].sources if s == "ODENSE-FO-2026")
    assert isinstance(cited, DeclaredKey)
    assert cited.source.key == "ODENSE-FO-2026"
    assert Finding.from_dict(json.loads(json.dumps(found[0].to_dict()))) == found[0]


def test_the_rules_of_a_day_show_the_declared_source_and_its_assumed_day() -> None:
    data = json.loads(render(odense(), DAY, "json"))
    rule = next(r for r in data["rules"] if r["key"] == "meetings_per_year")
    assert rule["sources"] == ["ODENSE-FO-2026"]
    assert rule["effective_from_assumed"] is True
    assert "ODENSE-FO-2026" in render(odense(), DAY, "text", "da")


def test_the_rules_command_reads_a_file_that_declares_its_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odense.toml"
    path.write_text(ODENSE_RULES, encoding="utf-8")
    assert main(["rules", "--on", "2027-03-01", "--rules", str(path), "--lang", "en"]) == 0
    assert "ODENSE-FO-2026" in capsys.readouterr().out
    assert load_rule_set(path) == odense()


def test_a_dump_writes_the_declared_sources_back() -> None:
    rules = odense()
    text = dump_rule_set(rules)
    assert '[[sources]]\nkey = "ODENSE-FO-2026"' in text
    again = odense(text)
    assert again == rules
    assert again.sources == rules.sources
    assert isinstance(again.entries_of("meetings_per_year")[0].sources[0], DeclaredKey)
    assert "[[sources]]" not in dump_rule_set(get_rule_set("aalborg"))


def test_an_unused_declared_source_is_fine() -> None:
    extra = ODENSE_RULES.replace(
        "[[rules.meetings_per_year]]",
        '[[sources]]\nkey = "ODENSE-WEB"\ntitle = "KLU Odense\'s page"\n'
        'url = "https://www.odense.dk/klu"\n\n[[rules.meetings_per_year]]',
    )
    assert [s.key for s in odense(extra).sources] == ["ODENSE-FO-2026", "ODENSE-WEB"]


def test_an_unknown_key_names_the_place_and_points_to_the_sources_page() -> None:
    error = raised(lambda: odense(ODENSE_RULES.replace('["ODENSE-FO-2026"]', '["ODENSE2026"]')))
    assert isinstance(error, FileFormatError)
    assert error.key == "rules.meetings_per_year[0].sources"
    for language in ("da", "en"):
        assert "docs/sources.md" in error_text(error, language)


def test_a_built_in_key_cannot_be_declared_again() -> None:
    error = raised(
        lambda: odense(ODENSE_RULES.replace('key = "ODENSE-FO-2026"', 'key = "AAL2021"'))
    )
    assert error.text_key == "sources.builtin_key"
    assert isinstance(error, FileFormatError)
    assert error.key == "sources[0]"


def test_a_local_set_may_cite_what_its_own_national_set_declares() -> None:
    national = dumps(
        {
            "schema_version": 1,
            "name": "national-2026",
            "title": "Our national reading",
            "level": "national",
            "sources": [{"key": "OWN-NAT", "title": "A national text", "reference": "p. 2"}],
            "rules": {
                "meetings_per_year": [
                    {"value": 2, "effective_from": date(2011, 4, 1), "sources": ["OWN-NAT"]}
                ]
            },
        }
    )
    parent = odense(national)
    text = ODENSE_RULES.replace('sources = ["ODENSE-FO-2026"]\n', 'sources = ["OWN-NAT"]\n', 1)
    local = parse_rule_set(parse_toml_text(text), parent=parent)
    assert local.in_force(DAY).get("meetings_per_year").sources == ("OWN-NAT",)
    assert [s.key for s in local.catalogue.declared] == ["OWN-NAT", "ODENSE-FO-2026"]


# --- bad [[sources]] tables: only a KluRulesError, at the table --------------------------------

GOOD_TABLE: dict[str, Any] = {
    "key": "ODENSE-FO-2026",
    "title": "Forretningsorden for KLU Odense",
    "date": date(2026, 3, 1),
    "reference": "the committee's own minutes",
}


def _with_sources(sources: object) -> dict[str, Any]:
    data = parse_toml_text(ODENSE_RULES)
    data["sources"] = sources
    return data


@pytest.mark.parametrize(
    "sources",
    [
        "ODENSE-FO-2026",
        [1],
        {"key": "X"},
        [{**GOOD_TABLE, "key": 5}],
        [{**GOOD_TABLE, "key": ""}],
        [{**GOOD_TABLE, "title": ["x"]}],
        [{**GOOD_TABLE, "title": "two\nlines"}],
        [{**GOOD_TABLE, "date": "2026-03-01"}],
        [{**GOOD_TABLE, "reference": True}],
        [{**GOOD_TABLE, "url": 3}],
        [{**GOOD_TABLE, "url": "www.odense.dk"}],
        [{**GOOD_TABLE, "status": "checked"}],
        [{**GOOD_TABLE, "day_assumed": "yes"}],
        [{k: v for k, v in GOOD_TABLE.items() if k != "reference"}],
        [{k: v for k, v in GOOD_TABLE.items() if k != "title"}],
        [{**GOOD_TABLE, "kind": "rules of procedure"}],
        [GOOD_TABLE, GOOD_TABLE],
    ],
    ids=repr,
)
def test_a_bad_sources_table_is_a_file_error(sources: object) -> None:
    error = raised(lambda: parse_rule_set(_with_sources(sources), path="odense.toml"))
    assert isinstance(error, FileFormatError), error
    assert str(error.key).startswith("sources"), error.key


_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.dates(),
    st.lists(st.text(max_size=4), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from([*GOOD_TABLE, "url", "status", "day_assumed"]), value=_ANY)
def test_any_value_in_a_sources_table_is_read_or_refused(field: str, value: object) -> None:
    table = {**GOOD_TABLE, field: value}
    if value is None:
        del table[field]
    try:
        rules = parse_rule_set(_with_sources([table]), path="odense.toml")
    except KluRulesError:
        return
    assert isinstance(rules.sources[0], Source)
    assert odense(dump_rule_set(rules)) == rules
