"""Where a draft local agreement goes (*indgåelse af aftaler*), and its life cycle.

The committee cannot conclude binding agreements itself: it can write
guidelines, newsletters and information, and it drafts agreements that go on
to another body (``VEJL2011``, "Udvalgets kompetencer og indgåelse af
aftaler"). :func:`route_agreement` answers, for the day a draft is sent,
where it goes, who concludes it, whether it binds and can be sanctioned, and
who pays any special fee, by the ``agreement_procedure`` in force that day
(``RULES.md`` § 7):

- from 2011-04-01 (``VEJL2011``) two routes: (a) to the regional
  *Samarbejdsudvalg*, asking for a **§ 2 agreement**: binding on the
  municipality's GPs, sanctionable, any special fee paid by the **region**;
  (b) to the regional *praksisudvalg* for a **bilateral agreement** between
  the municipality and the praksisudvalg: not sanctionable, any special fee
  paid by the **municipality**;
- from 2022-01-01 (``OK22-102`` stk. 5) drafts go to the
  *Praksisplanudvalg*, to be worked into the practice plan;
- from 2022-07-01 (``L191-2022``) the Praksisplanudvalg is abolished and its
  tasks pass to the regional *Sundhedssamarbejdsudvalg*.

The routes of each procedure are data (``klu_rules/data/agreement_routes.toml``,
read by :mod:`klu_rules.rules.agreement_routes`). Where the version in force
does not say something, the answer is :data:`NOT_STATED` with an
``agreement.not-stated`` finding, never a guess;
PLO's own description of who negotiates what (``PLO-K-COMP``) is given
beside it, cited as PLO's description. :func:`advance_agreement` moves an
:class:`~klu_rules.model.agreement.Agreement` through draft → sent → concluded →
evaluated (or withdrawn), checking each step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final, Literal

import attrs

from klu_rules.core.convert import check_date, parse_enum
from klu_rules.core.errors import InvalidIntervalError, InvalidValueError, NoRulesInForceError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.result import Parameters, Result
from klu_rules.model.agreement import Agreement, AgreementKind, AgreementStatus
from klu_rules.rules.agreement_routes import (
    PLO_DESCRIPTION,
    PLO_SOURCES,
    Procedure,
    RouteOption,
    procedure,
)
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

NOT_STATED: Final = "not stated in the sources"
"""The answer where the version in force is silent."""

NEXT_STATUSES: Mapping[AgreementStatus, tuple[AgreementStatus, ...]] = {
    AgreementStatus.DRAFT: (AgreementStatus.SENT, AgreementStatus.WITHDRAWN),
    AgreementStatus.SENT: (AgreementStatus.CONCLUDED, AgreementStatus.WITHDRAWN),
    AgreementStatus.CONCLUDED: (AgreementStatus.EVALUATED, AgreementStatus.WITHDRAWN),
    AgreementStatus.EVALUATED: (AgreementStatus.EVALUATED, AgreementStatus.WITHDRAWN),
    AgreementStatus.WITHDRAWN: (),
}
"""The steps an agreement may take next; an evaluated agreement is evaluated again each year."""


@attrs.frozen(kw_only=True)
class AgreementRoute(Result):
    """Where a draft sent on ``sent_on`` goes, by the procedure in force that day.

    - ``outcome``: ``"routed"`` when one route suits the draft, ``"choose"``
      when the committee chooses between the routes in force;
    - ``procedure``: the ``agreement_procedure`` value in force, taking effect
      on ``in_force_from``;
    - ``options``: the routes; ``suited`` the keys of those that fit the
      agreement's kind, with ``suited_reason``;
    - ``committee_role``: what the committee itself can do; ``advice``: what
      the sources recommend along the way;
    - ``plo_description``: PLO's description (``PLO-K-COMP``) where the
      agreement is silent, else ``None``;
    - ``findings``: ``agreement.not-stated`` for what the sources do not say.
    """

    outcome: Literal["routed", "choose"]
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

    @property
    def recipients(self) -> tuple[str, ...]:
        """The bodies a draft can be sent to."""
        return tuple(o.recipient for o in self.options)

    def option(self, key: str) -> RouteOption:
        """The route ``key``."""
        for option in self.options:
            if option.key == key:
                return option
        raise InvalidValueError(
            f"no route {key!r} on {self.sent_on.isoformat()}; the routes are "
            + ", ".join(o.key for o in self.options)
        )

    def explain(self) -> str:
        """The reason, each route, the committee's role, the advice and PLO's description."""
        lines = [self.reason]
        lines += [f"- ({o.key}) {_explain_option(o)}" for o in self.options]
        lines += [self.suited_reason, self.committee_role, *self.advice]
        if self.plo_description:
            lines.append(f"PLO's description (PLO-K-COMP): {self.plo_description}")
        return "\n".join(lines)


def _explain_option(o: RouteOption) -> str:
    def answer(value: bool | str | None) -> str:
        if value is None:
            return NOT_STATED
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value

    return (
        f"Send it to {o.recipient} {o.purpose}; concluded by: {answer(o.concluded_by)}; "
        f"becomes: {answer(o.agreement_form)}; binding: {answer(o.binding)}; sanctionable: "
        f"{answer(o.sanctionable)}; special fee paid by: {answer(o.special_fee_paid_by)} "
        f"({', '.join(o.sources)})."
    )


def _suited(proc: Procedure, agreement: Agreement | None) -> tuple[tuple[str, ...], str]:
    options = proc.routes
    if len(options) == 1:
        return (options[0].key,), f"One route is in force: {options[0].key}."
    kind = None if agreement is None else agreement.kind.value
    for option in options:
        if kind in option.suits and option.suited_reason:
            return (option.key,), option.suited_reason
    return tuple(o.key for o in options), proc.choice or ""


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
        raise InvalidValueError(f"rules must be a RuleSet such as NATIONAL, got {rules!r}")
    if agreement is not None:
        if not isinstance(agreement, Agreement):
            raise InvalidValueError(
                f"route_agreement takes an Agreement or None, got {agreement!r}"
            )
        if agreement.sent_on is not None and agreement.sent_on != day:
            raise InvalidValueError(
                f"agreement {agreement.id!r} is recorded as sent on "
                f"{agreement.sent_on.isoformat()}, not {day.isoformat()}; route it by the day "
                "it was sent"
            )
        if agreement.drafted_on is not None and agreement.drafted_on > day:
            raise InvalidIntervalError(
                f"agreement {agreement.id!r} is drafted on {agreement.drafted_on.isoformat()}, "
                f"after {day.isoformat()}; a draft is sent after it is drafted"
            )
    try:
        rule = rule_set.in_force(day).get("agreement_procedure")
    except NoRulesInForceError:
        raise NoRulesInForceError(
            f"no agreement procedure is in force on {day.isoformat()}: the national KLU "
            "guideline (VEJL2011) takes effect on 2011-04-01, and klu_rules holds no route for a "
            "draft sent before then"
        ) from None
    value = str(rule.value)
    proc = procedure(value)
    suited, suited_reason = _suited(proc, agreement)
    agreement_id = None if agreement is None else agreement.id
    plo = PLO_SOURCES if proc.plo_description else ()
    findings: list[Finding] = []
    for option in proc.routes:
        if not option.not_stated:
            continue
        described = f" PLO's description (PLO-K-COMP): {PLO_DESCRIPTION}" if plo else ""
        findings.append(
            finding(
                "agreement.not-stated",
                f"For a draft sent on {day.isoformat()} to {option.recipient} "
                f"({', '.join(option.sources)}), the sources do not state "
                f"{_and(option.not_stated)}; the answer is '{NOT_STATED}', not a guess.{described}",
                sources=option.sources + plo,
                subject=agreement_id or "draft",
                route=option.key,
                not_stated=option.not_stated,
                sent_on=day,
            )
        )
    recipients = _and(o.recipient for o in proc.routes)
    in_force_from = rule.entry.effective_from
    return AgreementRoute(
        outcome="routed" if len(suited) == 1 else "choose",
        reason=(
            f"On {day.isoformat()} the agreement procedure in force is {value!r} (from "
            f"{in_force_from.isoformat()}, {', '.join(rule.sources)}): a draft goes to "
            f"{recipients}."
        ),
        parameters=Parameters(
            agreement=agreement_id,
            sent_on=day,
            agreement_procedure=value,
            in_force_from=in_force_from,
        ),
        sources=tuple(
            dict.fromkeys(
                (*rule.sources, "VEJL2011", *(s for o in proc.routes for s in o.sources), *plo)
            )
        ),
        findings=tuple(findings),
        agreement_id=agreement_id,
        sent_on=day,
        procedure=value,
        in_force_from=in_force_from,
        options=proc.routes,
        suited=suited,
        suited_reason=suited_reason,
        committee_role=proc.committee_role,
        advice=proc.advice,
        plo_description=PLO_DESCRIPTION if plo else None,
    )


def _and(items: Iterable[str]) -> str:
    values = list(items)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def _names_body(sent_to: str, key: str) -> bool:
    """True when ``sent_to`` names the body ``key`` (it starts a word of ``sent_to``)."""
    return re.search(r"(?<!\w)" + re.escape(key), sent_to.casefold()) is not None


def advance_agreement(
    agreement: Agreement,
    to: AgreementStatus | str,
    on: date,
    *,
    sent_to: str | None = None,
    kind: AgreementKind | str | None = None,
    rules: RuleSet | None = None,
) -> Agreement:
    """``agreement`` moved one step to ``to`` on the day ``on``.

    The steps are those of :data:`NEXT_STATUSES`: draft → sent → concluded →
    evaluated (evaluated again each year), or withdrawn from any step but the
    last. ``on`` may not lie before the agreement's last recorded date.

    - ``sent``: records ``sent_on`` and ``sent_to``. Without ``sent_to`` the
      recipient is taken from :func:`route_agreement` when one route is in
      force; where two are (``VEJL2011``), say which. A ``sent_to`` that names
      none of the bodies the route allows that day is an error.
    - ``concluded``: records ``concluded_on``; ``kind`` may say what it became
      (e.g. ``"binding"`` for a § 2 agreement).
    - ``evaluated``: records ``evaluated_on``.
    - ``withdrawn``: the date is added to the notes (an agreement has no
      withdrawal date of its own).
    """
    if not isinstance(agreement, Agreement):
        raise InvalidValueError(f"advance_agreement takes an Agreement, got {agreement!r}")
    target = parse_enum(AgreementStatus, to)
    day = check_date(on, "on")
    allowed = NEXT_STATUSES[agreement.status]
    if target not in allowed:
        nxt = _and(repr(s.value) for s in allowed) if allowed else "no further step"
        raise InvalidValueError(
            f"agreement {agreement.id!r} is {agreement.status.value!r} and cannot become "
            f"{target.value!r}; its next step can be {nxt} (draft → sent → concluded → "
            "evaluated, or withdrawn)"
        )
    a = agreement
    dates = [d for d in (a.drafted_on, a.sent_on, a.concluded_on, a.evaluated_on) if d]
    if dates and day < max(dates):
        raise InvalidIntervalError(
            f"agreement {agreement.id!r}: {target.value} on {day.isoformat()} is before its last "
            f"recorded step ({max(dates).isoformat()}); steps go forward in time"
        )
    if sent_to is not None and target is not AgreementStatus.SENT:
        raise InvalidValueError("sent_to applies when the agreement is sent (to='sent')")
    if kind is not None and target is not AgreementStatus.CONCLUDED:
        raise InvalidValueError("kind applies when the agreement is concluded (to='concluded')")
    changes: dict[str, Any] = {"status": target}
    if target is AgreementStatus.SENT:
        changes.update(sent_on=day, sent_to=_recipient(agreement, day, sent_to, rules))
    elif target is AgreementStatus.CONCLUDED:
        changes["concluded_on"] = day
        if kind is not None:
            changes["kind"] = parse_enum(AgreementKind, kind)
    elif target is AgreementStatus.EVALUATED:
        changes["evaluated_on"] = day
    else:
        note = f"Withdrawn on {day.isoformat()}."
        changes["notes"] = f"{agreement.notes}\n{note}" if agreement.notes else note
    return attrs.evolve(agreement, **changes)


def _recipient(agreement: Agreement, day: date, sent_to: str | None, rules: RuleSet | None) -> str:
    route = route_agreement(
        attrs.evolve(agreement, status="draft", sent_on=None, concluded_on=None, evaluated_on=None),
        day,
        rules,
    )
    if sent_to is None:
        if len(route.options) == 1:
            return route.options[0].recipient
        raise InvalidValueError(
            f"on {day.isoformat()} a draft can go to {_and(route.recipients)} "
            f"({route.procedure}, VEJL2011); say which with sent_to"
        )
    if not sent_to.strip():
        raise InvalidValueError("sent_to must name the body the draft was sent to")
    if not any(_names_body(sent_to, o.recipient_key) for o in route.options):
        raise InvalidValueError(
            f"agreement {agreement.id!r} is sent to {sent_to!r} on {day.isoformat()}, but the "
            f"procedure in force that day ({route.procedure}) sends drafts to "
            f"{_and(route.recipients)}; name one of them in sent_to"
        )
    return sent_to
