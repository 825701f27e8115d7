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

Where the version in force does not say something, the answer is
:data:`NOT_STATED` with an ``agreement.not-stated`` finding, never a guess;
PLO's own description of who negotiates what (``PLO-K-COMP``) is given
beside it, cited as PLO's description. :func:`advance_agreement` moves an
:class:`~klu_rules.model.agreement.Agreement` through draft → sent → concluded →
evaluated (or withdrawn), checking each step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final

import attrs

from klu_rules.core.convert import parse_enum
from klu_rules.core.errors import InvalidIntervalError, InvalidValueError, NoRulesInForceError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.labels import ROUTE_DA
from klu_rules.model.agreement import Agreement, AgreementKind, AgreementStatus
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

PLO_DESCRIPTION: Final = (
    "PLO describes binding agreements as negotiated by PLO-R (the regional level) and "
    "voluntary agreements as possible directly between PLO-K (the local GP association) and "
    "the municipality."
)
"""PLO's own description of who negotiates what (``PLO-K-COMP``), not the agreement's text."""

KLU_CANNOT_CONCLUDE: Final = (
    "The committee can write guidelines, newsletters and information, but it cannot conclude "
    "a binding agreement itself: a draft agreed in the committee goes on to another body"
)

NEXT_STATUSES: Mapping[AgreementStatus, tuple[AgreementStatus, ...]] = {
    AgreementStatus.DRAFT: (AgreementStatus.SENT, AgreementStatus.WITHDRAWN),
    AgreementStatus.SENT: (AgreementStatus.CONCLUDED, AgreementStatus.WITHDRAWN),
    AgreementStatus.CONCLUDED: (AgreementStatus.EVALUATED, AgreementStatus.WITHDRAWN),
    AgreementStatus.EVALUATED: (AgreementStatus.EVALUATED, AgreementStatus.WITHDRAWN),
    AgreementStatus.WITHDRAWN: (),
}
"""The steps an agreement may take next; an evaluated agreement is evaluated again each year."""


def _answer(value: bool | str | None) -> Any:
    return NOT_STATED if value is None else value


