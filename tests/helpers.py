"""Shared test builders: the one module tests import helpers from."""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema

from klu_rules import (
    Agenda,
    AgendaItem,
    Attendance,
    Committee,
    Meeting,
    Membership,
    Person,
    RuleSet,
    get_rule_set,
)
from klu_rules.cli._common import exit_status
from klu_rules.core.errors import KluRulesError
from klu_rules.core.messages import error_text, message
from klu_rules.core.result import Finding
from klu_rules.io.schemas import json_schema
from klu_rules.model.records import AnnualWheel
from klu_rules.rules.entries import RuleEntry
from klu_rules.rules.ruleset import NATIONAL
from klu_rules.text.wheel_layout import Geometry

CPH = ZoneInfo("Europe/Copenhagen")
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def cph(*args: int) -> datetime:
    """A Copenhagen wall-clock datetime (only for times that exist once)."""
    return datetime(*args, tzinfo=CPH)


# --- golden findings: one file per finding code ---------------------------------------------

GOLDEN_FINDINGS = ROOT / "tests" / "golden" / "findings"


def check_golden_finding(found: Finding) -> None:
    """``found.to_dict()`` equals ``tests/golden/findings/<code>.json``.

    ``KLU_UPDATE_GOLDEN=1`` rewrites the file from ``found``.
    """
    data = found.to_dict()
    path = GOLDEN_FINDINGS / f"{found.code}.json"
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert data == json.loads(path.read_text(encoding="utf-8")), f"{path.name} differs"


# ---------------------------------------------------------------------------
# a committee with everything the iCalendar export writes (tests/io)


def rich_committee(meetings: tuple[Meeting, ...] | None = None) -> Committee:
    """KLU Testkommune 2024: e-mail addresses, an agenda, attendance, held, cancelled meetings."""
    p = {
        "chair": Person("chair", "Karen Formand", email="karen@kommune.example"),
        "doc1": Person("doc1", "Dr Anne Læge", email="anne@praksis.example", doctor=True),
        "doc2": Person("doc2", "Dr Bo Læge", doctor=True),
        "sub": Person("sub", "Dr Carl Stedfortræder", email="carl@praksis.example", doctor=True),
        "extra": Person("extra", "Dr Dorte Supplement", email="dorte@praksis.example", doctor=True),
        "cons": Person("cons", "Eva Praksiskonsulent", email="eva@kommune.example", doctor=True),
        "sec": Person("sec", "Finn Sekretær", email="finn@kommune.example"),
        "staff": Person("staff", "Gitte Sekretariat", email="gitte@kommune.example"),
    }
    if meetings is None:
        meetings = (
            Meeting(
                id="m1",
                start=cph(2024, 3, 4, 15),
                end=cph(2024, 3, 4, 17),
                location="Rådhuset, mødelokale 2; 1. sal",
                title="Temamøde om demens",
                agenda=Agenda(
                    (
                        AgendaItem("1", "Godkendelse af dagsordenen", "approval", 5),
                        AgendaItem("2", "Punkter til behandling", "decision"),
                        AgendaItem("2.a", "Samarbejde om plejehjemslæger", "decision", 40),
                        AgendaItem("3", "Orienteringspunkter", "information", 20),
                        AgendaItem("4", "Eventuelt", "other_business"),
                    )
                ),
            ),
            Meeting(
                id="m2",
                start=cph(2024, 6, 3, 15),
                end=cph(2024, 6, 3, 17),
                status="held",
                revision=2,
                attendance=(
                    Attendance(p["chair"], "present"),
                    Attendance(p["doc1"], "absent", reason="Sygdom"),
                    Attendance(p["sub"], "substitute", substitute_for="doc1"),
                    Attendance(p["extra"], "supplementing"),
                ),
                call_for_items_on=date(2024, 5, 6),
                agenda_sent_on=date(2024, 5, 17),
            ),
            Meeting(
                id="m3",
                start=cph(2024, 9, 2, 15),
                end=cph(2024, 9, 2, 17),
                status="cancelled",
                revision=1,
            ),
            Meeting(id="m4", start=cph(2024, 11, 7, 16), kind="dialogue", title="Dialogmøde"),
        )
    return Committee(
        id="klu-test",
        name="KLU Testkommune",
        municipality="Testkommune",
        region="Nordjylland",
        rule_set=get_rule_set("aalborg"),
        memberships=(
            Membership(p["chair"], "municipality", "chair"),
            Membership(p["doc1"], "general_practice", "doctor_member"),
            Membership(p["doc2"], "general_practice", "doctor_member"),
            Membership(p["cons"], "municipality", "practice_consultant"),
        ),
        secretariat=(
            Membership(p["staff"], "municipality", "secretariat_staff"),
            Membership(p["sec"], "municipality", "secretary"),
        ),
        meetings=meetings,
        year=2024,
    )


