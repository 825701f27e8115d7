"""The rules in force on one day, as a secretary prints them (``klu-rules rules --on``).

:func:`snapshot` collects, for a rule set and a day from 2011-04-01 on, every
rule in force with its value (and whether the value is a minimum or a maximum:
``bound``), the layer it comes from, its source, the day it
took effect (and whether that day is assumed), its status (``stated``,
``assumption`` or ``convention``), the horizon of each layer with any
``rules.beyond-horizon`` finding, the GP agreements in force and the bodies a
draft or evaluation note can go to that day. :func:`render` writes it as text
in Danish or English, or as JSON (schema ``klu-rules/rules/1``,
``klu_rules/data/schemas/rules.schema.json``).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any, Final

from klu_rules.core.forms import format_number
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import catalogue, message
from klu_rules.core.money import Money
from klu_rules.core.result import Finding
from klu_rules.core.sources import source_of
from klu_rules.rules.agreement_routes import BODIES, agreements_on
from klu_rules.rules.entries import RuleStatus, RuleValue
from klu_rules.rules.horizon import assumed_rules, horizon_findings, horizons
from klu_rules.rules.ruleset import ResolvedRule, RuleSet
from klu_rules.text._forms import finding_line

__all__ = ["JSON_SCHEMA", "SNAPSHOT_FORMATS", "render", "snapshot"]

JSON_SCHEMA: Final = "klu-rules/rules/1"
SNAPSHOT_FORMATS: Final = ("text", "json")

_UNITS = ("days", "weeks", "months", "minutes", "hours")
_VALUE_LABELS: Final = {
    "honorarium_payer": "payer",
    "nursing_home_fee_payer": "payer",
    "roll_before": "deadline_roll",
    "roll_after": "deadline_roll",
    "agreement_procedure": "rule_value_procedure",
    "agenda_prepared_by": "seeds_preparer",
    "doctor_members_appointed_by": "seeds_appointer",
    "doctor_appointment_guided_by": "rule_value_body",
    "evaluation_recipient": "rule_value_body",
}
"""The catalogue section that writes a rule's coded values in words, by rule key."""
_DECIMAL = re.compile(r"-?\d+\.\d+")
_STATUS = {
    RuleStatus.RULE: "stated",
    RuleStatus.ASSUMPTION: "assumption",
    RuleStatus.CONVENTION: "convention",
}


def _value(value: RuleValue) -> Any:
    if isinstance(value, Money):
        return {"amount": str(value.amount), "price_level": value.price_level}
    if isinstance(value, bool | int):
        return value
    return str(value)


def _day_assumed(rule: ResolvedRule) -> bool:
    """Whether the day the value took effect is an assumed day of a cited source."""
    entry = rule.entry
    cited = [source_of(s) for s in entry.sources]
    return any(
        s is not None and s.day_assumed and s.effective == entry.effective_from for s in cited
    )


def _continued(rule: ResolvedRule, rule_set: RuleSet, on: date) -> bool:
    """Whether ``rule``'s stated value is only assumed to continue on ``on``: its layer's
    data says its values are assumed from ``assumed_from`` on (a text on them was not
    found) and the value was stated before that day, or ``on`` lies past the layer's
    horizon and the value is one of those assumed to continue (:func:`assumed_rules`)."""
    entry = rule.entry
    if entry.status is not RuleStatus.RULE:
        return False  # an assumption or a convention says so itself
    layer = rule_set if rule.applied == "local" or rule_set.parent is None else rule_set.parent
    since = layer.assumed_from
    if since is not None and on >= since and entry.effective_from < since:
        return True
    return rule.key in assumed_rules(layer, on)[0]


def _rule(rule: ResolvedRule, rule_set: RuleSet, on: date) -> dict[str, Any]:
    entry = rule.entry
    layer = rule_set.name if rule.applied == "local" or rule_set.parent is None else "national"
    return {
        "key": rule.key,
        "value": _value(rule.value),
        "rule_set": layer,
        "effective_from": entry.effective_from.isoformat(),
        "effective_from_assumed": _day_assumed(rule),
        "sources": list(rule.sources),
        "status": _STATUS[entry.status],
        "assumed_to_continue": _continued(rule, rule_set, on),
        "bound": entry.bound,
        "beyond_bound": rule.beyond_bound,
        "note": entry.note,
    }


