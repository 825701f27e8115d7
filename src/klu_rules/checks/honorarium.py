"""Who is paid for attending a meeting (*honorar*).

**Meeting fee** (:func:`honorarium_for_meeting`,
``docs/howto-honorarium.md``): nationally the participating doctors, **two in
total**, are paid, by **the municipality** (``VEJL2011``; ``OK22-102`` stk. 3);
Aalborg pays **six doctors from PLO-Aalborg** (``AAL2021``). A substitute who
takes a doctor member's seat is paid in the member's place; supplementing
doctors are not paid (stk. 7); nor is the practice consultant (an
**assumption**: the role decides, not the profession), the municipal side,
the secretariat or the hospital's representatives, also when recorded as a
substitute ("praksiskonsulenten er ansat af kommunen", VEJL2011). A substitute
for a doctor member who attends supplements the member and is not paid
("sidstnævnte udløser dog ikke honorar", VEJL2011). **One fee per doctor
seat**: when a seat has more than one eligible person, or more doctors are
eligible than the rules pay for, all are listed, no total is given and a
``honorarium.more-eligible-than-paid`` finding says so; klu_rules never cuts
silently. The KLU meeting rate is **not in the sources**: the caller gives a
:class:`MeetingRate`, else only eligibility is reported (``honorarium.no-rate``).
An hourly rate pays the meeting's whole length; a meeting longer than the
national maximum ("op til 3 timer", VEJL2011) gets the
``meeting.longer-than-national-max`` warning.

The fee is for **committee meetings**: a dialogue meeting (*dialogmøde*) is
for "kommunens læger og lægepraksis" and the municipality's staff, while the
municipality pays "mødedeltagelse for seks læger fra PLO-Aalborg" in the
committee (AAL2021), so its outcome is ``"not-applicable"``. A meeting still
planned is ``"not-yet-held"``: nothing is due yet, and the result says who
would be paid, and with a rate how much, if it is held as recorded (a seat
shared or more eligible than paid seats is still ``"undecided"``). A
cancelled meeting is ``"not-held"``. A meeting after the rules' horizon gets a
``rules.beyond-horizon`` warning.

The nursing-home doctor fee is in :mod:`klu_rules.checks.nursing_home`.

Amounts are :class:`~klu_rules.core.money.Money`, exact and rounded half-up to
øre with their price level, computed in :data:`~klu_rules.core.money.MONEY_CONTEXT`
whatever the caller's decimal context is.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

import attrs

from klu_rules.checks.common import (
    check_meeting_and_committee,
    meeting_rules,
    merge_sources,
    refused,
)
from klu_rules.checks.deadline_findings import length_finding
from klu_rules.checks.deadline_rules import length_rules
from klu_rules.checks.seats import (
    Capacity,
    Exclusion,
    absent_reason,
    no_seat_reason,
    seat_attendance,
)
from klu_rules.core.findings import Finding, finding
from klu_rules.core.language import Language
from klu_rules.core.messages import catalogue, excerpt, message
from klu_rules.core.money import MONEY_CONTEXT, Money
from klu_rules.core.record import Record
from klu_rules.core.result import Result
from klu_rules.core.types import Layering
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.rules.horizon import horizon_findings
from klu_rules.rules.ruleset import RuleSet, RulesInForce

__all__ = [
    "HONORARIUM_KEYS",
    "RATE_UNITS",
    "HonorariumOutcome",
    "HonorariumResult",
    "MeetingRate",
    "Payee",
    "RateUnit",
    "honorarium_for_meeting",
    "payer_text",
]

RateUnit = Literal["meeting", "hour"]
RATE_UNITS: tuple[RateUnit, ...] = ("meeting", "hour")
HonorariumOutcome = Literal[
    "amounts", "eligibility-only", "undecided", "not-held", "not-yet-held", "not-applicable"
]

HONORARIUM_KEYS: tuple[str, ...] = (
    "paid_doctors",
    "honorarium_payer",
    "substitutes_paid",
    "supplementing_doctors_paid",
)
"""The rule keys the meeting fee reads."""


def payer_text(payer: str, language: Language = "en") -> str:
    """Who pays, in ``language`` (``"municipality"``: ``"kommunen"``); another value as written."""
    key = f"payer.{payer}"
    return message(key, language) if key in catalogue(language) else payer


def _positive_money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money):
        raise refused("honorarium.amount_type", value=excerpt(value))
    if value.amount <= 0:
        raise refused("honorarium.amount", value=str(value.amount))


def _rate_unit(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in RATE_UNITS:
        raise refused("honorarium.per", meeting="'meeting'", hour="'hour'", value=excerpt(value))


@attrs.frozen(repr=False)
class MeetingRate(Record):
    """The KLU meeting fee (*mødehonorar*) the caller supplies: an amount per meeting or per hour.

    The rate is not in the sources, so klu_rules never assumes one. Per hour,
    the fee is the rate times the meeting's real duration (end minus start in
    elapsed time), rounded half-up to øre.
    """

    amount: Money = attrs.field(validator=_positive_money)
    per: RateUnit = attrs.field(default="meeting", validator=_rate_unit)

    def describe(self, language: Language = "en") -> str:
        """``"DKK 1,500.00 per meeting"`` / ``"1.500,00 kr. pr. møde"``."""
        return message(
            f"honorarium.rate_per_{self.per}",
            language,
            amount=self.amount.amount,
            price_level=self.amount.price_level,
        )

    def to_parameters(self) -> dict[str, str]:
        """The rate as a result's parameters keep it: amount, price level and unit."""
        return {
            "amount": str(self.amount.amount),
            "price_level": self.amount.price_level,
            "per": self.per,
        }


