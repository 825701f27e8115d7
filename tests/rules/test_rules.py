"""Rule sets as dated data: values in force, layering, loading and errors."""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from helpers import check_golden_finding, foreign_words
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import (
    FileFormatError,
    InvalidValueError,
    Money,
    Period,
    RuleSet,
    RulesInForce,
    get_rule_set,
    load_rule_set,
)
from klu_rules.core.errors import InvalidRuleSetError, NoRulesInForceError, UnknownRuleSetError
from klu_rules.rules.entries import RuleEntry, RuleStatus
from klu_rules.rules.loader import dump_rule_set
from klu_rules.rules.ruleset import (
    AALBORG,
    NATIONAL,
    RULE_KEYS,
    TopicEntry,
    clear_caches,
    parse_rule_set,
)


class TestNational:
    def test_nothing_before_the_guideline(self) -> None:
        with pytest.raises(NoRulesInForceError, match="1 April 2011"):
            NATIONAL.in_force(date(2011, 3, 31))

    def test_guideline_values_from_2011(self) -> None:
        r = NATIONAL.in_force(date(2011, 4, 1))
        assert r.value("meetings_per_year") == 2
        assert r.value("agenda_dispatch_notice") == Period(2, "weeks")
        assert r.value("meeting_length") == Period(3, "hours")
        assert r.value("paid_doctors") == 2
        assert r.get("paid_doctors").sources == ("VEJL2011",)

    def test_ok22_takes_over_on_2022_01_01(self) -> None:
        assert NATIONAL.in_force(date(2021, 12, 31)).get("meetings_per_year").sources == (
            "VEJL2011",
        )
        assert NATIONAL.in_force(date(2022, 1, 1)).get("meetings_per_year").sources == ("OK22-102",)

    @pytest.mark.parametrize(
        ("day", "procedure"),
        [
            (date(2021, 12, 31), "samarbejdsudvalg-or-praksisudvalg"),
            (date(2022, 1, 1), "praksisplanudvalg"),
            (date(2022, 6, 30), "praksisplanudvalg"),
            (date(2022, 7, 1), "sundhedssamarbejdsudvalg"),
        ],
    )
    def test_agreement_procedure_changes(self, day: date, procedure: str) -> None:
        assert NATIONAL.in_force(day).value("agreement_procedure") == procedure

    def test_nursing_home_fee_in_force_from_ok22(self) -> None:
        r = NATIONAL.in_force(date(2022, 1, 1))
        assert r.value("nursing_home_monthly_fee") == Money(Decimal("1935.27"), "2021-04")
        assert r.value("nursing_home_hourly_rate") == Money(Decimal("967.64"), "2021-04")
        assert not NATIONAL.in_force(date(2021, 12, 31)).has("nursing_home_monthly_fee")

    def test_quorum_is_an_assumption(self) -> None:
        rule = NATIONAL.in_force(date(2023, 1, 1)).get("quorum_doctor_share")
        assert rule.value == Decimal("0.5")
        assert rule.status.value == "assumption"
        assert "assumption" in rule.explain()

    def test_typed_getters(self) -> None:
        r = NATIONAL.in_force(date(2023, 1, 1))
        assert r.get_int("meetings_per_year") == 2
        assert r.get_period("agenda_dispatch_notice") == Period(2, "weeks")
        assert r.period("meeting_length") == Period(3, "hours")
        assert r.get_bool("substitutes_paid") is True
        assert r.get_text("honorarium_payer") == "municipality"
        assert r.get_decimal("quorum_doctor_share") == Decimal("0.5")
        assert r.get_money("nursing_home_hourly_rate") == Money(Decimal("967.64"), "2021-04")

    @pytest.mark.parametrize(
        ("getter", "key", "right"),
        [
            ("get_int", "meeting_length", "get_period"),
            ("get_bool", "paid_doctors", "get_int"),
            ("get_text", "substitutes_paid", "get_bool"),
            ("get_period", "honorarium_payer", "get_text"),
            ("get_money", "quorum_doctor_share", "get_decimal"),
            ("get_decimal", "nursing_home_monthly_fee", "get_money"),
        ],
    )
    def test_a_getter_of_the_wrong_type_names_the_right_one(
        self, getter: str, key: str, right: str
    ) -> None:
        r = NATIONAL.in_force(date(2023, 1, 1))
        with pytest.raises(InvalidRuleSetError, match=f"read it with {right}"):
            getattr(r, getter)(key)
        with pytest.raises(InvalidValueError, match="unknown rule key"):
            getattr(r, getter)("coffee")
        with pytest.raises(NoRulesInForceError):
            r.get_period("call_for_items_notice")
        assert r.find("call_for_items_notice") is None
        assert r.find("paid_doctors") == r.get("paid_doctors")

    def test_missing_value_is_an_error(self) -> None:
        with pytest.raises(NoRulesInForceError, match="no value for 'call_for_items_notice'"):
            NATIONAL.in_force(date(2023, 1, 1)).get("call_for_items_notice")

    def test_unknown_key(self) -> None:
        with pytest.raises(InvalidValueError, match="unknown rule key"):
            NATIONAL.in_force(date(2023, 1, 1)).get("coffee")
        with pytest.raises(InvalidValueError, match="unknown rule key"):
            NATIONAL.history("coffee")

    def test_history_newest_first(self) -> None:
        history = NATIONAL.history("agreement_procedure")
        assert [e.effective_from for e in history] == [
            date(2027, 1, 1),
            date(2022, 7, 1),
            date(2022, 1, 1),
            date(2011, 4, 1),
        ]