def snapshot(rule_set: RuleSet, on: date) -> dict[str, Any]:
    """Every rule of ``rule_set`` in force on ``on``, with its horizon (JSON-ready).

    Raises :class:`~klu_rules.core.errors.NoRulesInForceError` before the first
    national rule (2011-04-01 for the shipped rules).
    """
    in_force = rule_set.in_force(on)
    findings = [*in_force.findings(), *horizon_findings(rule_set, on)]
    return {
        "schema": JSON_SCHEMA,
        "on": on.isoformat(),
        "rule_set": rule_set.name,
        "title": rule_set.title,
        "horizon": [
            {
                "rule_set": h.rule_set,
                "complete_until": None
                if h.complete_until is None
                else h.complete_until.isoformat(),
                "beyond": h.complete_until is not None and on > h.complete_until,
                "assumed_from": None if h.assumed_from is None else h.assumed_from.isoformat(),
            }
            for h in horizons(rule_set)
        ],
        "rules": [_rule(r, rule_set, on) for r in sorted(in_force.resolved(), key=lambda r: r.key)],
        "agreements": [
            {
                "key": a.key,
                "in_force_from": None if a.in_force_from is None else a.in_force_from.isoformat(),
                "in_force_until": None
                if a.in_force_until is None
                else a.in_force_until.isoformat(),
                "section_102": a.section_102,
                "sources": list(a.sources),
            }
            for a in agreements_on(on)
        ],
        "bodies": [
            {
                "key": b.key,
                "exists": b.exists_on(on),
                "established_on": None
                if b.established_on is None
                else b.established_on.isoformat(),
                "abolished_on": None if b.abolished_on is None else b.abolished_on.isoformat(),
                "successor": b.successor,
                "verified": b.verified,
                "sources": list(b.sources),
            }
            for b in BODIES.values()
            if b.established_on is None or b.established_on <= on
        ],
        "findings": [f.to_dict() for f in findings],
    }


def _say(key: str, language: Language, **parameters: Any) -> str:
    return message(f"rules_snapshot.{key}", language, **parameters)


def _label(section: str, value: str, language: Language) -> str | None:
    """``section.value`` of the catalogue, or ``None`` where it has no such text."""
    key = f"{section}.{value}"
    return message(key, language) if key in catalogue(language) else None


def _shown(value: Any, language: Language, key: str = "") -> str:
    if isinstance(value, str) and key in _VALUE_LABELS:
        return _label(_VALUE_LABELS[key], value, language) or value
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return format_number(Decimal(value), language)
    if isinstance(value, dict):
        return _say("money", language, amount=Decimal(value["amount"]), level=value["price_level"])
    if isinstance(value, bool):
        return _say("yes" if value else "no", language)
    if isinstance(value, str) and value.split(" ")[-1] in _UNITS:
        return _say("period", language, value=value)
    return str(value)


def _text(data: dict[str, Any], language: Language) -> str:
    lines = [
        _say("title", language, on=data["on"]),
        f"{_say('rule_set', language)}: {data['title']} — {data['rule_set']}",
    ]
    for h in data["horizon"]:
        key = "horizon_none" if h["complete_until"] is None else "horizon"
        key += "_assumed" if h["assumed_from"] is not None else ""
        until, assumed = h["complete_until"] or data["on"], h["assumed_from"]
        lines.append(_say(key, language, rule_set=h["rule_set"], until=until, assumed=assumed))
    lines += [finding_line(Finding.from_dict(item), language) for item in data["findings"]]
    lines += ["", f"{_say('rules', language)}:"]
    for rule in data["rules"]:
        since = _say(
            "since_assumed" if rule["effective_from_assumed"] else "since",
            language,
            day=rule["effective_from"],
        )
        sources = ", ".join(rule["sources"]) or _say("no_source", language)
        status = _say(f"status_{rule['status']}", language)
        if rule["assumed_to_continue"]:
            status = _say("continued", language, status=status)
        shown = _shown(rule["value"], language, rule["key"])
        if rule["bound"] is not None:  # a minimum or a maximum, not a fixed value
            shown = _say(f"bound_{rule['bound']}", language, value=shown)
        lines.append(
            f"  {rule['key']} = {shown} ({rule['rule_set']}; {since}; {sources}; {status})"
        )
    lines += ["", f"{_say('agreements', language)}:"]
    for a in data["agreements"]:
        lines.append(
            f"  {_label('gp_agreement', a['key'], language) or a['key']} "
            f"({', '.join(a['sources'])}): " + _say(f"section_102_{a['section_102']}", language)
        )
    if not data["agreements"]:
        lines.append(f"  {_say('no_agreement', language)}")
    lines += ["", f"{_say('bodies', language)}:"]
    # past the national horizon a body with no known end is only assumed to exist still:
    # the bodies are national data (agreement_routes.toml), so a local layer's horizon
    # says nothing about them (the national layer is the last of the horizons)
    national = data["horizon"][-1]
    for b in data["bodies"]:
        name = message(f"body.{b['key']}", language)
        if b["exists"] and national["beyond"] and b["abolished_on"] is None:
            day = national["complete_until"]
            lines.append(f"  {name}: {_say('exists_assumed', language, day=day)}")
        elif b["exists"]:
            lines.append(f"  {name}: {_say('exists', language)}")
        else:
            lines.append(
                f"  {name}: "
                + _say(
                    "abolished", language, day=b["abolished_on"], successor=b["successor"] or "none"
                )
            )
    return "\n".join(lines) + "\n"


def render(rule_set: RuleSet, on: date, fmt: str = "text", language: Language = "en") -> str:
    """The snapshot of ``rule_set`` on ``on`` as ``fmt`` (``text`` or ``json``)."""
    language = check_language(language)
    data = snapshot(rule_set, on)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _text(data, language)
