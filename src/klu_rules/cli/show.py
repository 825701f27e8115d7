"""``klu-rules show``: print a committee, its members and its meetings."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any

from klu_rules.checks.placeholders import placeholder_findings
from klu_rules.cli._common import (
    add_committee_options,
    add_format_option,
    committee_from_args,
    meeting_line,
)
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import message
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import local_date
from klu_rules.io.committee_file import meeting_timezone, rfc3339
from klu_rules.model.committee import Committee
from klu_rules.model.geography import bare_name, place_findings, region_findings, region_name
from klu_rules.model.people import Person

__all__ = ["add_arguments", "render_text", "warn"]


def warn(findings: Iterable[Finding], language: Language) -> None:
    """Print each finding as ``klu-rules: advarsel: ...`` on standard error (the names that
    are none of the municipalities or regions, the placeholder people: the output itself
    stays as it is)."""
    for item in findings:
        text = message("cli_place.warning", language, program="klu-rules", text=item.text(language))
        print(text, file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``show`` subcommand."""
    add_committee_options(parser)
    add_format_option(parser)
    parser.set_defaults(func=run)


def _mark(person: Person, language: Language) -> str:
    """`` [placeholder, not a member]`` after a placeholder's name (``klu-rules init``
    writes them), so no placeholder is shown as a member; nothing after a person."""
    return " " + message("show_people.placeholder", language) if person.placeholder else ""


def render_text(committee: Committee, language: Language = "en") -> str:
    """The committee, its members, secretariat and meetings, in ``language``; a placeholder
    person is marked as one."""
    language = check_language(language)
    lines = [
        message(
            "show.title",
            language,
            name=committee.name,
            municipality=bare_name(committee.municipality),
            region=region_name(committee.region),
        ),
        message("show.rules", language, title=committee.rule_set.title),
        "",
        message("show.members", language) + ":",
    ]
    for m in committee.memberships:
        extra = ", ".join(x for x in (m.title, m.organisation) if x)
        role = message(f"role.{m.role.value}", language)
        lines.append(
            f"  - {m.person.name} — {role}"
            + (f" ({extra})" if extra else "")
            + _mark(m.person, language)
        )
    if committee.secretariat:
        lines += ["", message("show.secretariat", language) + ":"]
        for m in committee.secretariat:
            lines.append(
                f"  - {m.person.name}"
                + (f" ({m.organisation})" if m.organisation else "")
                + _mark(m.person, language)
            )
    lines += ["", message("show.meetings", language) + ":"]
    lines += [f"  - {meeting_line(m, committee.timezone, language)}" for m in committee.meetings]
    return "\n".join(lines)


JSON_SCHEMA = "klu-rules/show/1"
"""The schema id of ``show --format json`` (shipped, see :mod:`klu_rules.io.schemas`)."""


def _json(committee: Committee) -> dict[str, Any]:
    return {
        "schema": JSON_SCHEMA,
        "id": committee.id,
        "name": committee.name,
        "municipality": committee.municipality,
        "region": committee.region,
        "timezone": committee.timezone,
        "rules": committee.rule_set.name,
        "members": [
            {
                "person": m.person.id,
                "name": m.person.name,
                "side": m.side.value,
                "role": m.role.value,
                "organisation": m.organisation,
                "title": m.title,
                "placeholder": m.person.placeholder,
            }
            for m in committee.memberships
        ],
        "secretariat": [
            {
                "person": m.person.id,
                "name": m.person.name,
                "organisation": m.organisation,
                "placeholder": m.person.placeholder,
            }
            for m in committee.secretariat
        ],
        "meetings": [
            {
                "id": m.id,
                "start": rfc3339(m.start),
                "end": None if m.end is None else rfc3339(m.end),
                "timezone": meeting_timezone(m, committee.timezone),
                "kind": m.kind.value,
                "status": m.status.value,
            }
            for m in committee.meetings
        ],
    }


def run(args: argparse.Namespace) -> int:
    committee = committee_from_args(args)
    warn(place_findings([committee.municipality], committee.region), args.lang)
    warn(placeholder_findings(committee), args.lang)  # as plan notes them: not members
    days = sorted(local_date(m.start, committee.timezone) for m in committee.meetings)
    if committee.year is not None:
        days += [date(committee.year, 1, 1), date(committee.year, 12, 31)]
    if days:  # the region as it was on the days the file is about (LOV-699-2025)
        region = region_findings(committee.municipality, committee.region, min(days), max(days))
        warn(region, args.lang)
    if args.format == "json":
        print(json.dumps(_json(committee), ensure_ascii=False, indent=2))
    else:
        print(render_text(committee, args.lang))
    return 0
