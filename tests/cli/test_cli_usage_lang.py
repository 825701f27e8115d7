"""Help texts, usage errors and file errors of the command line, in Danish or in English.

``klu-rules --help`` and each subcommand's help, argparse's own words, the one-line usage
errors and the errors of bad files are written wholly in the language of ``--lang``; every
error text of the command line's and the files' catalogues (``errors_cli.toml``,
``errors_io.toml``) is reached by a case here.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import MINIMAL_RECORD, ROOT, foreign_words, without_builtin_notice

from klu_rules.cli import evaluate, main
from klu_rules.cli._parser import ARGPARSE_IDS, argparse_words, chosen_language
from klu_rules.core.errors import KluRulesError
from klu_rules.core.messages import catalogue, error_text
from klu_rules.io.committee_file import dump_committee
from klu_rules.io.coverage_file import rm_2021
from klu_rules.io.evaluation_file import overview_from_csv, report_from_values
from klu_rules.io.meeting_count_text import parse_meeting_count
from klu_rules.io.meeting_record import MeetingRecord, dump_meeting_record, load_meeting_record
from klu_rules.io.presets import aalborg
from klu_rules.model.agenda import Agenda
from klu_rules.text.agenda import render_agenda
from klu_rules.text.coverage import render

EXAMPLES = ROOT / "examples"
DATA = ROOT / "src" / "klu_rules" / "data"
MEETING = EXAMPLES / "meeting_2023_06_01.toml"


# --- help and usage errors in one language ----------------------------------------------------

# argparse's own words, which must not show in the other language's output
ARGPARSE_WORDS = {
    "da": {"usage", "options", "positional", "arguments", "show", "help", "message", "exit"},
    "en": {"brug", "tilvalg", "positionelle", "argumenter", "vis", "hjælp", "afslut", "fejl"},
}
# option names, placeholders of usage lines, choice lists and quoted values are names, not words
# and so are the commands and the keys of a file (``rules = ...``)
_NAMES = re.compile(
    r"--?[\w-]+|\{[^}]*\}|'[^']*'|\[[A-Z_/\[\]]*\]|\b[A-Z][A-Z_-]+\b|klu-rules [\w-]+"
    r"|^ {4}[\w-]+|\b\w+ =",
    re.M,
)


def _words_of_the_other_language(text: str, language: str) -> set[str]:
    plain = _NAMES.sub(" ", text.replace("\n", "\n\n"))
    words = set(re.findall(r"\w+", plain.lower()))
    return foreign_words(plain, language) | (words & ARGPARSE_WORDS[language])


def outcome(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)``'s exit status (a usage error's ``SystemExit`` too), stdout and stderr."""
    try:
        status = main(argv)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


HELP = [
    "show",
    "plan",
    "check-meeting",
    "agenda",
    "evaluate",
    "coverage",
    "wheel",
    "init",
    "propose",
]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    "command",
    [
        None,
        *HELP,
        "ics",
        "import",
        "rules",
    ],
)
def test_help_in_one_language(
    capsys: pytest.CaptureFixture[str], command: str | None, language: str
) -> None:
    argv = ([] if command is None else [command]) + ["--help", "--lang", language]
    status, out, err = outcome(capsys, argv)
    assert (status, err) == (0, "")
    assert out.startswith({"da": "brug: klu-rules", "en": "usage: klu-rules"}[language])
    assert _words_of_the_other_language(out, language) == set()


def test_the_language_may_come_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert outcome(capsys, ["--lang=en", "show"])[1] == outcome(capsys, ["show", "--lang", "en"])[1]
    assert outcome(capsys, ["plan", "--lan", "en", "--help"])[1].startswith("usage:")
    assert outcome(capsys, ["plan", "--", "--lang", "en"])[2].startswith("klu-rules: fejl:")


COMMITTEE = """\
schema_version = 1
[committee]
id = "k"
name = "KLU Test"
municipality = "Test"
region = "Nordjylland"
rules = "national"
year = 2024
"""
PERSON = '[[people]]\nid = "p"\nname = "Per"\n'
COVERAGE = """\
schema_version = 1
[policy]
region = "R"
threatened_period_years = 2
attention_period_years = 1
sources = ["PPU-RM-2021-02"]

[[area]]
id = "a"
name = "LD A"

[[designations]]
kind = "threatened"
year = 2021
areas = ["a"]
sources = ["PPU-RM-2021-02"]
"""
EVALUATIONS = 'schema_version = 1\nregion = "R"\nyear = 2023\n'
ENTRY = '[[entries]]\nmunicipality = "A"\n'

