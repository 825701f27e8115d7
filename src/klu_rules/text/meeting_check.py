"""The meeting check as a plain-text report for a committee secretary."""

from __future__ import annotations

from klu_rules.checks.meeting_check import MeetingCheck

__all__ = ["meeting_check_to_text"]


def meeting_check_to_text(check: MeetingCheck) -> str:
    """A plain-text report for a committee secretary."""
    q, h, a = check.quorum, check.honorarium, check.agenda
    lines = [
        f"Meeting {check.meeting_id} ({check.on.isoformat()}), committee {check.committee_id}, "
        f"rules {check.parameters['rule_set']!r} (layering {check.parameters['layering']})",
        check.reason,
        "",
        f"Quorum (an assumption: no source states one): {q.outcome}",
        f"  {q.reason}",
        f"  Parameters: quorum_doctor_share = {q.parameters['doctor_share']} "
        f"({q.parameters['doctor_share_origin']}), quorum_municipal_present = "
        f"{q.parameters['municipal_present']} ({q.parameters['municipal_present_origin']})",
    ]
    for holder in q.holders:
        scope = f", items {', '.join(holder.items)}" if holder.items else ""
        extra = f" for {holder.seat}" if holder.capacity == "substitute" else ""
        lines.append(f"  counted: {holder.name} ({holder.capacity}{extra}{scope})")
    if q.municipal_members:
        lines.append(f"  municipal side counted: {', '.join(q.municipal_members)}")
    for item in q.items:
        lines.append(f"  item {item.item}: {item.outcome} ({item.doctors_filled} seats)")
    for person in q.not_counted:
        lines.append(f"  not counted: {person.name}: {person.reason}")
    lines += [
        "",
        f"Honorarium: {h.outcome}, paid by the {h.payer}, {h.paid_seats} paid doctor seats",
        f"  {h.reason}",
    ]
    for payee in h.eligible:
        amount = "" if payee.amount is None else f": {payee.amount.format_da()}"
        lines.append(f"  eligible: {payee.name} ({payee.reason}){amount}")
    for unpaid in h.not_paid:
        lines.append(f"  not paid: {unpaid.name}: {unpaid.reason}")
    lines.append("")
    if a is None:
        lines.append("Agenda: none recorded")
    else:
        lines += [f"Agenda: {a.outcome}", f"  {a.reason}"]
        total = f"{'at least ' if not a.total_complete else ''}{a.total_minutes} minutes"
        lines.append(f"  expected duration: {total}; compared with {a.limit_basis or 'nothing'}")
    lines += ["", f"Findings ({len(check.findings)}):"]
    for f in check.findings:
        subject = f" [{f.subject}]" if f.subject else ""
        lines.append(f"  {f.severity} {f.code}{subject}: {f.message}")
    lines.append(f"Sources: {', '.join(check.sources)}")
    return "\n".join(lines) + "\n"
