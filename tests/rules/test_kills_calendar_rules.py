"""Behaviours of the calendar and the rule sets that no other test pins.

- ``DanishCalendar.roll`` and ``add_working_days`` refuse a datetime or a text
  with the calendar's own error, like ``is_working_day`` (their fast path for an
  exact ``date`` must not let anything else through to a comparison);
- a topic entry's optional texts are refused when blank or not text, naming the
  class and the field;
- the error for a day before any national rule lists every national source and
  says "no date" for a national rule set without entries;
- the entries index of a rule set is cached by identity, bounded, evicts the
  least recently used rule set and never hands one rule set another's entries;
- a local value is compared with the national bound exactly: a value equal to
  the bound is on the permitted side (amounts and whole numbers alike), a
  lower amount is beyond a minimum;
- the beyond-bound finding cites every source of both values;
- ``parse_rule_set`` refuses a ``rules`` that is not a table and ignores a
  parent given for a national file.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

import klu_rules
from klu_rules.core.errors import (
    FileFormatError,
    InvalidRuleSetError,
    InvalidValueError,
    NoRulesInForceError,
)
from klu_rules.core.money import Money
from klu_rules.rules import ruleset as rules
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.ruleset import (
    AALBORG,
    NATIONAL,
    RuleSet,
    TopicEntry,
    dump_rule_set,
    load_rule_set,
    parse_rule_set,
)

CALENDAR = DanishCalendar()

DATETIME_REFUSED = (
    "day must be a datetime.date, got the datetime {}; a datetime is refused so that no "
    "time zone is applied silently: pass its local date, e.g. "
    "value.astimezone(ZoneInfo('Europe/Copenhagen')).date()"
)
TEXT_REFUSED = (
    "day must be a datetime.date, got str '{}'; build one with datetime.date(year, month, "
    "day) or date.fromisoformat('2024-06-05')"
)


# --- the calendar refuses what is not a date ---------------------------------------------


def test_roll_refuses_a_datetime_and_a_text() -> None:
    # Good Friday 2024 rolls to the Tuesday after Easter Monday
    assert CALENDAR.roll(date(2024, 3, 29), "following") == date(2024, 4, 2)
    with pytest.raises(InvalidValueError) as info:
        CALENDAR.roll(datetime(2024, 3, 29, 9, 0), "following")
    assert str(info.value) == DATETIME_REFUSED.format("2024-03-29T09:00:00")
    with pytest.raises(InvalidValueError) as info:
        CALENDAR.roll("2024-03-29", "following")  # type: ignore[arg-type]
    assert str(info.value) == TEXT_REFUSED.format("2024-03-29")


def test_add_working_days_refuses_a_datetime_and_a_text() -> None:
    # Maundy Thursday 2024 plus one working day is the Tuesday after Easter Monday
    assert CALENDAR.add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)
    with pytest.raises(InvalidValueError) as info:
        CALENDAR.add_working_days(datetime(2024, 3, 28, 9, 0), 1)
    assert str(info.value) == DATETIME_REFUSED.format("2024-03-28T09:00:00")
    with pytest.raises(InvalidValueError) as info:
        CALENDAR.add_working_days("2024-03-28", 1)  # type: ignore[arg-type]
    assert str(info.value) == TEXT_REFUSED.format("2024-03-28")


# --- topic entries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [("number", "  ", "'  '"), ("name_da", "", "''"), ("name_en", 17, "17")],
)
def test_a_topic_entry_refuses_blank_or_non_text(field: str, value: object, shown: str) -> None:
    assert TopicEntry("vaccination", date(2022, 3, 1), ["AAL2021"], number="17").number == "17"
    with pytest.raises(InvalidRuleSetError) as info:
        TopicEntry("vaccination", date(2022, 3, 1), ["AAL2021"], **{field: value})  # type: ignore[arg-type]
    assert str(info.value) == f"TopicEntry.{field} must be non-blank text or None, got {shown}"


# --- no rules in force -------------------------------------------------------------------

OK22_ONLY = """\
schema_version = 1
name = "ok22"
title = "National KLU rules from OK22 only"
level = "national"

[[rules.meetings_per_year]]
value = 2
bound = "minimum"
effective_from = 2022-01-01
sources = ["OK22-102"]

