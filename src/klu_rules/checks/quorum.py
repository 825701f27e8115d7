"""Whether the doctors' side of a meeting was quorate (*beslutningsdygtighed*).

**This rule is an assumption.** No source states a quorum for a KLU: the
committee is a dialogue forum and its quorum has no legal effect. It matters
for one question: was the doctors' side represented when a draft agreement or
a recommendation was agreed? klu_rules answers it with a default taken by
analogy with the Danish rule that a municipal body can decide when at least
half its members are present (``docs/howto-quorum.md``):

- a meeting is **quorate** when at least ``quorum_doctor_share`` of the
  doctor seats, rounded up (default one half), are filled by doctor members
  (*lægelige medlemmer*) or their substitutes (*stedfortrædere*), **and** at
  least ``quorum_municipal_present`` members of the municipal side (default
  one) are present;
- the doctor seats and who fills them are read as :mod:`klu_rules.checks.seats`
  says; when a substitute covers only some items the quorum is decided **per
  agenda item**, and the meeting is quorate when every item is;
- supplementing doctors (*supplerende læger*) and the practice consultant
  (*praksiskonsulent*) hold no seat and are not counted, nor is a substitute
  for a doctor member who attends (they supplement the member, VEJL2011);
- a substitute for a main agenda number (``"2"``) sits for its sub-items
  (``"2.a"``–``"2.e"``), as the fixed item "2. Punkter til behandling" is one
  item (AAL2021);
- the quorum is **not applicable** to a cancelled meeting, nor to a dialogue
  meeting (*dialogmøde*): its participants are "kommunens læger og lægepraksis"
  and the municipality's staff, not the committee (AAL2021);
- a meeting after the rules' horizon gets a ``rules.beyond-horizon`` warning;
- members of the municipal side are the memberships on the municipal side
  with the role chair, vice chair or municipal representative (a
  **convention**: the practice consultant and the secretariat attend in
  addition to the members, AAL2021).

Both parameters are rule data (``status = "assumption"`` in the national rule
set), so a local rule set can change them, and :func:`check_quorum` takes
``doctor_share=`` and ``municipal_present=`` to change them for one call.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Context, Decimal, InvalidOperation
from typing import Any, Literal

import attrs

from klu_rules.checks.common import (
    caused,
    check_meeting_and_committee,
    meeting_rules,
    merge_sources,
    refused,
)
from klu_rules.checks.seats import (
    Capacity,
    Exclusion,
    absent_reason,
    no_seat_reason,
    seat_attendance,
)
from klu_rules.core.convert import check_count
from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.language import Language
from klu_rules.core.messages import excerpt, message
from klu_rules.core.record import Record
from klu_rules.core.result import Result
from klu_rules.core.types import Layering
from klu_rules.model.agenda import AgendaItem
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Attendance, Meeting, MeetingKind, MeetingStatus
from klu_rules.model.people import Role, Side
from klu_rules.rules.horizon import horizon_findings
from klu_rules.rules.ruleset import ResolvedRule, RuleSet, RulesInForce

__all__ = [
    "MUNICIPAL_MEMBER_ROLES",
    "ItemQuorum",
    "QuorumOutcome",
    "QuorumResult",
    "SeatHolder",
    "check_quorum",
    "required_doctors",
]

QuorumOutcome = Literal["quorate", "not-quorate", "not-applicable"]

MUNICIPAL_MEMBER_ROLES: frozenset[Role] = frozenset(
    {Role.CHAIR, Role.VICE_CHAIR, Role.MUNICIPAL_REPRESENTATIVE}
)
"""Roles that make a municipal-side membership count as a member of the municipal side."""

_CONTEXT = Context(prec=28)  # the count never depends on the caller's decimal context


@attrs.frozen(repr=False)
class SeatHolder(Record):
    """Who fills the doctor seat ``seat`` (a doctor member's person id): the member or a substitute.

    ``items`` are the agenda items a substitute sits for (empty: the whole meeting).
    """

    seat: str
    person_id: str
    name: str
    capacity: Capacity
    items: tuple[str, ...] = ()


@attrs.frozen(repr=False)
class ItemQuorum(Record):
    """The quorum for agenda item ``item``, when substitutes cover only some items.

    ``reason`` is a key of the ``reason`` section;
    :meth:`QuorumResult.explain_item` writes it out.
    """

    item: str
    outcome: QuorumOutcome
    doctors_filled: int
    holders: tuple[SeatHolder, ...]
    reason: str

    @property
    def quorate(self) -> bool:
        return self.outcome == "quorate"


@attrs.frozen(kw_only=True, repr=False)
class QuorumResult(Result):
    """The doctor quorum of one meeting (**an assumption**: no source states one).

    ``doctors_filled`` is the meeting-level count: with per-item results
    (``items``), the lowest count of any item. ``items`` is empty when the
    seats filled are the same for every item. ``outcome`` is
    ``"not-applicable"`` for a cancelled or a dialogue meeting (the seats are
    still listed). ``municipal_names`` are the names of ``municipal_members``
    (person ids), as written.
    """

    outcome: QuorumOutcome
    meeting_id: str
    on: date
    doctor_seats: int
    required_doctors: int
    doctors_filled: int
    municipal_required: int
    municipal_present: int
    holders: tuple[SeatHolder, ...]
    municipal_members: tuple[str, ...]
    not_counted: tuple[Exclusion, ...]
    items: tuple[ItemQuorum, ...]
    municipal_names: tuple[str, ...] = ()

    @property
    def quorate(self) -> bool:
        return self.outcome == "quorate"

    @property
    def is_assumption(self) -> bool:
        """Always True: the sources state no quorum (``docs/howto-quorum.md``)."""
        return True

    def text_parameters(self) -> dict[str, Any]:
        return {
            **super().text_parameters(),
            "meeting": self.meeting_id,
            "on": self.on,
            "filled": self.doctors_filled,
            "seats": self.doctor_seats,
            "required": self.required_doctors,
            "present": self.municipal_present,
            "present_required": self.municipal_required,
            "failing": tuple(i.item for i in self.items if not i.quorate),
        }

    def explain(self, language: Language = "en") -> str:
        """The reason, the parameters used (an assumption: no source states a quorum) and
        where the doctor seats come from."""
        p = self.parameters
        sources = "/".join(self.sources) or message("quorum.no_source", language)
        return " ".join(
            (
                super().explain(language),
                message(
                    "quorum.parameters",
                    language,
                    doctor_share=Decimal(p["doctor_share"]),
                    doctor_share_origin=self.origin("doctor_share", language),
                    municipal_present=p["municipal_present"],
                    municipal_present_origin=self.origin("municipal_present", language),
                ),
                message("quorum.seats_from", language, on=self.on, sources=sources),
            )
        )

    def origin(self, parameter: str, language: Language = "en") -> str:
        """Where ``parameter`` (``doctor_share`` or ``municipal_present``) came from, in words."""
        origin = str(self.parameters[f"{parameter}_origin"])
        if origin == "call":
            return message("quorum.origin_call", language)
        status, _, applied = origin.partition("/")
        return message(
            "quorum.origin_rules",
            language,
            status=status,
            applied=applied,
            rule_set=self.parameters["rule_set"],
        )

    def explain_item(self, item: ItemQuorum | str, language: Language = "en") -> str:
        """The quorum of one agenda item in words: ``item`` is one of :attr:`items`, or the
        item's number as the meeting gives it (``"2.a"``)."""
        if not isinstance(item, ItemQuorum):
            found = next((i for i in self.items if i.item == item), None)
            if found is None:
                known = ", ".join(i.item for i in self.items) or "-"
                raise refused("quorum_check.unknown_item", item=excerpt(item), items=known)
            item = found
        values = {**self.text_parameters(), "filled": item.doctors_filled, "item": item.item}
        return message(f"reason.{item.reason}", language, **values)


def _share(value: object) -> Decimal:
    """A share of the doctor seats: a Decimal, int or decimal text, greater than 0, at most 1."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise refused("quorum_check.share_type", value=excerpt(value))
    try:
        share = Decimal(value)
    except InvalidOperation:
        raise refused("quorum_check.share_text", value=excerpt(value)) from None
    if not share.is_finite() or not 0 < share <= 1:
        raise refused("quorum_check.share_range", value=excerpt(value))
    return share


def _parameter(given: object, rules: RulesInForce, key: str, option: str) -> tuple[object, str]:
    """The value ``given`` in the call, else rule ``key``'s value, with where it came from."""
    if given is not None:
        return given, "call"
    try:
        rule: ResolvedRule = rules.get(key)
    except NoRulesInForceError as exc:
        raise caused(NoRulesInForceError, "quorum_check.no_rule", exc, option=option) from None
    origin = f"{rule.status.value}/{rule.applied}"
    return rule.value, origin


def required_doctors(seats: int, share: Decimal) -> int:
    """``share`` of ``seats``, rounded up: the doctor seats that must be filled."""
    product = _CONTEXT.multiply(Decimal(seats), share)
    return int(product.to_integral_value(rounding=ROUND_CEILING, context=_CONTEXT))


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
    in_force = meeting_rules(meeting, rules, day, default=committee.rule_set, layering=layering)
    share_value, share_origin = _parameter(
        doctor_share, in_force, "quorum_doctor_share", "doctor_share"
    )
    share = _share(share_value)
    mun_value, mun_origin = _parameter(
        municipal_present, in_force, "quorum_municipal_present", "municipal_present"
    )
    mun_required = check_count(mun_value, "municipal_present")

    sorted_in = seat_attendance(meeting, committee, day)
    seats = sorted_in.seats
    members: list[SeatHolder] = []
    substitutes: list[Attendance] = []
    municipal: list[tuple[str, str]] = []
    not_counted: list[Exclusion] = []
    absent_without_reason: list[Attendance] = []
    for placed in sorted_in.placed:
        entry, person, membership = placed.entry, placed.entry.person, placed.membership
        if placed.place in ("seat", "seat-not-substitute"):
            members.append(SeatHolder(person.id, person.id, person.name, "doctor_member"))
            if placed.place == "seat-not-substitute":
                not_counted.append(
                    Exclusion(
                        person.id,
                        person.name,
                        "own_seat_only",
                        {
                            "substitute_for": entry.substitute_for,
                            "member": sorted_in.member(entry.substitute_for),
                        },
                    )
                )
        elif placed.place == "substitute":
            substitutes.append(entry)
        elif placed.place == "absent":
            not_counted.append(Exclusion(person.id, person.name, *absent_reason(entry)))
            if person.id in seats and entry.reason is None:
                absent_without_reason.append(entry)
        elif placed.place == "supplementing":
            not_counted.append(Exclusion(person.id, person.name, "supplementing"))
        elif placed.place == "substitute-member-present":
            member = {"member": sorted_in.member(entry.substitute_for)}
            not_counted.append(
                Exclusion(person.id, person.name, "substitute_member_present", member)
            )
        elif (
            membership is not None
            and membership.side is Side.MUNICIPALITY
            and membership.role in MUNICIPAL_MEMBER_ROLES
        ):
            municipal.append((person.id, person.name))
        else:
            not_counted.append(
                Exclusion(person.id, person.name, *no_seat_reason(entry, membership, day))
            )
    not_counted += sorted_in.unrecorded

    member_of = {holder.seat: holder for holder in members}

    def holders_for(item: str | None) -> list[SeatHolder]:
        """The seats filled for agenda item ``item`` (None: the whole meeting), in seat order."""
        found = []
        for seat in seats:
            if seat in member_of:
                found.append(member_of[seat])
                continue
            sub = next(
                (
                    s
                    for s in substitutes
                    if s.substitute_for == seat
                    and (not s.items if item is None else s.covers_item(item))
                ),
                None,
            )
            if sub is not None:
                found.append(
                    SeatHolder(seat, sub.person.id, sub.person.name, "substitute", sub.items)
                )
        return found

    required = required_doctors(len(seats), share)
    mun_count = len(municipal)

    def outcome_with(filled: int) -> QuorumOutcome:
        ok = bool(seats) and filled >= required and mun_count >= mun_required
        return "quorate" if ok else "not-quorate"

    def reason_for(filled: int) -> str:
        if not seats:
            return "quorum.no-doctor-seats"
        if outcome_with(filled) == "quorate":
            return "quorum.quorate"
        if filled < required:
            both = mun_count < mun_required
            return "quorum.too-few-doctors-and-municipal" if both else "quorum.too-few-doctors"
        return "quorum.too-few-municipal"

    partial = any(sub.items for sub in substitutes)
    items: list[ItemQuorum] = []
    if partial:
        for number in _item_numbers(meeting, substitutes):
            holders = holders_for(number)
            items.append(
                ItemQuorum(
                    number,
                    outcome_with(len(holders)),
                    len(holders),
                    tuple(holders),
                    reason_for(len(holders)),
                )
            )
        counts = [i.doctors_filled for i in items]
        if meeting.agenda is None:  # items not named have only the whole-meeting holders
            counts.append(len(holders_for(None)))
        filled = min(counts)
    else:
        filled = len(holders_for(None))
    outcome: QuorumOutcome = outcome_with(filled)
    reason = reason_for(filled)
    failing = [i.item for i in items if not i.quorate]
    if failing and len(failing) < len(items):
        reason = "quorum.items-too-few-doctors"
    elif partial and outcome == "quorate":
        reason = "quorum.quorate-every-item"
    if meeting.status is MeetingStatus.CANCELLED or meeting.kind is MeetingKind.DIALOGUE:
        outcome, items = "not-applicable", []
        cancelled = meeting.status is MeetingStatus.CANCELLED
        reason = "quorum.not-applicable-" + ("cancelled" if cancelled else "dialogue")

    seats_rule = in_force.get("doctor_seats") if in_force.has("doctor_seats") else None
    sources = merge_sources(seats_rule.sources if seats_rule is not None else ())
    parameters: dict[str, Any] = {
        "doctor_share": str(share),
        "doctor_share_origin": share_origin,
        "municipal_present": mun_required,
        "municipal_present_origin": mun_origin,
        "doctor_seats": len(seats),
        "required_doctors": required,
        "rounding": "ceil(doctor_seats × doctor_share)",
        "per_item": partial,
        "rule_set": in_force.rule_set.name,
        "on": day,
        "layering": in_force.layering,
    }
    findings: list[Finding] = []
    if outcome == "not-quorate":
        findings.append(
            finding(
                "quorum.not-quorate",
                sources=sources or None,
                subject=meeting.id,
                **parameters,
                doctors_filled=filled,
                municipal_members_present=mun_count,
            )
        )
    for entry in absent_without_reason:
        findings.append(
            finding(
                "agenda.doctor-member-absent-without-reason",
                subject=entry.person.id,
                meeting=meeting.id,
                name=entry.person.name,
            )
        )
    findings += horizon_findings(in_force.rule_set, day, subject=meeting.id)
    all_holders = [member_of[seat] for seat in seats if seat in member_of] + [
        SeatHolder(s.substitute_for or "", s.person.id, s.person.name, "substitute", s.items)
        for s in substitutes
    ]
    return QuorumResult(
        outcome=outcome,
        reason=reason,
        parameters=parameters,
        sources=sources,
        findings=tuple(findings),
        meeting_id=meeting.id,
        on=day,
        doctor_seats=len(seats),
        required_doctors=required,
        doctors_filled=filled,
        municipal_required=mun_required,
        municipal_present=mun_count,
        holders=tuple(all_holders),
        municipal_members=tuple(person_id for person_id, _ in municipal),
        municipal_names=tuple(name for _, name in municipal),
        not_counted=tuple(not_counted),
        items=tuple(items),
    )


def _item_numbers(meeting: Meeting, substitutes: list[Attendance]) -> list[str]:
    if meeting.agenda is not None:
        return [item.number for item in meeting.agenda.items]
    named = {number for sub in substitutes for number in sub.items}
    return sorted(named, key=lambda n: AgendaItem(n, "x", "decision").sort_key)