@attrs.frozen(repr=False)
class Payee(Record):
    """A person eligible for the meeting fee, the seat they are paid for, and why.

    ``reason`` is a key of the ``payee`` section of the text catalogues
    (:meth:`text` writes it out); ``amount`` is their fee when the result is
    decided and a rate was given; ``member`` is the name of the doctor member
    whose seat a substitute fills.
    """

    person_id: str
    name: str
    capacity: Capacity
    seat: str | None
    reason: str
    items: tuple[str, ...] = ()
    amount: Money | None = None
    member: str | None = None

    def text(self, language: Language = "en") -> str:
        """Why they are eligible, in ``language``."""
        member = self.member or self.seat
        return message(f"payee.{self.reason}", language, member=member, items=self.items)


@attrs.frozen(kw_only=True, repr=False)
class HonorariumResult(Result):
    """The meeting fee for one meeting: who is paid, by whom, how much, and why not the others.

    ``outcome`` is ``"amounts"`` (decided, with a rate), ``"eligibility-only"``
    (decided, no rate or no duration for an hourly rate), ``"undecided"``
    (more eligible than paid seats, or a seat shared: no total),
    ``"not-held"`` (a cancelled meeting), ``"not-yet-held"`` (a planned
    meeting: what would be paid if it is held as recorded) or
    ``"not-applicable"`` (a dialogue meeting: no KLU meeting fee).
    """

    outcome: HonorariumOutcome
    meeting_id: str
    on: date
    payer: str
    paid_seats: int
    eligible: tuple[Payee, ...]
    not_paid: tuple[Exclusion, ...]
    rate: MeetingRate | None
    fee_per_doctor: Money | None
    total: Money | None

    @property
    def decided(self) -> bool:
        """False when the committee must decide who is paid (no total is given)."""
        return self.outcome in ("amounts", "eligibility-only")

    def text_parameters(self) -> dict[str, Any]:
        shared = sum(1 for f in self.findings if f.parameters.get("scope") == "seat")
        fee, total = self.fee_per_doctor, self.total
        return {
            **super().text_parameters(),
            "meeting": self.meeting_id,
            "on": self.on,
            "eligible": len(self.eligible),
            "paid_seats": self.paid_seats,
            "payer": self.payer,
            "shared_seats": shared,
            "fee": None if fee is None else fee.amount,
            "total": None if total is None else total.amount,
        }

    def explain(self, language: Language = "en") -> str:
        """The reason, the rules it was computed from, the rate and the sources."""
        p = self.parameters
        payer = payer_text(self.payer, language)
        rate = (
            message("honorarium.no_rate", language)
            if self.rate is None
            else self.rate.describe(language)
        )
        rules = message(
            "honorarium.parameters",
            language,
            paid_doctors=p["paid_doctors"],
            payer=payer,
            substitutes_paid=_paid(p["substitutes_paid"], language),
            supplementing_paid=_paid(p["supplementing_doctors_paid"], language),
            rule_set=p["rule_set"],
            on=self.on,
            rate=rate,
            sources="/".join(self.sources),
        )
        values = {**self.text_parameters(), "payer": payer}
        return f"{message(f'reason.{self.reason}', language, **values)} {rules}"