[[rules.nursing_home_monthly_fee]]
value = { amount = "1935.27", price_level = "2021-04" }
effective_from = 2022-01-01
sources = ["AAL-MIN-2021-12"]
"""


def test_before_the_national_rules_every_national_source_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "ok22.toml"
    path.write_text(OK22_ONLY, encoding="utf-8")
    ok22 = load_rule_set(path)
    assert ok22.in_force(date(2022, 1, 1)).value("meetings_per_year") == 2
    with pytest.raises(NoRulesInForceError) as info:
        ok22.in_force(date(2021, 12, 31))
    assert str(info.value) == (
        "no KLU rules are in force on 2021-12-31: the national rules (AAL-MIN-2021-12, "
        "OK22-102) take effect on 2022-01-01; plan meetings from then on"
    )


def test_a_national_rule_set_without_entries_has_no_start_date() -> None:
    empty = RuleSet("national", "National KLU rules, not yet entered", "national", ())
    assert empty.starts is None
    with pytest.raises(NoRulesInForceError) as info:
        empty.in_force(date(2023, 1, 1))
    assert str(info.value) == (
        "no KLU rules are in force on 2023-01-01: the national rules () take effect on "
        "no date; plan meetings from then on"
    )


# --- the entries index cache -------------------------------------------------------------


@pytest.fixture
def three_rule_sets() -> tuple[RuleSet, RuleSet, RuleSet]:
    """NATIONAL, AALBORG and an equal but distinct copy of AALBORG (the cache is by identity)."""
    copy = parse_rule_set(tomllib.loads(dump_rule_set(AALBORG)))
    assert copy == AALBORG
    assert copy is not AALBORG
    return NATIONAL, AALBORG, copy


def test_the_index_cache_holds_at_most_its_bound(
    monkeypatch: pytest.MonkeyPatch, three_rule_sets: tuple[RuleSet, RuleSet, RuleSet]
) -> None:
    national, aalborg, copy = three_rule_sets
    monkeypatch.setattr(rules, "_INDEXES_MAX", 2)
    assert not rules._INDEXES
    assert [e.value for e in national.entries_of("meetings_per_year")] == [2, 2]
    assert [e.value for e in aalborg.entries_of("meetings_per_year")] == [4]
    assert list(rules._INDEXES) == [id(national), id(aalborg)]  # two fit
    assert [e.value for e in copy.entries_of("meetings_per_year")] == [4]
    assert list(rules._INDEXES) == [id(aalborg), id(copy)]  # the oldest went
    assert rules._INDEXES[id(aalborg)][0] is aalborg
    assert rules._INDEXES[id(copy)][0] is copy


def test_the_index_cache_evicts_the_least_recently_used_rule_set(
    monkeypatch: pytest.MonkeyPatch, three_rule_sets: tuple[RuleSet, RuleSet, RuleSet]
) -> None:
    national, aalborg, copy = three_rule_sets
    monkeypatch.setattr(rules, "_INDEXES_MAX", 2)
    first = rules._index(national)
    rules._index(aalborg)
    assert rules._index(national) is first  # a hit: the cached index, now the newest
    rules._index(copy)
    assert list(rules._INDEXES) == [id(national), id(copy)]  # aalborg was least recently used
    assert rules._INDEXES[id(national)] == (national, first)
    assert national.entries_of("agenda_dispatch_notice") == first["agenda_dispatch_notice"]


def test_a_stale_index_under_a_reused_id_is_not_returned() -> None:
    # A rule set that was garbage collected may leave its index under an id that a new
    # rule set reuses; the cache checks identity, so the new rule set gets its own entries.
    stale = rules._index(AALBORG)
    rules._INDEXES[id(NATIONAL)] = (AALBORG, stale)
    entries = NATIONAL.entries_of("meetings_per_year")
    assert [(e.value, e.sources) for e in entries] == [(2, ("VEJL2011",)), (2, ("OK22-102",))]
    assert rules._INDEXES[id(NATIONAL)][0] is NATIONAL
    assert NATIONAL.entries_of("meetings_per_year") == entries  # and again, from the cache


# --- local values against the national bound --------------------------------------------

BOUNDED = """\
schema_version = 1
name = "national-bounded"
title = "National KLU rules with a minimum hourly rate and a maximum of dialogue meetings"
level = "national"