# (argv with FILE for the file written from the text, the file's text, what is reported: the
# key of an error from the catalogue, "cli.*" for an option's value read by argparse, or None
# for argparse's own words)
BAD: dict[str, tuple[tuple[str, ...], str | None, str | None]] = {
    "unknown-command": (("nope",), None, None),
    "no-command": ((), None, None),
    "show-missing-file": (("show", "--committee", "FILE"), None, "cannot_read"),
    "show-bad-toml": (("show", "--committee", "FILE"), "[committee\n", "not_toml"),
    "show-bad-format": (("show", "--format", "xml"), None, None),
    "show-two-sources": (("show", "--preset", "aalborg", "--committee", "x"), None, None),
    "show-unknown-preset": (("show", "--preset", "odense"), None, "presets.unknown"),
    "show-person-twice": (
        ("show", "--committee", "FILE"),
        COMMITTEE + PERSON + PERSON,
        "committee_file.person_twice",
    ),
    "show-unknown-person": (
        ("show", "--committee", "FILE"),
        COMMITTEE + '[[memberships]]\nperson = "x"\nside = "municipality"\nrole = "chair"\n',
        "committee_file.unknown_person",
    ),
    "show-rules-twice": (
        ("show", "--committee", "FILE"),
        COMMITTEE.replace('rules = "national"', 'rules = "national"\nrules_file = "r.toml"'),
        "committee_file.rules_one_of",
    ),
    "show-rules-file-missing": (
        ("show", "--committee", "FILE"),
        COMMITTEE.replace('rules = "national"', 'rules_file = "r.toml"'),
        "committee_file.rules_file_missing",
    ),
    "plan-bad-year": (("plan", "--year", "twenty"), None, "cli.whole_number"),
    "plan-year-out-of-range": (("plan", "--year", "2300"), None, "cli.year"),
    "plan-unknown-choice": (("plan", "--layering", "loose"), None, None),
    "plan-no-value": (("plan", "--year"), None, None),
    "plan-unknown-option": (("plan", "--colour"), None, None),
    "plan-bad-date": (("plan", "--as-of", "2023-1-01"), None, "cli_date"),
    "plan-no-such-day": (("plan", "--as-of", "2023-02-30"), None, "cli_no_such_day"),
    "plan-date-with-a-space": (("plan", "--as-of", " 2023-05-01"), None, "cli_date"),
    "plan-date-in-other-digits": (("plan", "--as-of", "２０２３-０５-０１"), None, "cli_date"),
    "show-empty-file": (("show", "--committee", "FILE"), " \n", "files_empty"),
    "check-missing-file": (("check-meeting", "FILE"), None, "cannot_read"),
    "check-no-file": (("check-meeting",), None, None),
    "check-bad-toml": (("check-meeting", "FILE"), "x = [\n", "not_toml"),
    "check-bad-quorum": (
        ("check-meeting", "FILE", "--quorum-municipal", "-1"),
        MINIMAL_RECORD,
        "cli.not_negative",
    ),
    "check-rate-alone": (
        ("check-meeting", "FILE", "--rate-per", "hour"),
        MINIMAL_RECORD,
        "cli.rate_missing",
    ),
    "check-price-level": (
        ("check-meeting", "FILE", "--rate", "1500"),
        MINIMAL_RECORD,
        "cli.price_level_missing",
    ),
    "check-rate-text": (
        ("check-meeting", "FILE", "--rate", "1.500,00", "--price-level", "2023-04"),
        MINIMAL_RECORD,
        "cli.rate_not_decimal",
    ),
    "check-rate-places": (
        ("check-meeting", "FILE", "--rate", "1500.001", "--price-level", "2023-04"),
        MINIMAL_RECORD,
        "cli.rate_places",
    ),
    "check-preset-and-file": (
        ("check-meeting", "FILE"),
        MINIMAL_RECORD.replace(
            'preset = "aalborg"', 'preset = "aalborg"\ncommittee_file = "k.toml"'
        ),
        "meeting_record.preset_or_file",
    ),
    "check-committee-file-missing": (
        ("check-meeting", "FILE"),
        MINIMAL_RECORD.replace('preset = "aalborg"', 'committee_file = "k.toml"'),
        "meeting_record.committee_file_missing",
    ),
    "check-person-in-committee": (
        ("check-meeting", "FILE"),
        MINIMAL_RECORD.replace(
            "\n[meeting]", '[[people]]\nid = "lars-lund"\nname = "L"\n\n[meeting]'
        ),
        "meeting_record.person_in_committee",
    ),
    "check-unknown-topic": (
        ("check-meeting", "FILE"),
        MINIMAL_RECORD + '[meeting.agenda]\nnot_relevant = ["helth"]\n',
        "meeting_record.unknown_topic",
    ),
    "agenda-bad-format": (("agenda", "FILE", "--format", "pdf"), MINIMAL_RECORD, None),
    "agenda-no-agenda": (("agenda", "FILE"), MINIMAL_RECORD, "cli.no_agenda"),
    "evaluate-no-mode": (("evaluate",), None, None),
    "evaluate-missing-file": (("evaluate", "--overview", "FILE"), None, "cannot_read"),
    "evaluate-bad-toml": (("evaluate", "--overview", "FILE"), "year = \n", "not_toml"),
    "evaluate-bad-format": (("evaluate", "--overview", "--format", "pdf"), None, None),
    "evaluate-no-entries": (
        ("evaluate", "--overview", "FILE"),
        EVALUATIONS,
        "evaluation_file.no_entries",
    ),
    "evaluate-entry-twice": (
        ("evaluate", "--overview", "FILE"),
        EVALUATIONS + ENTRY + ENTRY,
        "evaluation_file.entry_twice",
    ),
    "evaluate-count-type": (
        ("evaluate", "--overview", "FILE"),
        EVALUATIONS + ENTRY + "[entries.report]\nmeeting_count = true\n",
        "evaluation_file.count_type",
    ),
    "evaluate-held-without-text": (
        ("evaluate", "--overview", "FILE"),
        EVALUATIONS
        + ENTRY
        + '[entries.report]\nmeeting_count = 4\nheld = 4\ncount_reading = "x"\n',
        "evaluation_file.held_without_text",
    ),
    "evaluate-no-year": (
        ("evaluate", "--committee", "FILE"),
        COMMITTEE.replace("year = 2024\n", ""),
        "cli_no_year",
    ),
    "coverage-missing-file": (("coverage", "--file", "FILE"), None, "cannot_read"),
    "coverage-bad-toml": (("coverage", "--file", "FILE"), "[policy\n", "not_toml"),
    "coverage-bad-date": (("coverage", "--on", "1 June 2021"), None, "cli.iso_date"),
    "coverage-unknown-choice": (("coverage", "--format", "xml"), None, None),
    "coverage-no-designations": (
        ("coverage", "--file", "FILE"),
        COVERAGE.split("[[designations]]")[0].replace("1\n", "1\ndesignations = []\n", 1),
        "cli.no_designations",
    ),
    "coverage-empty-list": (
        ("coverage", "--file", "FILE"),
        COVERAGE.replace('areas = ["a"]', "areas = []"),
        "coverage_file.empty_list",
    ),
    "coverage-empty-text": (
        ("coverage", "--file", "FILE"),
        COVERAGE.replace('areas = ["a"]', 'areas = [" "]'),
        "coverage_file.empty_text",
    ),
    "coverage-note-area": (
        ("coverage", "--file", "FILE"),
        COVERAGE + '[designations.notes]\nb = "x"\n',
        "coverage_file.note_area",
    ),
    "coverage-area-twice": (
        ("coverage", "--file", "FILE"),
        COVERAGE.replace(
            "[[designations]]", '[[area]]\nid = "a"\nname = "LD B"\n\n[[designations]]'
        ),
        "coverage_file.area_twice",
    ),
    "coverage-municipality-as-region": (
        ("coverage", "--file", "FILE"),
        COVERAGE.replace('region = "R"', 'region = "Odense"'),
        "coverage_file.municipality_as_region",
    ),
    "evaluate-no-overview-of-the-year": (
        ("evaluate", "--overview", "FILE", "--year", "2022"),
        EVALUATIONS + ENTRY,
        "cli.evaluate_no_year",
    ),
    "coverage-until-year": (
        ("coverage", "--file", "FILE"),
        COVERAGE.replace("year = 2021", "year = 2021\nuntil_year = 2024"),
        "coverage_file.until_year",
    ),
    "coverage-decided-on": (
        ("coverage", "--file", "FILE"),
        COVERAGE.replace("year = 2021", "year = 2021\ndecided_on = 2020-02-23"),
        "coverage_file.decided_on",
    ),
    "coverage-unknown-area": (
        ("coverage", "--file", "FILE"),
        COVERAGE.replace('areas = ["a"]', 'areas = ["b"]'),
        "coverage_file.unknown_area",
    ),
    "ics-bad-stamp": (("ics", "--stamp", "soon"), None, "cli_stamp"),
    "ics-unknown-choice": (("ics", "--calendar", "none"), None, None),
}


