"""The annual evaluation of a KLU (*årlig evaluering*) and a region's overview.

Every year the cooperation in the committee is evaluated, including the
follow-up and status of any local agreements, and a short report goes to the
*Samarbejdsudvalg* (``OK22-102`` stk. 6; ``AAL2021``). Region Syddanmark's
overview of the 2023 evaluations (``RSD-EVAL-2023``) shows the report's shape:
municipality, number of meetings, topics discussed, follow-up on local
agreements and a general assessment.

Real reports give the number of meetings as free text ("4", "2 møder 17.
april 9. oktober", "Planlagt 4 møder. Afholdt 3 møder, 1 aflyst.", a list of
months). :func:`parse_meeting_count` reads the forms it knows and never
guesses: text it cannot read is kept as a :class:`MeetingCount` without a held
count. A municipality in an overview is therefore in one of three states
(:data:`ENTRY_STATES`): no report, a report without a count, or a count.

:func:`rsd_2023` returns Region Syddanmark's 2023 overview, shipped with the
package as example data and read by :func:`load_evaluations`.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from klu_rules.core.convert import nonempty_text, optional_date, str_tuple, to_tuple
from klu_rules.core.errors import FileFormatError, InvalidValueError
from klu_rules.core.labels import EVALUATION_DA, MONTHS_DA
from klu_rules.core.sources import check_sources
from klu_rules.core.toml import TableReader, load_toml_file

__all__ = [
    "DEFAULT_RECIPIENT",
    "DEFAULT_REPORT_SOURCES",
    "ENTRY_STATES",
    "OVERVIEW_COLUMNS",
    "REPORT_COLUMNS",
    "SCHEMA_VERSION",
    "EntryState",
    "EvaluationEntry",
    "EvaluationReport",
    "MeetingCount",
    "OverviewTotals",
    "RegionOverview",
    "load_evaluations",
    "overview_from_csv",
    "overview_to_csv",
    "overview_to_markdown",
    "overview_to_text",
    "parse_meeting_count",
    "report_to_csv",
    "report_to_markdown",
    "rsd_2023",
]

EntryState = Literal["no_report", "report_without_count", "count"]
"""Where a municipality stands in an overview: no report, a report without a count, a count."""

ENTRY_STATES: tuple[EntryState, ...] = ("no_report", "report_without_count", "count")

DEFAULT_RECIPIENT: Final = "Samarbejdsudvalg"
"""Who the report goes to (``OK22-102`` stk. 6): the regional *Samarbejdsudvalg*."""

DEFAULT_REPORT_SOURCES: tuple[str, ...] = ("OK22-102",)
"""The sources a report cites unless it is given its own."""

SCHEMA_VERSION: Final = 1
"""The version of the evaluation file format :func:`load_evaluations` reads."""

REPORT_COLUMNS: tuple[str, ...] = (
    "municipality",
    "meeting_count",
    "held",
    "planned",
    "cancelled",
    "topics",
    "local_agreements_follow_up",
    "general_assessment",
    "year",
    "sent_to",
    "sent_on",
    "sources",
)
"""The CSV columns of one report, as keys of :data:`klu_rules.core.labels.EVALUATION_DA`.

The first columns follow Region Syddanmark's overview (municipality, number of
meetings, topics, follow-up, assessment), with the parsed numbers beside the
count text.
"""

OVERVIEW_COLUMNS: tuple[str, ...] = (
    *REPORT_COLUMNS[:8],
    "state",
    "year",
    "region",
    *REPORT_COLUMNS[9:],
)
"""The CSV columns of a region overview: the report's columns plus state and region."""


# ---------------------------------------------------------------------------
# validators


def _whole_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValueError(
            f"{type(instance).__name__}.{attribute.name} must be a whole number >= 0 or None, "
            f"got {value!r}"
        )


def _year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9999:
        raise InvalidValueError(
            f"{type(instance).__name__}.{attribute.name} must be a year such as 2023, got {value!r}"
        )


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{type(instance).__name__}.{attribute.name} must be text (possibly empty), "
            f"got {value!r}"
        )