class TestAalborgLayering:
    day = date(2023, 3, 6)

    def test_permitted_local_values_replace_national(self) -> None:
        r = AALBORG.in_force(self.day)
        assert r.value("meetings_per_year") == 4
        assert r.value("paid_doctors") == 6
        assert r.value("meeting_length") == Period(2, "hours")
        assert r.national_value("meeting_length") == Period(3, "hours")
        assert not r.get("paid_doctors").beyond_bound

    def test_one_week_agenda_notice_is_beyond_the_two_week_minimum(self) -> None:
        strict = AALBORG.in_force(self.day)
        rule = strict.get("agenda_dispatch_notice")
        assert rule.beyond_bound
        assert rule.applied == "national"
        assert rule.value == Period(2, "weeks")
        assert set(rule.sources) == {"OK22-102", "AAL2021"}
        local = AALBORG.in_force(self.day, layering="local").get("agenda_dispatch_notice")
        assert local.beyond_bound
        assert local.applied == "local"
        assert local.value == Period(1, "week")

    def test_finding_for_the_beyond_bound_rule(self) -> None:
        (f,) = AALBORG.in_force(self.day).findings()
        check_golden_finding(f)
        (g,) = AALBORG.in_force(self.day, layering="local").findings()
        assert (g.code, g.sources) == (f.code, ("AAL2021", "OK22-102"))
        assert g.parameters == {**f.parameters, "layering": "local", "applied": "local"}
        assert f.text("en") == (
            "The local rule agenda_dispatch_notice = 1 week is beyond the national minimum of "
            "2 weeks; the national value applies."
        )
        assert g.text("da") == (
            "Den lokale regel agenda_dispatch_notice = 1 uge går ud over det nationale minimum "
            "på 2 uger; den lokale værdi gælder alligevel, fordi lokal lagdeling er valgt."
        )
        for language in ("da", "en"):
            # the rule key is an identifier, shown as written
            allow = frozenset({"agenda", "dispatch", "notice"})
            assert foreign_words(g.text(language), language, allow=allow) == set()
        assert AALBORG.in_force(self.day).findings(["paid_doctors"]) == ()
        assert AALBORG.in_force(self.day).findings(["agenda_dispatch_notice"]) == (f,)

    def test_before_2022_the_guideline_is_the_bound(self) -> None:
        rule = AALBORG.in_force(date(2021, 6, 1)).get("agenda_dispatch_notice")
        assert rule.national is not None
        assert rule.national.sources == ("VEJL2011",)

    def test_before_the_local_rules_only_national_values(self) -> None:
        r = AALBORG.in_force(date(2021, 4, 30))
        assert r.value("meetings_per_year") == 2
        assert not r.has("call_for_items_notice")

    def test_fixed_items_topics_and_seats(self) -> None:
        r = AALBORG.in_force(self.day)
        assert [i.title_da for i in r.fixed_agenda_items] == [
            "Godkendelse af dagsordenen",
            "Punkter til behandling",
            "Orienteringspunkter",
            "Eventuelt",
        ]
        topics = r.topics
        assert len(topics) == 16
        assert sum(t.standing for t in topics) == 4
        coverage = r.topic("doctor_coverage")
        assert coverage.numbers == {"national": "12", "aalborg": "3"}
        assert r.topic("practice_consultants").numbers["aalborg"] == "16"
        with pytest.raises(InvalidValueError, match="unknown topic"):
            r.topic("golf")
        assert {s.key for s in r.seats} >= {"chair", "plo_board", "ppr_head"}
        assert NATIONAL.in_force(self.day).fixed_agenda_items == ()
        assert NATIONAL.in_force(self.day).seats == ()

    def test_explain_names_value_source_and_conflict(self) -> None:
        rule = AALBORG.in_force(self.day).get("agenda_dispatch_notice")
        assert rule.explain() == (
            "agenda_dispatch_notice = 2 weeks from OK22-102 (in force from 1 January 2022, "
            "a rule); the local value 1 week is beyond the national minimum 2 weeks"
        )
        assert rule.explain("da") == (
            "agenda_dispatch_notice = 2 uger efter OK22-102 (gælder fra 1. januar 2022, "
            "en regel); den lokale værdi 1 uge går ud over det nationale minimum 2 uger"
        )
        rate = AALBORG.in_force(self.day).get("nursing_home_hourly_rate")
        assert "= 967,64 kr. efter AAL-MIN-2021-12" in rate.explain("da")
        assert "= DKK 967.64 from AAL-MIN-2021-12" in rate.explain("en")
        allow = frozenset({"agenda", "dispatch", "notice", "nursing", "home", "hourly", "rate"})
        for language in ("da", "en"):
            for text in (rule.explain(language), rate.explain(language)):  # type: ignore[arg-type]
                assert foreign_words(text, language, allow=allow) == set()


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "period"),
        [
            ("4 weeks", Period(4, "weeks")),
            ("1 week", Period(1, "weeks")),
            ("3 months", Period(3, "months")),
            (" 120 minutes ", Period(120, "minutes")),
        ],
    )
    def test_parse(self, text: str, period: Period) -> None:
        assert Period.parse(text) == period

    @pytest.mark.parametrize("text", ["", "two weeks", "3 fortnights", "-1 week", "1.5 weeks"])
    def test_parse_errors(self, text: str) -> None:
        with pytest.raises(InvalidValueError, match="is not a period"):
            Period.parse(text)

    def test_months_clamp_to_month_end(self) -> None:
        assert Period(3, "months").before(date(2023, 5, 31)) == date(2023, 2, 28)
        assert Period(1, "months").after(date(2024, 1, 31)) == date(2024, 2, 29)

    def test_lengths_do_not_count_on_dates(self) -> None:
        with pytest.raises(InvalidValueError, match="cannot be counted on dates"):
            Period(2, "hours").before(date(2023, 1, 1))
        with pytest.raises(InvalidValueError, match="months vary"):
            Period(1, "months").as_timedelta()
        assert Period(2, "hours").as_timedelta() == timedelta(hours=2)

    def test_compare(self) -> None:
        assert Period(1, "weeks").compare(Period(7, "days")) == 0
        assert Period(2, "hours").compare(Period(3, "hours")) == -1
        with pytest.raises(InvalidValueError, match="cannot compare"):
            Period(3, "months").compare(Period(12, "weeks"))

    @given(st.integers(0, 500), st.dates(date(1901, 1, 1), date(2199, 1, 1)))
    def test_weeks_are_seven_days(self, n: int, day: date) -> None:
        assert Period(n, "weeks").before(day) == day - timedelta(days=7 * n)
        assert Period(n, "weeks").after(Period(n, "weeks").before(day)) == day

    @given(st.integers(0, 2400), st.dates(), st.sampled_from(["days", "weeks", "months"]))
    def test_dates_move_as_relativedelta_moves_them(self, n: int, day: date, unit: str) -> None:
        delta = relativedelta(months=n) if unit == "months" else relativedelta(days=n)
        delta *= 7 if unit == "weeks" else 1
        period = Period(n, unit)  # type: ignore[arg-type]

        def outcome(move: Callable[[], date]) -> object:
            try:
                return move()
            except (ValueError, OverflowError):
                return "out of range"

        assert outcome(lambda: period.after(day)) == outcome(lambda: day + delta)
        assert outcome(lambda: period.before(day)) == outcome(lambda: day - delta)

    @given(st.integers(0, 24), st.dates(date(1901, 1, 1), date(2199, 1, 1)))
    def test_months_before_never_lands_after_the_day(self, n: int, day: date) -> None:
        back = Period(n, "months").before(day)
        assert back <= day
        assert (day.year - back.year) * 12 + day.month - back.month == n