READ_BY_ARGPARSE = {"cli.whole_number", "cli.year", "cli.not_negative", "cli.iso_date"}
"""Option values argparse reads (``type=``): their errors are argparse's usage errors."""


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_usage_and_bad_files_are_one_line_in_one_language(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    case: str,
    language: str,
) -> None:
    argv, text, key = BAD[case]
    path = tmp_path / "bad.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    raised: list[str | None] = []

    def recorded(error: BaseException, lang: Any) -> str:
        raised.append(getattr(error, "text_key", None))
        return error_text(error, lang)

    monkeypatch.setattr("klu_rules.cli.error_text", recorded)
    args = [str(path) if a == "FILE" else a for a in argv]
    status, out, err = outcome(capsys, [*args, "--lang", language])
    err = without_builtin_notice(err)
    prefix = {"da": "klu-rules: fejl: ", "en": "klu-rules: error: "}[language]
    assert (status, out) == (2, "")
    assert err.startswith(prefix)
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert "Traceback" not in err
    assert _words_of_the_other_language(err.replace(str(tmp_path), " "), language) == set()
    if key in READ_BY_ARGPARSE:
        template = catalogue(language)[f"error.{key}"]  # type: ignore[arg-type]
        assert template.split("{")[0] in err
    assert raised == ([] if key is None or key in READ_BY_ARGPARSE else [key])


