"""The committee's composition on one day, against the rules in force (part of the year review).

- :func:`doctor_seats_check`: the doctor members in office fill the rules'
  doctor seats (``VEJL2011``; ``OK22-102`` stk. 7);
- :func:`seats_check`: the people listed match the seats the rules of
  procedure name (``AAL2021``), compared by side, role and the words of their
  titles and organisations; every difference is an ``info`` finding that says
  how the comparison was made;
- :func:`terms_check`: memberships whose terms end within
  ``term_warning_days`` of ``as_of``.

When the records list no members on the day, the composition is not stated
and neither seat check reports anything: there is nothing to compare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, Literal

from klu_rules.checks.year_check import (
    SeatMatch,
    YearCheck,
    names,
    not_met,
    not_required,
    rule_in_force,
    year_check,
)
from klu_rules.core.findings import finding
from klu_rules.core.result import Finding
from klu_rules.core.sources import SOURCES
from klu_rules.model.people import Membership, Role
from klu_rules.rules.ruleset import RulesInForce, Seat

__all__ = ["ATTENDING_ROLES", "doctor_seats_check", "seats_check", "terms_check"]

ATTENDING_ROLES: frozenset[Role] = frozenset(
    {Role.PRACTICE_CONSULTANT, Role.SECRETARY, Role.SECRETARIAT_STAFF, Role.OBSERVER}
)
"""Roles that attend but hold no seat (``AAL2021``: "I møderne deltager desuden de
kommunale praksiskonsulenter og sekretæren for udvalget"); not compared with the seats."""


def _plain(value: str) -> str:
    """``"municipal_representative"`` → ``"municipal representative"``."""
    return value.replace("_", " ")


def _no_members(key: Literal["doctor_seats", "seats"], day: date) -> YearCheck:
    reason = f"The records list no members on {day.isoformat()}, so there is nothing to compare."
    return year_check(key, "not_stated", reason, (), {"on": day})


def doctor_seats_check(
    rules: RulesInForce | None, day: date, members: Sequence[Membership], subject: str
) -> YearCheck:
    """The doctor members in office on ``day`` against the doctor seats of ``rules``."""
    rule = rule_in_force(rules, "doctor_seats")
    if rules is None or rule is None:
        return not_required("doctor_seats", rules, day, "a number of doctor seats")
    if not members:
        return _no_members("doctor_seats", day)
    seats = rules.get_int("doctor_seats")
    doctors = [m for m in members if m.role is Role.DOCTOR_MEMBER]
    params: dict[str, Any] = {"on": day, "doctor_seats": seats, "doctor_members": len(doctors)}
    if len(doctors) >= seats:
        reason = (
            f"On {day.isoformat()} {len(doctors)} doctor member(s) are in office, at least the "
            f"{seats} doctor seats of the rules in force."
        )
        return year_check("doctor_seats", "met", reason, rule.sources, params)
    listed = names(m.person.name for m in doctors)
    message = (
        f"On {day.isoformat()} {len(doctors)} doctor member(s) are in office"
        + (f" ({listed})" if listed else "")
        + f"; the rules in force have {seats} doctor seats ({', '.join(rule.sources)})."
    )
    code = "composition.doctor-seats-unfilled"
    return not_met("doctor_seats", code, message, rule.sources, params, subject)


# -- seats of the rules of procedure --------------------------------------------------

_STOPWORDS = frozenset(
    {
        "og", "af", "fra", "ved", "for", "til", "med", "den", "det", "der", "de", "som",
        "samt", "heraf", "to", "tre", "fire", "en", "et", "niveau", "leder", "ledere",
        "repræsentant", "repræsentanter", "ledelsesrepræsentant", "ledelsesrepræsentanter",
        "kommune", "kommunen", "region", "regionen",
    }
)  # fmt: skip
_LETTERS = re.compile(r"[^\W\d_]{3,}")  # runs of three letters or more


def _words(text: str, noise: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of ``text`` that can tell seats apart: lower case, three letters or more."""
    return frozenset(_LETTERS.findall(text.casefold())) - _STOPWORDS - noise


def _assign(
    seats: Sequence[Seat],
    seat_words: Sequence[frozenset[str]],
    members: Sequence[Membership],
    noise: frozenset[str],
) -> dict[int, SeatMatch]:
    """Match members to seats of the same side and role, best shared words first.

    A seat that is the only one of its side and role then takes the members of
    that side and role still unmatched, up to its count.
    """
    pairs = []
    for mi, member in enumerate(members):
        words = _words(f"{member.title or ''} {member.organisation or ''}", noise)
        for si, seat in enumerate(seats):
            shared = seat_words[si] & words
            if shared and member.side is seat.side and member.role is seat.role:
                pairs.append((-len(shared), si, mi, shared))
    pairs.sort(key=lambda p: p[:3])
    filled = [0] * len(seats)
    assigned: dict[int, SeatMatch] = {}
    for _, si, mi, shared in pairs:
        if mi not in assigned and (seats[si].count or len(members)) > filled[si]:
            assigned[mi] = SeatMatch(
                seats[si].key, members[mi].person.id, "words", tuple(sorted(shared))
            )
            filled[si] += 1
    kinds = [(s.side, s.role) for s in seats]
    for si, kind in enumerate(kinds):
        if kinds.count(kind) != 1:
            continue
        for mi, member in enumerate(members):
            if (
                mi not in assigned
                and (member.side, member.role) == kind
                and (seats[si].count or len(members)) > filled[si]
            ):
                assigned[mi] = SeatMatch(seats[si].key, member.person.id, "role")
                filled[si] += 1
    return assigned


def _seat_text(seat: Seat) -> str:
    count = "as many as there are" if seat.count is None else str(seat.count)
    return f"'{seat.title_da}' ({count}; {_plain(seat.side.value)}, {_plain(seat.role.value)})"


def seats_check(
    rules: RulesInForce | None,
    day: date,
    listed: Sequence[Membership],
    *,
    municipality: str,
    committee_source: str | None = None,
) -> YearCheck:
    """The people ``listed`` on ``day`` against the seats the rules in force name.

    The municipality's name is noise when words are compared; the committee's
    own source (its web page) is cited beside the rules of procedure.
    """
    seats = () if rules is None else rules.seats
    if not seats:
        reason = (
            f"The rules in force on {day.isoformat()} name no seats, so the people listed are "
            "compared only with the number of doctor seats."
            if rules is not None
            else f"No KLU rules were in force on {day.isoformat()}; no seats to compare."
        )
        return year_check("seats", "not_stated", reason, (), {"on": day})
    if not listed:
        return _no_members("seats", day)
    on = day.isoformat()
    extra = (committee_source,) if committee_source in SOURCES else ()
    all_sources = tuple(dict.fromkeys(s for seat in seats for s in seat.sources)) + extra
    members = [m for m in listed if m.role not in ATTENDING_ROLES]
    noise = _words(municipality)
    seat_words = [_words(f"{s.title_da} {s.organisation or ''}", noise) for s in seats]
    assigned = _assign(seats, seat_words, members, noise)
    found: list[Finding] = []
    matches: list[SeatMatch] = []
    for seat in seats:
        people = [(members[i], a) for i, a in sorted(assigned.items()) if a.seat == seat.key]
        matches += [a for _, a in people]
        if len(people) >= (seat.count or 1):
            continue
        who = (
            f"{len(people)} of the people listed match it: "
            + names(
                f"{m.person.name} (by {', '.join(a.words) or 'side and role'})" for m, a in people
            )
            if people
            else "no one listed matches it by side, role and the words of title or organisation"
        )
        message = (
            f"On {on} the rules of procedure ({', '.join(seat.sources)}) name the seat "
            f"{_seat_text(seat)}; {who}."
        )
        matched = [m.person.id for m, _ in people]
        found.append(
            finding(
                _DIFFERS,
                message,
                sources=seat.sources + extra,
                subject=seat.key,
                seat=seat.key,
                count=seat.count,
                matched=matched,
                on=day,
            )
        )
    unmatched = [m for i, m in enumerate(members) if i not in assigned]
    for member in unmatched:
        same = [s for s in seats if s.side is member.side and s.role is member.role]
        named = (
            "the seats of that side and role are " + names(_seat_text(s) for s in same)
            if same
            else "the rules of procedure name no seat of that side and role"
        )
        extra_text = ", ".join(x for x in (member.title, member.organisation) if x)
        who = member.person.name + (f" ({extra_text})" if extra_text else "")
        message = (
            f"On {on} {who} is listed as {_plain(member.role.value)} "
            f"({_plain(member.side.value)}) but matches no seat by title or organisation; {named}."
        )
        found.append(
            finding(
                _DIFFERS,
                message,
                sources=all_sources,
                subject=member.person.id,
                person=member.person.id,
                side=member.side.value,
                role=member.role.value,
                on=day,
            )
        )
    all_seat_words = frozenset().union(*seat_words)
    by_organisation: dict[str, list[Membership]] = {}
    for member in members:
        if member.organisation:
            by_organisation.setdefault(member.organisation, []).append(member)
    for organisation, people_of in by_organisation.items():
        words = _words(organisation, noise)
        if not words or words <= all_seat_words:
            continue
        named_orgs = dict.fromkeys(s.organisation for s in seats if s.organisation)
        are = "person is" if len(people_of) == 1 else "people are"
        message = (
            f"On {on} {len(people_of)} {are} listed from '{organisation}' "
            f"({names(m.person.name for m in people_of)}), which the rules of procedure do not "
            f"name; they name {names(repr(o) for o in named_orgs)}."
        )
        found.append(
            finding(
                _DIFFERS,
                message,
                sources=all_sources,
                subject=organisation,
                organisation=organisation,
                people=[m.person.id for m in people_of],
                on=day,
            )
        )
    params: dict[str, Any] = {
        "on": day,
        "unmatched": [m.person.id for m in unmatched],
        "not_compared": [m.person.id for m in listed if m.role in ATTENDING_ROLES],
    }
    compared = (
        f"{len(members)} people listed on {on} compared with {len(seats)} seats by "
        "side, role and the words of their titles and organisations (practice consultants and "
        "the secretariat attend and are not compared)"
    )
    if not found:
        reason = f"No difference: {compared}."
        return year_check("seats", "met", reason, all_sources, params, (), matches)
    reason = f"{len(found)} difference(s): {compared}."
    return year_check("seats", "not_met", reason, all_sources, params, found, matches)


_DIFFERS = "composition.differs-from-rules"


def terms_check(memberships: Sequence[Membership], as_of: date | None, days: int) -> YearCheck:
    """Memberships whose recorded end of term falls within ``days`` of ``as_of``."""
    sources = ("AAL2021",)
    dated = [(m, m.term_end) for m in memberships if m.term_end is not None]
    params: dict[str, Any] = {"as_of": as_of, "term_warning_days": days}
    if not dated:
        reason = "No membership has a recorded end of term."
        return year_check("terms", "met", reason, sources, params)
    if as_of is None:
        reason = (
            f"Not judged: {len(dated)} membership(s) have a recorded end of term; which end soon "
            "depends on the date; give as_of."
        )
        return year_check("terms", "not_judged", reason, sources, params)
    until = as_of + timedelta(days=days)
    found = [
        finding(
            "composition.term-ending",
            f"The term of {member.person.name} ({_plain(member.role.value)}) ends on "
            f"{end.isoformat()}, within {days} days of {as_of.isoformat()}.",
            sources=sources,
            subject=member.person.id,
            person=member.person.id,
            term_end=end,
            as_of=as_of,
            term_warning_days=days,
        )
        for member, end in dated
        if as_of <= end <= until
    ]
    params["ending"] = len(found)
    window = f"between {as_of.isoformat()} and {until.isoformat()}"
    if not found:
        return year_check("terms", "met", f"No term ends {window}.", sources, params)
    reason = f"{len(found)} term(s) end {window}."
    return year_check("terms", "noted", reason, sources, params, found)