def _topic_lines(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for topic in value:
        if not topic.strip() or "\n" in topic or "\r" in topic:
            raise InvalidValueError(
                f"each topic must be one non-empty line of text, got {topic!r}; "
                "give several topics as separate items"
            )


def _source_keys(value: Iterable[str]) -> tuple[str, ...]:
    keys = check_sources(str_tuple(value), what="an evaluation report's sources")
    if not keys:
        raise InvalidValueError("an evaluation report must cite at least one source key")
    return keys


# ---------------------------------------------------------------------------
# the number of meetings


@attrs.frozen(slots=True, kw_only=True)
class MeetingCount:
    """The number of meetings a report gives (*antal møder*).

    ``raw`` is the text as the report gives it, kept verbatim (markup included).
    ``held`` (*afholdt*), ``planned`` (*planlagt*) and ``cancelled`` (*aflyst*)
    are what the text says, each ``None`` when it does not say it. A year's
    count uses the meetings held (``RSD-EVAL-2023``, Langeland). When both are
    given, held and cancelled meetings together never exceed those planned.
    """

    raw: str = attrs.field(validator=nonempty_text)
    held: int | None = attrs.field(default=None, validator=_whole_number)
    planned: int | None = attrs.field(default=None, validator=_whole_number)
    cancelled: int | None = attrs.field(default=None, validator=_whole_number)

    def __attrs_post_init__(self) -> None:
        if self.planned is None:
            return
        done = (self.held or 0) + (self.cancelled or 0)
        if done > self.planned:
            raise InvalidValueError(
                f"the meeting count says {self.planned} planned but {self.held or 0} held and "
                f"{self.cancelled or 0} cancelled; held and cancelled meetings cannot "
                "exceed those planned"
            )

    @classmethod
    def from_numbers(
        cls,
        *,
        held: int | None = None,
        planned: int | None = None,
        cancelled: int | None = None,
    ) -> MeetingCount:
        """A count from numbers, with ``raw`` written the way the reports write it.

        ``MeetingCount.from_numbers(held=3, planned=4, cancelled=1).raw`` is
        ``"Planlagt 4 møder. Afholdt 3 møder, 1 aflyst."``, which
        :func:`parse_meeting_count` reads back to the same numbers.
        """
        if held is None and planned is None and cancelled is None:
            raise InvalidValueError(
                "a meeting count needs at least one of held, planned or cancelled; "
                "use None for a report without a count"
            )
        return cls(
            raw=_describe(held, planned, cancelled),
            held=held,
            planned=planned,
            cancelled=cancelled,
        )

    @property
    def text(self) -> str:
        """``raw`` as plain text: markup removed, whitespace collapsed."""
        return _plain_text(self.raw)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "raw": self.raw,
            "text": self.text,
            "held": self.held,
            "planned": self.planned,
            "cancelled": self.cancelled,
        }


def _meetings(n: int) -> str:
    return f"{n} møde" if n == 1 else f"{n} møder"


def _describe(held: int | None, planned: int | None, cancelled: int | None) -> str:
    parts: list[str] = []
    if planned is not None:
        parts.append(f"Planlagt {_meetings(planned)}.")
    if held is not None and planned is None and cancelled is None:
        parts.append(_meetings(held))
    elif held is not None:
        parts.append(
            f"Afholdt {_meetings(held)}"
            + (f", {cancelled} aflyst." if cancelled is not None else ".")
        )
    elif cancelled is not None:
        parts.append(f"{cancelled} aflyst.")
    return " ".join(parts)


_TAG = re.compile(r"<[^>]*>")


def _plain_text(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


_NUMBER_WORDS: Final[dict[str, int]] = {
    "ingen": 0,
    "en": 1,
    "én": 1,
    "et": 1,
    "ét": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
}
_NUM = r"(?:[0-9]{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_MONTH = "(?:" + "|".join(MONTHS_DA) + r")\b"
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
_STATUS: Final[dict[str, str]] = {
    "planlagt": "planned",
    "planlagte": "planned",
    "afholdt": "held",
    "afholdte": "held",
    "aflyst": "cancelled",
    "aflyste": "cancelled",
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
        return len(_ITEM_RE.findall(rest)) <= stated
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
      not extra meetings), ``"4 møder 1 temaeftersmiddag"``, ``"2 KLU møder.
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
        raise InvalidValueError(f"the meeting count must be text, got {text!r}")
    plain = _plain_text(text)
    if not plain:
        return None
    numbers = _read_count(_normalise(plain))
    if numbers is None:
        return MeetingCount(raw=text)
    held, planned, cancelled = numbers
    return MeetingCount(raw=text, held=held, planned=planned, cancelled=cancelled)


# ---------------------------------------------------------------------------
# reports, entries, overviews


def _optional_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, MeetingCount):
        raise InvalidValueError(
            f"{type(instance).__name__}.{attribute.name} must be a MeetingCount or None, "
            f"got {value!r}; read a report's text with parse_meeting_count()"
        )