def _keys_of(name: str) -> set[str]:
    path = DATA / "text" / "en" / name
    tables = tomllib.loads(path.read_text(encoding="utf-8"))["error"]
    return {f"{section}.{key}" for section, texts in tables.items() for key in texts}


def test_every_error_of_the_command_line_and_the_files_is_reached_by_a_case() -> None:
    reached = {key for _, _, key in BAD.values()} | set(API_ERRORS)
    assert _keys_of("errors_cli.toml") | _keys_of("errors_io.toml") <= reached


# --- errors of the files and renderers met through the Python API -----------------------------

CSV_HEADER = (
    "Kommunenavn,Antal møder,Afholdt,Planlagt,Aflyst,Emner drøftet,"
    "Opfølgning og status på implementering af lokale aftaler,Generel vurdering af samarbejdet,"
    "Status,År,Region,Sendt til,Sendt den,Kilder"
)
CSV_ROW = "Aalborg,4 møder,4,,,Lægedækning,,,Mødeantal oplyst,2023,R,Samarbejdsudvalg,,OK22-102"
CSV_NONE = "Brønderslev,,,,,,,,Ingen evaluering,2023,R,,,"


def _csv(*rows: str) -> Any:
    return lambda: overview_from_csv("\n".join((CSV_HEADER, *rows)) + "\n")


def _record(**changes: Any) -> Any:
    record = load_meeting_record(MEETING)
    fields = {"meeting": record.meeting, "committee": record.committee, **changes}
    return lambda: MeetingRecord(**fields)