_E = RuleEntry("meetings_per_year", 4, date(2020, 1, 1), ("AAL2021",))


def _entry(key: str, value: object, *bound: str) -> RuleEntry:
    return RuleEntry(key, value, date(2020, 1, 1), ("AAL2021",), *bound)  # type: ignore[arg-type]


class TestEntries:
    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (lambda: _entry("meetings_per_year", "four"), "takes a whole number"),
            (lambda: _entry("meetings_per_year", -1), "cannot be negative"),
            (lambda: _entry("agenda_dispatch_notice", Period(2, "hours")), "days, weeks, months"),
            (lambda: _entry("honorarium_payer", "the king"), "one of"),
            (lambda: RuleEntry("meetings_per_year", 4, date(2020, 1, 1), ("AAL2099",)), "unknown"),
            (lambda: RuleEntry("meetings_per_year", 4, date(2020, 1, 1), ()), "at least one"),
            (lambda: _entry("honorarium_payer", "region", "minimum"), "only numbers"),
            (lambda: _entry("coffee", 1), "unknown rule key"),
            (lambda: RuleSet("x", "X", "local", (_E, _E), parent=NATIONAL), "two values"),
            (lambda: RuleSet("x", "X", "local", (_E,)), "must be layered"),
            (lambda: RuleSet("x", "X", "national", (_E,), parent=NATIONAL), "cannot have a"),
            (
                lambda: RuleSet(
                    "x", "X", "local", (_entry("meetings_per_year", 4, "minimum"),), parent=NATIONAL
                ),
                "bounds belong",
            ),
            (
                lambda: RuleSet(
                    "x",
                    "X",
                    "local",
                    (_entry("agenda_dispatch_notice", Period(1, "months")),),
                    parent=NATIONAL,
                ),
                "use the national unit",
            ),
            (lambda: RuleSet("x", "X", "regional", (_E,)), "level"),  # type: ignore[arg-type]
        ],
    )
    def test_entry_and_rule_set_validation(self, build: Any, message: str) -> None:
        with pytest.raises((InvalidRuleSetError, InvalidValueError), match=message):
            build()

    def test_in_force_argument_errors(self) -> None:
        with pytest.raises(InvalidValueError, match="must be a date"):
            NATIONAL.in_force("2023-01-01")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="layering"):
            NATIONAL.in_force(date(2023, 1, 1), layering="loose")  # type: ignore[arg-type]