def _report_year(
    instance: EvaluationReport, attribute: attrs.Attribute[Any], value: date | None
) -> None:
    optional_date(instance, attribute, value)
    if value is not None and value < date(instance.year, 1, 1):
        raise InvalidValueError(
            f"the report on {instance.year} cannot be sent before the year begins, "
            f"got sent_on={value.isoformat()}"
        )


@attrs.frozen(slots=True, kw_only=True)
class EvaluationReport:
    """One committee's annual evaluation report (*evaluering af samarbejdet i KLU*).

    - ``municipality`` (*kommunenavn*) and the ``year`` evaluated;
    - ``meeting_count`` (*antal møder*), ``None`` when the report gives none;
    - ``topics`` (*emner drøftet*), one line each, in the report's order (the
      shipped example also keeps the headings a report groups them under);
    - ``local_agreements_follow_up`` (*opfølgning og status på implementering
      af lokale aftaler*) and ``general_assessment`` (*generel vurdering af
      samarbejdet*), plain text, possibly empty;
    - ``sent_to``, the body the report goes to (the *Samarbejdsudvalg*,
      ``OK22-102`` stk. 6), and ``sent_on``, when it was sent, if known;
    - ``sources``, the source keys the report rests on.

    Build one directly, or with :meth:`from_values` from plain values
    (a count given as text or a number).
    """

    municipality: str = attrs.field(validator=nonempty_text)
    year: int = attrs.field(validator=_year)
    meeting_count: MeetingCount | None = attrs.field(default=None, validator=_optional_count)
    topics: tuple[str, ...] = attrs.field(default=(), converter=str_tuple, validator=_topic_lines)
    local_agreements_follow_up: str = attrs.field(default="", validator=_text)
    general_assessment: str = attrs.field(default="", validator=_text)
    sent_to: str = attrs.field(default=DEFAULT_RECIPIENT, validator=nonempty_text)
    sent_on: date | None = attrs.field(default=None, validator=_report_year)
    sources: tuple[str, ...] = attrs.field(default=DEFAULT_REPORT_SOURCES, converter=_source_keys)

    @classmethod
    def from_values(
        cls,
        *,
        municipality: str,
        year: int,
        meeting_count: MeetingCount | str | int | None = None,
        topics: Iterable[str] = (),
        local_agreements_follow_up: str = "",
        general_assessment: str = "",
        sent_to: str = DEFAULT_RECIPIENT,
        sent_on: date | None = None,
        sources: Iterable[str] = DEFAULT_REPORT_SOURCES,
    ) -> EvaluationReport:
        """A report from plain values.

        ``meeting_count`` may be a :class:`MeetingCount`, the report's text
        (read by :func:`parse_meeting_count`) or the number of meetings held.
        """
        count: MeetingCount | None
        if meeting_count is None or isinstance(meeting_count, MeetingCount):
            count = meeting_count
        elif isinstance(meeting_count, str):
            count = parse_meeting_count(meeting_count)
        elif (
            isinstance(meeting_count, int)
            and not isinstance(meeting_count, bool)
            and meeting_count >= 0
        ):
            count = MeetingCount(raw=str(meeting_count), held=meeting_count)
        else:
            raise InvalidValueError(
                "meeting_count must be a MeetingCount, the report's text or a whole number "
                f">= 0, got {meeting_count!r}"
            )
        return cls(
            municipality=municipality,
            year=year,
            meeting_count=count,
            topics=topics,
            local_agreements_follow_up=local_agreements_follow_up,
            general_assessment=general_assessment,
            sent_to=sent_to,
            sent_on=sent_on,
            sources=sources,
        )

    @property
    def held(self) -> int | None:
        """The number of meetings held, or ``None`` when the report gives no count."""
        return None if self.meeting_count is None else self.meeting_count.held

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "municipality": self.municipality,
            "year": self.year,
            "meeting_count": None if self.meeting_count is None else self.meeting_count.to_dict(),
            "topics": list(self.topics),
            "local_agreements_follow_up": self.local_agreements_follow_up,
            "general_assessment": self.general_assessment,
            "sent_to": self.sent_to,
            "sent_on": None if self.sent_on is None else self.sent_on.isoformat(),
            "sources": list(self.sources),
        }