API_ERRORS: dict[str, Any] = {
    "committee_file.not_a_committee": lambda: dump_committee(None),  # type: ignore[arg-type]
    "committee_file.rule_set_not_from_file": lambda: dump_committee(
        attrs.evolve(aalborg(), rule_set=attrs.evolve(aalborg().rule_set, title="Andre regler"))
    ),
    "meeting_record.committee_one_of": _record(),
    "meeting_record.meeting_not_in_committee": _record(
        meeting=aalborg().meetings[0], committee=attrs.evolve(aalborg(), meetings=()), preset="a"
    ),
    "meeting_record.not_a_meeting": lambda: MeetingRecord.build("x", aalborg()),  # type: ignore[arg-type]
    "meeting_record.not_a_committee": lambda: MeetingRecord.build(aalborg().meetings[0], "x"),  # type: ignore[arg-type]
    "meeting_record.not_a_record": lambda: dump_meeting_record("x"),  # type: ignore[arg-type]
    "meeting_count.not_text": lambda: parse_meeting_count(4),  # type: ignore[arg-type]
    "evaluation_file.count_value": lambda: report_from_values(meeting_count=-1),
    "evaluation_file.csv_empty": lambda: overview_from_csv(""),
    "evaluation_file.csv_header_missing": lambda: overview_from_csv("Kommunenavn\n"),
    "evaluation_file.csv_header_unknown": lambda: overview_from_csv(CSV_HEADER + ",Farve\n"),
    "evaluation_file.csv_header_repeated": lambda: overview_from_csv(CSV_HEADER + ",Kommunenavn\n"),
    "evaluation_file.csv_no_rows": _csv(),
    "evaluation_file.csv_cells": _csv("Aalborg,4"),
    "evaluation_file.csv_count": _csv(CSV_ROW.replace(",4,,,", ",fire,,,")),
    "evaluation_file.csv_year": _csv(CSV_ROW.replace("2023", "år")),
    "evaluation_file.csv_state": _csv(CSV_ROW.replace("Mødeantal oplyst", "Ja")),
    "evaluation_file.csv_filled": _csv(CSV_NONE.replace(",,,,,,,,", ",4,,,,,,,")),
    "evaluation_file.csv_state_mismatch": _csv(
        CSV_ROW.replace("Mødeantal oplyst", "Evaluering uden mødeantal")
    ),
    "evaluation_file.csv_region": _csv(CSV_ROW, CSV_NONE.replace(",R,", ",S,")),
    "evaluation_file.csv_date": _csv(CSV_ROW.replace("udvalg,", "udvalg,15-01-2024")),
    "agenda_text.format": lambda: render_agenda(Agenda(()), "pdf"),  # type: ignore[arg-type]
    "coverage_text.format": lambda: render(rm_2021(), year=2021, fmt="xml"),  # type: ignore[arg-type]
    "cli.evaluate_what": lambda: evaluate.run(argparse.Namespace(format="text")),
}


@pytest.mark.parametrize("key", sorted(API_ERRORS))
def test_api_errors_in_each_language(key: str) -> None:
    with pytest.raises(KluRulesError) as caught:
        API_ERRORS[key]()
    assert caught.value.text_key == key
    for language in ("da", "en"):
        text = error_text(caught.value, language)  # type: ignore[arg-type]
        for label in sorted(CSV_HEADER.split(","), key=len, reverse=True):
            text = text.replace(label, " ")  # the CSV's own columns, in the file's language
        assert _words_of_the_other_language(text, language) == set()


# --- argparse's own words ---------------------------------------------------------------------

_MSGIDS = re.compile(
    r"""(?:\b_|ngettext)\(\s*((?:'[^']*'|"[^"]*")(?:\s*,\s*(?:'[^']*'|"[^"]*"))?)"""
)


def _argparse_msgids() -> set[str]:
    """The message ids the running Python's argparse asks gettext for."""
    source = inspect.getsource(argparse)
    found: set[str] = set()
    for match in _MSGIDS.finditer(source):
        found.update(ast.literal_eval(f"({match[1]},)"))
    return found


def test_the_english_catalogue_holds_argparse_own_message_ids() -> None:
    section = {k[9:]: t for k, t in catalogue("en").items() if k.startswith("argparse.")}
    assert section == ARGPARSE_IDS  # the ids translated are the words the catalogue has
    ours = set(section.values())
    newer = {"%(heading)s:", " (default: %(default)s)", "show program's version number and exit"}
    newer |= {"subcommands", "%(prog)s: warning: %(message)s\n"}
    newer |= {t for t in ours if "deprecated" in t}
    assert ours - _argparse_msgids() <= newer
    user_facing = {"usage: ", "options", "the following arguments are required: %s"}
    assert user_facing <= _argparse_msgids()


def test_argparse_words_are_its_own_again_afterwards() -> None:
    gettext = vars(argparse)["_"]
    with argparse_words("da"):
        plural = vars(argparse)["ngettext"]
        assert plural("expected %s argument", "expected %s arguments", 2) == "forventede %s værdier"
        assert plural("expected %s argument", "expected %s arguments", 1) == "forventede %s værdi"
        assert vars(argparse)["_"]("not a message of argparse") == "not a message of argparse"
    assert vars(argparse)["_"] is gettext


@pytest.mark.parametrize(
    ("argv", "language"),
    [
        (["plan", "--lang", "en"], "en"),
        (["plan", "--lang=en", "--lang", "da"], "da"),
        (["--lan", "en", "plan"], "en"),
        (["plan", "--la", "en"], "da"),
        (["plan", "--lang"], "da"),
        (["plan", "--lang", "fr"], "da"),
        (["plan", "--", "--lang", "en"], "da"),
    ],
)
def test_the_language_is_read_before_parsing(argv: list[str], language: str) -> None:
    assert chosen_language(argv) == language
