"""Shared test builders: the one module tests import helpers from."""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime
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
    get_rule_set,
)
from klu_rules.core.result import Finding
from klu_rules.io.schemas import json_schema

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


# --- one language per text ------------------------------------------------------------------

# Words that mark a sentence as English inside Danish text, or as Danish inside English text.
# Data (names, titles, organisations) is shown as written: pass texts without it, or allow it.
ENGLISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """the is are and of must not with meeting meetings deadline deadlines from was has
        have which after before agenda items item rules no yes""",
    )
)
DANISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """og er ikke skal af til møde møder mødet frist fristen fra med senest efter før
        dagsorden dagsordenspunkter regler ingen ja nej""",
    )
)


def foreign_words(text: str, language: str, *, allow: frozenset[str] = frozenset()) -> set[str]:
    """The words of ``text`` that belong to the other language (empty: one language only)."""
    # codes such as rules.local-x and options such as --meeting are names, not words
    plain = re.sub(r"[\w-]+(?:\.[\w-]+)+|--[\w-]+", " ", text.lower())
    words = set(re.findall(r"\w+", plain))
    return (words & (ENGLISH_WORDS if language == "da" else DANISH_WORDS)) - allow


# --- JSON documents against their shipped schemas ------------------------------------------


def schema_errors(document: Any, schema_id: str | None = None) -> list[str]:
    """Where ``document`` breaks the shipped schema ``schema_id`` (by default the one its
    ``schema`` key names); empty when it conforms."""
    schema = json_schema(schema_id or document["schema"])
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]
