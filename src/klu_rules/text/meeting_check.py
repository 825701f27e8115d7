"""The meeting check as a plain-text report for a committee secretary, in Danish or English."""

from __future__ import annotations

from klu_rules.checks.honorarium import payer_text
from klu_rules.checks.meeting_check import MeetingCheck
from klu_rules.checks.seats import Exclusion
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import message
from klu_rules.core.result import Excluded, Result
from klu_rules.text._forms import label

__all__ = ["meeting_check_to_text"]


def _why(person: Excluded, language: Language) -> str:
    """Why a person is not counted or not paid; a reason without a text as written."""
    return person.text(language) if isinstance(person, Exclusion) else person.reason


def meeting_check_to_text(check: MeetingCheck, language: Language = "en") -> str:
    """A plain-text report for a committee secretary, in ``language``."""
    language = check_language(language)

    def say(key: str, **parameters: object) -> str:
        return message(f"meeting_report.{key}", language, **parameters)

    q, h, a = check.quorum, check.honorarium, check.agenda
    lines = [
        say(
            "title",
            meeting=check.meeting_id,
            day=check.on,
            committee=check.committee_id,
            rules=check.parameters["rule_set"],
            layering=check.parameters["layering"],
        ),
        Result.explain(check, language),
        "",
        f"{message('quorum.heading', language)}: {label('quorum_outcome', q.outcome, language)}",
        f"  {q.explain(language)}",
    ]
    for holder in q.holders:
        capacity = label("capacity", holder.capacity, language)
        if holder.items:
            capacity += ", " + say("items", items=", ".join(holder.items))
        key = "counted_substitute" if holder.capacity == "substitute" else "counted"
        lines.append("  " + say(key, name=holder.name, capacity=capacity, seat=holder.seat))
    if q.municipal_members:
        names = q.municipal_names or q.municipal_members
        lines.append("  " + say("municipal_counted", names=tuple(names)))
    lines += [
        "  " + say("item", item=item.item, text=q.explain_item(item, language)) for item in q.items
    ]
    for person in q.not_counted:
        lines.append("  " + say("not_counted", name=person.name, reason=_why(person, language)))
    outcome = label("honorarium_outcome", h.outcome, language)
    payer = payer_text(h.payer, language)
    lines += [
        "",
        say("honorarium", outcome=outcome, payer=payer, seats=h.paid_seats),
        f"  {h.explain(language)}",
    ]
    for payee in h.eligible:
        reason = payee.text(language)
        if payee.amount is None:
            lines.append("  " + say("eligible", name=payee.name, reason=reason))
        else:
            amount = payee.amount.amount
            lines.append(
                "  " + say("eligible_amount", name=payee.name, reason=reason, amount=amount)
            )
    for unpaid in h.not_paid:
        lines.append("  " + say("not_paid", name=unpaid.name, reason=_why(unpaid, language)))
    lines.append("")
    if a is None:
        lines.append(say("no_agenda"))
    else:
        lines += [
            say("agenda", outcome=label("agenda_outcome", a.outcome, language)),
            f"  {Result.explain(a, language)}",
        ]
        key = "duration" if a.total_complete else "duration_at_least"
        if not a.total_minutes:
            key = "duration_not_stated"
        lines.append("  " + say(key, minutes=a.total_minutes))
        prepared = a.prepared_by_text(language)
        if prepared is not None:
            lines.append(f"  {prepared}")
    lines += ["", say("findings", count=len(check.findings)) + ":"]
    if not check.findings:
        lines.append("  " + say("no_findings"))
    for f in check.findings:
        subject = f" [{f.subject}]" if f.subject else ""
        severity = message(f"severity.{f.severity}", language)
        lines.append(f"  {severity} {f.code}{subject}: {f.text(language)}")
    lines.append(say("sources", sources=", ".join(check.sources)))
    return "\n".join(lines) + "\n"