# --- iCalendar files to import (tests/io/test_ical_import.py, test_ical_error_texts.py) -----


def ics(*lines: str) -> bytes:
    """A ``VCALENDAR`` (version 2.0) of ``lines``, with CRLF line ends."""
    return (
        "\r\n".join(("BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR")) + "\r\n"
    ).encode()


def vevent(*properties: str) -> bytes:
    """:func:`ics` of one ``VEVENT`` (``UID:a``) with ``properties``."""
    return ics("BEGIN:VEVENT", "UID:a", *properties, "END:VEVENT")


# --- one language per text ------------------------------------------------------------------

# Words that mark a sentence as English inside Danish text, or as Danish inside English text:
# common function words and the domain's words of each language, reviewed so that no word is
# also an ordinary word of the other language. Left out on purpose, as words of both languages
# or of names: at, by (a Danish town), da, den, dens, dog, en (da and en are the language
# codes), for, fast, give, given, hold, i, in, it (IT), man, men, mere, note, over, side, sin,
# sine, sit, sent, set, time, timer, to, under, and the words the two languages share
# (status, plan, region, data, standard, information, minimum, maximum, total, start,
# weekend). Data (names, titles, organisations) is shown as written: pass texts without it,
# or allow it.
ENGLISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """the is are was were be been being and or of with without from which who what when
        where why how this that these those its they their there if but than then each
        every any all only also still yet now must should would will can cannot could
        may has have had does did not no yes after before until since between within because
        about other another same more less least most got add written write read
        meeting meetings deadline deadlines agenda agendas item items rule rules committee
        committees error warning file key value expected found held planned
        cancelled due missing unknown invalid date day days week weeks month months year
        years hours doctor doctors member members seat seats chair secretary substitute fee
        fees rate quorum present absent attendance minutes topic topics annual evaluation
        report calendar holiday holidays closed working moved done recorded municipality
        municipal sources source call dispatch number whole name agreement agreements""",
    )
)
DANISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """og er ikke skal af til fra med senest efter før ingen ja nej det der som på et
        har kan om eller også hvis når hvor hvad hvorfor hvordan ved uden inden mellem blev
        bliver være været var kun må får giver alle hver hvert ny nye denne dette disse
        deres dets samt endnu nu stadig mindst højst
        møde møder mødet møderne mødes frist fristen frister dagsorden dagsordenen
        dagsordenspunkt dagsordenspunkter punkt punktet punkter udvalg udvalget udvalgets
        kommunen kommunale regler reglerne regelsæt regelsættet fejl advarsel advarsler
        bemærkning bemærkninger indkaldelse udsendelse referat referatet honorar stedfortræder
        forretningsorden forretningsordenen mødekalender årshjul kilde kilder læge læger
        lægelig lægelige lægeligt medlem medlemmer plads pladser formand sekretær planlagt
        afholdt aflyst år året dato dag dage uge uger måned måneder fil filen nøgle
        forventede fik angiv gælder kræver overenskomst aftale emne emner evaluering sats
        stede""",
    )
)


