"""Reading the number of meetings from a report's free text (*antal møder*).

Real reports give the number of meetings as free text ("4", "2 møder 17.
april 9. oktober", "Planlagt 4 møder. Afholdt 3 møder, 1 aflyst.", a list of
months). :func:`parse_meeting_count` reads the forms it knows and never
guesses: text it cannot read is kept as a
:class:`~klu_rules.model.evaluation.MeetingCount` without a held count.
"""

from __future__ import annotations

import re
from typing import Final

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.model.evaluation import MeetingCount, plain_text

__all__ = ["parse_meeting_count"]

# the Danish month names, as the reports write them (input data, not text klu_rules shows)
_MONTHS_DA: tuple[str, ...] = ("januar", "februar", "marts", "april", "maj", "juni", "juli")
_MONTHS_DA += ("august", "september", "oktober", "november", "december")
# the Danish number words from 0 to 12, each at its value's index
_WORDS = ("ingen", "en én et ét", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti")
_NUMBER_WORDS: Final = {
    w: n for n, ws in enumerate((*_WORDS, "elleve", "tolv")) for w in ws.split()
}
_NUM = r"(?:[0-9]{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_MONTH = "(?:" + "|".join(_MONTHS_DA) + r")\b"
_DATE = rf"[0-9]{{1,2}}\.? ?{_MONTH}(?: [0-9]{{4}}\b)?"
_ITEM = rf"(?:{_DATE}|{_MONTH})"
_LIST = rf"{_ITEM}(?:(?:,? og |, | ){_ITEM})*"
_MEETING = r"(?:klu[- ]?)?møder?\b"

_BARE_RE = re.compile(rf"({_NUM})\.?")
_HEAD_RE = re.compile(rf"({_NUM}) (?:(?:ordinære|faste) )?{_MEETING}")
_ITEM_RE = re.compile(_ITEM)
_LIST_RE = re.compile(_LIST)
_LISTED_RE = re.compile(rf"(?:{_MEETING}:? )?({_LIST})")
_GROUP_RE = re.compile(rf"((?:[^\W\d_][\w-]*:? )+?)({_LIST})[ ,;.]*")
_OTHERS_RE = re.compile(r"(?:ud ?over disse|derudover|herudover)\b")
_EXTRA_RE = re.compile(rf"(?:(?:og|samt|\+) )?{_NUM} \w")
_MEETING_WORD_RE = re.compile(r"\b(?:klu|møder?)\b")
_STATUS: Final = {
    stem + ending: kind
    for stem, kind in (("planlagt", "planned"), ("afholdt", "held"), ("aflyst", "cancelled"))
    for ending in ("", "e")
}
_STATUS_RE = re.compile(r"\b(?:" + "|".join(_STATUS) + r")\b")
_FILLER: Final = frozenset(
    {"møde", "møder", "klu", "klu-møde", "klu-møder", "ordinære", "faste", "er", "blev", "heraf"}
)
_Numbers = tuple[int | None, int | None, int | None]


def _number(token: str) -> int:
    return _NUMBER_WORDS[token] if token in _NUMBER_WORDS else int(token)


def _normalise(plain: str) -> str:
    """Lower case, list bullets and stand-alone dashes removed, single spaces."""
    words = plain.lower().replace("•", " ").split()
    return " ".join(w for w in words if w not in {"-", "–", "—"})


def _other_events(rest: str, stated: int) -> bool:
    """Whether the text after "N møder" only adds things that are not extra KLU meetings."""
    rest = rest.strip(" .,;:")
    if not rest or _OTHERS_RE.match(rest):
        return True
    if _STATUS_RE.search(rest):
        return False
    if _LIST_RE.fullmatch(rest):  # the meetings' dates or months
        # the meetings' dates: as many as the number, else the text is not read
        return len(_ITEM_RE.findall(rest)) == stated
    return bool(_EXTRA_RE.match(rest)) and not _MEETING_WORD_RE.search(rest)


def _read_status(text: str) -> _Numbers | None:
    """Planned, held and cancelled: "Planlagt 4 møder. Afholdt 3 møder, 1 aflyst."."""
    found: dict[str, int] = {}
    for clause in re.split(r"[.,;:]| og ", text):
        kind: str | None = None
        number: int | None = None
        for token in clause.split():
            if token in _STATUS and kind is None:
                kind = _STATUS[token]
            elif (
                token in _NUMBER_WORDS or (token.isascii() and token.isdigit() and len(token) <= 3)
            ) and number is None:
                number = _number(token)
            elif token not in _FILLER:
                return None
        if kind is None and number is None:
            continue
        if kind is None or number is None or kind in found:
            return None
        found[kind] = number
    held, planned, cancelled = found.get("held"), found.get("planned"), found.get("cancelled")
    if planned is not None and (held or 0) + (cancelled or 0) > planned:
        return None
    return held, planned, cancelled


def _read_listed(text: str) -> int | None:
    """A list of the meetings' months or dates, optionally followed by other labelled lists."""
    match = _LISTED_RE.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip(" .,;:")
    while rest:
        group = _GROUP_RE.match(rest)
        if group is None:
            return None
        label = group[1]
        if _MEETING_WORD_RE.search(label) or _STATUS_RE.search(label):
            return None
        rest = rest[group.end() :]
    return len(_ITEM_RE.findall(match[1]))


def _read_count(text: str) -> _Numbers | None:
    bare = _BARE_RE.fullmatch(text)
    if bare:
        return _number(bare[1]), None, None
    head = _HEAD_RE.match(text)
    if head and _other_events(text[head.end() :], _number(head[1])):
        return _number(head[1]), None, None
    if _STATUS_RE.search(text):
        return _read_status(text)
    listed = _read_listed(text)
    return None if listed is None else (listed, None, None)


def parse_meeting_count(text: str) -> MeetingCount | None:
    """Read the number of meetings from a report's free text (*antal møder*).

    Returns ``None`` for empty text (no count given). Otherwise a
    :class:`MeetingCount` keeping ``text`` verbatim as ``raw``, with the numbers
    it could read; text in no known form gives ``held=None`` (a report without
    a count): the parser never guesses. Markup is ignored. The known forms:

    - a number: ``"4"`` → 4 held;
    - a number of meetings, optionally followed by the meetings' dates or
      months or by other events that are not KLU meetings: ``"4 møder"``,
      ``"4 ordinære møder"``, ``"2 møder 17. april 9. oktober"`` (the dates are
      not extra meetings; as many dates as the number, else the text is not
      read), ``"4 møder 1 temaeftersmiddag"``, ``"2 KLU møder.
      Ud over disse afholdes: …"`` → 4, 4, 2, 4 and 2 held;
    - planned, held and cancelled: ``"Planlagt 4 møder. Afholdt 3 møder, 1
      aflyst."`` → 3 held, 4 planned, 1 cancelled (text whose numbers
      contradict each other is not read);
    - a list of the meetings' months or dates, e.g. ``"KLU møder: januar,
      april, juni, november"`` → 4 held; a further labelled list
      (``"Lægemøde august"``) is another kind of meeting and is not counted.

    Numbers may be written with digits (up to three) or as Danish words up to
    *tolv*.
    """
    if not isinstance(text, str):
        raise coded(InvalidValueError, "meeting_count.not_text", {"got": excerpt(text)})
    plain = plain_text(text)
    if not plain:
        return None
    numbers = _read_count(_normalise(plain))
    if numbers is None:
        return MeetingCount(raw=text)
    held, planned, cancelled = numbers
    return MeetingCount(raw=text, held=held, planned=planned, cancelled=cancelled)
