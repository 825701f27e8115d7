"""klu_rules: the governance rules of Danish municipal GP committees as code.

*Kommunalt Lægeligt Udvalg* (KLU) is the committee every Danish municipality
runs with its general practitioners. klu_rules models the committee, its
members, meetings, agendas and agreements as typed values, holds the national
and local rules as dated data with their sources, and computes results that
explain themselves.

The package is layered, each layer importing only from those below it:
``core`` → ``model`` → ``rules`` → ``checks`` → ``io`` / ``text`` → ``cli``.
The names below are the ones most programs need; everything else is
importable from its subpackage. Names load on first use (PEP 562), so
``import klu_rules`` loads neither icalendar nor hypothesis.
"""

# No ``from __future__ import annotations`` and the helpers under private names: the
# module's namespace holds the public names only (``dir(klu_rules)`` lists ``__all__``).
import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from klu_rules.checks.agenda import agenda_template, check_agenda
    from klu_rules.checks.compliance import review_year
    from klu_rules.checks.deadlines import plan_meeting, plan_year
    from klu_rules.checks.evaluation_report import report_from_records
    from klu_rules.checks.honorarium import MeetingRate, honorarium_for_meeting
    from klu_rules.checks.meeting_check import check_meeting
    from klu_rules.checks.nursing_home import nursing_home_doctor_monthly_fee
    from klu_rules.checks.quorum import check_quorum
    from klu_rules.checks.routing import route_agreement
    from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
    from klu_rules.core.money import Money
    from klu_rules.core.period import Period
    from klu_rules.core.result import Finding, Result
    from klu_rules.io.committee_file import dump_committee, load_committee, parse_committee
    from klu_rules.io.coverage_file import load_coverage
    from klu_rules.model.agenda import Agenda, AgendaItem, AgendaItemKind
    from klu_rules.model.agreement import Agreement
    from klu_rules.model.committee import Committee
    from klu_rules.model.meeting import (
        Attendance,
        AttendanceStatus,
        Meeting,
        MeetingKind,
        MeetingStatus,
    )
    from klu_rules.model.people import Membership, Person, Role, Side
    from klu_rules.rules.calendar import DanishCalendar
    from klu_rules.rules.layering import RuleSet, RulesInForce
    from klu_rules.rules.loader import get_rule_set, load_rule_set
    from klu_rules.text.agenda import agenda_to_markdown

__version__ = "0.1.0"

# the module that defines each public name; loaded on first access
_MODULES: dict[str, tuple[str, ...]] = {
    "klu_rules.core.errors": ("KluRulesError", "InvalidValueError", "FileFormatError"),
    "klu_rules.core.result": ("Finding", "Result"),
    "klu_rules.core.money": ("Money",),
    "klu_rules.core.period": ("Period",),
    "klu_rules.model.committee": ("Committee",),
    "klu_rules.model.people": ("Person", "Membership", "Role", "Side"),
    "klu_rules.model.meeting": (
        "Meeting",
        "MeetingKind",
        "MeetingStatus",
        "Attendance",
        "AttendanceStatus",
    ),
    "klu_rules.model.agenda": ("Agenda", "AgendaItem", "AgendaItemKind"),
    "klu_rules.model.agreement": ("Agreement",),
    "klu_rules.rules.layering": ("RuleSet", "RulesInForce"),
    "klu_rules.rules.calendar": ("DanishCalendar",),
    "klu_rules.rules.loader": ("get_rule_set", "load_rule_set"),
    "klu_rules.checks.deadlines": ("plan_year", "plan_meeting"),
    "klu_rules.checks.quorum": ("check_quorum",),
    "klu_rules.checks.honorarium": ("MeetingRate", "honorarium_for_meeting"),
    "klu_rules.checks.nursing_home": ("nursing_home_doctor_monthly_fee",),
    "klu_rules.checks.agenda": ("agenda_template", "check_agenda"),
    "klu_rules.checks.meeting_check": ("check_meeting",),
    "klu_rules.checks.compliance": ("review_year",),
    "klu_rules.checks.evaluation_report": ("report_from_records",),
    "klu_rules.checks.routing": ("route_agreement",),
    "klu_rules.io.coverage_file": ("load_coverage",),
    "klu_rules.io.committee_file": ("load_committee", "parse_committee", "dump_committee"),
    "klu_rules.text.agenda": ("agenda_to_markdown",),
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [  # noqa: RUF022 - grouped by layer, as the docs show them
    # core: errors, findings, the result shape, money and periods
    "KluRulesError",
    "InvalidValueError",
    "FileFormatError",
    "Finding",
    "Result",
    "Money",
    "Period",
    # model: the committee and its people, meetings, agendas and agreements
    "Committee",
    "Person",
    "Membership",
    "Role",
    "Side",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Attendance",
    "AttendanceStatus",
    "Agenda",
    "AgendaItem",
    "AgendaItemKind",
    "Agreement",
    # rules: rule sets as dated data and the working-day calendar
    "RuleSet",
    "RulesInForce",
    "DanishCalendar",
    "get_rule_set",
    "load_rule_set",
    # checks: the rule functions
    "plan_year",
    "plan_meeting",
    "check_quorum",
    "honorarium_for_meeting",
    "MeetingRate",
    "nursing_home_doctor_monthly_fee",
    "agenda_template",
    "check_agenda",
    "check_meeting",
    "review_year",
    "report_from_records",
    "route_agreement",
    "load_coverage",
    # io and text: files in and out, rendering
    "load_committee",
    "parse_committee",
    "dump_committee",
    "agenda_to_markdown",
    "__version__",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'klu_rules' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