@attrs.frozen(slots=True)
class RouteOption:
    """One way a draft can go: to whom, who concludes it, and what it then is.

    ``None`` in ``concluded_by``, ``agreement_form``, ``binding``,
    ``sanctionable`` or ``special_fee_paid_by`` means the sources do not say
    (shown as :data:`NOT_STATED`); :attr:`not_stated` lists those aspects.
    """

    key: str
    recipient: str
    recipient_key: str
    purpose: str
    concluded_by: str | None
    agreement_form: str | None
    binding: bool | None
    sanctionable: bool | None
    special_fee_paid_by: str | None
    use_when: str | None
    sources: tuple[str, ...]

    @property
    def title_da(self) -> str:
        """The route in Danish (``klu_rules.core.labels.ROUTE_DA``)."""
        return ROUTE_DA[self.key]

    @property
    def not_stated(self) -> tuple[str, ...]:
        """The aspects the sources do not state for this route."""
        aspects = (
            ("who concludes it", self.concluded_by),
            ("what kind of agreement it becomes", self.agreement_form),
            ("whether it binds the GPs", self.binding),
            ("whether it can be sanctioned", self.sanctionable),
            ("who pays any special fee", self.special_fee_paid_by),
        )
        return tuple(name for name, value in aspects if value is None)

    def explain(self) -> str:
        """One sentence with every aspect, :data:`NOT_STATED` where the sources are silent."""

        def yes_no(value: bool | None) -> str:
            return NOT_STATED if value is None else ("yes" if value else "no")

        return (
            f"Send it to {self.recipient} {self.purpose}; concluded by: "
            f"{_answer(self.concluded_by)}; becomes: {_answer(self.agreement_form)}; binding: "
            f"{yes_no(self.binding)}; sanctionable: {yes_no(self.sanctionable)}; special fee "
            f"paid by: {_answer(self.special_fee_paid_by)} ({', '.join(self.sources)})."
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping; unstated aspects are :data:`NOT_STATED`."""
        return {
            "key": self.key,
            "recipient": self.recipient,
            "purpose": self.purpose,
            "concluded_by": _answer(self.concluded_by),
            "agreement_form": _answer(self.agreement_form),
            "binding": _answer(self.binding),
            "sanctionable": _answer(self.sanctionable),
            "special_fee_paid_by": _answer(self.special_fee_paid_by),
            "use_when": _answer(self.use_when),
            "sources": list(self.sources),
        }


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


def _options(value: Iterable[RouteOption]) -> tuple[RouteOption, ...]:
    return tuple(value)


def _keys(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class AgreementRoute:
    """Where a draft sent on ``sent_on`` goes, by the procedure in force that day.

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

    agreement_id: str | None
    sent_on: date
    procedure: str
    in_force_from: date
    options: tuple[RouteOption, ...] = attrs.field(converter=_options)
    suited: tuple[str, ...] = attrs.field(converter=_keys)
    suited_reason: str
    committee_role: str
    advice: tuple[str, ...] = attrs.field(converter=_keys)
    plo_description: str | None
    reason: str
    sources: tuple[str, ...] = attrs.field(converter=_keys)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)

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

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs and the rule value the answer rests on."""
        return {
            "agreement": self.agreement_id,
            "sent_on": self.sent_on.isoformat(),
            "agreement_procedure": self.procedure,
            "in_force_from": self.in_force_from.isoformat(),
        }

    def explain(self) -> str:
        """The reason, each route, the committee's role, the advice and PLO's description."""
        lines = [self.reason]
        lines += [f"- ({o.key}) {o.explain()}" for o in self.options]
        lines.append(self.suited_reason)
        lines.append(self.committee_role)
        lines += list(self.advice)
        if self.plo_description:
            lines.append(f"PLO's description (PLO-K-COMP): {self.plo_description}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            **self.parameters,
            "reason": self.reason,
            "options": [o.to_dict() for o in self.options],
            "suited": list(self.suited),
            "suited_reason": self.suited_reason,
            "committee_role": self.committee_role,
            "advice": list(self.advice),
            "plo_description": self.plo_description,
            "sources": list(self.sources),
            "findings": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------
# the routes of each version

_SECTION_2 = RouteOption(
    key="section_2_agreement",
    recipient="the regional Samarbejdsudvalg",
    recipient_key="samarbejdsudvalg",
    purpose="asking that the agreement be formalised as a § 2 agreement",
    concluded_by="the regional Samarbejdsudvalg, formalising it as a § 2 agreement",
    agreement_form="§ 2 agreement",
    binding=True,
    sanctionable=True,
    special_fee_paid_by="region",
    use_when=(
        "binding obligations on the municipality's GPs are needed and breaches must be "
        "sanctionable, or a new task not paid under the agreement needs a special fee; the "
        "region pays the fee even when the agreement concerns one municipality"
    ),
    sources=("VEJL2011",),
)

_BILATERAL = RouteOption(
    key="bilateral_agreement",
    recipient="the regional praksisudvalg",
    recipient_key="praksisudvalg",
    purpose="for a bilateral agreement directly between the municipality and the praksisudvalg",
    concluded_by="the municipality and the regional praksisudvalg",
    agreement_form="bilateral agreement between the municipality and the praksisudvalg",
    binding=None,
    sanctionable=False,
    special_fee_paid_by="municipality",
    use_when=(
        "the agreement's sanction system is not relevant; a special fee in it is paid by the "
        "municipality that concludes it"
    ),
    sources=("VEJL2011",),
)

_PRACTICE_PLAN = RouteOption(
    key="practice_plan",
    recipient="the Praksisplanudvalg",
    recipient_key="praksisplanudvalg",
    purpose="to be worked into the practice plan",
    concluded_by=None,
    agreement_form=None,
    binding=None,
    sanctionable=None,
    special_fee_paid_by=None,
    use_when=None,
    sources=("OK22-102",),
)

_HEALTH_COOPERATION = RouteOption(
    key="health_cooperation_committee",
    recipient="the regional Sundhedssamarbejdsudvalg",
    recipient_key="sundhedssamarbejdsudvalg",
    purpose=(
        "which has taken over the Praksisplanudvalg's tasks, to be worked into the practice plan"
    ),
    concluded_by=None,
    agreement_form=None,
    binding=None,
    sanctionable=None,
    special_fee_paid_by=None,
    use_when=None,
    sources=("L191-2022", "OK22-102"),
)

_ROUTES: Mapping[str, tuple[RouteOption, ...]] = {
    "samarbejdsudvalg-or-praksisudvalg": (_SECTION_2, _BILATERAL),
    "praksisplanudvalg": (_PRACTICE_PLAN,),
    "sundhedssamarbejdsudvalg": (_HEALTH_COOPERATION,),
}

_CONSULTANT = (
    "It is recommended that the municipality's practice consultant is closely involved, both "
    "in drafting the agreement and in informing the municipality's GPs afterwards (VEJL2011)."
)


def _check_day(value: object, name: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(
            f"{name} must be a date such as date(2022, 3, 1) (not a datetime), got {value!r}"
        )
    return value


def _suited(
    options: tuple[RouteOption, ...], agreement: Agreement | None
) -> tuple[tuple[str, ...], str]:
    keys = tuple(o.key for o in options)
    if len(options) == 1:
        return keys, f"One route is in force: {options[0].key}."
    kind = None if agreement is None else agreement.kind
    if kind is AgreementKind.BINDING:
        return (
            (_SECTION_2.key,),
            "A binding agreement takes the § 2 route: only a § 2 agreement binds the "
            "municipality's GPs and can be sanctioned (VEJL2011).",
        )
    if kind is AgreementKind.VOLUNTARY:
        return (
            (_BILATERAL.key,),
            "A voluntary agreement fits the bilateral route, used where the sanction system is "
            "not relevant (VEJL2011).",
        )
    return (
        keys,
        "The committee chooses: the § 2 route where binding obligations or a special fee are "
        "needed, the bilateral route where sanctions are not relevant (VEJL2011).",
    )


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
    day = _check_day(sent_on, "sent_on")
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
    procedure = str(rule.value)
    options = _ROUTES[procedure]
    suited, suited_reason = _suited(options, agreement)
    agreement_id = None if agreement is None else agreement.id
    subject = agreement_id or "draft"
    ok22 = procedure != "samarbejdsudvalg-or-praksisudvalg"
    findings: list[Finding] = []
    for option in options:
        if not option.not_stated:
            continue
        plo = f" PLO's description (PLO-K-COMP): {PLO_DESCRIPTION}" if ok22 else ""
        findings.append(
            finding(
                "agreement.not-stated",
                f"For a draft sent on {day.isoformat()} to {option.recipient} "
                f"({', '.join(option.sources)}), the sources do not state "
                f"{_and(option.not_stated)}; the answer is '{NOT_STATED}', not a guess.{plo}",
                sources=option.sources + (("PLO-K-COMP",) if ok22 else ()),
                subject=subject,
                route=option.key,
                not_stated=list(option.not_stated),
                sent_on=day,
            )
        )
    role = f"{KLU_CANNOT_CONCLUDE} (VEJL2011)."
    if ok22:
        role += (
            " Under OK22 § 102 stk. 5 the committee may draft local agreements, which are sent "
            "on (OK22-102)."
        )
    recipients = _and(o.recipient for o in options)
    reason = (
        f"On {day.isoformat()} the agreement procedure in force is {procedure!r} (from "
        f"{rule.entry.effective_from.isoformat()}, {', '.join(rule.sources)}): a draft goes to "
        f"{recipients}."
    )
    sources = tuple(
        dict.fromkeys(
            (*rule.sources, "VEJL2011", *(s for o in options for s in o.sources))
            + (("PLO-K-COMP",) if ok22 else ())
        )
    )
    return AgreementRoute(
        agreement_id=agreement_id,
        sent_on=day,
        procedure=procedure,
        in_force_from=rule.entry.effective_from,
        options=options,
        suited=suited,
        suited_reason=suited_reason,
        committee_role=role,
        advice=() if ok22 else (_CONSULTANT,),
        plo_description=PLO_DESCRIPTION if ok22 else None,
        reason=reason,
        sources=sources,
        findings=findings,
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
    day = _check_day(on, "on")
    allowed = NEXT_STATUSES[agreement.status]
    if target not in allowed:
        nxt = _and(repr(s.value) for s in allowed) if allowed else "no further step"
        raise InvalidValueError(
            f"agreement {agreement.id!r} is {agreement.status.value!r} and cannot become "
            f"{target.value!r}; its next step can be {nxt} (draft → sent → concluded → "
            "evaluated, or withdrawn)"
        )
    dates = [
        d
        for d in (
            agreement.drafted_on,
            agreement.sent_on,
            agreement.concluded_on,
            agreement.evaluated_on,
        )
        if d is not None
    ]
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
