"""The meeting check as a plain-text report for a committee secretary, in Danish or English."""

from __future__ import annotations

from klu_rules.checks.meeting_check import MeetingCheck
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import message
from klu_rules.core.result import Result
from klu_rules.text._forms import label

__all__ = ["meeting_check_to_text"]


def _reason(result: Result, language: Language) -> str:
    """The result's own reason in words (without the parameters its ``explain`` adds)."""
    return Result.explain(result, language)


def meeting_check_to_text(check: MeetingCheck, language: Language = "en") -> str:
    """A plain-text report for a committee secretary, in ``language``."""
    language = check_language(language)

    def say(key: str, **parameters: object) -> str:
        return message(f"meeting_report.{key}", language, **parameters)

    def outcome(value: str) -> str:
        return label("outcome", value, language)

    q, h, a = check.quorum, check.honorarium, check.agenda
    p = q.parameters
    lines = [
        say(
            "title",
            meeting=check.meeting_id,
            day=check.on,
            committee=check.committee_id,
            rules=check.parameters["rule_set"],
            layering=check.parameters["layering"],
        ),
        _reason(check, language),
        "",
        say("quorum", outcome=outcome(q.outcome)),
        f"  {_reason(q, language)}",
        "  "
        + say(
            "parameters",
            share=p["doctor_share"],
            share_origin=p["doctor_share_origin"],
            municipal=p["municipal_present"],
            municipal_origin=p["municipal_present_origin"],
        ),
    ]
    for holder in q.holders:
        capacity = label("capacity", holder.capacity, language)
        if holder.items:
            capacity += ", " + say("items", items=", ".join(holder.items))
        key = "counted_substitute" if holder.capacity == "substitute" else "counted"
        lines.append("  " + say(key, name=holder.name, capacity=capacity, seat=holder.seat))
    if q.municipal_members:
        lines.append("  " + say("municipal_counted", names=tuple(q.municipal_members)))
    for item in q.items:
        lines.append(
            "  "
            + say("item", item=item.item, outcome=outcome(item.outcome), seats=item.doctors_filled)
        )
    for person in q.not_counted:
        reason = label("excluded", person.reason, language)
        lines.append("  " + say("not_counted", name=person.name, reason=reason))
    payer = label("payer", h.payer, language)
    lines += [
        "",
        say("honorarium", outcome=outcome(h.outcome), payer=payer, seats=h.paid_seats),
        f"  {_reason(h, language)}",
    ]
    for payee in h.eligible:
        reason = label("payee", payee.reason, language)
        if payee.amount is None:
            lines.append("  " + say("eligible", name=payee.name, reason=reason))
        else:
            amount = payee.amount.amount
            lines.append(
                "  " + say("eligible_amount", name=payee.name, reason=reason, amount=amount)
            )
    for unpaid in h.not_paid:
        reason = label("excluded", unpaid.reason, language)
        lines.append("  " + say("not_paid", name=unpaid.name, reason=reason))
    lines.append("")
    if a is None:
        lines.append(say("no_agenda"))
    else:
        lines += [say("agenda", outcome=outcome(a.outcome)), f"  {_reason(a, language)}"]
        key = "duration" if a.total_complete else "duration_at_least"
        lines.append("  " + say(key, minutes=a.total_minutes))
    lines += ["", say("findings", count=len(check.findings)) + ":"]
    if not check.findings:
        lines.append("  " + say("no_findings"))
    for f in check.findings:
        subject = f" [{f.subject}]" if f.subject else ""
        severity = message(f"severity.{f.severity}", language)
        lines.append(f"  {severity} {f.code}{subject}: {f.text(language)}")
    lines.append(say("sources", sources=", ".join(check.sources)))
    return "\n".join(lines) + "\n"