LOCAL = """\
schema_version = 1
name = "odder"
title = "Forretningsorden for KLU Odder"
level = "local"
layered_on = "national"

[[rules.meetings_per_year]]
value = 3
effective_from = 2022-03-01
sources = ["AAL2021"]

[[rules.agenda_dispatch_notice]]
value = "3 weeks"
effective_from = 2022-03-01
sources = ["AAL2021"]

[[topics]]
key = "vaccination"
name_da = "Vaccinationsindsatsen"
name_en = "Vaccination"
standing = false
number = "17"
effective_from = 2022-03-01
sources = ["AAL2021"]
"""


class TestUserRuleFiles:
    def test_local_rule_set_loads_from_a_user_file(self, tmp_path: Path) -> None:
        path = tmp_path / "odder.toml"
        path.write_text(LOCAL, encoding="utf-8")
        rules = load_rule_set(path)
        assert rules.parent == NATIONAL
        assert rules.origin == str(path)
        r = rules.in_force(date(2023, 1, 1))
        assert r.value("meetings_per_year") == 3
        assert r.value("agenda_dispatch_notice") == Period(3, "weeks")
        assert not r.get("agenda_dispatch_notice").beyond_bound
        assert r.topic("vaccination").numbers == {"odder": "17"}
        assert len(r.topics) == 17
        assert get_rule_set(path) == rules

    def test_builtins_by_name(self) -> None:
        assert get_rule_set("national") is NATIONAL
        assert get_rule_set("Aalborg") is AALBORG
        with pytest.raises(UnknownRuleSetError, match="unknown rule set 'odense'"):
            get_rule_set("odense")
        with pytest.raises(UnknownRuleSetError, match="does not exist"):
            get_rule_set("missing.toml")

    @pytest.mark.parametrize("rule_set", [NATIONAL, AALBORG])
    def test_dump_and_parse_round_trip(self, rule_set: RuleSet) -> None:
        text = dump_rule_set(rule_set)
        assert parse_rule_set(tomllib.loads(text)) == rule_set
        assert dump_rule_set(parse_rule_set(tomllib.loads(text))) == text

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (("schema_version = 1", "schema_version = 2"), "schema_version 2 is not supported"),
            (('layered_on = "national"', 'layered_on = "aalborg"'), "layered on 'national'"),
            (("[[rules.meetings_per_year]]", "[[rules.meeting_count]]"), "unknown rule key"),
            (("value = 3\n", 'value = "three"\n'), "expected an integer"),
            (('value = "3 weeks"', 'value = "three weeks"'), "is not a period"),
            (
                (
                    'effective_from = 2022-03-01\nsources = ["AAL2021"]\n\n[[rules.agenda',
                    'effective_from = "March"\nsources = ["AAL2021"]\n\n[[rules.agenda',
                ),
                "a date written YYYY-MM-DD",
            ),
            (
                ('sources = ["AAL2021"]\n\n[[rules.agenda', 'sources = ["XYZ"]\n\n[[rules.agenda'),
                "unknown source key",
            ),
            (("value = 3\n", 'value = 3\ncolour = "red"\n'), "unknown key(s) 'colour'"),
            (('level = "local"', 'level = "county"'), "one of 'national', 'local'"),
            (("value = 3\n", 'value = 3\nbound = "minimum"\n'), "bounds belong"),
            (("[[topics]]\nkey", "[[topics]]\nnumber_x = 1\nkey"), "unknown key(s) 'number_x'"),
            (('name = "odder"\n', ""), "this key is required but missing"),
            (("[[rules.meetings_per_year]]", "[rules.meetings_per_year]"), "an array of tables"),
            (("title =", "title = = "), "not valid TOML"),
        ],
    )
    def test_broken_files(self, tmp_path: Path, change: tuple[str, str], message: str) -> None:
        assert change[0] in LOCAL
        path = tmp_path / "broken.toml"
        path.write_text(LOCAL.replace(change[0], change[1], 1), encoding="utf-8")
        with pytest.raises(FileFormatError) as info:
            load_rule_set(path)
        assert message in str(info.value)
        assert str(path) in str(info.value)
        if message == "expected an integer":
            assert info.value.key == "rules.meetings_per_year[0].value"

    def test_not_utf8_and_missing_file(self, tmp_path: Path) -> None:
        path = tmp_path / "latin1.toml"
        path.write_bytes(LOCAL.replace("Odder", "Ærø").encode("latin-1"))
        with pytest.raises(FileFormatError, match="not UTF-8"):
            load_rule_set(path)
        with pytest.raises(FileFormatError, match="cannot read the file"):
            load_rule_set(tmp_path / "nope.toml")

    def test_national_file_rules(self) -> None:
        with pytest.raises(FileFormatError, match="needs at least one rule"):
            parse_rule_set({"schema_version": 1, "name": "n", "title": "N", "level": "national"})
        with pytest.raises(FileFormatError, match="not layered on anything"):
            parse_rule_set(
                {
                    "schema_version": 1,
                    "name": "n",
                    "title": "N",
                    "level": "national",
                    "layered_on": "national",
                }
            )


