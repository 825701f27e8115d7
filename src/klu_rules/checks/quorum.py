"""Whether the doctors' side of a meeting was quorate (*beslutningsdygtighed*).

**This rule is an assumption.** No source states a quorum for a KLU: the
committee is a dialogue forum and its quorum has no legal effect. It matters
for one question: was the doctors' side represented when a draft agreement or
a recommendation was agreed? klu_rules answers it with a default taken by
analogy with the Danish rule that a municipal body can decide when at least
half its members are present (RULES.md § 6):

- a meeting is **quorate** when at least ``quorum_doctor_share`` of the
  doctor seats, rounded up (default one half), are filled by doctor members
  (*lægelige medlemmer*) or their substitutes (*stedfortrædere*), **and** at
  least ``quorum_municipal_present`` members of the municipal side (default
  one) are present;
- the doctor seats are the doctor memberships in force on the meeting's local
  date;
- a substitute fills the seat of the member they replace, for the agenda items
  they replace them in; when a substitute covers only some items the quorum is
  decided **per agenda item**, and the meeting is quorate when every item is;
- supplementing doctors (*supplerende læger*) and the practice consultant
  (*praksiskonsulent*) hold no seat and are not counted;
- members of the municipal side are the memberships on the municipal side
  with the role chair, vice chair or municipal representative (a
  **convention**: the practice consultant and the secretariat attend in
  addition to the members, AAL2021).

Both parameters are rule data (``status = "assumption"`` in the national rule
set), so a local rule set can change them, and :func:`check_quorum` takes
``doctor_share=`` and ``municipal_present=`` to change them for one call.
People not in the attendance are not counted as present.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_CEILING, Decimal, InvalidOperation
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
from klu_rules.core.types import Layering
from klu_rules.model.agenda import AgendaItem
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Attendance, AttendanceStatus, Meeting
from klu_rules.model.people import Membership, Role, Side
from klu_rules.rules.ruleset import ResolvedRule, RuleSet, RulesInForce

__all__ = [
    "MUNICIPAL_MEMBER_ROLES",
    "ItemQuorum",
    "NotCounted",
    "QuorumOutcome",
    "QuorumResult",
    "SeatHolder",
    "check_quorum",
    "required_doctors",
]

QuorumOutcome = Literal["quorate", "not-quorate"]
Capacity = Literal["member", "substitute"]

MUNICIPAL_MEMBER_ROLES: frozenset[Role] = frozenset(
    {Role.CHAIR, Role.VICE_CHAIR, Role.MUNICIPAL_REPRESENTATIVE}
)
"""Roles that make a municipal-side membership count as a member of the municipal side."""

_ASSUMPTION_NOTE = "an assumption: no source states a quorum"


@attrs.frozen(slots=True)
class SeatHolder:
    """Who fills a doctor seat: the member (*medlem*) or a substitute (*stedfortræder*).

    ``seat`` is the person id of the doctor member whose seat it is; ``items``
    are the agenda items a substitute sits for (empty: the whole meeting).
    """

    seat: str
    person_id: str
    name: str
    capacity: Capacity
    items: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "seat": self.seat,
            "person": self.person_id,
            "name": self.name,
            "capacity": self.capacity,
            "items": list(self.items),
        }


@attrs.frozen(slots=True)
class NotCounted:
    """Someone the quorum does not count, and why (one sentence)."""

    person_id: str
    name: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.person_id, "name": self.name, "reason": self.reason}


@attrs.frozen(slots=True)
class ItemQuorum:
    """The quorum for one agenda item, when substitutes cover only some items."""

    number: str
    quorate: bool
    doctors_filled: int
    holders: tuple[SeatHolder, ...]
    reason: str

    @property
    def outcome(self) -> QuorumOutcome:
        return "quorate" if self.quorate else "not-quorate"

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.number,
            "outcome": self.outcome,
            "doctors_filled": self.doctors_filled,
            "holders": [h.to_dict() for h in self.holders],
            "reason": self.reason,
        }


@attrs.frozen(slots=True)
class QuorumResult:
    """The doctor quorum of one meeting: outcome, reason, parameters, sources.

    ``doctors_filled`` is the meeting-level count: with per-item results
    (``items``), the lowest count of any item. ``items`` is empty when the
    seats filled are the same for every item.
    """

    meeting_id: str
    on: date
    quorate: bool
    reason: str
    doctor_seats: int
    required_doctors: int
    doctors_filled: int
    municipal_required: int
    municipal_present: int
    holders: tuple[SeatHolder, ...]
    municipal_members: tuple[str, ...]
    not_counted: tuple[NotCounted, ...]
    items: tuple[ItemQuorum, ...]
    parameters: Mapping[str, Any] = attrs.field(eq=False)
    sources: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def outcome(self) -> QuorumOutcome:
        return "quorate" if self.quorate else "not-quorate"

    @property
    def is_assumption(self) -> bool:
        """Always True: the sources state no quorum (RULES.md § 6)."""
        return True

    def explain(self) -> str:
        """The reason, the parameters used and the sources, in one paragraph."""
        p = self.parameters
        return (
            f"{self.reason} Parameters ({_ASSUMPTION_NOTE}): quorum_doctor_share = "
            f"{p['doctor_share']} ({p['doctor_share_origin']}), quorum_municipal_present = "
            f"{p['municipal_present']} ({p['municipal_present_origin']}). Doctor seats: the "
            f"doctor memberships in force on {self.on.isoformat()} "
            f"({'/'.join(self.sources) or 'no source'})."
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "meeting": self.meeting_id,
            "on": self.on.isoformat(),
            "outcome": self.outcome,
            "reason": self.reason,
            "assumption": True,
            "doctor_seats": self.doctor_seats,
            "required_doctors": self.required_doctors,
            "doctors_filled": self.doctors_filled,
            "municipal_required": self.municipal_required,
            "municipal_present": self.municipal_present,
            "holders": [h.to_dict() for h in self.holders],
            "municipal_members": list(self.municipal_members),
            "not_counted": [n.to_dict() for n in self.not_counted],
            "items": [i.to_dict() for i in self.items],
            "parameters": dict(self.parameters),
            "sources": list(self.sources),
            "findings": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------
# parameters


def _share(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InvalidValueError(
            f"doctor_share must be a decimal share of the doctor seats greater than 0 and at most "
            f"1, such as Decimal('0.5') or '0.5', got {value!r}"
        )
    try:
        share = Decimal(value)
    except InvalidOperation:
        raise InvalidValueError(
            f"doctor_share must be a decimal such as '0.5', got {value!r}"
        ) from None
    if not share.is_finite() or not Decimal(0) < share <= Decimal(1):
        raise InvalidValueError(
            f"doctor_share must be greater than 0 and at most 1 (a share of the doctor seats), "
            f"got {value!r}"
        )
    return share


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(
            f"municipal_present must be a whole number >= 0 (members of the municipal side "
            f"present), got {value!r}"
        )
    return value


def _rule(rules: RulesInForce, key: str, option: str) -> ResolvedRule:
    try:
        return rules.get(key)
    except NoRulesInForceError as exc:
        raise NoRulesInForceError(f"{exc}; pass {option}= to check_quorum to give it") from None


def _origin(rule: ResolvedRule, rules: RulesInForce) -> str:
    return f"{rule.status.value} in the {rule.applied} rules of rule set {rules.rule_set.name!r}"


def required_doctors(seats: int, share: Decimal) -> int:
    """``share`` of ``seats``, rounded up: the doctor seats that must be filled."""
    return int((Decimal(seats) * share).to_integral_value(rounding=ROUND_CEILING))


# ---------------------------------------------------------------------------
# the check


def check_quorum(
    meeting: Meeting,
    committee: Committee,
    *,
    rules: RuleSet | RulesInForce | None = None,
    layering: Layering = "strictest",
    doctor_share: Decimal | int | str | None = None,
    municipal_present: int | None = None,
) -> QuorumResult:
    """Was the doctors' side of ``meeting`` quorate? (**an assumption**, see the module doc).

    ``rules`` defaults to the committee's rule set in force on the meeting's
    local date. ``doctor_share`` and ``municipal_present`` override the rule
    set's ``quorum_doctor_share`` and ``quorum_municipal_present`` for this
    call. A substitute for someone who is not a doctor member in office on the
    meeting date is a :class:`~klu_rules.core.errors.NotADoctorMemberError`.
    """
    check_meeting_and_committee(meeting, committee)
    day = meeting.local_date(committee.timezone)
    in_force = resolve_rules(rules, day, default=committee.rule_set, layering=layering)
    if doctor_share is None:
        share_rule = _rule(in_force, "quorum_doctor_share", "doctor_share")
        share, share_origin = _share(share_rule.value), _origin(share_rule, in_force)
    else:
        share, share_origin = _share(doctor_share), "given in the call"
    if municipal_present is None:
        mun_rule = _rule(in_force, "quorum_municipal_present", "municipal_present")
        mun_required, mun_origin = _count(mun_rule.value), _origin(mun_rule, in_force)
    else:
        mun_required, mun_origin = _count(municipal_present), "given in the call"

    seats = [m.person.id for m in committee.doctor_members(day)]
    seat_set = set(seats)
    attending: set[str] = set()
    substitutes: list[Attendance] = []
    not_counted: list[NotCounted] = []
    municipal: list[str] = []
    absent_without_reason: list[Attendance] = []
    for entry in meeting.attendance:
        person = entry.person
        if entry.status is AttendanceStatus.SUBSTITUTE and entry.substitute_for not in seat_set:
            raise NotADoctorMemberError(
                f"{person.name} substitutes for {entry.substitute_for!r} at meeting "
                f"{meeting.id!r} ({day.isoformat()}), who is not a doctor member in office that "
                "day; a substitute stands in for a doctor member (lægeligt medlem) only"
            )
        membership = membership_on(committee, person.id, day)
        if person.id in seat_set:
            if entry.attends:
                attending.add(person.id)
                if entry.status is AttendanceStatus.SUBSTITUTE:
                    not_counted.append(
                        NotCounted(
                            person.id,
                            person.name,
                            f"counted in their own doctor seat only, not also as substitute for "
                            f"{entry.substitute_for}: one person fills one seat",
                        )
                    )
            else:
                not_counted.append(NotCounted(person.id, person.name, _absent(entry)))
                if entry.reason is None:
                    absent_without_reason.append(entry)
        elif entry.status is AttendanceStatus.SUBSTITUTE:
            substitutes.append(entry)
        elif not entry.attends:
            not_counted.append(NotCounted(person.id, person.name, _absent(entry)))
        elif (
            membership is not None
            and membership.side is Side.MUNICIPALITY
            and membership.role in MUNICIPAL_MEMBER_ROLES
            and entry.status is AttendanceStatus.PRESENT
        ):
            municipal.append(person.id)
        else:
            not_counted.append(NotCounted(person.id, person.name, _why_not(entry, membership, day)))
    recorded = {entry.person.id for entry in meeting.attendance}
    for membership in committee.doctor_members(day):
        if membership.person.id not in recorded:
            not_counted.append(
                NotCounted(
                    membership.person.id,
                    membership.person.name,
                    "doctor member not recorded in the attendance, so not counted as present",
                )
            )

    names = {e.person.id: e.person.name for e in meeting.attendance}

    def holders_for(item: str | None) -> list[SeatHolder]:
        result = []
        for seat in seats:
            if seat in attending:
                result.append(SeatHolder(seat, seat, names[seat], "member"))
                continue
            for sub in substitutes:
                if sub.substitute_for == seat and (
                    not sub.items or (item is not None and item in sub.items)
                ):
                    result.append(
                        SeatHolder(seat, sub.person.id, sub.person.name, "substitute", sub.items)
                    )
                    break
        return result

    required = required_doctors(len(seats), share)
    mun_count = len(municipal)
    mun_ok = mun_count >= mun_required

    def quorate_with(filled: int) -> bool:
        return bool(seats) and filled >= required and mun_ok

    partial = any(sub.items for sub in substitutes)
    item_results: list[ItemQuorum] = []
    if partial:
        numbers = _item_numbers(meeting, substitutes)
        for number in numbers:
            holders = holders_for(number)
            ok = quorate_with(len(holders))
            item_results.append(
                ItemQuorum(
                    number,
                    ok,
                    len(holders),
                    tuple(holders),
                    _reason(ok, len(holders), len(seats), required, mun_count, mun_required, day),
                )
            )
        counts = [r.doctors_filled for r in item_results]
        if meeting.agenda is None:
            counts.append(len(holders_for(None)))
        filled = min(counts)
    else:
        filled = len(holders_for(None))
    quorate = quorate_with(filled)

    all_holders: list[SeatHolder] = [
        SeatHolder(seat, seat, names[seat], "member") for seat in seats if seat in attending
    ]
    all_holders += [
        SeatHolder(s.substitute_for or "", s.person.id, s.person.name, "substitute", s.items)
        for s in substitutes
    ]
    reason = _reason(quorate, filled, len(seats), required, mun_count, mun_required, day)
    failing = [r.number for r in item_results if not r.quorate]
    if partial and failing and len(failing) < len(item_results):
        reason = f"Not quorate for item(s) {', '.join(failing)}: " + reason.removeprefix(
            "Not quorate: "
        )
    elif partial and quorate:
        reason = reason.replace("Quorate:", "Quorate for every agenda item:", 1)

    seats_rule = in_force.get("doctor_seats") if in_force.has("doctor_seats") else None
    sources = merge_sources(seats_rule.sources if seats_rule is not None else ())
    parameters: dict[str, Any] = {
        "doctor_share": str(share),
        "doctor_share_origin": share_origin,
        "municipal_present": mun_required,
        "municipal_present_origin": mun_origin,
        "doctor_seats": len(seats),
        "required_doctors": required,
        "rounding": "doctor seats × doctor_share, rounded up",
        "per_item": partial,
        "rule_set": in_force.rule_set.name,
        "on": day.isoformat(),
        "layering": in_force.layering,
    }
    findings: list[Finding] = []
    if not quorate:
        findings.append(
            finding(
                "quorum.not-quorate",
                f"{reason} ({_ASSUMPTION_NOTE}; change quorum_doctor_share or "
                "quorum_municipal_present to use another rule)",
                sources=sources or None,
                subject=meeting.id,
                **parameters,
            )
        )
    for entry in absent_without_reason:
        findings.append(
            finding(
                "agenda.doctor-member-absent-without-reason",
                f"Doctor member {entry.person.name} is recorded absent (afbud) at meeting "
                f'{meeting.id!r} without a reason; add reason = "..." to the attendance entry.',
                subject=entry.person.id,
                meeting=meeting.id,
            )
        )
    return QuorumResult(
        meeting_id=meeting.id,
        on=day,
        quorate=quorate,
        reason=reason,
        doctor_seats=len(seats),
        required_doctors=required,
        doctors_filled=filled,
        municipal_required=mun_required,
        municipal_present=mun_count,
        holders=tuple(all_holders),
        municipal_members=tuple(municipal),
        not_counted=tuple(not_counted),
        items=tuple(item_results),
        parameters=parameters,
        sources=sources,
        findings=tuple(findings),
    )


def _absent(entry: Attendance) -> str:
    if entry.reason:
        return f"absent (afbud: {entry.reason})"
    return "absent (afbud)"


def _why_not(entry: Attendance, membership: Membership | None, day: date) -> str:
    if entry.status is AttendanceStatus.SUPPLEMENTING:
        return (
            "supplementing doctor: supplements the doctor members without taking a seat "
            "(VEJL2011; OK22-102 stk. 7)"
        )
    if membership is not None and membership.role is Role.PRACTICE_CONSULTANT:
        return (
            "practice consultant: employed by the municipality, holds no doctor seat and attends "
            "in addition to the members"
        )
    if membership is not None and membership.side is Side.MUNICIPALITY:
        return f"{membership.role.value.replace('_', ' ')}: not a member of the municipal side"
    if membership is not None:
        role, side = membership.role.value, membership.side.value
        return (
            f"{role.replace('_', ' ')} on the {side.replace('_', ' ')} side: holds no doctor seat "
            "and is not on the municipal side"
        )
    if entry.person.doctor:
        return (
            f"a doctor without a doctor seat on {day.isoformat()}: record them as a substitute "
            "(substitute_for) or as supplementing"
        )
    return f"not a member of the committee on {day.isoformat()}"


def _item_numbers(meeting: Meeting, substitutes: list[Attendance]) -> list[str]:
    if meeting.agenda is not None:
        return [item.number for item in meeting.agenda.items]
    named = {number for sub in substitutes for number in sub.items}
    return sorted(named, key=lambda n: AgendaItem(n, "x", "decision").sort_key)


def _reason(
    ok: bool,
    filled: int,
    seats: int,
    required: int,
    mun: int,
    mun_required: int,
    day: date,
) -> str:
    if seats == 0:
        return (
            f"Not quorate: the committee has no doctor members in office on {day.isoformat()}, "
            "so no doctor seat can be filled."
        )
    doctors = f"{filled} of {seats} doctor seats filled by members or their substitutes"
    doctors += f" (at least {required} needed)"
    municipal = f"{mun} member{'s' if mun != 1 else ''} of the municipal side present"
    municipal += f" (at least {mun_required} needed)"
    if ok:
        return f"Quorate: {doctors} and {municipal}."
    short = []
    if filled < required:
        short.append(f"only {doctors}")
    if mun < mun_required:
        short.append(f"only {municipal}")
    return "Not quorate: " + " and ".join(short) + "."
