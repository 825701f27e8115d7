"""The annual evaluation report (*evaluering af samarbejdet*) built from a committee's records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from klu_rules.checks.agenda import DESCRIBED_KINDS
from klu_rules.checks.common import wrong_type
from klu_rules.checks.year_check import rule_in_force
from klu_rules.core.convert import check_year
from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import message
from klu_rules.core.sources import citable
from klu_rules.model.agreement import Agreement, AgreementStatus
from klu_rules.model.committee import Committee
from klu_rules.model.evaluation import (
    DEFAULT_RECIPIENT,
    DEFAULT_REPORT_SOURCES,
    EvaluationReport,
    MeetingCount,
)
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.model.records import check_as_of
from klu_rules.rules.ruleset import RulesInForce

__all__ = ["report_from_records"]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _visible(day: date | None, cutoff: date | None) -> date | None:
    """``day`` if it is on or before ``cutoff`` (no cutoff: always)."""
    return None if day is None or (cutoff is not None and day > cutoff) else day


def _rules_on(committee: Committee, day: date) -> RulesInForce | None:
    try:
        return committee.rule_set.in_force(day)
    except NoRulesInForceError:
        return None


def _topics_from_meetings(committee: Committee, meetings: Iterable[Meeting]) -> list[str]:
    """Item titles of the meetings' agendas, else of their minutes; fixed items left out."""
    seen: dict[str, None] = {}
    for meeting in meetings:
        minutes = committee.minutes_of(meeting.id)
        if meeting.agenda is not None:
            titles = [i.title for i in meeting.agenda.items if i.kind in DESCRIBED_KINDS]
        elif minutes is not None:
            rules = _rules_on(committee, meeting.local_date(committee.timezone))
            fixed = {i.title_da.casefold() for i in rules.fixed_agenda_items} if rules else set()
            titles = [
                i.title
                for i in minutes.items
                if i.title is not None and i.title.strip() and i.title.casefold() not in fixed
            ]
        else:
            titles = []
        for title in titles:
            seen.setdefault(_one_line(title), None)
    return list(seen)


def _agreement_line(agreement: Agreement, cutoff: date | None, language: Language) -> str | None:
    steps = [
        (AgreementStatus.DRAFT, agreement.drafted_on),
        (AgreementStatus.SENT, agreement.sent_on),
        (AgreementStatus.CONCLUDED, agreement.concluded_on),
        (AgreementStatus.EVALUATED, agreement.evaluated_on),
    ]
    dated = [(s, d) for s, d in steps if d is not None]
    visible = [(s, d) for s, d in dated if cutoff is None or d <= cutoff]
    if dated and not visible:
        return None  # not yet on record on the cutoff day
    if agreement.status is AgreementStatus.WITHDRAWN or not visible:
        status = agreement.status
    else:
        status = visible[-1][0]
    when = "; ".join(
        message("evaluation_report.step", language, status=s, day=d.isoformat()) for s, d in visible
    )
    text = message(
        "evaluation_report.agreement",
        language,
        title=_one_line(agreement.title),
        kind=agreement.kind,
        status=status,
    )
    if when:
        text += f" ({when})"
    if agreement.sent_to and _visible(agreement.sent_on, cutoff) is not None:
        text += message("evaluation_report.sent_to", language, to=_one_line(agreement.sent_to))
    return text + "."


def _agreements_text(
    committee: Committee, year: int, cutoff: date | None, record_text: str, language: Language
) -> str:
    year_end = date(year, 12, 31)
    limit = year_end if cutoff is None else min(year_end, cutoff)
    lines = [record_text.strip()] if record_text.strip() else []
    lines += [
        line
        for a in committee.agreements
        if (line := _agreement_line(a, limit, language)) is not None
    ]
    return "\n".join(lines) or message("evaluation_report.no_agreements", language)


def _sources_and_recipient(committee: Committee, year: int) -> tuple[tuple[str, ...], str]:
    """The report's sources and the recipient in force at the end of ``year``."""
    rules = _rules_on(committee, date(year, 12, 31))
    required = rule_in_force(rules, "annual_evaluation_required")
    recipient = rule_in_force(rules, "evaluation_recipient")
    keys = dict.fromkeys(s for r in (required, recipient) if r is not None for s in r.sources)
    if committee.source is not None and citable(committee.source):
        keys[committee.source] = None
    to = DEFAULT_RECIPIENT if rules is None or recipient is None else rules.get_text(recipient.key)
    return tuple(keys) or DEFAULT_REPORT_SOURCES, to


def report_from_records(
    committee: Committee, year: int, *, as_of: date | None = None, language: Language = "da"
) -> EvaluationReport:
    """The annual evaluation report of ``year`` (*evaluering af samarbejdet*) from the records.

    - the number of meetings **held** is counted from the meetings the
      records show held (dialogue meetings do not count, ``AAL2021``);
      ``planned`` is every committee meeting of the year in the records and
      ``cancelled`` those cancelled: nothing is invented;
    - the topics discussed are the evaluation record's ``topics`` when it
      gives them, else the titles of the items for decision and information on
      the held meetings' agendas (or, without an agenda, in their minutes), in
      meeting order, each once;
    - the follow-up of local agreements is the record's text followed by one
      line per agreement on record by the end of the year, with its status;
    - the general assessment is the record's; ``sent_to`` / ``sent_on`` are
      the record's, or (not sent) the recipient in force at the end of the
      year (``evaluation_recipient``).

    With ``as_of``, only what is on record by that day counts: meetings,
    agreement steps and the sending dated later are left out.

    ``language`` is the language of the agreement lines written into the
    follow-up (the report is a Danish document by default; ``"en"`` writes
    them in English). Titles and recipients are shown as written.
    """
    language = check_language(language)
    if not isinstance(committee, Committee):
        raise wrong_type("report_from_records", "Committee", committee, text_key="takes")
    check_year(year)
    check_as_of(as_of)
    ordinary = [m for m in committee.meetings_in(year) if m.kind is not MeetingKind.DIALOGUE]
    held = [
        m
        for m in ordinary
        if m.status is MeetingStatus.HELD
        and (as_of is None or m.local_date(committee.timezone) <= as_of)
    ]
    cancelled = sum(1 for m in ordinary if m.status is MeetingStatus.CANCELLED)
    count = MeetingCount.from_numbers(held=len(held), planned=len(ordinary), cancelled=cancelled)
    record = committee.evaluation_for(year)
    topics = list(record.topics) if record is not None and record.topics else None
    if topics is None:
        topics = _topics_from_meetings(committee, held)
    sources, sent_to = _sources_and_recipient(committee, year)
    sent_on = None if record is None else _visible(record.sent_on, as_of)
    if record is not None and sent_on is not None and record.sent_to is not None:
        sent_to = record.sent_to
    return EvaluationReport(
        municipality=committee.municipality,
        year=year,
        meeting_count=count,
        topics=topics,
        local_agreements_follow_up=_agreements_text(
            committee,
            year,
            as_of,
            "" if record is None else record.local_agreements_follow_up,
            language,
        ),
        general_assessment="" if record is None else record.general_assessment,
        sent_to=sent_to,
        sent_on=sent_on,
        sources=sources,
    )