def _matching_report(
    instance: EvaluationEntry, attribute: attrs.Attribute[Any], value: EvaluationReport | None
) -> None:
    if value is None:
        return
    if not isinstance(value, EvaluationReport):
        raise InvalidValueError(f"an entry's report must be an EvaluationReport, got {value!r}")
    if value.municipality != instance.municipality:
        raise InvalidValueError(
            f"the entry for {instance.municipality!r} holds the report of {value.municipality!r}"
        )


@attrs.frozen(slots=True)
class EvaluationEntry:
    """One municipality's line in an overview: its report, or ``None`` for no report.

    :attr:`state` is exactly one of :data:`ENTRY_STATES`.
    """

    municipality: str = attrs.field(validator=nonempty_text)
    report: EvaluationReport | None = attrs.field(default=None, validator=_matching_report)

    @classmethod
    def for_report(cls, report: EvaluationReport) -> EvaluationEntry:
        """The entry holding ``report``."""
        return cls(report.municipality, report)

    @property
    def state(self) -> EntryState:
        """``"no_report"``, ``"report_without_count"`` or ``"count"`` (RULES § 8)."""
        if self.report is None:
            return "no_report"
        if self.report.held is None:
            return "report_without_count"
        return "count"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "municipality": self.municipality,
            "state": self.state,
            "report": None if self.report is None else self.report.to_dict(),
        }