def test_every_key_has_data_or_is_local_only() -> None:
    national = {e.key for e in NATIONAL.entries}
    local = {e.key for e in AALBORG.entries}
    assert national | local == set(RULE_KEYS)


@given(st.dates(date(2011, 4, 1), date(2200, 12, 31)))
def test_strictest_never_looser_than_national(day: date) -> None:
    r = AALBORG.in_force(day)
    for rule in r.resolved():
        national = rule.national
        if national is None or national.bound is None:
            continue
        value, bound = rule.value, national.value
        if isinstance(value, Period) and isinstance(bound, Period):
            cmp = value.compare(bound)
        else:
            cmp = (value > bound) - (value < bound)  # type: ignore[operator]
        assert cmp >= 0 if national.bound == "minimum" else cmp <= 0


@given(st.dates(date(2011, 4, 1), date(2200, 12, 31)))
def test_in_force_picks_the_newest_entry_not_after_the_day(day: date) -> None:
    r = NATIONAL.in_force(day)
    for key in r.keys():  # noqa: SIM118 - RulesInForce is not a dict
        chosen = r.get(key).entry
        assert chosen.effective_from <= day
        assert all(
            e.effective_from <= chosen.effective_from
            for e in NATIONAL.entries
            if e.key == key and e.effective_from <= day
        )


