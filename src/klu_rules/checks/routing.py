"""Where a draft local agreement goes (*indgåelse af aftaler*), and its life cycle.

The committee cannot conclude binding agreements itself; it drafts them for
another body (``VEJL2011``, "Udvalgets kompetencer og indgåelse af aftaler").
:func:`route_agreement` answers, by the ``agreement_procedure`` in force on the
day a draft is sent (``VEJL2011`` from 2011-04-01,
``OK22-102`` stk. 5 from 2022-01-01, ``L191-2022`` from 2022-07-01; from
2027-01-01 the health reform abolishes the Sundhedssamarbejdsudvalg,
``L214-2025``), where it
goes, who concludes it, whether it binds and can be sanctioned, and who pays
any special fee. The routes are data (:mod:`klu_rules.rules.agreement_routes`);
what the version in force does not say is :data:`NOT_STATED` with an
``agreement.not-stated`` finding, beside PLO's own description
(``PLO-K-COMP``). :func:`advance_agreement` moves an
:class:`~klu_rules.model.agreement.Agreement` through draft → sent → concluded →
evaluated (or withdrawn).

A route to a body the data records as abolished is never returned: from
2027-01-01 the answer has no route (outcome ``"no_route"``) and an
``agreement.recipient-abolished`` finding says which body was abolished on
which day and what the sources name (or do not name) as its successor. A day
after the rules' horizon adds a ``rules.beyond-horizon`` warning
(:mod:`klu_rules.rules.horizon`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Final, Literal

import attrs

from klu_rules.checks.common import merge_sources
from klu_rules.core.convert import check_date, parse_enum
from klu_rules.core.errors import InvalidIntervalError, InvalidValueError, NoRulesInForceError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, message
from klu_rules.core.result import Parameters, Result
from klu_rules.model.agreement import Agreement, AgreementKind, AgreementStatus
from klu_rules.rules.agreement_routes import (
    BODIES,
    PLO_DESCRIPTION,
    PLO_SOURCES,
    Body,
    Procedure,
    RouteOption,
    procedure,
)
from klu_rules.rules.horizon import horizon_findings
from klu_rules.rules.ruleset import RuleSet, get_rule_set

__all__ = [
    "NEXT_STATUSES",
    "NOT_STATED",
    "PLO_DESCRIPTION",
    "AgreementRoute",
    "RouteOption",
    "advance_agreement",
    "route_agreement",
]

NOT_STATED: Final = "route.not_stated"
"""The catalogue key of the answer where the version in force is silent (``"ikke angivet i
kilderne"`` / ``"not stated in the sources"``)."""

NEXT_STATUSES: Mapping[AgreementStatus, tuple[AgreementStatus, ...]] = {
    AgreementStatus.DRAFT: (AgreementStatus.SENT, AgreementStatus.WITHDRAWN),
    AgreementStatus.SENT: (AgreementStatus.CONCLUDED, AgreementStatus.WITHDRAWN),
    AgreementStatus.CONCLUDED: (AgreementStatus.EVALUATED, AgreementStatus.WITHDRAWN),
    AgreementStatus.EVALUATED: (AgreementStatus.EVALUATED, AgreementStatus.WITHDRAWN),
    AgreementStatus.WITHDRAWN: (),
}
"""The steps an agreement may take next; an evaluated agreement is evaluated again each year."""


@attrs.frozen(kw_only=True, repr=False)
class AgreementRoute(Result):
    """Where a draft sent on ``sent_on`` goes, by the procedure in force that day.

    ``outcome`` is ``"routed"`` when one route suits the draft, ``"choose"``
    when the committee chooses, ``"no_route"`` when the body the procedure
    sends drafts to is abolished (``abolished`` names it; ``options`` is
    empty); ``procedure`` is the ``agreement_procedure``
    in force (from ``in_force_from``); ``suited`` are the keys of the
    ``options`` that fit the agreement's kind; ``plo_description`` is PLO's
    description (``PLO-K-COMP``) where the agreement is silent. ``reason`` is
    ``"agreement_route.routed"``, ``"agreement_route.choose"`` or
    ``"agreement_route.no_route"``; ``suited_reason``
    is empty when only one route is in force (``explain`` says so).

    Every text is a catalogue key, written in either language by :meth:`explain`:
    ``suited_reason`` (``route_suited.*`` or ``route_choice.*``), ``committee_role``
    (``route_role.*``), ``advice`` (``route_advice.*``) and ``plo_description``
    (``route_plo_description.*``); the options' aspects are keys too
    (:meth:`RouteOption.text`). The JSON holds the keys, never prose.
    """

    outcome: Literal["routed", "choose", "no_route"]
    agreement_id: str | None
    sent_on: date
    procedure: str
    in_force_from: date
    options: tuple[RouteOption, ...]
    suited: tuple[str, ...]
    suited_reason: str
    committee_role: str
    advice: tuple[str, ...] = ()
    plo_description: str | None = None
    abolished: tuple[str, ...] = ()

    @property
    def recipients(self) -> tuple[str, ...]:
        """The keys of the bodies a draft can be sent to (in words: the catalogue's
        ``body.<key>``, :meth:`RouteOption.recipient`)."""
        return tuple(o.recipient_key for o in self.options)

    def option(self, key: str) -> RouteOption:
        """The route ``key``."""
        for option in self.options:
            if option.key == key:
                return option
        raise coded(
            InvalidValueError,
            "route_no_such_route",
            {
                "key": repr(key),
                "sent_on": self.sent_on,
                "routes": tuple(o.key for o in self.options) or ("-",),
            },
        )

    def explain(self, language: Language = "en") -> str:
        """The reason, each route, the committee's role, the advice and PLO's description.

        Every sentence is written from the catalogue in ``language``.
        """
        language = check_language(language)
        p = self.parameters
        lines = [
            message(
                "agreement_route.in_force" if self.options else "agreement_route.in_force_none",
                language,
                sent_on=self.sent_on,
                procedure=self.procedure,
                in_force_from=self.in_force_from,
                rule_sources=", ".join(p.get("procedure_sources") or ()),
                routes=tuple(o.title(language) for o in self.options),
            )
        ]
        lines += [f"- {_explain_option(o, language)}" for o in self.options]
        lines += [_explain_abolished(BODIES[k], language) for k in self.abolished]
        if self.options:
            suited = (
                message(self.suited_reason, language)
                if self.suited_reason
                else message(
                    "agreement_route.one_route", language, route=self.options[0].title(language)
                )
            )
            lines.append(suited)
        lines += [message(key, language) for key in (self.committee_role, *self.advice)]
        if self.plo_description:
            lines.append(
                message(
                    "agreement_route.plo",
                    language,
                    sources=", ".join(PLO_SOURCES),
                    description=self.plo_description.rpartition(".")[2],
                )
            )
        return "\n".join(lines)


def _answer(value: bool | str | None, language: Language) -> str:
    if value is None:
        return message("route.not_stated", language)
    if isinstance(value, bool):
        return message("route.yes" if value else "route.no", language)
    return message(f"route.{value}", language)


def _stated(text: str | None, language: Language) -> str:
    return message("route.not_stated", language) if text is None else text


def _explain_option(o: RouteOption, language: Language) -> str:
    line = message(
        "agreement_route.option",
        language,
        route=o.key,
        recipient=o.recipient_key,
        purpose=o.purpose,
        concluded_by=_stated(o.text("concluded_by", language), language),
        agreement_form=_stated(o.text("agreement_form", language), language),
        binding=_answer(o.binding, language),
        sanctionable=_answer(o.sanctionable, language),
        special_fee_paid_by=_answer(o.special_fee_paid_by, language),
        sources=", ".join(o.sources),
    )
    if o.use_when is None:
        return line
    return f"{line} {message('agreement_route.use_when', language, use_when=o.use_when)}"


def _successor(body: Body) -> str:
    return "none" if body.successor is None else body.successor


def _explain_abolished(body: Body, language: Language) -> str:
    return message(
        "agreement_route.abolished",
        language,
        body=body.key,
        abolished_on=body.abolished_on,
        sources=", ".join(body.sources),
        successor=_successor(body),
        successor_sources=", ".join(body.successor_sources) or "-",
        verified="yes" if body.verified else "no",
    )


def _abolished_finding(body: Body, day: date, subject: str) -> Finding:
    return finding(
        "agreement.recipient-abolished",
        sources=tuple(dict.fromkeys(body.sources + body.successor_sources)),
        subject=subject,
        body=body.key,
        abolished_on=body.abolished_on,
        sent_on=day,
        successor=_successor(body),
        successor_sources=", ".join(body.successor_sources) or "-",
        verified="yes" if body.verified else "no",
    )


def _suited(proc: Procedure, agreement: Agreement | None) -> tuple[tuple[str, ...], str]:
    options = proc.routes
    if not options:
        return (), ""
    if len(options) == 1:
        return (options[0].key,), ""
    kind = None if agreement is None else agreement.kind.value
    for option in options:
        if kind in option.suits and option.suited_reason:
            return (option.key,), f"route_suited.{option.suited_reason}"
    return tuple(o.key for o in options), f"route_choice.{proc.choice}" if proc.choice else ""


def route_agreement(
    agreement: Agreement | None, sent_on: date, rules: RuleSet | None = None
) -> AgreementRoute:
    """Where a draft agreed in the committee goes when it is sent on ``sent_on``.

    ``agreement`` may be ``None`` (a draft not yet recorded); when given, its
    kind picks the suited route and its recorded dates must agree with
    ``sent_on``. ``rules`` defaults to :data:`klu_rules.rules.ruleset.NATIONAL`; a
    local rule set answers with the national procedure it is layered on.
    The answer depends only on the ``agreement_procedure`` in force on
    ``sent_on``. Before 2011-04-01 no procedure is in force:
    :class:`~klu_rules.core.errors.NoRulesInForceError`.
    """
    day = check_date(sent_on, "sent_on")
    rule_set = get_rule_set("national") if rules is None else rules
    if not isinstance(rule_set, RuleSet):
        raise coded(InvalidValueError, "route_rules_not_rule_set", {"got": repr(rules)})
    if agreement is not None:
        if not isinstance(agreement, Agreement):
            raise coded(InvalidValueError, "route_not_agreement", {"got": repr(agreement)})
        if agreement.sent_on is not None and agreement.sent_on != day:
            raise coded(
                InvalidValueError,
                "route_sent_on_differs",
                {"id": repr(agreement.id), "recorded": agreement.sent_on, "day": day},
            )
        if agreement.drafted_on is not None and agreement.drafted_on > day:
            raise coded(
                InvalidIntervalError,
                "route_drafted_after_sent",
                {"id": repr(agreement.id), "drafted_on": agreement.drafted_on, "day": day},
            )
    try:
        rule = rule_set.in_force(day).get("agreement_procedure")
    except NoRulesInForceError:
        raise coded(NoRulesInForceError, "route_before_guideline", {"day": day}) from None
    value = str(rule.value)
    proc = procedure(value)
    suited, suited_reason = _suited(proc, agreement)
    agreement_id = None if agreement is None else agreement.id
    plo = PLO_SOURCES if proc.plo_description else ()
    findings: list[Finding] = []
    for option in (o for o in proc.routes if o.not_stated):
        findings.append(
            finding(
                "agreement.not-stated",
                sources=option.sources + plo,
                subject=agreement_id or "draft",
                route=option.key,
                not_stated=option.not_stated,
                sent_on=day,
                aspects="-".join(option.not_stated),
                route_sources=", ".join(option.sources),
                plo="given" if plo else "none",
            )
        )
    abolished = tuple(BODIES[k] for k in proc.abolished)
    findings += [_abolished_finding(b, day, agreement_id or "draft") for b in abolished]
    # the procedure is national: only the national layer's horizon says something about it
    national = rule_set if rule_set.parent is None else rule_set.parent
    findings += horizon_findings(national, day, subject=agreement_id or "draft")
    in_force_from = rule.entry.effective_from
    outcome: Literal["routed", "choose", "no_route"] = (
        "no_route" if not suited else "routed" if len(suited) == 1 else "choose"
    )
    return AgreementRoute(
        outcome=outcome,
        reason=f"agreement_route.{outcome}",
        parameters=Parameters(
            agreement=agreement_id,
            sent_on=day,
            agreement_procedure=value,
            in_force_from=in_force_from,
            procedure_sources=rule.sources,
        ),
        sources=merge_sources(
            rule.sources,
            ["VEJL2011"],
            *(o.sources for o in proc.routes),
            *(b.sources for b in abolished),
            plo,
        ),
        findings=tuple(findings),
        agreement_id=agreement_id,
        sent_on=day,
        procedure=value,
        in_force_from=in_force_from,
        options=proc.routes,
        suited=suited,
        suited_reason=suited_reason,
        committee_role=f"route_role.{proc.committee_role}",
        advice=tuple(f"route_advice.{a}" for a in proc.advice),
        plo_description=PLO_DESCRIPTION if plo else None,
        abolished=proc.abolished,
    )


def advance_agreement(
    agreement: Agreement,
    to: AgreementStatus | str,
    on: date,
    *,
    sent_to: str | None = None,
    kind: AgreementKind | str | None = None,
    rules: RuleSet | None = None,
    language: Language = "en",
) -> Agreement:
    """``agreement`` moved one step to ``to`` on the day ``on``.

    The steps are those of :data:`NEXT_STATUSES`: draft → sent → concluded →
    evaluated (evaluated again each year), or withdrawn from any step but the
    last. ``on`` may not lie before the agreement's last recorded date.

    - ``sent``: records ``sent_on`` and ``sent_to``. Without ``sent_to`` the
      recipient is taken from :func:`route_agreement` when one route is in
      force, and recorded as the body's name in ``language`` (``"det regionale
      sundhedssamarbejdsudvalg"`` / ``"the regional health cooperation
      committee"``); where two are (``VEJL2011``), say which. A ``sent_to``
      that names none of the bodies the route allows that day is an error.
    - ``concluded``: records ``concluded_on``; ``kind`` may say what it became
      (e.g. ``"binding"`` for a § 2 agreement).
    - ``evaluated``: records ``evaluated_on``.
    - ``withdrawn``: the date is added to the notes (an agreement has no
      withdrawal date of its own), in ``language`` (``"Trukket tilbage 1. december
      2022."`` / ``"Withdrawn on 1 December 2022."``), the language of the notes.
    """
    if not isinstance(agreement, Agreement):
        raise coded(InvalidValueError, "route_advance_not_agreement", {"got": repr(agreement)})
    target = parse_enum(AgreementStatus, to)
    day = check_date(on, "on")
    language = check_language(language)
    allowed = NEXT_STATUSES[agreement.status]
    if target not in allowed:
        raise coded(
            InvalidValueError,
            "route_step_not_allowed" if allowed else "route_step_none_left",
            {
                "id": repr(agreement.id),
                "status": repr(agreement.status.value),
                "target": repr(target.value),
                "next": tuple(repr(s.value) for s in allowed),
            },
        )
    a = agreement
    last = max(
        (d for d in (a.drafted_on, a.sent_on, a.concluded_on, a.evaluated_on) if d), default=day
    )
    if day < last:
        raise coded(
            InvalidIntervalError,
            "route_step_backwards",
            {"id": repr(agreement.id), "target": target.value, "day": day, "last": last},
        )
    if sent_to is not None and target is not AgreementStatus.SENT:
        raise coded(InvalidValueError, "route_sent_to_only_when_sent", {})
    if kind is not None and target is not AgreementStatus.CONCLUDED:
        raise coded(InvalidValueError, "route_kind_only_when_concluded", {})
    changes: dict[str, Any] = {"status": target}
    if target is AgreementStatus.WITHDRAWN:
        note = message("agreement_route.withdrawn_note", language, day=day)
        changes["notes"] = f"{agreement.notes}\n{note}" if agreement.notes else note
    else:
        changes[f"{target.value}_on"] = day  # sent_on, concluded_on or evaluated_on
    if target is AgreementStatus.SENT:
        changes["sent_to"] = _recipient(agreement, day, sent_to, rules, language)
    if kind is not None:
        changes["kind"] = parse_enum(AgreementKind, kind)
    return attrs.evolve(agreement, **changes)


def _recipient(
    agreement: Agreement,
    day: date,
    sent_to: str | None,
    rules: RuleSet | None,
    language: Language,
) -> str:
    route = route_agreement(
        attrs.evolve(agreement, status="draft", sent_on=None, concluded_on=None, evaluated_on=None),
        day,
        rules,
    )
    if sent_to is None:
        if len(route.options) == 1:
            return route.options[0].recipient(language)
        if not route.options:
            raise coded(
                InvalidValueError,
                "route_sent_to_needed_abolished",
                {"day": day, "bodies": route.abolished, "procedure": route.procedure},
            )
        raise coded(
            InvalidValueError,
            "route_sent_to_choose",
            {"day": day, "recipients": route.recipients, "procedure": route.procedure},
        )
    if not sent_to.strip():
        raise coded(InvalidValueError, "route_sent_to_blank", {})
    named = sent_to.casefold()
    # a body is named when its key starts a word of sent_to
    for gone in BODIES.values():
        if gone.exists_on(day) or not _names(named, gone.key):
            continue
        if gone.established_on is not None and day < gone.established_on:
            raise coded(
                InvalidValueError,
                "route_sent_to_not_yet",
                {
                    "id": repr(agreement.id),
                    "sent_to": repr(sent_to),
                    "day": day,
                    "body": gone.key,
                    "established_on": gone.established_on,
                    "source": gone.sources[0],
                },
            )
        raise coded(
            InvalidValueError,
            "route_sent_to_abolished",
            {
                "id": repr(agreement.id),
                "sent_to": repr(sent_to),
                "day": day,
                "body": gone.key,
                "abolished_on": gone.abolished_on,
            },
        )
    if not route.options:
        return sent_to  # no route is named in the sources: the body sent to is recorded as given
    if not any(_names(named, o.recipient_key) for o in route.options):
        raise coded(
            InvalidValueError,
            "route_sent_to_not_a_recipient",
            {
                "id": repr(agreement.id),
                "sent_to": repr(sent_to),
                "day": day,
                "procedure": route.procedure,
                "recipients": route.recipients,
            },
        )
    return sent_to


def _names(text: str, key: str) -> bool:
    """Whether ``key`` starts a word of ``text`` (both casefolded)."""
    return re.search(r"(?<!\w)" + re.escape(key), text) is not None
