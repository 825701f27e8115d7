"""A committee file to start from (``klu-rules init``), and meetings as a file fragment.

:func:`committee_template` writes a commented committee file for one of the 98
municipalities (:mod:`klu_rules.model.geography`): the municipality, its region on
1 January of the year, the national rules, a placeholder for each seat the
national rules name (marked ``placeholder = true``; plans note them, see
:mod:`klu_rules.checks.placeholders`), the meetings
:func:`~klu_rules.checks.proposal.propose_calendar` proposes for the year, and the
next steps as comments. :func:`meetings_fragment` writes the ``[[meetings]]``
tables of a proposal, to paste into a committee file. Comments are in the
language asked for; the file loads with :func:`~klu_rules.io.committee_file.load_committee`
and plans at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from klu_rules.checks.proposal import CalendarProposal, propose_calendar
from klu_rules.core import toml as _toml
from klu_rules.core.convert import check_year
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import message
from klu_rules.core.timeutil import get_zone
from klu_rules.io.committee_file import SCHEMA_VERSION
from klu_rules.model.geography import Municipality, find_municipality, region_of
from klu_rules.rules.ruleset import get_rule_set

__all__ = ["PLACEHOLDER_SEATS", "committee_id", "committee_template", "meetings_fragment"]

PLACEHOLDER_SEATS: tuple[tuple[str, str, str, bool, str], ...] = (
    ("placeholder-chair", "municipality", "chair", False, "memberships"),
    ("placeholder-doctor-1", "general_practice", "doctor_member", True, "memberships"),
    ("placeholder-doctor-2", "general_practice", "doctor_member", True, "memberships"),
    ("placeholder-municipal-1", "municipality", "municipal_representative", False, "memberships"),
    ("placeholder-secretary", "municipality", "secretary", False, "secretariat"),
)
"""(person id, side, role, a doctor, the list it goes in) of each placeholder seat: the
chair, the two doctor seats of the national rules, one municipal representative and
the secretary."""


def _comment(text: str) -> list[str]:
    """``text`` as comment lines (``#``), one per line of the text."""
    return [f"# {line}".rstrip() for line in text.splitlines()]


_NAMES = {
    "program": "klu-rules",
    "meetings_table": "[[meetings]]",
    "people_table": "[[people]]",
    "rules_key": 'rules = "national"',
}
"""Names in the comments that are the same in every language."""


def _say(key: str, language: Language, **parameters: Any) -> str:
    return message(f"init.{key}", language, **_NAMES, **parameters)


def committee_id(municipality: Municipality) -> str:
    """``klu-odense``, ``klu-aeroe``, ``klu-hoeje-taastrup``: a stable id for its KLU."""
    return f"klu-{municipality.slug}"


def committee_template(
    municipality: Municipality | str | int,
    year: int,
    *,
    language: Language = "da",
    proposal: CalendarProposal | None = None,
    file: str | None = None,
) -> str:
    """The commented committee file for ``municipality``'s KLU in ``year``.

    ``municipality`` is a :class:`~klu_rules.model.geography.Municipality`, a code
    or a name (as :func:`~klu_rules.model.geography.find_municipality` takes it);
    ``proposal`` the meetings to write (default: :func:`propose_calendar` on the
    national rules for ``year``); ``file`` the name the file is saved under, which its
    comments use in the commands to run next (default: ``<committee id>.toml``).
    """
    language = check_language(language)
    year = check_year(year)
    found = (
        municipality if isinstance(municipality, Municipality) else find_municipality(municipality)
    )
    on = dt.date(year, 1, 1)
    region = region_of(found, on)
    rules = get_rule_set("national")
    if proposal is None:
        proposal = propose_calendar(rules, year)
    name = f"KLU {found.name}"
    stem = committee_id(found)
    lines = [
        *_comment(_say("header", language, name=name)),
        "#",
        *_comment(
            _say(
                "municipality",
                language,
                municipality=found.name,
                code=found.code,
                on=on,
                region=region.name,
            )
        ),
        *_comment(_say("rules", language, title=rules.title)),
        "#",
        *_comment(_say("placeholders", language)),
        "#",
        *_comment(
            _say(
                "next_steps",
                language,
                file=file or f"{stem}.toml",
                stem=PurePath(file).stem if file else stem,
                year=year,
                next=year + 1,
            )
        ),
        "",
    ]
    head = {
        "schema_version": SCHEMA_VERSION,
        "committee": {
            "id": committee_id(found),
            "name": name,
            "municipality": found.name,
            "region": region.name,
            "rules": rules.name,
            "year": year,
        },
    }
    lines.append(_toml.dumps(head).rstrip("\n"))
    lines += ["", *_comment(_say("people_comment", language)), ""]
    people: list[dict[str, Any]] = []
    seats: dict[str, list[dict[str, str]]] = {"memberships": [], "secretariat": []}
    for person_id, side, role, doctor, where in PLACEHOLDER_SEATS:
        number = person_id.rsplit("-", 1)[-1]
        title = message(f"init_seat.{role}", language, number=number)
        people.append(
            {
                "id": person_id,
                "name": _say("placeholder_name", language, seat=title),
                "doctor": doctor or None,
                "placeholder": True,
            }
        )
        seats[where].append({"person": person_id, "side": side, "role": role})
    lines.append(_toml.dumps({"people": people}).rstrip("\n"))
    lines += ["", _toml.dumps(seats).rstrip("\n"), ""]
    lines += _comment(
        _say("meetings_comment", language, year=year, rules=proposal.parameters["rules"])
    )
    lines.append(meetings_fragment(proposal, language, comment=False).rstrip("\n"))
    return "\n".join(lines) + "\n"


def meetings_fragment(
    proposal: CalendarProposal, language: Language = "da", *, comment: bool = True
) -> str:
    """The proposed meetings as ``[[meetings]]`` tables of a committee file, after a comment
    (``comment=False``: without it)."""
    language = check_language(language)
    p = proposal.parameters
    lines = (
        []
        if not comment
        else _comment(
            message(
                "propose.fragment_comment",
                language,
                program=_NAMES["program"],
                year=proposal.year,
                meetings=len(proposal.meetings),
                rules=p["rules"],
            )
        )
    )
    zone = get_zone(p["timezone"])  # local times of the committee's zone, without offset
    tables = []
    for plan in proposal.meetings:
        meeting = plan.meeting
        end = meeting.end
        tables.append(
            {
                "id": meeting.id,
                "start": meeting.start.astimezone(zone).replace(tzinfo=None),
                "end": None if end is None else end.astimezone(zone).replace(tzinfo=None),
            }
        )
    return "\n".join([*lines, _toml.dumps({"meetings": tables}).rstrip("\n")]) + "\n"