# What is code, not words: a quoted value ('x', "x"), a call such as date(2023, 3, 6) or
# ClosingDay(month=5, day=1), an assignment such as status = 'done' or on=None, a placeholder
# of argparse (%(prog)s), a TOML table ([[meetings]]), a dotted name (rules.local-x,
# datetime.date), an option (--meeting) and the command's own name.
_CODE = re.compile(
    r"(?<!\w)'[^'\n]*'(?!\w)|(?<!\w)\"[^\"\n]*\"(?!\w)|[\w.]+\((?:[^()\n]|\([^()]*\))*\)?"
    r"|\w+ ?= ?(?:'[^']*'|[^\s,;)]*)|%\(\w+\)\w|\[\[?\w+\]\]?"
    r"|[\w-]+(?:\.[\w-]+)+|--[\w-]+|klu[-_]rules"
)


def foreign_words(text: str, language: str, *, allow: frozenset[str] = frozenset()) -> set[str]:
    """The words of ``text`` that belong to the other language (empty: one language only)."""
    plain = _CODE.sub(" ", text.lower())
    words = set(re.findall(r"\w+", plain))
    return (words & (ENGLISH_WORDS if language == "da" else DANISH_WORDS)) - allow


def code_words(parameters: dict[str, Any]) -> frozenset[str]:
    """The words of the values in ``parameters`` that are codes: a name, a number with a unit
    (``2 weeks``) or a list of them (``days, weeks, months``), quoted or not. A value written
    as words (``a holiday rule's sources``) is not a code, so its words stay checked."""
    found: set[str] = set()
    for value in parameters.values():
        items = value if isinstance(value, tuple | list) else (value,)
        for item in items:
            text = re.sub(r"'[^']*'|\"[^\"]*\"|\b\d+\b", " ", str(item))
            pieces = [p.strip() for p in re.split(r",|\bog\b|\band\b|\beller\b|\bor\b", text)]
            if all(len(p.split()) <= 1 for p in pieces):
                found.update(w.lower() for p in pieces for w in re.findall(r"\w+", p))
    return frozenset(found)


# --- the annual wheel (tests/text/test_wheel*.py, tests/cli/test_cli_wheel.py) ---------------

EXAMPLE_2027 = ROOT / "examples" / "eksempelby_2027.toml"


def dense_committee(year: int = 2024) -> Committee:
    """A crowded year for the annual wheel: a meeting in the first week of every month and a
    dialogue meeting in the third week of every month (24 meetings, 48 deadlines), under
    KLU Aalborg's rules, with the topics of the year and of the next."""

    meetings = []
    for month in range(1, 13):
        meetings.append(
            Meeting(
                id=f"m{month:02d}",
                start=cph(year, month, 4, 15),
                end=cph(year, month, 4, 17),
                status="held" if month == 12 else "planned",
            )
        )
        meetings.append(
            Meeting(id=f"d{month:02d}", start=cph(year, month, 18, 16), kind="dialogue")
        )
    return Committee(
        id="klu-dense",
        name='KLU "Tæt" <& Co>',
        municipality="Testkommune",
        region="Nordjylland",
        rule_set=get_rule_set("aalborg"),
        meetings=tuple(meetings),
        year=year,
        annual_wheels=(
            AnnualWheel(
                year,
                date(year - 1, 11, 30),
                topic_keys=("health_agreements",),
                topics=tuple(
                    f"Emne nummer {n} med en lang titel om samarbejdet" for n in range(1, 13)
                ),
            ),
            AnnualWheel(
                year + 1,
                date(year, 12, 4),
                "m12",
                topics=("Næste års første emne", "Et andet emne"),
            ),
        ),
    )


# --- JSON documents against their shipped schemas ------------------------------------------


def schema_errors(document: Any, schema_id: str | None = None) -> list[str]:
    """Where ``document`` breaks the shipped schema ``schema_id`` (by default the one its
    ``schema`` key names); empty when it conforms."""
    schema = json_schema(schema_id or document["schema"])
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


# --- error messages in one language -----------------------------------------------------------


def raised(call: Callable[[], object]) -> KluRulesError:
    """The KluRulesError ``call`` raises (a failure when it raises none)."""
    try:
        call()
    except KluRulesError as error:
        return error
    raise AssertionError("no error was raised")