[[rules.nursing_home_hourly_rate]]
value = { amount = "967.64", price_level = "2021-04" }
bound = "minimum"
effective_from = 2022-01-01
sources = ["AAL-MIN-2021-12"]

[[rules.dialogue_meetings_per_year]]
value = 2
bound = "maximum"
effective_from = 2022-01-01
sources = ["OK22-102", "VEJL2011"]
"""

LOCAL_TEMPLATE = """\
schema_version = 1
name = "odder"
title = "Forretningsorden for KLU Odder"
level = "local"
layered_on = "national"

[[rules.nursing_home_hourly_rate]]
value = {{ amount = "{rate}", price_level = "2021-04" }}
effective_from = 2022-03-01
sources = ["AAL2021"]

[[rules.dialogue_meetings_per_year]]
value = {dialogues}
effective_from = 2022-03-01
sources = ["AAL2021", "AAL-2023"]
"""


def _layered(tmp_path: Path, rate: str, dialogues: int) -> RuleSet:
    national_path = tmp_path / "national-bounded.toml"
    national_path.write_text(BOUNDED, encoding="utf-8")
    local_path = tmp_path / "odder.toml"
    local_path.write_text(LOCAL_TEMPLATE.format(rate=rate, dialogues=dialogues), encoding="utf-8")
    return load_rule_set(local_path, parent=load_rule_set(national_path))


def test_local_values_equal_to_the_national_bound_are_permitted(tmp_path: Path) -> None:
    odder = _layered(tmp_path, "967.64", 2).in_force(date(2023, 1, 1))
    rate = odder.get("nursing_home_hourly_rate")
    assert (rate.applied, rate.beyond_bound) == ("local", False)
    assert rate.value == Money(Decimal("967.64"), "2021-04")
    dialogues = odder.get("dialogue_meetings_per_year")
    assert (dialogues.applied, dialogues.beyond_bound, dialogues.value) == ("local", False, 2)
    assert odder.findings() == ()


def test_a_lower_amount_is_beyond_a_national_minimum(tmp_path: Path) -> None:
    odder = _layered(tmp_path, "900.00", 1).in_force(date(2023, 1, 1))
    rate = odder.get("nursing_home_hourly_rate")
    assert (rate.applied, rate.beyond_bound) == ("national", True)
    assert rate.value == Money(Decimal("967.64"), "2021-04")
    higher = _layered(tmp_path, "1000.00", 1).in_force(date(2023, 1, 1))
    assert not higher.get("nursing_home_hourly_rate").beyond_bound


def test_the_beyond_bound_finding_cites_every_source_of_both_values(tmp_path: Path) -> None:
    odder = _layered(tmp_path, "967.64", 3)
    (strict,) = odder.in_force(date(2023, 1, 1)).findings()
    assert strict.message == (
        "The local rule dialogue_meetings_per_year = 3 (AAL2021/AAL-2023) is beyond the "
        "national maximum of 2 (OK22-102/VEJL2011); the national 2 applies."
    )
    (loose,) = odder.in_force(date(2023, 1, 1), layering="local").findings()
    assert loose.message == (
        "The local rule dialogue_meetings_per_year = 3 (AAL2021/AAL-2023) is beyond the "
        "national maximum of 2 (OK22-102/VEJL2011); the local 3 is applied anyway "
        "(layering='local')."
    )


# --- parse_rule_set ----------------------------------------------------------------------


def test_rules_that_are_not_a_table_are_refused() -> None:
    data = {
        "schema_version": 1,
        "name": "odder",
        "title": "Forretningsorden for KLU Odder",
        "level": "local",
        "layered_on": "national",
        "rules": None,  # as a JSON or YAML front end may hand it over
    }
    with pytest.raises(FileFormatError) as info:
        parse_rule_set(data)
    assert str(info.value) == "key 'rules': expected a table, got None"
    assert info.value.key == "rules"


def test_a_parent_given_for_a_national_file_is_ignored() -> None:
    path = Path(klu_rules.__file__).parent / "data" / "national.toml"
    loaded = load_rule_set(path, parent=AALBORG.parent)
    assert loaded == NATIONAL
    assert loaded.parent is None
    assert loaded.in_force(date(2023, 1, 1)).value("meetings_per_year") == 2