# --- the rules-in-force index --------------------------------------------------------


def _local(n: int) -> RuleSet:
    entry = RuleEntry("meetings_per_year", 3 + n, date(2022, 1, 1), ("AAL2021",))
    return RuleSet(f"x{n}", "X", "local", (entry,), parent=NATIONAL)


def test_the_rules_change_only_on_the_change_days() -> None:
    assert AALBORG.changes == (
        date(2011, 4, 1),
        date(2018, 1, 1),
        date(2021, 5, 1),
        date(2022, 1, 1),
        date(2022, 7, 1),
        date(2027, 1, 1),
    )
    assert NATIONAL.starts == date(2011, 4, 1)
    for first, after in zip(
        AALBORG.changes, (*AALBORG.changes[1:], date(2200, 1, 1)), strict=False
    ):
        start, end = AALBORG.in_force(first), AALBORG.in_force(after - timedelta(days=1))
        assert start.resolved() == end.resolved()
        assert start.findings() == end.findings()
        assert (start.topics, start.seats) == (end.topics, end.seats)


def test_many_rule_sets_from_many_threads_each_get_their_own_values() -> None:
    sets = [_local(n) for n in range(100)]  # more than the index holds
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(300):
                n = (i * 7 + offset) % len(sets)
                rules = sets[n].in_force(date(2023, 1, 1) + timedelta(days=i % 40))
                assert rules.get_int("meetings_per_year") == 3 + n
                assert sets[n].entries_of("meetings_per_year")[0].value == 3 + n
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    clear_caches()
    assert sets[0].in_force(date(2023, 1, 1)).get_int("meetings_per_year") == 3


def test_equal_rule_sets_resolve_equal() -> None:
    copy = parse_rule_set(tomllib.loads(dump_rule_set(AALBORG)))
    assert copy == AALBORG
    assert copy is not AALBORG
    assert hash(copy) == hash(AALBORG)
    day = date(2023, 3, 6)
    assert copy.in_force(day).resolved() == AALBORG.in_force(day).resolved()
    assert copy.in_force(day).rule_set is copy
    (entry,) = copy.entries_of("meetings_per_year")
    assert copy.in_force(day).get("meetings_per_year").local is entry  # its own entries
    assert repr(AALBORG) == "<RuleSet 'aalborg' (local, 14 entries)>"


# --- layering at the edge of a bound -----------------------------------------------------

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

