"""The fixed monthly fee of a doctor attached to a nursing home (*fast tilknyttet læge*).

Under OK22 the doctor attached to a nursing home gets "as a starting point" a
fixed monthly fee, stated as two hours a month, with one more hour when more
than 30 residents are attached at the same home; the region pays
(``AAL-MIN-2021-12``). The values are rule data (``nursing_home_*`` keys of the
national rules), dated and cited like every rule.

Amounts are :class:`~klu_rules.core.money.Money`, exact and rounded half-up to
øre with their price level.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

import attrs

from klu_rules.checks.common import merge_sources, refused, resolve_rules
from klu_rules.checks.honorarium import payer_text
from klu_rules.core.convert import check_count, check_date
from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.money import Money
from klu_rules.core.result import Result
from klu_rules.rules.horizon import horizon_findings
from klu_rules.rules.ruleset import RuleSet, RulesInForce, get_rule_set

__all__ = [
    "NURSING_HOME_KEYS",
    "NursingHomeFee",
    "NursingHomeOutcome",
    "nursing_home_doctor_monthly_fee",
]

NursingHomeOutcome = Literal["fixed-fee", "with-extra-hours"]

NURSING_HOME_KEYS: tuple[str, ...] = (
    "nursing_home_monthly_fee",
    "nursing_home_hourly_rate",
    "nursing_home_extra_hour_over_residents",
    "nursing_home_extra_hours",
    "nursing_home_fee_payer",
)
"""The rule keys the nursing-home doctor fee reads."""


@attrs.frozen(kw_only=True, repr=False)
class NursingHomeFee(Result):
    """The monthly fee of a doctor attached to a nursing home (*fast tilknyttet læge*).

    ``money`` holds the exact amount with its price level; ``amount`` and
    ``price_level`` are shortcuts. ``payer`` is who pays (the region, from OK22).
    ``outcome`` is ``"with-extra-hours"`` when the extra hour is paid, else
    ``"fixed-fee"``.
    """

    outcome: NursingHomeOutcome
    money: Money
    payer: str
    extra_hours: int
    on: date

    @property
    def amount(self) -> Decimal:
        return self.money.amount

    @property
    def price_level(self) -> str:
        return self.money.price_level

    def text_parameters(self) -> dict[str, Any]:
        return {**super().text_parameters(), "amount": self.money.amount}

    def explain(self, language: Language = "en") -> str:
        """The reason, the day the values are in force, the sources and the payer."""
        sources = "/".join(self.sources)
        payer = payer_text(self.payer, language)
        tail = message(
            "nursing_home.values",
            language,
            on=self.on,
            sources=sources,
            payer=payer,
            price_level=self.money.price_level,
        )
        return f"{super().explain(language)} {tail}"


def _nursing_home_days(rule_set: RuleSet) -> list[date]:
    days = [
        entry.effective_from
        for layer in (rule_set, rule_set.parent)
        if layer is not None
        for entry in layer.entries
        if entry.key in NURSING_HOME_KEYS
    ]
    if not days:
        raise coded(
            NoRulesInForceError,
            "honorarium.no_fee",
            {"rule_set": repr(rule_set.name), "keys": ", ".join(NURSING_HOME_KEYS)},
        )
    return days


def nursing_home_doctor_monthly_fee(
    residents_attached: int,
    *,
    extra_hour_given: bool = True,
    rules: RuleSet | RulesInForce | None = None,
    on: date | None = None,
) -> NursingHomeFee:
    """The monthly fee of a nursing-home doctor with ``residents_attached`` residents at the home.

    Under OK22 the doctor attached to a nursing home gets "as a starting point"
    a fixed monthly fee, 1,935.27 kr at the April 2021 price level, stated as
    two hours a month at 967.64 kr; with **more than 30 residents attached at
    the same home** the doctor can have one more hour a month at the same rate
    (``extra_hour_given``, default True), giving 2,902.91 kr. The region pays
    (``AAL-MIN-2021-12``). The stated monthly amount is primary: 2 × 967.64 =
    1,935.28, so the hourly rate is the derived, rounded figure and is used only
    for the extra hour.

    ``rules`` defaults to the national rules. ``on=None`` uses the newest
    nursing-home values in the rule set (the day the newest of them takes
    effect); an ``on`` before they take effect (2022-01-01) is a
    :class:`~klu_rules.core.errors.NoRulesInForceError`; an ``on`` after the
    rules' horizon gets the last values known and a ``rules.beyond-horizon``
    warning.
    """
    check_count(residents_attached, "residents_attached")
    if not isinstance(extra_hour_given, bool):
        raise refused("honorarium.extra_hour_given", value=excerpt(extra_hour_given))
    if on is not None:
        check_date(on, "on")
    rules = get_rule_set("national") if rules is None else rules
    if isinstance(rules, RulesInForce):
        rule_set, day = rules.rule_set, rules.on if on is None else on
    elif isinstance(rules, RuleSet):
        rule_set, day = rules, max(_nursing_home_days(rules)) if on is None else on
    else:
        raise refused("checks.rules", what="rules", value=excerpt(rules))
    try:
        in_force = resolve_rules(rules, day)
        resolved = {key: in_force.get(key) for key in NURSING_HOME_KEYS}
    except NoRulesInForceError:
        first = min(_nursing_home_days(rule_set)).isoformat()
        raise coded(
            NoRulesInForceError,
            "honorarium.fee_not_yet",
            {"day": day.isoformat(), "first": first, "rule_set": repr(rule_set.name)},
        ) from None
    fee = in_force.get_money("nursing_home_monthly_fee")
    hourly = in_force.get_money("nursing_home_hourly_rate")
    threshold = in_force.get_int("nursing_home_extra_hour_over_residents")
    extra = in_force.get_int("nursing_home_extra_hours")
    above = residents_attached > threshold
    if above and extra_hour_given:
        money, extra_hours, reason = fee + hourly * extra, extra, "nursing_home.with-extra-hours"
    else:
        money, extra_hours = fee, 0
        reason = "nursing_home.extra-hour-not-given" if above else "nursing_home.fixed-fee"
    # a day after the rules' horizon is answered with the last values known, and says so
    findings = horizon_findings(rule_set, day, subject="nursing_home_monthly_fee")
    return NursingHomeFee(
        outcome="with-extra-hours" if extra_hours else "fixed-fee",
        findings=findings,
        reason=reason,
        parameters={
            "residents_attached": residents_attached,
            "extra_hour_given": extra_hour_given,
            "monthly_fee": fee.amount,
            "hourly_rate": hourly.amount,
            "extra_hour_over_residents": threshold,
            "extra_hours": extra,
            "price_level": fee.price_level,
            "rule_set": in_force.rule_set.name,
            "on": day,
            "on_chosen": "given" if on is not None or isinstance(rules, RulesInForce) else "newest",
        },
        sources=merge_sources(*(r.sources for r in resolved.values())),
        money=money,
        payer=in_force.get_text("nursing_home_fee_payer"),
        extra_hours=extra_hours,
        on=day,
    )
