"""A committee file that declares its own sources, cites them, and writes them back."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from helpers import raised

from klu_rules import dump_committee, load_committee, parse_committee
from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.core.errors import FileFormatError, KluRulesError
from klu_rules.core.sources import DeclaredKey, Source, source_of
from klu_rules.rules.ruleset import get_rule_set

RULES = """\
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

[[rules.meetings_per_year]]
value = 4
effective_from = 2026-03-01
sources = ["ODENSE-FO-2026"]
"""

COMMITTEE = """\
schema_version = 1

[committee]
id = "klu-odense"
name = "KLU Odense"
municipality = "Odense"
region = "Syddanmark"
rules_file = "odense-rules.toml"
year = 2027
source = "ODENSE-WEB"

[[sources]]
key = "ODENSE-WEB"
title = "KLU Odense's page: members and calendar"
url = "https://www.odense.dk/klu"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "odense-rules.toml").write_text(RULES, encoding="utf-8")
    (tmp_path / "committee.toml").write_text(COMMITTEE, encoding="utf-8")
    return tmp_path


def test_a_committee_cites_the_source_it_declares(folder: Path) -> None:
    committee = load_committee(folder / "committee.toml")
    assert [s.key for s in committee.sources] == ["ODENSE-WEB"]
    assert isinstance(committee.source, DeclaredKey)
    source = source_of(committee.source)
    assert source is not None
    assert source.url == "https://www.odense.dk/klu"
    assert [s.key for s in committee.catalogue.declared] == ["ODENSE-FO-2026", "ODENSE-WEB"]
    report = report_from_records(committee, 2027)
    assert report.sources[-1] == "ODENSE-WEB"


def test_a_committee_may_cite_a_source_its_rule_set_declares(folder: Path) -> None:
    path = folder / "committee.toml"
    path.write_text(COMMITTEE.replace('source = "ODENSE-WEB"', 'source = "ODENSE-FO-2026"'))
    committee = load_committee(path)
    assert isinstance(committee.source, DeclaredKey)
    assert committee.source.source.title == "Forretningsorden for KLU Odense"


def test_a_dump_writes_the_declared_sources_back(folder: Path) -> None:
    committee = load_committee(folder / "committee.toml")
    text = dump_committee(committee)
    assert '[[sources]]\nkey = "ODENSE-WEB"' in text
    assert parse_committee(text, path=folder / "again.toml") == committee
    plain = attrs.evolve(committee, sources=(), source=None)
    assert "[[sources]]" not in dump_committee(plain)


def test_a_source_declared_by_the_rule_set_and_again_differently_is_an_error(
    folder: Path,
) -> None:
    text = COMMITTEE.replace('key = "ODENSE-WEB"', 'key = "ODENSE-FO-2026"')
    error = raised(lambda: parse_committee(text, path=folder / "c.toml"))
    assert isinstance(error, FileFormatError)
    assert error.key == "sources[0]"
    assert error.text_key == "sources.declared_twice"
    same = COMMITTEE + '\n[[sources]]\nkey = "ODENSE-FO-2026"\n'
    same += 'title = "Forretningsorden for KLU Odense"\ndate = 2026-03-01\n'
    same += 'reference = "the committee\'s own minutes"\n'
    assert len(parse_committee(same, path=folder / "c.toml").sources) == 2


@pytest.mark.parametrize(
    "table",
    [
        'key = "VEJL2011"\ntitle = "Mine"\nreference = "x"',
        'key = "X"\ntitle = 3\nreference = "x"',
        'key = "X"\ntitle = "T"',
        'key = "X"\ntitle = "T"\nurl = "odense.dk"',
    ],
)
def test_a_bad_sources_table_of_a_committee_is_a_file_error(table: str, folder: Path) -> None:
    error = raised(
        lambda: parse_committee(COMMITTEE + f"\n[[sources]]\n{table}\n", path=folder / "c.toml")
    )
    assert isinstance(error, FileFormatError)
    assert error.key is not None
    assert error.key.startswith("sources[1]")


def test_a_committee_built_in_python_declares_its_sources_too() -> None:
    mine = Source("KLU-X-FO", "Forretningsorden for KLU X", None, "minutes")
    base = {"id": "klu-x", "name": "KLU X", "municipality": "X", "region": "Syddanmark"}
    from klu_rules import Committee

    committee = Committee(
        **base, rule_set=get_rule_set("national"), sources=(mine,), source="KLU-X-FO"
    )
    assert isinstance(committee.source, DeclaredKey)
    plain = Committee(**base, rule_set=get_rule_set("national"), source="a web page")
    assert plain.source == "a web page"
    assert not isinstance(plain.source, DeclaredKey)
    with pytest.raises(KluRulesError):
        Committee(**base, rule_set=get_rule_set("national"), sources=(mine, mine))
