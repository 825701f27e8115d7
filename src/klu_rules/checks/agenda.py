"""The rules an agenda (*dagsorden*) is checked against, its template and the topic catalogue.

``VEJL2011`` and ``AAL2021`` (``docs/howto-agenda.md`` has the table of findings); sources
``AAL2021`` (fixed items, durations, what/how/why), ``VEJL2011`` (standing and
as-needed topics), ``AAL-MIN-2021-12`` (a real agenda: 1, 2.a–e, 3.a–b, 4).
:func:`agenda_template` gives the fixed items in force; :func:`check_agenda`
reports fixed items missing or out of order (matched by main number **and**
kind; sub-items under a main number belong to it), items without an expected
duration or without what / how / why (a *sagsbeskrivelse* does not replace
them), a total longer than the meeting (per main number, the larger of the
heading's duration and its sub-items' sum), standing topics neither on the
agenda nor marked not relevant, and topics both taken by an item and marked
not relevant. The ``meeting_length`` rule is for committee meetings: a
dialogue meeting without an end time is not measured against it. A meeting
after the rules' horizon gets a ``rules.beyond-horizon`` warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

import attrs

from klu_rules.checks.common import merge_sources, refused, resolve_rules, wrong_type
from klu_rules.core.convert import check_date
from klu_rules.core.findings import Finding, finding, worst_severity
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import excerpt, message
from klu_rules.core.record import Record
from klu_rules.core.result import Parameters, Result
from klu_rules.core.timeutil import DEFAULT_TIMEZONE
from klu_rules.core.types import Layering, Outcome
from klu_rules.model.agenda import Agenda, AgendaItem, AgendaItemKind
from klu_rules.model.meeting import Meeting, MeetingKind
from klu_rules.rules.horizon import horizon_findings
from klu_rules.rules.ruleset import FixedAgendaItem, RuleSet, RulesInForce, Topic

__all__ = [
    "DESCRIBED_KINDS",
    "AgendaCheck",
    "AgendaGroup",
    "FixedItemCheck",
    "FixedItemStatus",
    "StandingTopicCheck",
    "TopicState",
    "agenda_groups",
    "agenda_template",
    "check_agenda",
    "expected_minutes",
    "topic_label",
]

FixedItemStatus = Literal["present", "out-of-order", "missing"]
TopicState = Literal["on-agenda", "not-relevant", "missing"]

DESCRIBED_KINDS: frozenset[AgendaItemKind] = frozenset(
    {AgendaItemKind.DECISION, AgendaItemKind.INFORMATION}
)
"""Kinds of item that must say what, how and why (the items proposers send in)."""


# ---------------------------------------------------------------------------
# structure of an agenda


@attrs.frozen(slots=True, repr=False)
class AgendaGroup(Record):
    """A main number and its items: the heading item (if any) and the sub-items."""

    main: int
    heading: AgendaItem | None
    sub_items: tuple[AgendaItem, ...]
    position: int

    @property
    def items(self) -> tuple[AgendaItem, ...]:
        return ((self.heading,) if self.heading is not None else ()) + self.sub_items

    @property
    def leaves(self) -> tuple[AgendaItem, ...]:
        """The items that carry content: the sub-items, or the main item when it has none."""
        return self.sub_items or self.items

    @property
    def kind(self) -> AgendaItemKind:
        """The heading's kind, else the first sub-item's."""
        return self.items[0].kind

    @property
    def minutes(self) -> int:
        """The larger of the heading's own duration and the sum of the sub-items' durations."""
        own = (self.heading.duration_minutes or 0) if self.heading is not None else 0
        subs = sum(item.duration_minutes or 0 for item in self.sub_items)
        return max(own, subs)

    @property
    def complete(self) -> bool:
        """True when the group's minutes are known (every leaf, or the heading, has a duration)."""
        if self.heading is not None and self.heading.duration_minutes is not None:
            return True
        return all(item.duration_minutes is not None for item in self.leaves)


