"""The nursing-home doctor fee (RULES.md § 5, AAL-MIN-2021-12): a fixed monthly fee."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal, localcontext

import pytest
from helpers import foreign_words, local_rules
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import InvalidValueError, KluRulesError, RuleSet
from klu_rules.checks.nursing_home import NursingHomeFee, nursing_home_doctor_monthly_fee
from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.language import LANGUAGES
from klu_rules.rules.entries import RuleEntry
from klu_rules.rules.ruleset import AALBORG, NATIONAL


@pytest.mark.parametrize("residents", [0, 30, 31])
def test_the_fee_reads_in_one_language(residents: int) -> None:
    fee = nursing_home_doctor_monthly_fee(residents)
    for language in LANGUAGES:
        text = fee.explain(language)
        assert "{" not in text
        assert foreign_words(text, language, allow=frozenset({"region"})) == set(), text


def test_up_to_thirty_residents_is_the_fixed_monthly_fee() -> None:
    fee = nursing_home_doctor_monthly_fee(30)
    assert fee.amount == Decimal("1935.27")
    assert fee.outcome == "fixed-fee"
    assert fee.price_level == "2021-04"
    assert fee.payer == "region"
    assert fee.sources == ("AAL-MIN-2021-12",)
    assert fee.extra_hours == 0
    assert fee.on == date(2022, 1, 1)
    assert fee.parameters["on_chosen"] == "newest"
    assert fee.reason == "nursing_home.fixed-fee"
    assert fee.explain("en").startswith(
        "30 residents attached, not more than 30: the fixed monthly fee DKK 1,935.27."
    )
    assert fee.explain("da").startswith(
        "30 beboere tilknyttet, højst 30: det faste månedlige honorar, 1.935,27 kr. om måneden."
    )
    assert "at the 2021-04 price level" in fee.explain()
    assert "i prisniveau 2021-04" in fee.explain("da")
    assert "kr.." not in fee.explain("da")


def test_over_thirty_residents_adds_the_extra_hour() -> None:
    fee = nursing_home_doctor_monthly_fee(31)
    assert fee.amount == Decimal("2902.91")
    assert fee.outcome == "with-extra-hours"
    assert fee.to_dict()["outcome"] == "with-extra-hours"
    assert fee.amount == Decimal("1935.27") + Decimal("967.64")
    assert fee.extra_hours == 1
    assert fee.reason == "nursing_home.with-extra-hours"
    assert "plus 1 hour at DKK 967.64 = DKK 2,902.91." in fee.explain()
    assert fee.explain("da").startswith(
        "Over 30 tilknyttede beboere (31), og den ekstra time er givet: 2.902,91 kr. om måneden "
        "(det faste månedlige honorar 1.935,27 kr. plus 1 time à 967,64 kr.)."
    )
    # The stated monthly amount is primary: twice the hourly rate is one øre more.
    assert 2 * Decimal("967.64") == Decimal("1935.28") != fee.amount - Decimal("967.64")


def test_over_thirty_without_the_extra_hour() -> None:
    fee = nursing_home_doctor_monthly_fee(45, extra_hour_given=False)
    assert fee.amount == Decimal("1935.27")
    assert fee.extra_hours == 0
    assert "but none was given" in fee.explain()


def test_zero_residents_explain_and_round_trip() -> None:
    fee = nursing_home_doctor_monthly_fee(0)
    assert fee.amount == Decimal("1935.27")
    assert fee.explain().endswith("paid by the region.")
    assert fee.explain("da").endswith("betales af regionen.")
    assert fee.to_dict()["money"] == {
        "amount": "1935.27",
        "price_level": "2021-04",
        "currency": "DKK",
    }
    assert fee.to_dict()["parameters"]["hourly_rate"] == "967.64"
    assert NursingHomeFee.from_json(fee.to_json()) == fee


def test_a_local_payer_is_cited_with_its_source() -> None:
    rules = local_rules(nursing_home_fee_payer="municipality")
    fee = nursing_home_doctor_monthly_fee(12, rules=rules, on=date(2023, 6, 1))
    assert (fee.amount, fee.payer) == (Decimal("1935.27"), "municipality")
    assert fee.sources == ("AAL-MIN-2021-12", "AAL2021")
    assert fee.explain().endswith(
        "(AAL-MIN-2021-12/AAL2021), at the 2021-04 price level; paid by the municipality."
    )


def test_dates_and_rule_sets() -> None:
    assert nursing_home_doctor_monthly_fee(31, on=date(2024, 3, 1)).on == date(2024, 3, 1)
    assert nursing_home_doctor_monthly_fee(31, rules=AALBORG).amount == Decimal("2902.91")
    in_force = NATIONAL.in_force(date(2023, 1, 1))
    fee = nursing_home_doctor_monthly_fee(31, rules=in_force)
    assert (fee.on, fee.parameters["on_chosen"]) == (date(2023, 1, 1), "given")


@pytest.mark.parametrize("day", [date(2021, 12, 31), date(2011, 4, 1), date(2000, 1, 1)])
def test_before_ok22_there_is_no_fee(day: date) -> None:
    with pytest.raises(NoRulesInForceError, match="takes effect on 2022-01-01"):
        nursing_home_doctor_monthly_fee(10, on=day)


def test_rules_in_force_before_ok22_have_no_fee() -> None:
    with pytest.raises(NoRulesInForceError, match="takes effect on 2022-01-01"):
        nursing_home_doctor_monthly_fee(10, rules=NATIONAL.in_force(date(2021, 12, 31)))


def test_rules_for_another_day() -> None:
    with pytest.raises(InvalidValueError, match="in force on 2023-01-01, but the date"):
        nursing_home_doctor_monthly_fee(
            10, rules=NATIONAL.in_force(date(2023, 1, 1)), on=date(2023, 2, 1)
        )


def test_rule_set_without_the_fee() -> None:
    bare = RuleSet(
        name="bare",
        title="Bare",
        level="national",
        entries=(RuleEntry("doctor_seats", 2, date(2011, 4, 1), ("VEJL2011",)),),
    )
    with pytest.raises(NoRulesInForceError, match="has no nursing-home doctor fee"):
        nursing_home_doctor_monthly_fee(10, rules=bare)


@pytest.mark.parametrize("bad", [-1, True, 1.5, "31", None])
def test_bad_residents(bad: object) -> None:
    with pytest.raises(InvalidValueError, match="residents_attached must be a whole number >= 0"):
        nursing_home_doctor_monthly_fee(bad)  # type: ignore[arg-type]


def test_bad_options() -> None:
    with pytest.raises(InvalidValueError, match="extra_hour_given must be True or False"):
        nursing_home_doctor_monthly_fee(31, extra_hour_given="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="on must be a date"):
        nursing_home_doctor_monthly_fee(31, on=datetime(2023, 1, 1))
    with pytest.raises(InvalidValueError, match="rules must be a RuleSet"):
        nursing_home_doctor_monthly_fee(31, rules="national")  # type: ignore[arg-type]
    with pytest.raises(KluRulesError):
        nursing_home_doctor_monthly_fee(-5)


@given(st.integers(0, 10_000), st.booleans())
def test_nursing_home_fee_is_one_of_two_exact_amounts(residents: int, extra: bool) -> None:
    fee = nursing_home_doctor_monthly_fee(residents, extra_hour_given=extra)
    expected = "2902.91" if residents > 30 and extra else "1935.27"
    assert fee.amount == Decimal(expected)
    assert fee.amount.as_tuple().exponent == -2


def test_fees_after_the_rules_horizon_are_flagged() -> None:
    fee = nursing_home_doctor_monthly_fee(31, on=date(2040, 1, 1))
    assert [f.code for f in fee.findings] == ["rules.beyond-horizon"]
    assert nursing_home_doctor_monthly_fee(31).findings == ()


def test_the_callers_decimal_context_does_not_change_the_amount() -> None:
    with localcontext() as ctx:
        ctx.prec, ctx.rounding = 3, ROUND_DOWN
        fee = nursing_home_doctor_monthly_fee(31)
    assert fee.amount == Decimal("2902.91")
