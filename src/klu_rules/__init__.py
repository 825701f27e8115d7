"""klu_rules: the governance rules of Danish municipal GP committees as code.

*Kommunalt Lægeligt Udvalg* (KLU) is the committee every Danish municipality
runs with its general practitioners. klu_rules models the committee, its
members, meetings, agendas and agreements as typed values, holds the national
and local rules as dated data with their sources, and computes results that
explain themselves.

Every public name below is importable from ``klu_rules`` directly. Names are
loaded on first use (PEP 562), so ``import klu_rules`` costs next to nothing;
icalendar and hypothesis are never loaded by it: the iCalendar export lives in
``klu_rules.ical`` and the test strategies in ``klu_rules.testing.strategies``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from klu_rules.errors import (
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
    from klu_rules.agenda import (
        Agenda,
        AgendaItem,
        AgendaItemKind,
    )
    from klu_rules.agenda_rules import (
        AgendaCheck,
        agenda_template,
        check_agenda,
    )
    from klu_rules.agreement import (
        Agreement,
        AgreementKind,
        AgreementStatus,
    )
    from klu_rules.calendar import (
        LABOUR_DAY,
        ClosingDay,
        DanishCalendar,
        WorkingDayCalendar,
    )
    from klu_rules.committee import (
        Committee,
    )
    from klu_rules.compliance import (
        YearReview,
        check_year,
        review_year,
    )
    from klu_rules.coverage import (
        CoverageArea,
        CoverageRegister,
        CoverageStatus,
        Designation,
        RegionCoveragePolicy,
        load_coverage,
    )
    from klu_rules.deadlines import (
        Deadline,
        DeadlineKind,
        MeetingPlan,
        YearPlan,
        plan_meeting,
        plan_meetings,
        plan_year,
    )
    from klu_rules.evaluation import (
        EvaluationReport,
        MeetingCount,
        RegionOverview,
        load_evaluations,
        parse_meeting_count,
    )
    from klu_rules.files import (
        dump_committee,
        load_committee,
        parse_committee,
    )
    from klu_rules.findings import (
        CATALOGUE,
        Finding,
        FindingCode,
    )
    from klu_rules.honorarium import (
        HonorariumResult,
        MeetingRate,
        NursingHomeFee,
        honorarium_for_meeting,
        nursing_home_doctor_monthly_fee,
    )
    from klu_rules.meeting import (
        Attendance,
        AttendanceStatus,
        Meeting,
        MeetingKind,
        MeetingStatus,
    )
    from klu_rules.meeting_check import (
        MeetingCheck,
        check_meeting,
        check_record,
    )
    from klu_rules.meeting_record import (
        MeetingRecord,
        dump_meeting_record,
        load_meeting_record,
        parse_meeting_record,
    )
    from klu_rules.money import (
        Money,
    )
    from klu_rules.people import (
        Membership,
        Person,
        Role,
        Side,
    )
    from klu_rules.period import (
        Period,
    )
    from klu_rules.quorum import (
        QuorumResult,
        check_quorum,
    )
    from klu_rules.records import (
        AnnualWheel,
        EvaluationRecord,
        FollowUp,
        FollowUpStatus,
        MeetingCalendar,
        Minutes,
        MinutesItem,
        report_from_records,
    )
    from klu_rules.render import (
        agenda_to_html,
        agenda_to_markdown,
    )
    from klu_rules.routing import (
        AgreementRoute,
        advance_agreement,
        route_agreement,
    )
    from klu_rules.rules import (
        ResolvedRule,
        RuleEntry,
        RuleSet,
        RulesInForce,
        RuleStatus,
        dump_rule_set,
        get_rule_set,
        load_rule_set,
    )
    from klu_rules.sources import (
        SOURCES,
        Source,
    )
    from klu_rules.timeutil import (
        DEFAULT_TIMEZONE,
        localize,
    )

__version__ = "0.1.0"

# public name -> the module that defines it; loaded on first access
_LAZY: dict[str, str] = {
    "Agenda": "klu_rules.agenda",
    "AgendaItem": "klu_rules.agenda",
    "AgendaItemKind": "klu_rules.agenda",
    "Agreement": "klu_rules.agreement",
    "AgreementKind": "klu_rules.agreement",
    "AgreementStatus": "klu_rules.agreement",
    "LABOUR_DAY": "klu_rules.calendar",
    "ClosingDay": "klu_rules.calendar",
    "DanishCalendar": "klu_rules.calendar",
    "WorkingDayCalendar": "klu_rules.calendar",
    "Committee": "klu_rules.committee",
    "dump_committee": "klu_rules.files",
    "load_committee": "klu_rules.files",
    "parse_committee": "klu_rules.files",
    "CATALOGUE": "klu_rules.findings",
    "Finding": "klu_rules.findings",
    "FindingCode": "klu_rules.findings",
    "Attendance": "klu_rules.meeting",
    "AttendanceStatus": "klu_rules.meeting",
    "Meeting": "klu_rules.meeting",
    "MeetingKind": "klu_rules.meeting",
    "MeetingStatus": "klu_rules.meeting",
    "Money": "klu_rules.money",
    "Membership": "klu_rules.people",
    "Person": "klu_rules.people",
    "Role": "klu_rules.people",
    "Side": "klu_rules.people",
    "Period": "klu_rules.period",
    "ResolvedRule": "klu_rules.rules",
    "RuleEntry": "klu_rules.rules",
    "RuleSet": "klu_rules.rules",
    "RulesInForce": "klu_rules.rules",
    "RuleStatus": "klu_rules.rules",
    "dump_rule_set": "klu_rules.rules",
    "get_rule_set": "klu_rules.rules",
    "load_rule_set": "klu_rules.rules",
    "SOURCES": "klu_rules.sources",
    "Source": "klu_rules.sources",
    "DEFAULT_TIMEZONE": "klu_rules.timeutil",
    "localize": "klu_rules.timeutil",
    "Deadline": "klu_rules.deadlines",
    "DeadlineKind": "klu_rules.deadlines",
    "MeetingPlan": "klu_rules.deadlines",
    "YearPlan": "klu_rules.deadlines",
    "plan_meeting": "klu_rules.deadlines",
    "plan_meetings": "klu_rules.deadlines",
    "plan_year": "klu_rules.deadlines",
    "QuorumResult": "klu_rules.quorum",
    "check_quorum": "klu_rules.quorum",
    "HonorariumResult": "klu_rules.honorarium",
    "MeetingRate": "klu_rules.honorarium",
    "NursingHomeFee": "klu_rules.honorarium",
    "honorarium_for_meeting": "klu_rules.honorarium",
    "nursing_home_doctor_monthly_fee": "klu_rules.honorarium",
    "AgendaCheck": "klu_rules.agenda_rules",
    "agenda_template": "klu_rules.agenda_rules",
    "check_agenda": "klu_rules.agenda_rules",
    "agenda_to_html": "klu_rules.render",
    "agenda_to_markdown": "klu_rules.render",
    "MeetingRecord": "klu_rules.meeting_record",
    "dump_meeting_record": "klu_rules.meeting_record",
    "load_meeting_record": "klu_rules.meeting_record",
    "parse_meeting_record": "klu_rules.meeting_record",
    "MeetingCheck": "klu_rules.meeting_check",
    "check_meeting": "klu_rules.meeting_check",
    "check_record": "klu_rules.meeting_check",
    "AnnualWheel": "klu_rules.records",
    "EvaluationRecord": "klu_rules.records",
    "FollowUp": "klu_rules.records",
    "FollowUpStatus": "klu_rules.records",
    "MeetingCalendar": "klu_rules.records",
    "Minutes": "klu_rules.records",
    "MinutesItem": "klu_rules.records",
    "report_from_records": "klu_rules.records",
    "YearReview": "klu_rules.compliance",
    "check_year": "klu_rules.compliance",
    "review_year": "klu_rules.compliance",
    "AgreementRoute": "klu_rules.routing",
    "advance_agreement": "klu_rules.routing",
    "route_agreement": "klu_rules.routing",
    "EvaluationReport": "klu_rules.evaluation",
    "MeetingCount": "klu_rules.evaluation",
    "RegionOverview": "klu_rules.evaluation",
    "load_evaluations": "klu_rules.evaluation",
    "parse_meeting_count": "klu_rules.evaluation",
    "CoverageArea": "klu_rules.coverage",
    "CoverageRegister": "klu_rules.coverage",
    "CoverageStatus": "klu_rules.coverage",
    "Designation": "klu_rules.coverage",
    "RegionCoveragePolicy": "klu_rules.coverage",
    "load_coverage": "klu_rules.coverage",
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