def agenda_groups(agenda: Agenda) -> tuple[AgendaGroup, ...]:
    """The agenda's items grouped by main number, in the order the groups first appear."""
    grouped: dict[int, list[tuple[int, AgendaItem]]] = {}
    for index, item in enumerate(agenda.items):
        grouped.setdefault(item.sort_key[0], []).append((index, item))
    return tuple(
        AgendaGroup(
            main,
            next((item for _, item in pairs if not item.sort_key[1]), None),
            tuple(item for _, item in pairs if item.sort_key[1]),
            pairs[0][0],
        )
        for main, pairs in grouped.items()
    )


def expected_minutes(agenda: Agenda) -> tuple[int, bool]:
    """The agenda's expected minutes and whether every group's minutes are known."""
    groups = agenda_groups(agenda)
    return sum(g.minutes for g in groups), all(g.complete for g in groups)


def topic_label(topic: Topic, language: Language = "en") -> str:
    """``'Sundhedsaftalen mellem kommunen og regionen' (aalborg no. 1, national no. 10)``.

    The Danish name is shown as written; the numbers in ``language``.
    """
    numbers = ", ".join(
        message("agenda_check.topic_numbers", check_language(language), name=name, number=number)
        for name, number in sorted(topic.numbers.items(), key=lambda kv: kv[0] == "national")
    )
    return f"{topic.name_da!r}" + (f" ({numbers})" if numbers else "")


# ---------------------------------------------------------------------------
# template


def _in_force(
    rules: RuleSet | RulesInForce, on: date | None, layering: Layering, caller: str
) -> RulesInForce:
    """The rules in force on ``on``; without ``on``, those of a RulesInForce."""
    if not isinstance(rules, RuleSet | RulesInForce):  # the wrong argument named first
        raise refused("checks.rules", what="rules", value=excerpt(rules))
    if on is None:
        if not isinstance(rules, RulesInForce):
            raise refused(f"agenda_check.{caller}_needs_date")
        return rules
    return resolve_rules(rules, check_date(on, "on"), layering=layering)


def agenda_template(
    rules: RuleSet | RulesInForce, *, on: date | None = None, layering: Layering = "strictest"
) -> Agenda:
    """The skeleton agenda: the fixed items in force, in order, numbered as the rules number them.

    ``rules`` is a :class:`RulesInForce`, or a :class:`RuleSet` with ``on``.
    Under rules without fixed items (the national rules) the template is empty.
    """
    in_force = _in_force(rules, on, layering, "template")
    return Agenda(
        items=tuple(
            AgendaItem(number=f.number, title=f.title_da, kind=f.kind)
            for f in in_force.fixed_agenda_items
        )
    )


# ---------------------------------------------------------------------------
# results


@attrs.frozen(repr=False)
class FixedItemCheck(Record):
    """One fixed item of the rules, and where the agenda has it."""

    key: str
    number: str
    title_da: str
    kind: AgendaItemKind
    status: FixedItemStatus
    found_at: str | None
    sources: tuple[str, ...]


@attrs.frozen(repr=False)
class StandingTopicCheck(Record):
    """One standing topic (*fast emne*) and whether the agenda takes it."""

    key: str
    name_da: str
    numbers: Parameters
    status: TopicState
    items: tuple[str, ...]
    sources: tuple[str, ...]


