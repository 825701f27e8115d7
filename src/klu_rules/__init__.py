"""klu_rules: the governance rules of Danish municipal GP committees as code.

*Kommunalt Lægeligt Udvalg* (KLU) is the committee every Danish municipality
runs with its general practitioners. klu_rules models the committee, its
members, meetings, agendas and agreements as typed values, holds the national
and local rules as dated data with their sources, and computes results that
explain themselves.

Every public name below is importable from ``klu_rules`` directly. Names are
loaded on first use (PEP 562), so ``import klu_rules`` costs next to nothing;
icalendar and hypothesis are never loaded by it: the iCalendar export lives in
``klu_rules.io.ical`` and the test strategies in ``klu_rules.testing.strategies``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from klu_rules.core.errors import (
    AmbiguousLocalTimeError,
    DuplicateMemberError,
    FileFormatError,
    InvalidIntervalError,
    InvalidRuleSetError,
    InvalidValueError,
    KluRulesError,
    NaiveDatetimeError,
    NonexistentLocalTimeError,
    NoRulesInForceError,
    NotADoctorMemberError,
    UnknownRuleSetError,
)

if TYPE_CHECKING:
    from klu_rules.checks.agenda import (
        AgendaCheck,
        agenda_template,
        check_agenda,
    )
    from klu_rules.checks.compliance import (
        YearReview,
        check_year,
        review_year,
    )
    from klu_rules.checks.coverage import (
        CoverageStatus,
    )
    from klu_rules.checks.deadlines import (
        Deadline,
        DeadlineKind,
        MeetingPlan,
        YearPlan,
        plan_meeting,
        plan_meetings,
        plan_year,
    )
    from klu_rules.checks.evaluation import (
        EvaluationReport,
        MeetingCount,
        RegionOverview,
        load_evaluations,
        parse_meeting_count,
    )
    from klu_rules.checks.evaluation_report import report_from_records
    from klu_rules.checks.honorarium import (
        HonorariumResult,
        MeetingRate,
        NursingHomeFee,
        honorarium_for_meeting,
        nursing_home_doctor_monthly_fee,
    )
    from klu_rules.checks.meeting_check import (
        MeetingCheck,
        check_meeting,
        check_record,
    )
    from klu_rules.checks.quorum import (
        QuorumResult,
        check_quorum,
    )
    from klu_rules.checks.routing import (
        AgreementRoute,
        advance_agreement,
        route_agreement,
    )
    from klu_rules.core.findings import (
        CATALOGUE,
        Finding,
        FindingCode,
    )
    from klu_rules.core.money import (
        Money,
    )
    from klu_rules.core.period import (
        Period,
    )
    from klu_rules.core.sources import (
        SOURCES,
        Source,
    )
    from klu_rules.core.timeutil import (
        DEFAULT_TIMEZONE,
        localize,
    )
    from klu_rules.io.committee_file import (
        dump_committee,
        load_committee,
        parse_committee,
    )
    from klu_rules.io.coverage_file import load_coverage
    from klu_rules.io.meeting_record import (
        MeetingRecord,
        dump_meeting_record,
        load_meeting_record,
        parse_meeting_record,
    )
    from klu_rules.model.agenda import (
        Agenda,
        AgendaItem,
        AgendaItemKind,
    )
    from klu_rules.model.agreement import (
        Agreement,
        AgreementKind,
        AgreementStatus,
    )
    from klu_rules.model.committee import (
        Committee,
    )
    from klu_rules.model.coverage import (
        CoverageArea,
        CoverageRegister,
        Designation,
        RegionCoveragePolicy,
    )
    from klu_rules.model.meeting import (
        Attendance,
        AttendanceStatus,
        Meeting,
        MeetingKind,
        MeetingStatus,
    )
    from klu_rules.model.people import (
        Membership,
        Person,
        Role,
        Side,
    )
    from klu_rules.model.records import (
        AnnualWheel,
        EvaluationRecord,
        FollowUp,
        FollowUpStatus,
        MeetingCalendar,
        Minutes,
        MinutesItem,
    )
    from klu_rules.rules.calendar import (
        LABOUR_DAY,
        ClosingDay,
        DanishCalendar,
        WorkingDayCalendar,
    )
    from klu_rules.rules.ruleset import (
        ResolvedRule,
        RuleEntry,
        RuleSet,
        RulesInForce,
        RuleStatus,
        dump_rule_set,
        get_rule_set,
        load_rule_set,
    )
    from klu_rules.text.agenda import (
        agenda_to_html,
        agenda_to_markdown,
    )

__version__ = "0.1.0"

# public name -> the module that defines it; loaded on first access
_LAZY: dict[str, str] = {
    "Agenda": "klu_rules.model.agenda",
    "AgendaItem": "klu_rules.model.agenda",
    "AgendaItemKind": "klu_rules.model.agenda",
    "Agreement": "klu_rules.model.agreement",
    "AgreementKind": "klu_rules.model.agreement",
    "AgreementStatus": "klu_rules.model.agreement",
    "LABOUR_DAY": "klu_rules.rules.calendar",
    "ClosingDay": "klu_rules.rules.calendar",
    "DanishCalendar": "klu_rules.rules.calendar",
    "WorkingDayCalendar": "klu_rules.rules.calendar",
    "Committee": "klu_rules.model.committee",
    "dump_committee": "klu_rules.io.committee_file",
    "load_committee": "klu_rules.io.committee_file",
    "parse_committee": "klu_rules.io.committee_file",
    "CATALOGUE": "klu_rules.core.findings",
    "Finding": "klu_rules.core.findings",
    "FindingCode": "klu_rules.core.findings",
    "Attendance": "klu_rules.model.meeting",
    "AttendanceStatus": "klu_rules.model.meeting",
    "Meeting": "klu_rules.model.meeting",
    "MeetingKind": "klu_rules.model.meeting",
    "MeetingStatus": "klu_rules.model.meeting",
    "Money": "klu_rules.core.money",
    "Membership": "klu_rules.model.people",
    "Person": "klu_rules.model.people",
    "Role": "klu_rules.model.people",
    "Side": "klu_rules.model.people",
    "Period": "klu_rules.core.period",
    "ResolvedRule": "klu_rules.rules.ruleset",
    "RuleEntry": "klu_rules.rules.ruleset",
    "RuleSet": "klu_rules.rules.ruleset",
    "RulesInForce": "klu_rules.rules.ruleset",
    "RuleStatus": "klu_rules.rules.ruleset",
    "dump_rule_set": "klu_rules.rules.ruleset",
    "get_rule_set": "klu_rules.rules.ruleset",
    "load_rule_set": "klu_rules.rules.ruleset",
    "SOURCES": "klu_rules.core.sources",
    "Source": "klu_rules.core.sources",
    "DEFAULT_TIMEZONE": "klu_rules.core.timeutil",
    "localize": "klu_rules.core.timeutil",
    "Deadline": "klu_rules.checks.deadlines",
    "DeadlineKind": "klu_rules.checks.deadlines",
    "MeetingPlan": "klu_rules.checks.deadlines",
    "YearPlan": "klu_rules.checks.deadlines",
    "plan_meeting": "klu_rules.checks.deadlines",
    "plan_meetings": "klu_rules.checks.deadlines",
    "plan_year": "klu_rules.checks.deadlines",
    "QuorumResult": "klu_rules.checks.quorum",
    "check_quorum": "klu_rules.checks.quorum",
    "HonorariumResult": "klu_rules.checks.honorarium",
    "MeetingRate": "klu_rules.checks.honorarium",
    "NursingHomeFee": "klu_rules.checks.honorarium",
    "honorarium_for_meeting": "klu_rules.checks.honorarium",
    "nursing_home_doctor_monthly_fee": "klu_rules.checks.honorarium",
    "AgendaCheck": "klu_rules.checks.agenda",
    "agenda_template": "klu_rules.checks.agenda",
    "check_agenda": "klu_rules.checks.agenda",
    "agenda_to_html": "klu_rules.text.agenda",
    "agenda_to_markdown": "klu_rules.text.agenda",
    "MeetingRecord": "klu_rules.io.meeting_record",
    "dump_meeting_record": "klu_rules.io.meeting_record",
    "load_meeting_record": "klu_rules.io.meeting_record",
    "parse_meeting_record": "klu_rules.io.meeting_record",
    "MeetingCheck": "klu_rules.checks.meeting_check",
    "check_meeting": "klu_rules.checks.meeting_check",
    "check_record": "klu_rules.checks.meeting_check",
    "AnnualWheel": "klu_rules.model.records",
    "EvaluationRecord": "klu_rules.model.records",
    "FollowUp": "klu_rules.model.records",
    "FollowUpStatus": "klu_rules.model.records",
    "MeetingCalendar": "klu_rules.model.records",
    "Minutes": "klu_rules.model.records",
    "MinutesItem": "klu_rules.model.records",
    "report_from_records": "klu_rules.checks.evaluation_report",
    "YearReview": "klu_rules.checks.compliance",
    "check_year": "klu_rules.checks.compliance",
    "review_year": "klu_rules.checks.compliance",
    "AgreementRoute": "klu_rules.checks.routing",
    "advance_agreement": "klu_rules.checks.routing",
    "route_agreement": "klu_rules.checks.routing",
    "EvaluationReport": "klu_rules.checks.evaluation",
    "MeetingCount": "klu_rules.checks.evaluation",
    "RegionOverview": "klu_rules.checks.evaluation",
    "load_evaluations": "klu_rules.checks.evaluation",
    "parse_meeting_count": "klu_rules.checks.evaluation",
    "CoverageArea": "klu_rules.model.coverage",
    "CoverageRegister": "klu_rules.model.coverage",
    "CoverageStatus": "klu_rules.checks.coverage",
    "Designation": "klu_rules.model.coverage",
    "RegionCoveragePolicy": "klu_rules.model.coverage",
    "load_coverage": "klu_rules.io.coverage_file",
}

__all__ = [
    "CATALOGUE",
    "DEFAULT_TIMEZONE",
    "LABOUR_DAY",
    "SOURCES",
    "Agenda",
    "AgendaCheck",
    "AgendaItem",
    "AgendaItemKind",
    "Agreement",
    "AgreementKind",
    "AgreementRoute",
    "AgreementStatus",
    "AmbiguousLocalTimeError",
    "AnnualWheel",
    "Attendance",
    "AttendanceStatus",
    "ClosingDay",
    "Committee",
    "CoverageArea",
    "CoverageRegister",
    "CoverageStatus",
    "DanishCalendar",
    "Deadline",
    "DeadlineKind",
    "Designation",
    "DuplicateMemberError",
    "EvaluationRecord",
    "EvaluationReport",
    "FileFormatError",
    "Finding",
    "FindingCode",
    "FollowUp",
    "FollowUpStatus",
    "HonorariumResult",
    "InvalidIntervalError",
    "InvalidRuleSetError",
    "InvalidValueError",
    "KluRulesError",
    "Meeting",
    "MeetingCalendar",
    "MeetingCheck",
    "MeetingCount",
    "MeetingKind",
    "MeetingPlan",
    "MeetingRate",
    "MeetingRecord",
    "MeetingStatus",
    "Membership",
    "Minutes",
    "MinutesItem",
    "Money",
    "NaiveDatetimeError",
    "NoRulesInForceError",
    "NonexistentLocalTimeError",
    "NotADoctorMemberError",
    "NursingHomeFee",
    "Period",
    "Person",
    "QuorumResult",
    "RegionCoveragePolicy",
    "RegionOverview",
    "ResolvedRule",
    "Role",
    "RuleEntry",
    "RuleSet",
    "RuleStatus",
    "RulesInForce",
    "Side",
    "Source",
    "UnknownRuleSetError",
    "WorkingDayCalendar",
    "YearPlan",
    "YearReview",
    "__version__",
    "advance_agreement",
    "agenda_template",
    "agenda_to_html",
    "agenda_to_markdown",
    "check_agenda",
    "check_meeting",
    "check_quorum",
    "check_record",
    "check_year",
    "dump_committee",
    "dump_meeting_record",
    "dump_rule_set",
    "get_rule_set",
    "honorarium_for_meeting",
    "load_committee",
    "load_coverage",
    "load_evaluations",
    "load_meeting_record",
    "load_rule_set",
    "localize",
    "nursing_home_doctor_monthly_fee",
    "parse_committee",
    "parse_meeting_count",
    "parse_meeting_record",
    "plan_meeting",
    "plan_meetings",
    "plan_year",
    "report_from_records",
    "review_year",
    "route_agreement",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'klu_rules' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
