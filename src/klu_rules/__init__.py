"""klu_rules: the governance rules of Danish municipal GP committees as code.

*Kommunalt Lægeligt Udvalg* (KLU) is the committee every Danish municipality
runs with its general practitioners. klu_rules models the committee, its
members, meetings, agendas and agreements as typed values, holds the national
and local rules as dated data with their sources, and computes results that
explain themselves.

Importing ``klu_rules`` loads neither icalendar nor hypothesis: the iCalendar
export lives in ``klu_rules.ical`` and the test strategies in
``klu_rules.testing.strategies``.
"""

from __future__ import annotations

from klu_rules.agenda import Agenda, AgendaItem, AgendaItemKind
from klu_rules.agreement import Agreement, AgreementKind, AgreementStatus
from klu_rules.calendar import LABOUR_DAY, ClosingDay, DanishCalendar, WorkingDayCalendar
from klu_rules.committee import Committee
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
from klu_rules.files import dump_committee, load_committee, parse_committee
from klu_rules.findings import CATALOGUE, Finding, FindingCode
from klu_rules.meeting import Attendance, AttendanceStatus, Meeting, MeetingKind, MeetingStatus
from klu_rules.money import Money
from klu_rules.people import Membership, Person, Role, Side
from klu_rules.period import Period
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
from klu_rules.sources import SOURCES, Source
from klu_rules.timeutil import DEFAULT_TIMEZONE, localize

__version__ = "0.1.0"

__all__ = [
    "CATALOGUE",
    "DEFAULT_TIMEZONE",
    "LABOUR_DAY",
    "SOURCES",
    "Agenda",
    "AgendaItem",
    "AgendaItemKind",
    "Agreement",
    "AgreementKind",
    "AgreementStatus",
    "AmbiguousLocalTimeError",
    "Attendance",
    "AttendanceStatus",
    "ClosingDay",
    "Committee",
    "DanishCalendar",
    "DuplicateMemberError",
    "FileFormatError",
    "Finding",
    "FindingCode",
    "InvalidIntervalError",
    "InvalidRuleSetError",
    "InvalidValueError",
    "KluRulesError",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Membership",
    "Money",
    "NaiveDatetimeError",
    "NoRulesInForceError",
    "NonexistentLocalTimeError",
    "NotADoctorMemberError",
    "Period",
    "Person",
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
    "__version__",
    "dump_committee",
    "dump_rule_set",
    "get_rule_set",
    "load_committee",
    "load_rule_set",
    "localize",
    "parse_committee",
]