def texts_in_one_language(
    error: KluRulesError, allow: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """``error``'s Danish and English texts, checked to hold no word of the other language
    (``allow``: data shown as written; parameters that are codes are allowed too), no
    unfilled placeholder, and to be short."""
    da, en = error_text(error, "da"), error_text(error, "en")
    allow = allow | code_words(error.text_parameters)
    assert foreign_words(da, "da", allow=allow) == set(), da
    assert foreign_words(en, "en", allow=allow) == set(), en
    if not (error.text_key or "").startswith("messages."):  # those quote a template
        assert "{" not in da + en
    assert len(en) < 600, "a bad value is quoted as an excerpt"
    return da, en


def error_keys(error: KluRulesError) -> set[str]:
    """The catalogue keys ``error`` is written from: its own and that of the error it wraps."""
    cause = error.text_parameters.get("cause")
    return {k for k in (error.text_key, cause) if isinstance(k, str)}


def keyed_error_texts(
    key: str, call: Callable[[], object], allow: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """The Danish and English texts of the error ``call`` raises, checked to be written from
    the catalogue key ``key`` (:func:`error_keys`) and as :func:`texts_in_one_language` checks."""
    error = raised(call)
    assert key in error_keys(error)
    return texts_in_one_language(error, allow)


def catalogue_error_keys(file_name: str, *, skip: tuple[str, ...] = ()) -> set[str]:
    """The ``error.*`` keys (without ``error.``) of the English catalogue file ``file_name``."""
    path = ROOT / "src" / "klu_rules" / "data" / "text" / "en" / file_name
    tables = tomllib.loads(path.read_text("utf-8"))
    flat = tables.get("error", {})  # a file of one [error] table: its keys as they are
    return {
        f"{section[6:]}.{key}"
        for section, table in tables.items()
        if section.startswith("error.") and section[6:] not in skip
        for key in table
    } | {key for key, text in flat.items() if isinstance(text, str)}


# --- the built-in committee's notice (tests/cli/test_municipal.py tests it) ----------------


def without_builtin_notice(err: str) -> str:
    """``err`` without the line saying a command fell back to the built-in committee."""

    for language in ("da", "en"):
        notice = message("builtin.notice", language, preset="aalborg") + "\n"
        if err.startswith(notice):
            return err[len(notice) :]
    return err


# --- the command line's exit status --------------------------------------------------------


def exit_of(*results: object) -> int:
    """The exit status a command printing ``results`` gives: 1 when a finding is an error."""
    return exit_status(*results)


AALBORG_2023_EXIT = 1
"""The exit status of a command on the built-in Aalborg 2023 plan: on its own rules the
1 June 2023 meeting's items are due after the agenda goes out, an error finding."""


# --- the annual wheel of a season (tests/text/test_wheel.py, tests/cli/test_cli_wheel.py) ----

SEASON = (date(2024, 8, 1), date(2025, 7, 31))
"""A season from 1 August 2024 to 31 July 2025: 365 days over two calendar years."""


def season_committee() -> Committee:
    """:func:`dense_committee`'s 2024 and 2025 (two meetings a month, both years), with the
    topics of 2026 agreed on a day of the season without a meeting."""
    import attrs

    first, second = dense_committee(2024), dense_committee(2025)
    later = tuple(attrs.evolve(m, id=f"{m.id}-2025") for m in second.meetings)
    topics = AnnualWheel(2026, date(2025, 6, 25), topics=("Et emne for 2026",))
    return attrs.evolve(
        first,
        meetings=first.meetings + later,
        annual_wheels=(*first.annual_wheels, topics),
    )


# --- a committee built field by field (tests/model, tests/checks, tests/io, tests/core) -----


def plain_committee(**fields: Any) -> Committee:
    """KLU Test (``klu-test``, Test, Nordjylland) under the national rules, without seats or
    meetings; ``fields`` set or replace any of the committee's fields."""
    values: dict[str, Any] = {
        "id": "klu-test",
        "name": "KLU Test",
        "municipality": "Test",
        "region": "Nordjylland",
        "rule_set": get_rule_set("national"),
    }
    return Committee(**(values | fields))


# --- file texts (tests/io/test_meeting_record.py, test_seed_minutes.py, tests/cli) ----------

MINIMAL_RECORD = """\
schema_version = 1
preset = "aalborg"

[meeting]
id = "klu-aalborg-2023-10-05"
start = 2023-10-05T15:00:00
end = 2023-10-05T17:00:00
"""
"""A meeting record of the built-in Aalborg committee: one meeting, nothing else."""


# --- rule sets --------------------------------------------------------------------------------


def local_rules(sources: tuple[str, ...] = ("AAL2021",), **values: object) -> RuleSet:
    """A local rule set on the national rules: ``values`` from 1 May 2021, citing ``sources``."""
    entries = tuple(
        RuleEntry(key, value, date(2021, 5, 1), sources)  # type: ignore[arg-type]
        for key, value in values.items()
    )
    return RuleSet(
        name="local-test", title="Local test rules", level="local", entries=entries, parent=NATIONAL
    )


# --- the annual wheel's page: labels, title band, legend (tests/text/test_wheel_fit.py) ------


def wheel_clashes(wheel: Any) -> list[str]:
    """Where the labels of ``wheel`` (a :class:`~klu_rules.text.wheel_build.Wheel`) leave the
    page or run into each other, the title band or the legend; empty when none does."""
    g = wheel.geometry
    band = wheel.heading[-1][1] + 6  # the last heading line's baseline and its descent
    legend = [e.box() for e in wheel.legend]
    found = []
    for i, a in enumerate(wheel.labels):
        key = a.label.key
        if not a.box.within(g.margin, band, g.width - g.margin, g.height - g.margin):
            found.append(f"{key} leaves the page or enters the title band: {a.box}")
        found += [
            f"{key} overlaps {b.label.key}" for b in wheel.labels[i + 1 :] if a.box.overlaps(b.box)
        ]
        found += [f"{key} overlaps the legend" for box in legend if a.box.overlaps(box)]
    return found


def wheel_committee(
    days: Any, *, topics: int = 0, name: str = "KLU Test", year: int = 2024
) -> Committee:
    """:func:`plain_committee` with a 15:00-17:00 meeting on each of ``days`` (dates; two on
    one day the second at 17:30) and, with ``topics``, that many topics for the next year
    agreed at the last meeting."""

    import attrs

    meetings, seen = [], set()
    for index, day in enumerate(sorted(days)):
        hour = 17 if day in seen else 15
        seen.add(day)
        start = cph(day.year, day.month, day.day, hour, 30 if hour == 17 else 0)
        meetings.append(Meeting(id=f"m{index:02d}", start=start, end=start + timedelta(hours=1)))
    wheels = ()
    if topics and meetings:
        last = meetings[-1]
        names = tuple(
            f"Opfølgning på indsats nr. {n} for borgere med kronisk sygdom"
            for n in range(1, topics + 1)
        )
        wheels = (AnnualWheel(year + 1, last.start.date(), last.id, topics=names),)
        meetings[-1] = attrs.evolve(last, status="held")
    return plain_committee(name=name, meetings=tuple(meetings), year=year, annual_wheels=wheels)


def check_placed(placed: tuple[Any, ...], g: Any = None) -> None:
    """No two placed labels of a wheel overlap; each is on the page of the geometry ``g``
    (default: the standard one), beside the wheel and clear of it."""
    g = Geometry() if g is None else g
    for i, a in enumerate(placed):
        assert a.box.within(g.margin, g.top, g.width - g.margin, g.bottom), a.label.key
        assert a.box.distance_to(g.cx, g.cy) >= g.clear - 1e-6, a.label.key
        assert (a.box.x >= g.cx) == (a.side == "right"), a.label.key
        for b in placed[i + 1 :]:
            assert not a.box.overlaps(b.box), (a.label.key, b.label.key)


# ---------------------------------------------------------------------------
# iCalendar export: a deadline found by its meeting and kind (its UID names its date too)


def deadline_in(components: Any, meeting_id: str, kind: str) -> Any:
    """The deadline component of ``meeting_id`` and ``kind`` among ``components`` (a dict by
    UID, or a sequence)."""
    values = components.values() if hasattr(components, "values") else components
    [found] = [
        c
        for c in values
        if str(c.get("X-KLU-MEETING-ID")) == meeting_id and str(c.get("X-KLU-DEADLINE")) == kind
    ]
    return found