@attrs.frozen(slots=True)
class OverviewTotals:
    """The totals of an overview.

    ``municipalities`` in the overview; ``reporting``, those with a report;
    ``with_count`` and ``without_count`` split those; ``no_report``, those
    without; ``held``, the meetings held over the reports with a count.
    """

    municipalities: int
    reporting: int
    with_count: int
    without_count: int
    no_report: int
    held: int

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready mapping."""
        return attrs.asdict(self)


def _entries(value: Iterable[EvaluationEntry]) -> tuple[EvaluationEntry, ...]:
    entries = to_tuple(value)
    for entry in entries:
        if not isinstance(entry, EvaluationEntry):
            raise InvalidValueError(f"an overview's entries must be EvaluationEntry, got {entry!r}")
    return entries


def _overview_entries(
    instance: RegionOverview, attribute: attrs.Attribute[Any], value: tuple[EvaluationEntry, ...]
) -> None:
    if not value:
        raise InvalidValueError("an overview needs at least one municipality")
    seen: set[str] = set()
    for entry in value:
        if entry.municipality in seen:
            raise InvalidValueError(
                f"the overview lists {entry.municipality!r} twice; each municipality has one entry"
            )
        seen.add(entry.municipality)
        if entry.report is not None and entry.report.year != instance.year:
            raise InvalidValueError(
                f"the overview is for {instance.year} but {entry.municipality!r}'s report is for "
                f"{entry.report.year}"
            )


@attrs.frozen(slots=True, kw_only=True)
class RegionOverview:
    """A region's overview of its committees' evaluations for one year.

    One :class:`EvaluationEntry` per municipality, in the overview's order, as
    Region Syddanmark combines them (``RSD-EVAL-2023``).
    """

    region: str = attrs.field(validator=nonempty_text)
    year: int = attrs.field(validator=_year)
    entries: tuple[EvaluationEntry, ...] = attrs.field(
        converter=_entries, validator=_overview_entries
    )

    @classmethod
    def from_reports(
        cls,
        *,
        region: str,
        year: int,
        municipalities: Iterable[str],
        reports: Iterable[EvaluationReport],
    ) -> RegionOverview:
        """Combine ``reports`` into an overview of ``municipalities``, in that order.

        A municipality without a report gets an entry in the state
        ``"no_report"``; a report for a municipality not listed is an error.
        """
        names = str_tuple(municipalities)
        by_name: dict[str, EvaluationReport] = {}
        for report in reports:
            if report.municipality in by_name:
                raise InvalidValueError(f"two reports for {report.municipality!r}")
            by_name[report.municipality] = report
        unknown = sorted(set(by_name) - set(names))
        if unknown:
            raise InvalidValueError(
                f"report(s) for {', '.join(map(repr, unknown))}, which the overview does not list"
            )
        return cls(
            region=region,
            year=year,
            entries=[EvaluationEntry(name, by_name.get(name)) for name in names],
        )

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Any], *, path: str | Path | None = None
    ) -> RegionOverview:
        """An overview from a parsed evaluation file (see :func:`load_evaluations`)."""
        top = TableReader(data, path=path)
        top.check_schema_version(SCHEMA_VERSION)
        region: str = top.get_str("region")
        year: int = top.get_int("year", min_value=1, max_value=9999)
        sources: tuple[str, ...] = top.get_str_list("sources", DEFAULT_REPORT_SOURCES)
        tables = top.get_tables("entries")
        if not tables:
            raise top.error(
                "expected at least one [[entries]] table, one per municipality", "entries"
            )
        entries: list[EvaluationEntry] = []
        seen: set[str] = set()
        for table in tables:
            name: str = table.get_str("municipality")
            if name in seen:
                raise table.error(
                    f"{name!r} has an entry already; give each municipality one entry",
                    "municipality",
                )
            seen.add(name)
            report_table = table.get_table("report", None)
            report = (
                None
                if report_table is None
                else _report_from_table(report_table, name, year, sources)
            )
            table.finish()
            entries.append(EvaluationEntry(name, report))
        top.finish()
        return top.wrap(lambda: cls(region=region, year=year, entries=entries))

    @property
    def totals(self) -> OverviewTotals:
        """How many municipalities report, with and without a count, and the meetings held."""
        states = [entry.state for entry in self.entries]
        return OverviewTotals(
            municipalities=len(states),
            reporting=len(states) - states.count("no_report"),
            with_count=states.count("count"),
            without_count=states.count("report_without_count"),
            no_report=states.count("no_report"),
            held=sum(entry.report.held or 0 for entry in self.entries if entry.report),
        )

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys the overview's reports cite, in first-seen order."""
        keys: dict[str, None] = {}
        for entry in self.entries:
            if entry.report is not None:
                keys.update(dict.fromkeys(entry.report.sources))
        return tuple(keys)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the contract of ``klu-rules evaluate --format json``)."""
        return {
            "region": self.region,
            "year": self.year,
            "totals": self.totals.to_dict(),
            "entries": [entry.to_dict() for entry in self.entries],
            "sources": list(self.sources),
        }


def _report_from_table(
    table: TableReader, municipality: str, year: int, sources: tuple[str, ...]
) -> EvaluationReport:
    count = table.get_raw("meeting_count", None)
    if count is not None and not (
        isinstance(count, str)
        or (isinstance(count, int) and not isinstance(count, bool) and count >= 0)
    ):
        raise FileFormatError.expected(
            'the number of meetings as text (e.g. "4 møder") or a whole number >= 0',
            count,
            path=table.path,
            key=f"{table.key}.meeting_count",
        )
    values: dict[str, Any] = {
        "topics": table.get_str_list("topics", ()),
        "local_agreements_follow_up": table.get_str(
            "local_agreements_follow_up", "", nonempty=False
        ),
        "general_assessment": table.get_str("general_assessment", "", nonempty=False),
        "sent_to": table.get_str("sent_to", DEFAULT_RECIPIENT),
        "sent_on": table.get_date("sent_on", None),
        "sources": table.get_str_list("sources", sources),
    }
    table.finish()
    return table.wrap(
        lambda: EvaluationReport.from_values(
            municipality=municipality, year=year, meeting_count=count, **values
        )
    )


def load_evaluations(path: str | Path) -> RegionOverview:
    """Read a region's evaluation overview from a TOML file.

    The file has ``schema_version = 1``, ``region``, ``year``, optional
    ``sources`` (default for every report) and one ``[[entries]]`` table per
    municipality with its ``municipality``; an entry's ``[entries.report]``
    table holds ``meeting_count`` (text or a number), ``topics``,
    ``local_agreements_follow_up``, ``general_assessment``, ``sent_to``,
    ``sent_on`` and ``sources``, all optional. An entry without a report table
    is a municipality with no report. Any problem is a
    :class:`~klu_rules.core.errors.FileFormatError` naming the file and the key.
    """
    return RegionOverview.from_mapping(load_toml_file(path), path=path)


_EXAMPLE_FILE: Final = "rsd_eval_2023.toml"


@functools.cache
def rsd_2023() -> RegionOverview:
    """Region Syddanmark's overview of the 2023 evaluations (``RSD-EVAL-2023``).

    22 municipalities in the overview's order; Fanø, Fredericia and Kerteminde
    have no report, Varde gives no count and Billund's count text states no
    count for the year.
    """
    resource = resources.files("klu_rules").joinpath("data").joinpath(_EXAMPLE_FILE)
    with resources.as_file(resource) as path:
        return load_evaluations(path)


# ---------------------------------------------------------------------------
# rendering


def _label(key: str) -> str:
    return EVALUATION_DA[key]


def _number_cell(value: int | None) -> str:
    return "" if value is None else str(value)


def _report_cells(report: EvaluationReport) -> dict[str, str]:
    count = report.meeting_count
    return {
        "municipality": report.municipality,
        "meeting_count": "" if count is None else count.raw,
        "held": _number_cell(None if count is None else count.held),
        "planned": _number_cell(None if count is None else count.planned),
        "cancelled": _number_cell(None if count is None else count.cancelled),
        "topics": "\n".join(report.topics),
        "local_agreements_follow_up": report.local_agreements_follow_up,
        "general_assessment": report.general_assessment,
        "year": str(report.year),
        "sent_to": report.sent_to,
        "sent_on": "" if report.sent_on is None else report.sent_on.isoformat(),
        "sources": ", ".join(report.sources),
    }


def _entry_cells(entry: EvaluationEntry, overview: RegionOverview) -> dict[str, str]:
    cells = dict.fromkeys(OVERVIEW_COLUMNS, "")
    if entry.report is not None:
        cells.update(_report_cells(entry.report))
    cells.update(
        municipality=entry.municipality,
        state=_label(entry.state),
        year=str(overview.year),
        region=overview.region,
    )
    return cells


def _csv(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; also quotes a lone "\r"
    writer.writerow([_label(c) for c in columns])
    for row in rows:
        writer.writerow([row[c] for c in columns])
    return out.getvalue()


def report_to_csv(report: EvaluationReport) -> str:
    """One report as CSV: a header of Danish labels and one row (:data:`REPORT_COLUMNS`).

    Topics are one a line inside their cell.
    """
    return _csv(REPORT_COLUMNS, [_report_cells(report)])


def overview_to_csv(overview: RegionOverview) -> str:
    """An overview as CSV, one row per municipality (:data:`OVERVIEW_COLUMNS`).

    :func:`overview_from_csv` reads it back to an equal overview.
    """
    return _csv(OVERVIEW_COLUMNS, (_entry_cells(e, overview) for e in overview.entries))


class _CsvRow:
    """One CSV row with its line number, for located errors."""

    __slots__ = ("cells", "line", "path")

    def __init__(self, cells: dict[str, str], line: int, path: str | Path | None) -> None:
        self.cells = cells
        self.line = line
        self.path = path

    def error(self, message: str, column: str | None = None) -> FileFormatError:
        key = None if column is None else _label(column)
        return FileFormatError(message, path=self.path, key=key, line=self.line)

    def number(self, column: str) -> int | None:
        cell = self.cells[column]
        if not cell:
            return None
        if not re.fullmatch(r"[0-9]{1,9}", cell):
            raise self.error(f"expected a whole number or an empty cell, got {cell!r}", column)
        return int(cell)

    def year(self) -> int:
        cell = self.cells["year"]
        if not re.fullmatch(r"[0-9]{1,4}", cell):
            raise self.error(f"expected a year such as 2023, got {cell!r}", "year")
        return int(cell)

    def state(self) -> EntryState:
        cell = self.cells["state"]
        for state in ENTRY_STATES:
            if cell == _label(state):
                return state
        labels = ", ".join(repr(_label(s)) for s in ENTRY_STATES)
        raise self.error(f"expected one of {labels}, got {cell!r}", "state")

    def entry(self, year: int) -> EvaluationEntry:
        cells = self.cells
        state = self.state()
        report_columns = [c for c in REPORT_COLUMNS if c not in ("municipality", "year")]
        if state == "no_report":
            filled = [c for c in report_columns if cells[c]]
            if filled:
                raise self.error(
                    "a municipality without a report has empty report cells, but "
                    + ", ".join(repr(_label(c)) for c in filled)
                    + " are filled",
                    "state",
                )
            return EvaluationEntry(cells["municipality"])
        held, planned, cancelled = (self.number(c) for c in ("held", "planned", "cancelled"))
        count = None
        if cells["meeting_count"] or (held, planned, cancelled) != (None, None, None):
            count = MeetingCount(
                raw=cells["meeting_count"], held=held, planned=planned, cancelled=cancelled
            )
        sent_on = None
        if cells["sent_on"]:
            try:
                sent_on = date.fromisoformat(cells["sent_on"])
            except ValueError:
                raise self.error(
                    f"expected a date written YYYY-MM-DD, got {cells['sent_on']!r}", "sent_on"
                ) from None
        report = EvaluationReport(
            municipality=cells["municipality"],
            year=year,
            meeting_count=count,
            topics=cells["topics"].split("\n") if cells["topics"] else (),
            local_agreements_follow_up=cells["local_agreements_follow_up"],
            general_assessment=cells["general_assessment"],
            sent_to=cells["sent_to"],
            sent_on=sent_on,
            sources=[s.strip() for s in cells["sources"].split(",")] if cells["sources"] else (),
        )
        entry = EvaluationEntry.for_report(report)
        if entry.state != state:
            raise self.error(
                f"the row says {_label(state)!r} but its cells give {_label(entry.state)!r}",
                "state",
            )
        return entry


def overview_from_csv(text: str, *, path: str | Path | None = None) -> RegionOverview:
    """Read an overview written by :func:`overview_to_csv`.

    The header holds the Danish labels of :data:`OVERVIEW_COLUMNS`, in any
    order; the numbers are read from their own columns, not from the count
    text. ``path`` is only used in error messages. Problems are
    :class:`~klu_rules.core.errors.FileFormatError` with the line and column.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    expected = {_label(c): c for c in OVERVIEW_COLUMNS}
    if header is None:
        raise FileFormatError(
            "empty; expected a header row: " + ", ".join(expected), path=path, line=1
        )
    missing = [label for label in expected if label not in header]
    unknown = [label for label in header if label not in expected]
    if missing or unknown or len(set(header)) != len(header):
        raise FileFormatError(
            "expected the header "
            + ", ".join(expected)
            + " (in any order, each once); "
            + (f"missing {', '.join(map(repr, missing))}; " if missing else "")
            + (f"unknown {', '.join(map(repr, unknown))}; " if unknown else "")
            + f"got {', '.join(map(repr, header))}",
            path=path,
            line=1,
        )
    columns = [expected[label] for label in header]
    region: str | None = None
    year: int | None = None
    entries: list[EvaluationEntry] = []
    for cells in reader:
        if not cells:
            continue
        row = _CsvRow(dict(zip(columns, cells, strict=False)), reader.line_num, path)
        if len(cells) != len(columns):
            raise row.error(f"expected {len(columns)} cells, got {len(cells)}")
        row_year = row.year()
        if region is None:
            region, year = row.cells["region"], row_year
        elif (row.cells["region"], row_year) != (region, year):
            raise row.error(
                f"every row must be for {region!r} {year}, got {row.cells['region']!r} {row_year}"
            )
        try:
            entries.append(row.entry(row_year))
        except FileFormatError:
            raise
        except InvalidValueError as exc:
            raise row.error(str(exc)) from None
    if region is None or year is None:
        raise FileFormatError("expected at least one row after the header", path=path, line=2)
    try:
        return RegionOverview(region=region, year=year, entries=entries)
    except InvalidValueError as exc:
        raise FileFormatError(str(exc), path=path) from None


