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
    not_met,
    not_required,
    rule_in_force,
    year_check,
)
from klu_rules.core.findings import finding
from klu_rules.core.result import Finding
from klu_rules.core.sources import citable
from klu_rules.model.people import Membership, Role
from klu_rules.rules.ruleset import RulesInForce, Seat

__all__ = ["ATTENDING_ROLES", "doctor_seats_check", "seats_check", "terms_check"]

ATTENDING_ROLES: frozenset[Role] = frozenset(
    {Role.PRACTICE_CONSULTANT, Role.SECRETARY, Role.SECRETARIAT_STAFF, Role.OBSERVER}
)
"""Roles that attend but hold no seat (``AAL2021``: "I møderne deltager desuden de
kommunale praksiskonsulenter og sekretæren for udvalget"); not compared with the seats."""


def _no_members(key: Literal["doctor_seats", "seats"], day: date) -> YearCheck:
    return year_check(key, "not_stated", "composition.no-members", (), {"on": day})


def doctor_seats_check(
    rules: RulesInForce | None, day: date, members: Sequence[Membership], subject: str
) -> YearCheck:
    """The doctor members in office on ``day`` against the doctor seats of ``rules``."""
    rule = rule_in_force(rules, "doctor_seats")
    if rules is None or rule is None:
        return not_required("doctor_seats", rules, day)
    if not members:
        return _no_members("doctor_seats", day)
    seats = rules.get_int("doctor_seats")
    doctors = [m for m in members if m.is_doctor_seat]
    params: dict[str, Any] = {"on": day, "doctor_seats": seats, "doctor_members": len(doctors)}
    if len(doctors) >= seats:
        reason = "composition.doctor-seats-filled"
        return year_check("doctor_seats", "met", reason, rule.sources, params)
    code = "composition.doctor-seats-unfilled"
    return not_met("doctor_seats", code, rule.sources, params, subject)


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
    extra = (committee_source,) if committee_source and citable(committee_source) else ()
    repeated = _listed_twice(listed, day, extra)
    seats = () if rules is None else rules.seats
    if not seats:
        reason = "composition.no-seats" if rules is not None else "composition.no-rules"
        return year_check("seats", "not_stated", reason, (), {"on": day}, repeated)
    if not listed:
        return _no_members("seats", day)
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
        found.append(
            finding(
                _DIFFERS,
                sources=seat.sources + extra,
                subject=seat.key,
                difference="seat",
                name=seat.title_da,
                seat=seat.key,
                count=seat.count,
                matched=[m.person.id for m, _ in people],
                matched_names=[m.person.name for m, _ in people],
                on=day,
            )
        )
    unmatched = [m for i, m in enumerate(members) if i not in assigned]
    for member in unmatched:
        found.append(
            finding(
                _DIFFERS,
                sources=all_sources,
                subject=member.person.id,
                difference="person",
                name=member.person.name,
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
        found.append(
            finding(
                _DIFFERS,
                sources=all_sources,
                subject=organisation,
                difference="organisation",
                name=organisation,
                organisation=organisation,
                people=[m.person.id for m in people_of],
                people_names=[m.person.name for m in people_of],
                on=day,
            )
        )
    found += repeated
    params: dict[str, Any] = {
        "on": day,
        "unmatched": [m.person.id for m in unmatched],
        "not_compared": [m.person.id for m in listed if m.role in ATTENDING_ROLES],
        "compared": len(members),
        "seats": len(seats),
        "differences": len(found),
    }
    if not found:
        reason = "composition.no-difference"
        return year_check("seats", "met", reason, all_sources, params, (), matches)
    reason = "composition.differences"
    return year_check("seats", "not_met", reason, all_sources, params, found, matches)


_DIFFERS = "composition.differs-from-rules"


def _listed_twice(
    listed: Sequence[Membership], day: date, sources: tuple[str, ...]
) -> list[Finding]:
    """A finding for each membership the source lists more than once (``times_listed``):
    the 2023 Aalborg page lists "Lisbet Trap-Jensen Torp, chefkonsulent Senior og Omsorg."
    twice. The membership is held once; the repeat is reported, never merged silently."""
    return [
        finding(
            "composition.listed-twice",
            sources=sources or None,
            subject=member.person.id,
            person=member.person.id,
            name=member.person.name,
            times=member.times_listed,
            on=day,
        )
        for member in listed
        if member.times_listed > 1
    ]


def terms_check(
    memberships: Sequence[Membership],
    as_of: date | None,
    days: int,
    sources: tuple[str, ...],
) -> YearCheck:
    """Memberships whose recorded end of term falls within ``days`` of ``as_of``;
    ``sources`` are those the committee's rules give the check (none: a convention)."""
    dated = [(m, m.term_end) for m in memberships if m.term_end is not None]
    params: dict[str, Any] = {"as_of": as_of, "term_warning_days": days, "dated": len(dated)}
    if not dated:
        return year_check("terms", "met", "composition.no-term-ends", sources, params)
    if as_of is None:
        return year_check("terms", "not_judged", "composition.terms-not-judged", sources, params)
    until = as_of + timedelta(days=days)
    params["until"] = until
    found = [
        finding(
            "composition.term-ending",
            sources=sources,
            subject=member.person.id,
            person=member.person.id,
            name=member.person.name,
            role=member.role,
            term_end=end,
            as_of=as_of,
            term_warning_days=days,
        )
        for member, end in dated
        if as_of <= end <= until
    ]
    params["ending"] = len(found)
    if not found:
        return year_check("terms", "met", "composition.no-term-ending", sources, params)
    return year_check("terms", "noted", "composition.terms-ending", sources, params, found)
