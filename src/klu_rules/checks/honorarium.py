"""Who is paid for attending a meeting (*honorar*), and the nursing-home doctor fee.

**Meeting fee** (:func:`honorarium_for_meeting`, RULES.md § 5):

- nationally the participating doctors, **two in total**, are paid for
  attending, and **the municipality pays** (``VEJL2011``; ``OK22-102`` stk. 3);
  a substitute who takes a doctor member's seat is paid in that member's
  place; supplementing doctors are not paid (``OK22-102`` stk. 7);
- Aalborg pays **six doctors from PLO-Aalborg** (``AAL2021``): a local value
  on the permitted side of the national bound, so it replaces the two;
- the practice consultant (*praksiskonsulent*) is employed by the
  municipality and gets no KLU meeting fee (an **assumption**: the sources do
  not say so; the role decides, not the profession); municipal staff and the
  hospital's representatives hold no doctor seat and are not paid either;
- **one fee per doctor seat**: when a seat has more than one eligible person
  (the member and a substitute for some items, or two substitutes), all are
  listed and no total is given;
- when more doctors are eligible than the rules pay for, all are listed, no
  total is given and a ``honorarium.more-eligible-than-paid`` finding says so:
  the committee decides, klu_rules never cuts silently.

The KLU meeting rate is **not in the sources**: the caller supplies a
:class:`MeetingRate` (per meeting, or per hour of the meeting's real
duration). Without one, the result gives eligibility only, with an
``honorarium.no-rate`` finding. Amounts are :class:`~klu_rules.core.money.Money`:
exact decimals rounded half-up to øre, with their price level.

**Nursing-home doctor fee** (:func:`nursing_home_doctor_monthly_fee`): the
fixed monthly fee of a doctor attached to a nursing home under OK22, as the
December 2021 minutes state it (``AAL-MIN-2021-12``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import attrs

from klu_rules.checks.common import (
    check_meeting_and_committee,
    membership_on,
    merge_sources,
    resolve_rules,
)
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError, NotADoctorMemberError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.money import Money
from klu_rules.core.types import Layering
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Attendance, AttendanceStatus, Meeting, MeetingStatus
from klu_rules.model.people import Membership, Role, Side
from klu_rules.rules.ruleset import RuleSet, RulesInForce

__all__ = [
    "HONORARIUM_KEYS",
    "NURSING_HOME_KEYS",
    "RATE_UNITS",
    "HonorariumOutcome",
    "HonorariumResult",
    "MeetingRate",
    "NotPaid",
    "NursingHomeFee",
    "NursingHomeOutcome",
    "Payee",
    "RateUnit",
    "honorarium_for_meeting",
    "nursing_home_doctor_monthly_fee",
]

RateUnit = Literal["meeting", "hour"]
RATE_UNITS: tuple[RateUnit, ...] = ("meeting", "hour")
HonorariumOutcome = Literal["amounts", "eligibility-only", "undecided", "not-held"]
NursingHomeOutcome = Literal["fixed-fee", "with-extra-hours"]
Capacity = Literal["doctor_member", "substitute", "supplementing"]

HONORARIUM_KEYS: tuple[str, ...] = (
    "paid_doctors",
    "honorarium_payer",
    "substitutes_paid",
    "supplementing_doctors_paid",
)
"""The rule keys the meeting fee reads."""

NURSING_HOME_KEYS: tuple[str, ...] = (
    "nursing_home_monthly_fee",
    "nursing_home_hourly_rate",
    "nursing_home_extra_hour_over_residents",
    "nursing_home_extra_hours",
    "nursing_home_fee_payer",
)
"""The rule keys the nursing-home doctor fee reads."""

_SECONDS_PER_HOUR = Decimal(3600)


# ---------------------------------------------------------------------------
# the meeting rate


def _positive_money(instance: MeetingRate, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money):
        raise InvalidValueError(
            f"MeetingRate.amount must be a klu_rules.Money, e.g. Money(Decimal('1500.00'), "
            f"'2023-04'), got {value!r}"
        )
    if value.amount <= 0:
        raise InvalidValueError(
            f"a meeting rate must be a positive amount, got {value.amount}; give the fee in kroner"
        )


def _rate_unit(instance: MeetingRate, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in RATE_UNITS:
        raise InvalidValueError(f"a meeting rate is per 'meeting' or per 'hour', got {value!r}")


@attrs.frozen(slots=True)
class MeetingRate:
    """The KLU meeting fee (*mødehonorar*) the caller supplies: an amount per meeting or per hour.

    The rate is not in the sources, so klu_rules never assumes one. Per hour,
    the fee is the rate times the meeting's real duration (end minus start in
    elapsed time), rounded half-up to øre.
    """

    amount: Money = attrs.field(validator=_positive_money)
    per: RateUnit = attrs.field(default="meeting", validator=_rate_unit)

    def describe(self) -> str:
        return f"{self.amount.format_da()} per {self.per}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": str(self.amount.amount),
            "price_level": self.amount.price_level,
            "currency": self.amount.currency,
            "per": self.per,
        }


# ---------------------------------------------------------------------------
# results


@attrs.frozen(slots=True)
class Payee:
    """A person eligible for the meeting fee, the seat they are paid for, and why.

    ``amount`` is their fee when the result is decided and a rate was given.
    """

    person_id: str
    name: str
    capacity: Capacity
    seat: str | None
    reason: str
    items: tuple[str, ...] = ()
    amount: Money | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person_id,
            "name": self.name,
            "capacity": self.capacity,
            "seat": self.seat,
            "items": list(self.items),
            "reason": self.reason,
            "amount": None if self.amount is None else str(self.amount.amount),
        }


@attrs.frozen(slots=True)
class NotPaid:
    """Someone not paid a meeting fee, and why (one sentence)."""

    person_id: str
    name: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.person_id, "name": self.name, "reason": self.reason}


@attrs.frozen(slots=True)
class HonorariumResult:
    """The meeting fee for one meeting: who is paid, by whom, how much, and why not the others.

    ``outcome`` is ``"amounts"`` (decided, with a rate), ``"eligibility-only"``
    (decided, no rate or no duration for an hourly rate), ``"undecided"``
    (more eligible than paid seats, or a seat shared: no total) or
    ``"not-held"`` (a cancelled meeting).
    """

    meeting_id: str
    on: date
    outcome: HonorariumOutcome
    reason: str
    payer: str
    paid_seats: int
    eligible: tuple[Payee, ...]
    not_paid: tuple[NotPaid, ...]
    rate: MeetingRate | None
    fee_per_doctor: Money | None
    total: Money | None
    parameters: Mapping[str, Any] = attrs.field(eq=False)
    sources: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def decided(self) -> bool:
        """False when the committee must decide who is paid (no total is given)."""
        return self.outcome in ("amounts", "eligibility-only")

    def explain(self) -> str:
        p = self.parameters
        rate = "no rate given" if self.rate is None else f"rate {self.rate.describe()}"
        return (
            f"{self.reason} Parameters: paid_doctors = {p['paid_doctors']}, honorarium_payer = "
            f"{p['honorarium_payer']}, substitutes_paid = {p['substitutes_paid']}, "
            f"supplementing_doctors_paid = {p['supplementing_doctors_paid']} (rule set "
            f"{p['rule_set']!r} on {self.on.isoformat()}), {rate}. Sources: "
            f"{'/'.join(self.sources)}."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting_id,
            "on": self.on.isoformat(),
            "outcome": self.outcome,
            "reason": self.reason,
            "payer": self.payer,
            "paid_seats": self.paid_seats,
            "eligible": [p.to_dict() for p in self.eligible],
            "not_paid": [n.to_dict() for n in self.not_paid],
            "rate": None if self.rate is None else self.rate.to_dict(),
            "fee_per_doctor": None
            if self.fee_per_doctor is None
            else str(self.fee_per_doctor.amount),
            "total": None if self.total is None else str(self.total.amount),
            "price_level": None if self.rate is None else self.rate.amount.price_level,
            "parameters": dict(self.parameters),
            "sources": list(self.sources),
            "findings": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------
# the meeting fee


def _flag(rules: RulesInForce, key: str) -> bool:
    value = rules.value(key)
    assert isinstance(value, bool)  # guaranteed by RULE_KEYS
    return value


def honorarium_for_meeting(
    meeting: Meeting,
    committee: Committee,
    *,
    rate: MeetingRate | None = None,
    rules: RuleSet | RulesInForce | None = None,
    layering: Layering = "strictest",
) -> HonorariumResult:
    """Who is paid for attending ``meeting``, by whom, and how much (with a ``rate``).

    ``rules`` defaults to the committee's rule set in force on the meeting's
    local date. See the module doc for the rules and conventions.
    """
    check_meeting_and_committee(meeting, committee)
    if rate is not None and not isinstance(rate, MeetingRate):
        raise InvalidValueError(
            f"rate must be a MeetingRate, e.g. MeetingRate(Money(Decimal('1500'), '2023-04'), "
            f"per='meeting'), got {rate!r}"
        )
    day = meeting.local_date(committee.timezone)
    in_force = resolve_rules(rules, day, default=committee.rule_set, layering=layering)
    resolved = {key: in_force.get(key) for key in HONORARIUM_KEYS}
    paid_value = resolved["paid_doctors"].value
    assert isinstance(paid_value, int)
    paid_seats = paid_value
    payer = str(resolved["honorarium_payer"].value)
    substitutes_paid = _flag(in_force, "substitutes_paid")
    supplementing_paid = _flag(in_force, "supplementing_doctors_paid")
    sources = merge_sources(*(r.sources for r in resolved.values()))
    parameters: dict[str, Any] = {
        "paid_doctors": paid_seats,
        "paid_doctors_from": f"{resolved['paid_doctors'].applied} rules",
        "honorarium_payer": payer,
        "substitutes_paid": substitutes_paid,
        "supplementing_doctors_paid": supplementing_paid,
        "rule_set": in_force.rule_set.name,
        "on": day.isoformat(),
        "layering": in_force.layering,
        "meeting_status": meeting.status.value,
        "rate": None if rate is None else rate.describe(),
        "fee_rule": "one fee per doctor seat",
    }
    findings: list[Finding] = list(in_force.findings(HONORARIUM_KEYS))
    seats = {m.person.id for m in committee.doctor_members(day)}

    if meeting.status is MeetingStatus.CANCELLED:
        not_paid = tuple(
            NotPaid(e.person.id, e.person.name, "the meeting was cancelled: no fee")
            for e in meeting.attendance
        )
        return HonorariumResult(
            meeting_id=meeting.id,
            on=day,
            outcome="not-held",
            reason=f"No one is paid: meeting {meeting.id!r} was cancelled.",
            payer=payer,
            paid_seats=paid_seats,
            eligible=(),
            not_paid=not_paid,
            rate=rate,
            fee_per_doctor=None,
            total=None,
            parameters=parameters,
            sources=sources,
            findings=tuple(findings),
        )

    eligible: list[Payee] = []
    not_paid_list: list[NotPaid] = []
    for entry in meeting.attendance:
        payee, why_not = _classify(
            entry, committee, day, seats, meeting, substitutes_paid, supplementing_paid
        )
        if payee is not None:
            eligible.append(payee)
        else:
            assert why_not is not None
            not_paid_list.append(why_not)
    recorded = {e.person.id for e in meeting.attendance}
    for membership in committee.doctor_members(day):
        if membership.person.id not in recorded:
            not_paid_list.append(
                NotPaid(
                    membership.person.id,
                    membership.person.name,
                    "doctor member not recorded in the attendance, so not counted as present",
                )
            )

    by_seat: dict[str, list[Payee]] = {}
    for payee in eligible:
        if payee.seat is not None:
            by_seat.setdefault(payee.seat, []).append(payee)
    shared = {seat: group for seat, group in by_seat.items() if len(group) > 1}
    for seat, group in shared.items():
        findings.append(
            finding(
                "honorarium.more-eligible-than-paid",
                f"The doctor seat of {seat} has {len(group)} eligible people "
                f"({', '.join(p.name for p in group)}) but pays one fee; the committee decides "
                "who is paid, so no total is given.",
                sources=sources,
                subject=meeting.id,
                seat=seat,
                eligible=[p.person_id for p in group],
            )
        )
    too_many = len(eligible) > paid_seats
    if too_many:
        findings.append(
            finding(
                "honorarium.more-eligible-than-paid",
                f"{len(eligible)} doctors are eligible for the meeting fee but the rules in force "
                f"pay {paid_seats} ({'/'.join(resolved['paid_doctors'].sources)}); all are listed "
                "and no total is given until the committee decides who is paid.",
                sources=sources,
                subject=meeting.id,
                eligible=len(eligible),
                paid_doctors=paid_seats,
            )
        )
    decided = not too_many and not shared

    fee: Money | None = None
    if rate is None:
        findings.append(
            finding(
                "honorarium.no-rate",
                "No meeting rate was given, so only eligibility is reported: the KLU meeting "
                "rate is not in the sources; supply it as a MeetingRate (or --rate, --rate-per "
                "and --price-level).",
                subject=meeting.id,
            )
        )
    elif rate.per == "hour" and meeting.duration is None:
        findings.append(
            finding(
                "meeting.no-end-time",
                f"No amounts: the rate is per hour and meeting {meeting.id!r} has no end time; "
                "record the end time or give a rate per meeting.",
                subject=meeting.id,
            )
        )
    else:
        fee = _fee(rate, meeting)
        parameters["fee_per_doctor"] = str(fee.amount)
        if rate.per == "hour":
            parameters["duration_hours"] = str(_hours(meeting))

    total: Money | None = None
    if decided and fee is not None:
        eligible = [attrs.evolve(p, amount=fee) for p in eligible]
        total = fee * len(eligible)
        outcome: HonorariumOutcome = "amounts"
    elif decided:
        outcome = "eligibility-only"
    else:
        outcome = "undecided"
    reason = _meeting_reason(outcome, eligible, paid_seats, payer, shared, total, fee)
    return HonorariumResult(
        meeting_id=meeting.id,
        on=day,
        outcome=outcome,
        reason=reason,
        payer=payer,
        paid_seats=paid_seats,
        eligible=tuple(eligible),
        not_paid=tuple(not_paid_list),
        rate=rate,
        fee_per_doctor=fee,
        total=total,
        parameters=parameters,
        sources=sources,
        findings=tuple(findings),
    )


def _classify(
    entry: Attendance,
    committee: Committee,
    day: date,
    seats: set[str],
    meeting: Meeting,
    substitutes_paid: bool,
    supplementing_paid: bool,
) -> tuple[Payee | None, NotPaid | None]:
    person = entry.person

    def no(reason: str) -> tuple[None, NotPaid]:
        return None, NotPaid(person.id, person.name, reason)

    if entry.status is AttendanceStatus.SUBSTITUTE and entry.substitute_for not in seats:
        raise NotADoctorMemberError(
            f"{person.name} substitutes for {entry.substitute_for!r} at meeting {meeting.id!r} "
            f"({day.isoformat()}), who is not a doctor member in office that day; a substitute "
            "stands in for a doctor member (lægeligt medlem) only"
        )
    if not entry.attends:
        return no("absent (afbud): no fee")
    if person.id in seats:
        return (
            Payee(person.id, person.name, "doctor_member", person.id, "doctor member present"),
            None,
        )
    if entry.status is AttendanceStatus.SUBSTITUTE:
        if not substitutes_paid:
            return no("substitutes are not paid under the rules in force")
        scope = f" for item(s) {', '.join(entry.items)}" if entry.items else ""
        return (
            Payee(
                person.id,
                person.name,
                "substitute",
                entry.substitute_for,
                f"substitute for doctor member {entry.substitute_for}{scope}, paid in the "
                "member's place",
                entry.items,
            ),
            None,
        )
    if entry.status is AttendanceStatus.SUPPLEMENTING:
        if supplementing_paid:
            return (
                Payee(
                    person.id,
                    person.name,
                    "supplementing",
                    None,
                    "supplementing doctor, paid under the rules in force",
                ),
                None,
            )
        return no(
            "supplementing doctor: supplementing does not trigger a fee (VEJL2011; OK22-102 stk. 7)"
        )
    return no(_not_a_doctor_seat(membership_on(committee, person.id, day), entry, day))


def _not_a_doctor_seat(membership: Membership | None, entry: Attendance, day: date) -> str:
    if membership is not None and membership.role is Role.PRACTICE_CONSULTANT:
        return (
            "practice consultant: employed by the municipality and holds no doctor seat; no KLU "
            "meeting fee (an assumption: the sources do not say so)"
        )
    if membership is not None and membership.role in (Role.SECRETARY, Role.SECRETARIAT_STAFF):
        return "secretariat (municipal staff): the meeting fee is for the doctor members only"
    if membership is not None and membership.side is Side.MUNICIPALITY:
        return (
            "member of the municipal side: the meeting fee is for the doctor members (and their "
            "substitutes) only"
        )
    if membership is not None:
        return (
            f"{membership.role.value.replace('_', ' ')}: holds no doctor seat; the meeting fee is "
            "for the doctor members and their substitutes"
        )
    if entry.person.doctor:
        return (
            f"a doctor without a doctor seat on {day.isoformat()}: record them as a substitute "
            "(substitute_for) if they took a member's seat"
        )
    return f"not a member of the committee on {day.isoformat()}"


def _hours(meeting: Meeting) -> Decimal:
    duration = meeting.duration
    assert duration is not None
    return Decimal(int(duration.total_seconds())) / _SECONDS_PER_HOUR


def _fee(rate: MeetingRate, meeting: Meeting) -> Money:
    if rate.per == "meeting":
        return rate.amount
    duration = meeting.duration
    assert duration is not None
    seconds = Decimal(int(duration.total_seconds()))
    return Money(
        rate.amount.amount * seconds / _SECONDS_PER_HOUR,
        rate.amount.price_level,
        rate.amount.currency,
    )


def _meeting_reason(
    outcome: HonorariumOutcome,
    eligible: list[Payee],
    paid_seats: int,
    payer: str,
    shared: Mapping[str, list[Payee]],
    total: Money | None,
    fee: Money | None,
) -> str:
    n = len(eligible)
    who = f"{n} doctor{'s' if n != 1 else ''} eligible"
    if outcome == "undecided":
        parts = []
        if n > paid_seats:
            parts.append(f"{who} but the rules pay {paid_seats}")
        if shared:
            parts.append(f"{len(shared)} doctor seat(s) with more than one eligible person")
        return (
            "Undecided: " + " and ".join(parts) + f"; the {payer} pays, the committee decides "
            "who, so no total is given."
        )
    if outcome == "amounts":
        assert total is not None
        assert fee is not None
        return (
            f"{who} (of {paid_seats} paid seats), each paid {fee.format_da()} by the {payer}: "
            f"{total.format_da()} in total."
        )
    return (
        f"{who} (of {paid_seats} paid seats), paid by the {payer}; no amounts because no usable "
        "rate was given."
    )


# ---------------------------------------------------------------------------
# the nursing-home doctor fee


@attrs.frozen(slots=True)
class NursingHomeFee:
    """The monthly fee of a doctor attached to a nursing home (*fast tilknyttet læge*).

    ``money`` holds the exact amount with its price level; ``amount`` and
    ``price_level`` are shortcuts. ``payer`` is who pays (the region, from OK22).
    """

    money: Money
    payer: str
    extra_hours: int
    on: date
    reason: str
    parameters: Mapping[str, Any] = attrs.field(eq=False)
    sources: tuple[str, ...]

    @property
    def outcome(self) -> NursingHomeOutcome:
        """``"fixed-fee"``, or ``"with-extra-hours"`` when the extra hour is paid."""
        return "with-extra-hours" if self.extra_hours else "fixed-fee"

    @property
    def amount(self) -> Decimal:
        return self.money.amount

    @property
    def price_level(self) -> str:
        return self.money.price_level

    def explain(self) -> str:
        return (
            f"{self.reason} Values in force on {self.on.isoformat()} "
            f"({'/'.join(self.sources)}); paid by the {self.payer}."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "amount": str(self.amount),
            "price_level": self.price_level,
            "payer": self.payer,
            "extra_hours": self.extra_hours,
            "on": self.on.isoformat(),
            "reason": self.reason,
            "parameters": dict(self.parameters),
            "sources": list(self.sources),
        }


def _nursing_home_days(rule_set: RuleSet) -> list[date]:
    days = [
        entry.effective_from
        for layer in (rule_set, rule_set.parent)
        if layer is not None
        for entry in layer.entries
        if entry.key in NURSING_HOME_KEYS
    ]
    if not days:
        raise NoRulesInForceError(
            f"rule set {rule_set.name!r} has no nursing-home doctor fee "
            f"({', '.join(NURSING_HOME_KEYS)}); use the national rules"
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

    ``rules`` defaults to the national rules (:data:`klu_rules.rules.ruleset.NATIONAL`).
    ``on=None`` uses the newest nursing-home values in the rule set (the day the
    newest of them takes effect); an ``on`` before they take effect (2022-01-01)
    is a :class:`~klu_rules.core.errors.NoRulesInForceError`.
    """
    if (
        isinstance(residents_attached, bool)
        or not isinstance(residents_attached, int)
        or residents_attached < 0
    ):
        raise InvalidValueError(
            f"residents_attached must be a whole number >= 0 (residents attached to the doctor at "
            f"the home), got {residents_attached!r}"
        )
    if not isinstance(extra_hour_given, bool):
        raise InvalidValueError(f"extra_hour_given must be True or False, got {extra_hour_given!r}")
    if on is not None and (not isinstance(on, date) or isinstance(on, datetime)):
        raise InvalidValueError(f"on must be a date (not a datetime), got {on!r}")
    if rules is None:
        from klu_rules.rules.ruleset import NATIONAL

        rules = NATIONAL
    if isinstance(rules, RulesInForce):
        day = rules.on if on is None else on
        newest_used = False
    elif isinstance(rules, RuleSet):
        newest_used = on is None
        day = max(_nursing_home_days(rules)) if on is None else on
    else:
        raise InvalidValueError(f"rules must be a RuleSet or a RulesInForce, got {rules!r}")
    try:
        in_force = resolve_rules(rules, day)
        resolved = {key: in_force.get(key) for key in NURSING_HOME_KEYS}
    except NoRulesInForceError:
        rule_set = rules.rule_set if isinstance(rules, RulesInForce) else rules
        first = min(_nursing_home_days(rule_set))
        raise NoRulesInForceError(
            f"no nursing-home doctor fee is in force on {day.isoformat()}: the fee "
            f"(AAL-MIN-2021-12) takes effect on {first.isoformat()} in rule set "
            f"{rule_set.name!r}; ask for a later date, or leave on=None for the newest values"
        ) from None
    fee = resolved["nursing_home_monthly_fee"].value
    hourly = resolved["nursing_home_hourly_rate"].value
    threshold = resolved["nursing_home_extra_hour_over_residents"].value
    extra = resolved["nursing_home_extra_hours"].value
    payer = str(resolved["nursing_home_fee_payer"].value)
    assert isinstance(fee, Money)
    assert isinstance(hourly, Money)
    assert isinstance(threshold, int)
    assert isinstance(extra, int)
    sources = merge_sources(*(r.sources for r in resolved.values()))
    above = residents_attached > threshold
    if above and extra_hour_given:
        money = fee + hourly * extra
        extra_hours = extra
        reason = (
            f"More than {threshold} residents attached ({residents_attached}) and the extra "
            f"hour given: the fixed monthly fee {fee.format_da()} plus {extra} hour(s) at "
            f"{hourly.format_da()} = {money.format_da()}."
        )
    elif above:
        money, extra_hours = fee, 0
        reason = (
            f"More than {threshold} residents attached ({residents_attached}) allow {extra} extra "
            f"hour(s) a month, but none was given: the fixed monthly fee {fee.format_da()}."
        )
    else:
        money, extra_hours = fee, 0
        reason = (
            f"{residents_attached} resident(s) attached, not more than {threshold}: the fixed "
            f"monthly fee {fee.format_da()}."
        )
    parameters: dict[str, Any] = {
        "residents_attached": residents_attached,
        "extra_hour_given": extra_hour_given,
        "monthly_fee": str(fee.amount),
        "hourly_rate": str(hourly.amount),
        "extra_hour_over_residents": threshold,
        "extra_hours": extra,
        "price_level": fee.price_level,
        "rule_set": in_force.rule_set.name,
        "on": day.isoformat(),
        "on_chosen": "newest values in the rule set" if newest_used else "given",
    }
    return NursingHomeFee(
        money=money,
        payer=payer,
        extra_hours=extra_hours,
        on=day,
        reason=reason,
        parameters=parameters,
        sources=sources,
    )