def _md_cell(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_md_inline(line) for line in lines)


def _md_inline(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _md_paragraphs(text: str) -> str:
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return "\n\n".join(_md_inline(line) for line in lines) if lines else f"*{_label('not_stated')}*"


def _count_summary(count: MeetingCount | None) -> str:
    if count is None:
        return _label("not_stated")
    numbers = [
        f"{_label(key).lower()} {value}"
        for key, value in (
            ("held", count.held),
            ("planned", count.planned),
            ("cancelled", count.cancelled),
        )
        if value is not None
    ]
    return count.text + (f" ({', '.join(numbers)})" if numbers else "")


def report_to_markdown(report: EvaluationReport) -> str:
    """One report as Markdown, its sections in the order of Region Syddanmark's overview."""
    title = _label("report_title").format(municipality=report.municipality, year=report.year)
    topics = "\n".join(f"- {_md_inline(t)}" for t in report.topics) or (f"*{_label('not_stated')}*")
    sent = (
        _label("not_sent")
        if report.sent_on is None
        else f"{_label('sent_on').lower()} {report.sent_on.isoformat()}"
    )
    parts = [
        f"# {_md_inline(title)}",
        f"## {_label('meeting_count')}\n\n{_md_inline(_count_summary(report.meeting_count))}",
        f"## {_label('topics')}\n\n{topics}",
        f"## {_label('local_agreements_follow_up')}\n\n"
        f"{_md_paragraphs(report.local_agreements_follow_up)}",
        f"## {_label('general_assessment')}\n\n{_md_paragraphs(report.general_assessment)}",
        f"{_label('sent_to')}: {_md_inline(report.sent_to)} ({sent})  \n"
        f"{_label('sources')}: {', '.join(report.sources)}",
    ]
    return "\n\n".join(parts) + "\n"


def _totals_rows(overview: RegionOverview) -> list[tuple[str, int]]:
    totals = overview.totals
    return [
        (_label("municipalities"), totals.municipalities),
        (_label("reporting"), totals.reporting),
        (_label("count"), totals.with_count),
        (_label("report_without_count"), totals.without_count),
        (_label("no_report"), totals.no_report),
        (_label("total_held"), totals.held),
    ]


def _title(overview: RegionOverview) -> str:
    return _label("overview_title").format(year=overview.year, region=overview.region)


def overview_to_markdown(overview: RegionOverview) -> str:
    """An overview as a Markdown table in the columns of Region Syddanmark's, with totals.

    The count column shows the report's text; the next shows the meetings held
    as read from it; the last shows the entry's state.
    """
    columns = (
        "municipality",
        "meeting_count",
        "held",
        "topics",
        "local_agreements_follow_up",
        "general_assessment",
        "state",
    )
    lines = [
        f"# {_md_inline(_title(overview))}",
        "",
        "| " + " | ".join(_label(c) for c in columns) + " |",
        "|" + "|".join("--:" if c == "held" else "---" for c in columns) + "|",
    ]
    for entry in overview.entries:
        report = entry.report
        cells = dict.fromkeys(columns, "")
        cells["municipality"] = _md_inline(entry.municipality)
        cells["state"] = _label(entry.state)
        if report is not None:
            count = report.meeting_count
            cells.update(
                meeting_count="" if count is None else _md_cell(count.text),
                held=_number_cell(report.held) or "–",
                topics=_md_cell("\n".join(report.topics)),
                local_agreements_follow_up=_md_cell(report.local_agreements_follow_up),
                general_assessment=_md_cell(report.general_assessment),
            )
        lines.append("| " + " | ".join(cells[c] for c in columns) + " |")
    lines += ["", "| | |", "|---|--:|"]
    lines += [f"| {label} | {value} |" for label, value in _totals_rows(overview)]
    lines += ["", f"{_label('sources')}: {', '.join(overview.sources) or '–'}"]
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def overview_to_text(overview: RegionOverview, *, width: int = 60) -> str:
    """An overview as a plain-text table: municipality, meetings held, state, count text.

    The count text is cut to ``width`` characters.
    """
    rows = [
        (
            entry.municipality,
            "" if entry.report is None else (_number_cell(entry.report.held) or "–"),
            _label(entry.state),
            ""
            if entry.report is None or entry.report.meeting_count is None
            else _shorten(entry.report.meeting_count.text, width),
        )
        for entry in overview.entries
    ]
    header = (_label("municipality"), _label("held"), _label("state"), _label("meeting_count"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        return (
            f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        ).rstrip()

    out = [_title(overview), "", line(header), *(line(r) for r in rows), ""]
    out += [f"{label}: {value}" for label, value in _totals_rows(overview)]
    out.append(f"{_label('sources')}: {', '.join(overview.sources) or '–'}")
    return "\n".join(out) + "\n"