def _paid(paid: bool, language: Language) -> str:
    return message("honorarium.paid" if paid else "honorarium.not_paid", language)


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
        example = "MeetingRate(Money(Decimal('1500'), '2023-04'), per='meeting')"
        raise refused("honorarium.rate_type", example=example, value=excerpt(rate))
    day = meeting.local_date(committee.timezone)
    in_force = meeting_rules(meeting, rules, day, default=committee.rule_set, layering=layering)
    resolved = {key: in_force.get(key) for key in HONORARIUM_KEYS}
    paid_seats = in_force.get_int("paid_doctors")
    payer = in_force.get_text("honorarium_payer")
    substitutes_paid = in_force.get_bool("substitutes_paid")
    supplementing_paid = in_force.get_bool("supplementing_doctors_paid")
    sources = merge_sources(*(r.sources for r in resolved.values()))
    parameters: dict[str, object] = {
        "paid_doctors": paid_seats,
        "paid_doctors_from": resolved["paid_doctors"].applied,
        "honorarium_payer": payer,
        "substitutes_paid": substitutes_paid,
        "supplementing_doctors_paid": supplementing_paid,
        "rule_set": in_force.rule_set.name,
        "on": day,
        "layering": in_force.layering,
        "meeting_status": meeting.status,
        "rate": None if rate is None else rate.to_parameters(),
        "fee_rule": "one-fee-per-doctor-seat",
    }
    findings: list[Finding] = list(in_force.findings(HONORARIUM_KEYS))
    findings += horizon_findings(in_force.rule_set, day, subject=meeting.id)

    def result(
        outcome: HonorariumOutcome,
        reason: str,
        not_paid: tuple[Exclusion, ...],
        eligible: tuple[Payee, ...] = (),
        fee: Money | None = None,
        total: Money | None = None,
    ) -> HonorariumResult:
        return HonorariumResult(
            outcome=outcome,
            reason=reason,
            parameters=parameters,
            sources=sources,
            findings=tuple(findings),
            meeting_id=meeting.id,
            on=day,
            payer=payer,
            paid_seats=paid_seats,
            rate=rate,
            eligible=eligible,
            not_paid=not_paid,
            fee_per_doctor=fee,
            total=total,
        )

    if meeting.status is MeetingStatus.CANCELLED:
        not_paid = tuple(
            Exclusion(e.person.id, e.person.name, "cancelled") for e in meeting.attendance
        )
        return result("not-held", "honorarium.not-held", not_paid)
    if meeting.kind is MeetingKind.DIALOGUE:
        not_paid = tuple(
            Exclusion(e.person.id, e.person.name, "dialogue_meeting") for e in meeting.attendance
        )
        return result("not-applicable", "honorarium.not-applicable-dialogue", not_paid)

    eligible: list[Payee] = []
    not_paid_list: list[Exclusion] = []
    seats = seat_attendance(meeting, committee, day)
    for placed in seats.placed:
        entry, person = placed.entry, placed.entry.person
        payee: Payee | None = None
        why: tuple[str, dict[str, Any]] = ("", {})
        if placed.place == "absent":
            key, values = absent_reason(entry)
            why = (f"{key}_no_fee", values)
        elif placed.place in ("seat", "seat-not-substitute"):
            payee = Payee(person.id, person.name, "doctor_member", person.id, "doctor_member")
        elif placed.place == "substitute" and substitutes_paid:
            payee = Payee(
                person.id,
                person.name,
                "substitute",
                entry.substitute_for,
                "substitute_for_items" if entry.items else "substitute",
                entry.items,
                member=seats.member(entry.substitute_for),
            )
        elif placed.place == "substitute":
            why = ("substitutes_not_paid", {})
        elif placed.place == "supplementing" and supplementing_paid:
            payee = Payee(person.id, person.name, "supplementing", None, "supplementing")
        elif placed.place == "supplementing":
            why = ("supplementing_no_fee", {})
        elif placed.place == "substitute-member-present":
            why = (
                "substitute_member_present_no_fee",
                {"member": seats.member(entry.substitute_for)},
            )
        else:
            key, values = no_seat_reason(entry, placed.membership, day)
            why = (f"{key}_no_fee", values)
        if payee is not None:
            eligible.append(payee)
        else:
            not_paid_list.append(Exclusion(person.id, person.name, *why))
    not_paid_list += seats.unrecorded

    by_seat: dict[str, list[Payee]] = {}
    for payee in eligible:
        if payee.seat is not None:
            by_seat.setdefault(payee.seat, []).append(payee)
    shared = {seat: group for seat, group in by_seat.items() if len(group) > 1}
    for seat, group in shared.items():
        findings.append(
            finding(
                "honorarium.more-eligible-than-paid",
                sources=sources,
                subject=meeting.id,
                scope="seat",
                seat=seat,
                eligible=[p.person_id for p in group],
                names=[p.name for p in group],
                paid_doctors=1,
            )
        )
    too_many = len(eligible) > paid_seats
    if too_many:
        findings.append(
            finding(
                "honorarium.more-eligible-than-paid",
                sources=sources,
                subject=meeting.id,
                scope="meeting",
                eligible=[p.person_id for p in eligible],
                names=[p.name for p in eligible],
                paid_doctors=paid_seats,
            )
        )

    fee: Money | None = None
    if rate is None:
        findings.append(finding("honorarium.no-rate", subject=meeting.id))
    elif rate.per == "meeting":
        fee = rate.amount
    elif meeting.duration is None:
        findings.append(finding("meeting.no-end-time", subject=meeting.id))
    else:
        hours = MONEY_CONTEXT.divide(Decimal(int(meeting.duration.total_seconds())), 3600)
        fee = Money(MONEY_CONTEXT.multiply(rate.amount.amount, hours), rate.amount.price_level)
        parameters["duration_hours"] = hours
        length, most, norm, _ = length_rules(in_force)
        if length is not None and most is not None and meeting.duration > most.as_timedelta():
            over = length_finding(meeting.duration, length, most, norm)
            findings.append(attrs.evolve(over, subject=meeting.id))
    if fee is not None:
        parameters["fee_per_doctor"] = fee.amount

    not_paid = tuple(not_paid_list)
    if too_many or shared:
        reason = "honorarium.undecided-" + (
            "too-many-and-shared" if too_many and shared else "too-many" if too_many else "shared"
        )
        return result("undecided", reason, not_paid, tuple(eligible), fee)
    planned = meeting.status is MeetingStatus.PLANNED  # what would be paid if held as recorded
    if fee is None:
        if planned:
            return result("not-yet-held", "honorarium.not-yet-held", not_paid, tuple(eligible))
        return result("eligibility-only", "honorarium.eligibility-only", not_paid, tuple(eligible))
    total = fee * len(eligible)
    paid = tuple(attrs.evolve(p, amount=fee) for p in eligible)
    if planned:
        reason = "honorarium.not-yet-held-amounts"
        return result("not-yet-held", reason, not_paid, paid, fee, total)
    return result("amounts", "honorarium.amounts", not_paid, paid, fee, total)