ODDER = """\
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


def _layered(rate: str, dialogues: int) -> RulesInForce:
    national = parse_rule_set(tomllib.loads(BOUNDED))
    local = ODDER.format(rate=rate, dialogues=dialogues)
    return parse_rule_set(tomllib.loads(local), parent=national).in_force(date(2023, 1, 1))


def test_local_values_equal_to_the_national_bound_are_permitted() -> None:
    odder = _layered("967.64", 2)
    rate, dialogues = odder.get("nursing_home_hourly_rate"), odder.get("dialogue_meetings_per_year")
    assert (rate.applied, rate.beyond_bound) == ("local", False)
    assert (dialogues.applied, dialogues.beyond_bound, dialogues.value) == ("local", False, 2)
    assert odder.findings() == ()


def test_a_lower_amount_is_beyond_a_national_minimum() -> None:
    rate = _layered("900.00", 1).get("nursing_home_hourly_rate")
    assert (rate.applied, rate.beyond_bound) == ("national", True)
    assert rate.value == Money(Decimal("967.64"), "2021-04")
    assert not _layered("1000.00", 1).get("nursing_home_hourly_rate").beyond_bound


def test_the_beyond_bound_finding_cites_every_source_of_both_values() -> None:
    (strict,) = _layered("967.64", 3).findings()
    assert strict.sources == ("OK22-102", "VEJL2011", "AAL2021", "AAL-2023")
    assert strict.parameters == {
        "key": "dialogue_meetings_per_year",
        "local": 3,
        "national": 2,
        "layering": "strictest",
        "bound": "maximum",
        "applied": "national",
    }
    assert strict.text("da") == (
        "Den lokale regel dialogue_meetings_per_year = 3 går ud over det nationale maksimum "
        "på 2; den nationale værdi gælder."
    )


# --- folded in from the edge cases of loading ---------------------------------------------


def test_before_the_national_rules_every_national_source_is_listed() -> None:
    text = BOUNDED.replace('sources = ["OK22-102", "VEJL2011"]', 'sources = ["OK22-102"]')
    national = parse_rule_set(tomllib.loads(text))
    with pytest.raises(NoRulesInForceError, match=r"\(AAL-MIN-2021-12, OK22-102\) take effect"):
        national.in_force(date(2021, 12, 31))
    empty = RuleSet("national", "National KLU rules, not yet entered", "national", ())
    assert empty.starts is None
    assert empty.changes == ()
    with pytest.raises(NoRulesInForceError, match="the national rule set has no rule"):
        empty.in_force(date(2023, 1, 1))
    # first rules without a source of their own (assumptions): no empty brackets
    uncited = RuleSet(
        "national",
        "National KLU rules",
        "national",
        (RuleEntry("meetings_per_year", 2, date(2011, 4, 1), (), status=RuleStatus.ASSUMPTION),),
    )
    with pytest.raises(NoRulesInForceError) as info:
        uncited.in_force(date(2010, 1, 1))
    assert str(info.value).endswith(
        ": the national rules take effect on 1 April 2011; plan meetings from then on"
    )


@pytest.mark.parametrize(("field", "value"), [("number", "  "), ("name_da", ""), ("name_en", 17)])
def test_a_topic_entry_refuses_blank_or_non_text(field: str, value: object) -> None:
    assert TopicEntry("vaccination", date(2022, 3, 1), ["AAL2021"], number="17").number == "17"
    with pytest.raises(InvalidValueError, match=f"TopicEntry.{field} must be non-empty text"):
        TopicEntry("vaccination", date(2022, 3, 1), ["AAL2021"], **{field: value})  # type: ignore[arg-type]


def test_rules_that_are_not_a_table_are_refused() -> None:
    data = {
        "schema_version": 1,
        "name": "odder",
        "title": "Odder",
        "level": "local",
        "layered_on": "national",
        "rules": None,
    }
    with pytest.raises(FileFormatError) as info:
        parse_rule_set(data)
    assert info.value.key == "rules"


def test_a_parent_given_for_a_national_file_is_ignored() -> None:
    loaded = parse_rule_set(tomllib.loads(dump_rule_set(NATIONAL)), parent=NATIONAL)
    assert loaded == NATIONAL
    assert loaded.parent is None