@attrs.frozen(kw_only=True, repr=False)
class AgendaCheck(Result):
    """An agenda checked against the rules: outcome, reason, parameters, sources, findings.

    ``outcome`` is the worst finding's severity, or ``"ok"`` without findings.
    ``total_minutes`` is a lower bound when ``total_complete`` is False.
    ``limit_minutes`` is what the total was compared with (``limit_basis``
    says which: ``"meeting"`` for the meeting's length, ``"local"`` or
    ``"national"`` for the ``meeting_length`` rule, None for nothing).
    ``reason`` is ``"agenda.passes"``, ``"agenda.passes-with-notes"`` (only
    notes, severity info) or ``"agenda.needs-attention"``; a
    ``rules.beyond-horizon`` finding is about the rules, not the agenda, and
    does not change it.
    """

    outcome: Outcome
    fixed_items: tuple[FixedItemCheck, ...]
    standing_topics: tuple[StandingTopicCheck, ...]
    total_minutes: int
    total_complete: bool
    limit_minutes: int | None
    limit_basis: str | None
    on: date

    @property
    def passes(self) -> bool:
        """True when nothing worse than info was found."""
        return self.outcome in ("ok", "info")

    def limit_text(self, language: Language = "en") -> str:
        """What the total was compared with, in words (``"the meeting's length (120 minutes)"``)."""
        p = self.parameters
        return message(
            f"agenda_limit_basis.{self.limit_basis or 'none'}",
            check_language(language),
            limit_minutes=self.limit_minutes,
            length=p.get("length"),
            rule_sources=p.get("length_sources"),
        )

    def explain(self, language: Language = "en") -> str:
        """Why the agenda passes or what needs attention, and what it was checked against."""
        language = check_language(language)
        none = message("agenda_check.none", language)
        parts = "; ".join(self._parts(language))
        if self.reason == "agenda.needs-attention":
            head = message("agenda_check.needs_attention", language, parts=parts)
        elif self.reason == "agenda.passes-with-notes":
            head = message("agenda_check.passes_with_notes", language, parts=parts)
        else:
            head = message("agenda_check.passes", language, fixed_count=len(self.fixed_items))
        checked = message(
            "agenda_check.checked",
            language,
            rule_set=self.parameters["rule_set"],
            on=self.on,
            fixed_items=self.parameters["fixed_items"] or none,
            limit=self.limit_text(language) if self.limit_basis else none,
            sources="/".join(self.sources) or none,
        )
        by = self.prepared_by_text(language)
        return f"{head} {checked}" if by is None else f"{head} {checked} {by}"

    def prepared_by_text(self, language: Language = "en") -> str | None:
        """Who reviews and prepares the agenda under the rules in force (``AAL2021``: "Formand
        for KLU og formand for PLO-K gennemgår og udarbejder dagsorden"), or None."""
        prepared = self.parameters.get("prepared_by")
        if prepared is None:
            return None
        return message(
            "seeds_agenda.prepared_by",
            check_language(language),
            by=prepared,
            sources=self.parameters["prepared_by_sources"],
        )

    def _parts(self, language: Language) -> list[str]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.code] = counts.get(f.code, 0) + 1
        missing = tuple(c.number for c in self.fixed_items if c.status == "missing")
        parts = (
            [message("agenda_check.fixed_missing", language, numbers=missing)] if missing else []
        )
        for code, key in (
            ("agenda.fixed-items-out-of-order", "out_of_order"),
            ("agenda.item-without-duration", "without_duration"),
            ("agenda.item-without-description", "without_description"),
            ("agenda.longer-than-meeting", "too_long"),
            ("agenda.standing-topic-missing", "topics_missing"),
            ("agenda.topic-taken-and-not-relevant", "topics_taken_and_not_relevant"),
        ):
            if code in counts:
                parts.append(
                    message(
                        f"agenda_check.{key}",
                        language,
                        count=counts[code],
                        total_minutes=self.total_minutes,
                        limit_minutes=self.limit_minutes,
                    )
                )
        return parts


# ---------------------------------------------------------------------------
# the check


def _main_number(fixed: FixedAgendaItem) -> int:
    head = fixed.number.split(".", 1)[0]
    if not head.isdigit():
        raise refused("agenda_check.fixed_number", key=repr(fixed.key), number=repr(fixed.number))
    return int(head)


def _match_fixed(
    fixed: Sequence[FixedAgendaItem], groups: Sequence[AgendaGroup]
) -> list[AgendaGroup | None]:
    by_main = {g.main: g for g in groups}
    matched: list[AgendaGroup | None] = []
    for item in fixed:
        group = by_main.get(_main_number(item))
        matched.append(group if group is not None and group.kind == item.kind else None)
    taken = {g.main for g in matched if g is not None}
    for index, item in enumerate(fixed):
        if matched[index] is not None:
            continue
        for group in groups:
            if group.main not in taken and group.kind == item.kind:
                matched[index] = group
                taken.add(group.main)
                break
    return matched


def _number_label(group: AgendaGroup) -> str:
    if group.sub_items:
        first, last = group.sub_items[0].number, group.sub_items[-1].number
        span = first if first == last else f"{first}–{last.split('.')[1]}"
        return f"{group.main} ({span})" if group.heading is not None else span
    return str(group.main)


