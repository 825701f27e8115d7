"""Agendas (*dagsorden*) and agenda items (*dagsordenspunkter*).

An item has a number such as ``"2.c"`` (main number, optional letter), a
kind, an expected duration and the what / how / why the rules of procedure
ask for (VEJL2011, AAL2021). Checking an agenda against the rules is a separate,
pure function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from klu_rules.core.convert import (
    Choice,
    lines,
    one_line,
    optional_line,
    optional_text,
    str_tuple,
    tuple_of,
    whole_number,
)
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt, listing
from klu_rules.core.record import Record

__all__ = ["Agenda", "AgendaItem", "AgendaItemKind", "item_covers"]

_NUMBER = re.compile(r"(?P<main>[1-9][0-9]?)(?:\.(?P<sub>[a-z]))?")


def item_covers(named: str, number: str) -> bool:
    """True when naming item ``named`` takes in item ``number``: the item itself, or, for a
    main number such as ``"2"``, its sub-items ``"2.a"``, ``"2.b"``, ... (sub-items under a
    main number belong to that item, AAL2021: "2. Punkter til behandling")."""
    return number == named or ("." not in named and number.split(".", 1)[0] == named)


class AgendaItemKind(Choice):
    """The kind of an item: *godkendelse*, *til behandling*, *orientering*, *eventuelt*."""

    APPROVAL = "approval"
    DECISION = "decision"
    INFORMATION = "information"
    OTHER_BUSINESS = "other_business"


def _number(instance: AgendaItem, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        raise coded(InvalidValueError, "model.agenda.item_number", {"value": excerpt(value)})


@attrs.frozen(slots=True, repr=False)
class AgendaItem(Record):
    """One agenda item (*dagsordenspunkt*).

    ``what`` / ``how`` / ``why`` hold the description the rules of procedure
    ask for; ``topics`` are keys of the rule set's topic catalogue.
    ``recommendation`` is the *indstilling* put to the meeting, one line per
    proposal ("At DKS tager orienteringen til efterretning", ``DKS-RM-2021-02``),
    and ``case_description`` the *sagsfremstilling* (*sagsbeskrivelse*); both
    optional, as Aalborg's agendas give no recommendation.
    """

    number: str = attrs.field(validator=_number)
    title: str = attrs.field(validator=one_line)
    kind: AgendaItemKind = attrs.field(converter=AgendaItemKind)
    duration_minutes: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(whole_number(1, 24 * 60))
    )
    what: str | None = attrs.field(default=None, validator=optional_text)
    how: str | None = attrs.field(default=None, validator=optional_text)
    why: str | None = attrs.field(default=None, validator=optional_text)
    proposer: str | None = attrs.field(default=None, validator=optional_line)
    topics: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    case_description: str | None = attrs.field(default=None, validator=optional_text)
    recommendation: tuple[str, ...] = attrs.field(default=(), converter=str_tuple, validator=lines)

    @property
    def sort_key(self) -> tuple[int, str]:
        """``(2, 'c')`` for ``'2.c'``: the order items are numbered in."""
        match = _NUMBER.fullmatch(self.number)
        assert match is not None  # guaranteed by the validator
        return int(match["main"]), match["sub"] or ""

    @property
    def main_number(self) -> int:
        """The number before any letter: 2 for ``"2.c"``."""
        return self.sort_key[0]

    @property
    def is_described(self) -> bool:
        """True when what, how and why are all given (non-blank)."""
        return all(part is not None and part.strip() for part in (self.what, self.how, self.why))


def _items(value: Iterable[AgendaItem]) -> tuple[AgendaItem, ...]:
    return tuple_of(value, AgendaItem, "Agenda.items")


@attrs.frozen(slots=True, repr=False)
class Agenda(Record):
    """An agenda (*dagsorden*): items in order, plus standing topics marked not relevant.

    Numbers are unique. ``not_relevant`` lists topic keys the chairs decided
    not to take this time ("they are not taken if not relevant", AAL2021).
    """

    items: tuple[AgendaItem, ...] = attrs.field(default=(), converter=_items)
    not_relevant: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for item in self.items:
            if item.number in seen:
                raise coded(InvalidValueError, "model.agenda.item_twice", {"item": item.number})
            seen.add(item.number)

    @property
    def total_minutes(self) -> int:
        """Sum of the items' expected durations (items without one count 0)."""
        return sum(item.duration_minutes or 0 for item in self.items)

    def item(self, number: str) -> AgendaItem:
        """The item numbered ``number``; a missing number is an InvalidValueError."""
        for item in self.items:
            if item.number == number:
                return item
        raise coded(
            InvalidValueError,
            "model.agenda.unknown_item",
            {"item": excerpt(number), **listing("items", [i.number for i in self.items])},
        )
