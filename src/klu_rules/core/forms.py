"""How each language klu_rules writes dates, times, numbers, lists and money.

Danish text writes ``6. marts 2023``, ``kl. 15.30`` and ``1.935,27 kr.``;
English text writes ``6 March 2023``, ``15:30`` and ``DKK 1,935.27``. The
words themselves (labels, sentences) come from the per-language catalogues
of :mod:`klu_rules.core.messages`; this module holds only the forms, and
raises nothing (the catalogue's errors are written with these forms).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Final, Literal

__all__ = [
    "LANGUAGES",
    "Language",
    "format_clock",
    "format_date",
    "format_list",
    "format_money",
    "format_number",
]

Language = Literal["da", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("da", "en")
"""The languages every text of klu_rules exists in: Danish and English."""

_WEEKDAYS: Final[dict[Language, tuple[str, ...]]] = {
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS: Final[dict[Language, tuple[str, ...]]] = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_SEPARATORS: Final[dict[Language, tuple[str, str]]] = {"da": (".", ","), "en": (",", ".")}
_AND: Final[dict[Language, str]] = {"da": "og", "en": "and"}


def format_date(day: date, language: Language, *, weekday: bool = False) -> str:
    """``6. marts 2023`` / ``6 March 2023``; with ``weekday``, ``mandag den 6. marts 2023`` /
    ``Monday 6 March 2023``."""
    if isinstance(day, datetime):
        day = day.date()
    month = _MONTHS[language][day.month - 1]
    name = _WEEKDAYS[language][day.weekday()]
    if language == "da":
        text = f"{day.day}. {month} {day.year}"
        return f"{name} den {text}" if weekday else text
    text = f"{day.day} {month} {day.year}"
    return f"{name} {text}" if weekday else text


def format_clock(value: time | datetime, language: Language) -> str:
    """A wall-clock time as each language writes it: ``15.30`` / ``15:30``."""
    separator = "." if language == "da" else ":"
    return f"{value.hour:02d}{separator}{value.minute:02d}"


def format_number(value: int | Decimal, language: Language, *, places: int | None = None) -> str:
    """``1.935,27`` / ``1,935.27``: digits grouped by thousands, ``places`` decimals
    (default: as many as ``value`` has)."""
    group, point = _SEPARATORS[language]
    if places is None:
        text = f"{value:,}" if isinstance(value, int) else f"{value:,f}"
    else:
        text = f"{value:,.{places}f}"
    return text.translate({ord(","): group, ord("."): point})


def format_list(items: Iterable[str], language: Language) -> str:
    """``A, B og C`` / ``A, B and C``."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {_AND[language]} {words[-1]}"


def format_money(amount: Decimal, language: Language) -> str:
    """An amount in kroner to the øre: ``1.935,27 kr.`` / ``DKK 1,935.27``."""
    number = format_number(amount, language, places=2)
    return f"{number} kr." if language == "da" else f"DKK {number}"
