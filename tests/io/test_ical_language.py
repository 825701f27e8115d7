"""The iCalendar export in Danish and in English, and the import of either.

The golden feeds of the built-in Aalborg 2023 data: ``aalborg-2023.ics``
(Danish, pinned by ``test_ical.py``) and ``aalborg-2023.en.ics`` (English).
Set ``KLU_UPDATE_GOLDEN=1`` to rewrite them after an intended change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest
from helpers import cph, deadline_in, foreign_words, rich_committee
from icalendar import Calendar

from klu_rules.checks.deadlines import plan_year
from klu_rules.core.language import LANGUAGES, Language, UnsupportedLanguageError
from klu_rules.io import ical
from klu_rules.io.presets import aalborg
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
GOLDEN_NAMES = {"da": "aalborg-2023.ics", "en": "aalborg-2023.en.ics"}


def _feed(committee: Committee, language: Language, *, todo: bool = False) -> bytes:
    return ical.dump_ics(plan_year(committee), committee=committee, language=language, todo=todo)


def _texts(data: bytes) -> list[str]:
    """Every SUMMARY and DESCRIPTION of the feed, alarms included."""
    calendar = Calendar.from_ical(data)
    return [
        str(component[name])
        for component in calendar.walk()
        for name in ("SUMMARY", "DESCRIPTION")
        if name in component
    ]


def _data_words(committee: Committee) -> frozenset[str]:
    """The words of the committee's own data (names, titles, places), shown as written."""
    texts = [committee.name]
    for meeting in committee.meetings:
        texts += [meeting.title or "", meeting.location or ""]
        if meeting.agenda is not None:
            texts += [item.title for item in meeting.agenda.items]
    return frozenset(re.findall(r"[a-zæøå]+", " ".join(texts).lower()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_golden_aalborg_feed(language: Language) -> None:
    data = _feed(aalborg(), language)
    path = GOLDEN / GOLDEN_NAMES[language]
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.read_bytes() == data, f"{path.name} changed; see the module docstring"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("committee", [aalborg(), rich_committee()], ids=["aalborg", "rich"])
@pytest.mark.parametrize("todo", [False, True])
def test_every_text_is_in_one_language(
    committee: Committee, language: Language, todo: bool
) -> None:
    allow = _data_words(committee)
    texts = _texts(_feed(committee, language, todo=todo))
    assert texts
    for text in texts:
        assert text.strip()
        assert foreign_words(text, language, allow=allow) == set(), text


@pytest.mark.parametrize(
    ("language", "summary", "when", "deadline", "rule"),
    [
        (
            "da",
            "KLU-møde",
            "Mandag den 6. marts 2023 kl. 15-19",
            "Frist for dagsordenspunkter – KLU-møde 6. marts 2023",
            "Regel: senest 2 uger efter indkaldelsen af dagsordenspunkter mandag den "
            "6. februar 2023, dvs. mandag den 20. februar 2023.",
        ),
        (
            "en",
            "KLU meeting",
            "Monday 6 March 2023, 15:00-19:00",
            "Agenda items due – KLU meeting 6 March 2023",
            "Rule: no later than 2 weeks after the call for agenda items on Monday "
            "6 February 2023, that is Monday 20 February 2023.",
        ),
    ],
)
def test_known_texts_of_the_aalborg_feed(
    language: Language, summary: str, when: str, deadline: str, rule: str
) -> None:
    calendar = Calendar.from_ical(_feed(aalborg(), language))
    by_uid = {str(c["UID"]): c for c in calendar.walk() if "UID" in c}
    meeting = by_uid[ical.meeting_uid("klu-aalborg", "klu-aalborg-2023-03-06")]
    assert str(meeting["SUMMARY"]) == summary
    assert str(meeting["DESCRIPTION"]).splitlines()[1] == when
    due = deadline_in(by_uid, "klu-aalborg-2023-03-06", "items_due")
    assert str(due["SUMMARY"]) == deadline
    assert rule in str(due["DESCRIPTION"])


@pytest.mark.parametrize("committee", [aalborg(), rich_committee()], ids=["aalborg", "rich"])
@pytest.mark.parametrize("todo", [False, True])
def test_both_languages_import_to_the_same_meetings(committee: Committee, todo: bool) -> None:
    danish = ical.parse_ics(_feed(committee, "da", todo=todo))
    english = ical.parse_ics(_feed(committee, "en", todo=todo))
    assert danish == english
    fields = ("id", "start", "end", "kind", "status", "revision", "location", "title")
    expected = sorted((tuple(getattr(m, f) for f in fields) for m in committee.meetings), key=str)
    assert sorted((tuple(getattr(m, f) for f in fields) for m in english), key=str) == expected
    # and exported again in the other language, the bytes are the other feed's
    again = attrs.evolve(committee, meetings=english)
    assert _feed(again, "da", todo=todo) == _feed(
        attrs.evolve(committee, meetings=danish), "da", todo=todo
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("title", "cancelled"),
    [(None, False), ("Temamøde", False), (None, True), ("Cancelled: KLU meeting", True)],
)
def test_title_round_trip_in_either_language(
    language: Language, title: str | None, cancelled: bool
) -> None:
    meeting = Meeting(
        id="m",
        start=cph(2024, 3, 4, 15),
        end=cph(2024, 3, 4, 17),
        title=title,
        status="cancelled" if cancelled else "planned",
    )
    committee = rich_committee((meeting,))
    [back] = ical.parse_ics(_feed(committee, language))
    assert back.title == title
    assert back.status is meeting.status


def _rolled_feed(closed: tuple[str, ...], language: Language) -> str:
    committee = rich_committee()
    plan = plan_year(committee)
    first = plan.meetings[0]
    moved = [attrs.evolve(d, roll="preceding", closed=closed) for d in first.deadlines]
    plan = attrs.evolve(plan, meetings=(attrs.evolve(first, deadlines=tuple(moved)),))
    data = ical.dump_ics(plan, committee=committee, language=language)
    return "\n".join(_texts(data))


@pytest.mark.parametrize(
    ("closed", "danish", "english"),
    [
        (("ascension_day",), "(Kristi himmelfartsdag)", "(Ascension Day)"),
        (("Kristi himmelfartsdag",), "(Kristi himmelfartsdag)", "(Ascension Day)"),
        (("Lukkedag", "Flyttedag"), "(Lukkedag og Flyttedag)", "(Closing day and Flyttedag)"),
    ],
)
def test_closed_days_are_named_in_the_feed_language(
    closed: tuple[str, ...], danish: str, english: str
) -> None:
    # a holiday's key or Danish name is translated; an extra closing day's own name is data
    assert danish in _rolled_feed(closed, "da")
    assert english in _rolled_feed(closed, "en")


def test_unknown_language_is_refused() -> None:
    committee = aalborg()
    for call in (ical.dump_ics, ical.dump_ics_items, ical.build_feed, ical.build_items):
        with pytest.raises(UnsupportedLanguageError, match="da, en"):
            call(plan_year(committee), committee=committee, language="de")  # type: ignore[arg-type]


def test_items_follow_the_language() -> None:
    committee = aalborg()
    uid = ical.meeting_uid("klu-aalborg", "klu-aalborg-2023-03-06")
    for language, summary in (("da", b"SUMMARY:KLU-m\xc3\xb8de"), ("en", b"SUMMARY:KLU meeting")):
        items = ical.dump_ics_items(plan_year(committee), committee=committee, language=language)
        assert summary + b"\r\n" in items[uid]