def check_agenda(
    agenda: Agenda,
    meeting: Meeting | None,
    rules: RuleSet | RulesInForce,
    *,
    on: date | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    layering: Layering = "strictest",
) -> AgendaCheck:
    """Check ``agenda`` for ``meeting`` against ``rules`` (see the module doc for what is checked).

    ``rules`` is a :class:`RuleSet` (its rules in force on the meeting's local
    date in ``timezone``, or on ``on``) or a :class:`RulesInForce`.
    ``meeting`` may be None: the total is then compared with the
    ``meeting_length`` rule. Topic keys the catalogue does not know are an
    :class:`~klu_rules.core.errors.InvalidValueError`.
    """
    if not isinstance(agenda, Agenda):
        raise wrong_type("agenda", "klu_rules.Agenda", agenda)
    if meeting is not None and not isinstance(meeting, Meeting):
        raise wrong_type("meeting", "klu_rules.Meeting", meeting, text_key="wrong_type_or_none")
    if on is None and meeting is not None:
        on = meeting.local_date(timezone)
    in_force = _in_force(rules, on, layering, "check")
    findings: list[Finding] = []

    # -- fixed items ------------------------------------------------------------
    fixed = in_force.fixed_agenda_items
    groups = agenda_groups(agenda)
    by_main = {g.main: g for g in groups}
    checks: list[FixedItemCheck] = []
    found: list[tuple[FixedAgendaItem, AgendaGroup]] = []
    for item, group in zip(fixed, _match_fixed(fixed, groups), strict=True):
        main = _main_number(item)
        status: FixedItemStatus = "missing"
        if group is None:
            here = by_main.get(main)
            findings.append(
                finding(
                    "agenda.fixed-item-missing",
                    sources=item.sources,
                    subject=item.number,
                    key=item.key,
                    number=item.number,
                    title=item.title_da,
                    kind=item.kind.value,
                    found_kind=None if here is None else here.kind.value,
                )
            )
        else:
            status = "present" if group.main == main else "out-of-order"
            found.append((item, group))
        label = None if group is None else _number_label(group)
        checks.append(
            FixedItemCheck(
                item.key, item.number, item.title_da, item.kind, status, label, item.sources
            )
        )
    in_place = sorted(found, key=lambda x: x[1].position)
    if in_place != found or any(check.status == "out-of-order" for check in checks):
        findings.append(
            finding(
                "agenda.fixed-items-out-of-order",
                sources=merge_sources(*(i.sources for i in fixed)),
                expected=[i.number for i in fixed],
                found=[_number_label(g) for _, g in in_place],
                expected_items=[f"{i.number} {i.title_da}" for i in fixed],
                found_items=[f"{_number_label(g)} {i.title_da}" for i, g in in_place],
            )
        )

    # -- durations and descriptions ---------------------------------------------
    leaves = [leaf for group in groups for leaf in group.leaves]
    no_duration = [leaf for leaf in leaves if leaf.duration_minutes is None]
    for leaf in no_duration:
        findings.append(
            finding(
                "agenda.item-without-duration",
                subject=leaf.number,
                number=leaf.number,
                title=leaf.title,
            )
        )
    undescribed = [
        leaf for leaf in leaves if leaf.kind in DESCRIBED_KINDS and not leaf.is_described
    ]
    for leaf in undescribed:
        absent = [
            name
            for name, text in (("what", leaf.what), ("how", leaf.how), ("why", leaf.why))
            if text is None or not text.strip()
        ]
        has_case = bool(leaf.case_description and leaf.case_description.strip())
        findings.append(
            finding(
                "agenda.item-without-description",
                subject=leaf.number,
                missing=absent,
                number=leaf.number,
                title=leaf.title,
                lacks="-".join(absent),
                case_description="given" if has_case else "none",
            )
        )

    # -- length ----------------------------------------------------------------------
    total = sum(g.minutes for g in groups)
    complete = all(g.complete for g in groups)
    limit: int | None = None
    basis: str | None = None
    length: dict[str, Any] = {}
    length_rule = in_force.get("meeting_length") if in_force.has("meeting_length") else None
    dialogue = meeting is not None and meeting.kind is MeetingKind.DIALOGUE
    if meeting is not None and meeting.duration is not None:
        limit = int(meeting.duration.total_seconds() // 60)
        basis = "meeting"
    elif length_rule is not None and not dialogue:
        limit = int(in_force.get_period("meeting_length").as_timedelta().total_seconds() // 60)
        basis = "local" if length_rule.applied == "local" else "national"
        length = {
            "length": str(length_rule.value),
            "length_sources": "/".join(length_rule.sources),
        }
    if limit is not None and total > limit:
        findings.append(
            finding(
                "agenda.longer-than-meeting",
                sources=None if length_rule is None else length_rule.sources,
                total_minutes=total,
                limit_minutes=limit,
                measure="exact" if complete else "at_least",
                basis=basis,
                length=length.get("length"),
                rule_sources=length.get("length_sources"),
            )
        )

    # -- standing topics ----------------------------------------------------------
    catalogue = {t.key: t for t in in_force.topics}
    known = ", ".join(catalogue)
    named = [(i.number, key) for i in agenda.items for key in i.topics]
    for number, key in [*named, *((None, key) for key in agenda.not_relevant)]:
        if key not in catalogue:
            text_key = "item_topic" if number is not None else "not_relevant_topic"
            if not known:
                text_key += "_no_catalogue"
            raise refused(f"agenda_check.{text_key}", item=number, key=repr(key), known=known)
    for topic in catalogue.values():
        taken = [number for number, key in named if key == topic.key]
        if taken and topic.key in agenda.not_relevant:
            findings.append(
                finding(
                    "agenda.topic-taken-and-not-relevant",
                    subject=topic.key,
                    topic=topic.key,
                    name={"da": topic.name_da, "en": topic.name_en},
                    items=taken,
                )
            )
    topic_checks: list[StandingTopicCheck] = []
    for topic in (t for t in catalogue.values() if t.standing):
        on_items = tuple(i.number for i in agenda.items if topic.key in i.topics)
        state: TopicState = "on-agenda" if on_items else "not-relevant"
        if not on_items and topic.key not in agenda.not_relevant:
            state = "missing"
            findings.append(
                finding(
                    "agenda.standing-topic-missing",
                    sources=merge_sources(topic.sources),
                    subject=topic.key,
                    topic=topic.key,
                    name={"da": topic.name_da, "en": topic.name_en},
                )
            )
        topic_checks.append(
            StandingTopicCheck(
                topic.key, topic.name_da, Parameters(topic.numbers), state, on_items, topic.sources
            )
        )

    # who reviews and prepares the agenda, where the rules say (AAL2021): shown, not checked
    prepared = in_force.get("agenda_prepared_by") if in_force.has("agenda_prepared_by") else None
    own = worst_severity(findings)
    reason = (
        "agenda.passes"
        if own is None
        else "agenda.passes-with-notes"
        if own == "info"
        else "agenda.needs-attention"
    )
    subject = None if meeting is None else meeting.id
    findings += horizon_findings(in_force.rule_set, in_force.on, subject=subject)
    worst = worst_severity(findings)
    parameters: dict[str, Any] = {
        "prepared_by": None if prepared is None else str(prepared.value),
        "prepared_by_sources": None if prepared is None else "/".join(prepared.sources),
        "rule_set": in_force.rule_set.name,
        "on": in_force.on.isoformat(),
        "layering": in_force.layering,
        "fixed_items": ", ".join(f"{f.number} {f.title_da}" for f in fixed),
        "described_kinds": sorted(k.value for k in DESCRIBED_KINDS),
        "limit_minutes": limit,
        "limit_basis": basis,
        **length,
        "group_minutes": "larger-of-heading-and-sub-items",
    }
    sources = merge_sources(
        *(f.sources for f in fixed),
        () if prepared is None else prepared.sources,
        *(t.sources for t in topic_checks),
        *(f.sources for f in findings),
    )
    return AgendaCheck(
        outcome="ok" if worst is None else worst,
        reason=reason,
        parameters=parameters,
        sources=sources,
        findings=tuple(findings),
        fixed_items=tuple(checks),
        standing_topics=tuple(topic_checks),
        total_minutes=total,
        total_complete=complete,
        limit_minutes=limit,
        limit_basis=basis,
        on=in_force.on,
    )
