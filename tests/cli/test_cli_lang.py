"""``--lang da|en`` on every subcommand: the command line's own words in one language.

Each subcommand runs in Danish and in English on the built-in Aalborg data and on the
examples. Data (names, titles, organisations, item titles from a file) is shown as
written, so every string of the data files is taken out before the words are checked.
The own-parts tests also take out what other parts of klu_rules write (finding texts,
result explanations); the whole-output tests keep them and pass once every finding and
result has its texts in both languages.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import AALBORG_2023_EXIT, ROOT, foreign_words, without_builtin_notice

from klu_rules.checks.compliance import review_year
from klu_rules.checks.coverage import coverage_statuses
from klu_rules.checks.deadlines import plan_year
from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.checks.meeting_check import check_record
from klu_rules.cli import main
from klu_rules.core.findings import CATALOGUE
from klu_rules.core.result import Result
from klu_rules.io.committee_file import load_committee
from klu_rules.io.coverage_file import rm_2021
from klu_rules.io.meeting_record import load_meeting_record
from klu_rules.io.presets import aalborg

EXAMPLES = ROOT / "examples"
EXAMPLE_2027 = EXAMPLES / "eksempelby_2027.toml"
EXAMPLE_RULES = EXAMPLES / "eksempelby_rules.toml"
DATA = ROOT / "src" / "klu_rules" / "data"
MEETING_FILES = ("aalborg_2021_12_meeting.toml", "meeting_2023_06_01.toml")
RECORDS = EXAMPLES / "aalborg_2021_records.toml"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# data files whose strings are not shown as written: klu_rules writes their texts from the
# catalogues (the GP agreements' titles, the findings)
OWN_WORDS = ("agreement_routes.toml", "findings.toml")


def _data_strings() -> list[str]:
    """Every string of the data files and examples, as the outputs may show it: whole, with
    whitespace and HTML tags collapsed, or a line at a time; longest first."""
    files = [*DATA.glob("*.toml"), *EXAMPLES.glob("*.toml")]
    files = [f for f in files if f.name not in OWN_WORDS]
    found = {s for f in files for s in _strings(tomllib.loads(f.read_text(encoding="utf-8")))}
    forms = set()
    for item in found:
        forms.add(" ".join(item.split()))
        forms.add(" ".join(re.sub(r"<[^>]*>", " ", item).split()))
        forms.update(" ".join(line.split()) for line in item.splitlines())
    return sorted((s for s in forms if len(s) >= 3), key=len, reverse=True)


DATA_STRINGS = _data_strings()
_CODE = r"\b[a-z]+\.[a-z][a-z0-9.-]*"
_FINDING_TEXT = re.compile(_CODE + r"\)?( \[[^\]]*\])?: .*")


def _without(text: str, strings: Iterable[str]) -> str:
    """``text`` without data, finding codes, HTML classes and ``strings``."""
    text = text.replace("<br>", "\n").replace("\\|", "|").replace("&lt;", "<")
    text = re.sub(r'class="[^"]*"', "", text)
    text = re.sub(r"  [^ \n][^\n]*…", "  ", text)  # a text from a file cut short
    for item in sorted({s for s in strings if s}, key=len, reverse=True):
        text = text.replace(item, " ")
    text = " ".join(text.split())
    for code in sorted(CATALOGUE, key=len, reverse=True):  # codes first: data may be in one
        text = text.replace(code, " ")
    for item in DATA_STRINGS:
        if item in text:  # taken out whole, never out of a longer word (Samarbejdsudvalg
            # out of Samarbejdsudvalget would leave "et")
            text = re.sub(rf"(?<!\w){re.escape(item)}(?!\w)", " ", text)
    return re.sub(_CODE, " ", text)


def _without_findings(text: str, strings: Iterable[str]) -> str:
    """:func:`_without`, and every finding's text (after its code) taken out too."""
    return _without(_FINDING_TEXT.sub("", text), strings)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, without_builtin_notice(err)


# --- what other parts of klu_rules write, by subcommand ------------------------------------


def _explained(*results: Result | None) -> list[str]:
    texts: list[str] = []
    for result in results:
        if result is None:
            continue
        texts += [result.explain(lang) for lang in ("da", "en")]
        texts += [f.text(lang) for f in result.findings for lang in ("da", "en")]
        texts += [str(v) for v in result.parameters.values()]
    return texts


def _plan_texts() -> list[str]:
    plan = plan_year(aalborg())
    return [f.text(lang) for f in plan.all_findings for lang in ("da", "en")]


def _check_texts(name: str) -> list[str]:
    check = check_record(load_meeting_record(EXAMPLES / name))
    q, h = check.quorum, check.honorarium
    texts = _explained(check, q, h, check.agenda)
    texts += [p.reason for p in (*q.not_counted, *h.not_paid, *h.eligible)]
    return texts


def _review_texts() -> list[str]:
    committee = load_committee(RECORDS)
    review = review_year(committee, committee.year or 2021)
    report = report_from_records(committee, committee.year or 2021)
    texts = _explained(review, *review.checks)
    return (
        texts
        + [*report.topics, report.local_agreements_follow_up]
        + [c.explain(lang) for c in review.checks for lang in ("da", "en")]
    )


def _coverage_texts() -> list[str]:
    statuses = coverage_statuses(rm_2021(), year=2021)
    return [s.explain(lang) for s in statuses for lang in ("da", "en")]


CASES: dict[str, tuple[tuple[str, ...], Any]] = {
    "plan": (("plan",), _plan_texts),
    "plan-meeting": (("plan", "--meeting", "2024-03-04T15:00/17:00"), list),
    "plan-as-of": (("plan", "--as-of", "2023-05-10"), _plan_texts),
    "show": (("show",), list),
    **{
        f"check-meeting-{name}": (
            ("check-meeting", str(EXAMPLES / name)),
            lambda name=name: _check_texts(name),
        )
        for name in MEETING_FILES
    },
    **{
        f"agenda-{fmt}-{name}": (("agenda", str(EXAMPLES / name), "--format", fmt), list)
        for name in MEETING_FILES
        for fmt in ("markdown", "html")
    },
    "evaluate-overview": (("evaluate", "--overview"), list),
    "evaluate-overview-markdown": (("evaluate", "--overview", "--format", "markdown"), list),
    "evaluate-committee": (("evaluate", "--committee", str(RECORDS)), _review_texts),
    "evaluate-committee-markdown": (
        ("evaluate", "--committee", str(RECORDS), "--format", "markdown"),
        _review_texts,
    ),
    "coverage": (("coverage",), list),
    "coverage-on": (("coverage", "--on", "2021-06-01"), list),
    "coverage-explain": (("coverage", "--explain"), _coverage_texts),
    "coverage-markdown": (("coverage", "--explain", "--format", "markdown"), _coverage_texts),
    "plan-range": (("plan", "--from", "2023-05-01", "--to", "2023-09-30"), _plan_texts),
    "plan-range-example": (
        ("plan", "--committee", str(EXAMPLE_2027), "--from", "2027-11-01", "--to", "2028-02-28"),
        list,
    ),
    "init": (("init", "--municipality", "Odense", "--year", "2027"), list),
    "init-aeroe": (("init", "--municipality", "Aeroe", "--year", "2024"), list),
    "propose": (("propose", "--year", "2028"), list),
    "propose-example": (("propose", "--committee", str(EXAMPLE_2027), "--year", "2028"), list),
    "propose-toml": (("propose", "--year", "2028", "--format", "toml"), list),
    "rules-aalborg": (("rules", "--on", "2027-03-01", "--rules", "aalborg"), list),
    "rules-national": (("rules", "--on", "2015-03-01"), list),
    "rules-example": (("rules", "--on", "2027-03-01", "--rules", str(EXAMPLE_RULES)), list),
    "wheel": (("wheel",), list),
    "wheel-example": (("wheel", "--committee", str(EXAMPLE_2027), "--as-of", "2027-12-01"), list),
}

# What shows the language of each subcommand's own words.
MARKS = {
    "plan": ("Året 2023:", "The year 2023:"),
    "plan-meeting": ("Mødeplan for 2024", "Year plan for 2024"),
    "plan-as-of": ("Status pr. 10. maj 2023", "Status as of 10 May 2023"),
    "show": ("Sammensætning:", "Members:"),
    "check-meeting": ("Beslutningsdygtighed", "Quorum"),
    "agenda": ("Dagsorden", "Agenda"),
    "evaluate-overview": ("Kommuner med evaluering", "Municipalities reporting"),
    "evaluate-committee": ("Antal møder", "Number of meetings"),
    "coverage": ("Opmærksomhedsområder", "Attention areas"),
    "coverage-markdown": ("| Lægedækningsområde |", "| Coverage area |"),
    "plan-range": ("frister og møder", "deadlines and meetings"),
    "init": ("Næste skridt:", "Next steps:"),
    "propose": ("forslag til mødekalender", "proposed meeting calendar"),
    "propose-toml": ("Forslag til mødekalender", "Proposed meeting calendar"),
    "rules": ("Regler, der gælder", "Rules in force on"),
    "wheel": (": årshjul for 20", ": annual wheel for 20"),
}


def _words(case: str, out: str) -> str:
    """What of ``out`` is words: a committee file's comments and the names in it (its keys and
    values are codes), the text of a wheel's SVG (not its markup)."""
    if case.startswith(("init", "propose-toml")):
        lines = out.splitlines()
        return "\n".join(
            line.partition("=")[2] if line.startswith("name =") else line
            for line in lines
            if line.startswith(("#", "name ="))
        )
    if case.startswith("wheel"):
        return "\n".join(html.unescape(t) for t in re.findall(r">([^<>]+)<", out))
    return out


def _mark(case: str, language: str) -> str:
    key = next(k for k in sorted(MARKS, key=len, reverse=True) if case.startswith(k))
    return MARKS[key][0 if language == "da" else 1]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_own_words_in_one_language(
    capsys: pytest.CaptureFixture[str], case: str, language: str
) -> None:
    argv, others = CASES[case]
    status, out, err = run(capsys, *argv, "--lang", language)
    assert status in (0, 1)
    # only the errors that explain exit status 1 (a file-writing command reports them)
    assert all(line.startswith("klu-rules: ") for line in err.splitlines())
    assert status == 0 or bool(err) or not case.startswith("wheel")
    assert foreign_words(re.sub(r"\([a-z.-]+\)", " ", err), language) == set()
    assert _mark(case, language) in out
    assert foreign_words(_without_findings(_words(case, out), others()), language) == set()


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_whole_output_in_one_language(
    capsys: pytest.CaptureFixture[str], case: str, language: str
) -> None:
    argv, _ = CASES[case]
    _, out, _ = run(capsys, *argv, "--lang", language)
    assert foreign_words(_without(_words(case, out), ()), language) == set()


@pytest.mark.parametrize("case", sorted(CASES))
def test_danish_is_the_default(capsys: pytest.CaptureFixture[str], case: str) -> None:
    argv, _ = CASES[case]
    assert run(capsys, *argv) == run(capsys, *argv, "--lang", "da")


# --- the language option ------------------------------------------------------------------

COMMANDS = ("plan", "show", "check-meeting", "agenda", "evaluate", "coverage", "ics")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_language_is_a_usage_error_listing_both(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--lang", "fr"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --lang: ugyldigt valg: 'fr' (vælg mellem da, en)" in err.replace(
        "'da'", "da"
    ).replace("'en'", "en")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("da", "klu-rules: fejl: --as-of tager en dato skrevet ÅÅÅÅ-MM-DD, fik '2023-3-1'\n"),
        ("en", "klu-rules: error: --as-of takes a date written YYYY-MM-DD, got '2023-3-1'\n"),
    ],
)
def test_the_error_line(capsys: pytest.CaptureFixture[str], language: str, line: str) -> None:
    assert run(capsys, "plan", "--as-of", "2023-3-1", "--lang", language) == (2, "", line)


def test_an_error_from_the_catalogue_in_both_languages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.toml")
    _, _, danish = run(capsys, "check-meeting", missing, "--lang", "da")
    _, _, english = run(capsys, "check-meeting", missing, "--lang", "en")
    assert danish == f"klu-rules: fejl: {missing}: filen kan ikke læses: filen findes ikke\n"
    assert english.startswith(f"klu-rules: error: {missing}: cannot read the file")


@pytest.mark.parametrize(
    ("language", "confirmation"),
    [("da", "{n} .ics-filer skrevet i {folder}\n"), ("en", "{n} .ics files written to {folder}\n")],
)
def test_ics_split_confirms_in_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, language: str, confirmation: str
) -> None:
    status, out, err = run(capsys, "ics", "--split", str(tmp_path), "--lang", language)
    count = len(list(tmp_path.glob("*.ics")))
    assert (status, count > 4) == (AALBORG_2023_EXIT, True)
    assert out == confirmation.format(n=count, folder=tmp_path)
    # the exit status explained: the plan's one error, in the language, on standard error
    severity = {"da": "Fejl", "en": "Error"}[language]
    assert err.startswith(f"klu-rules: {severity} (deadline.items-due-after-dispatch): ")
    assert err.count("\n") == 1
    assert foreign_words(err, language) == set()


def test_ics_feed_without_a_committee_is_named_in_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ("ics", "--meeting", "2024-03-04T15:00/17:00", "--lang")
    danish = run(capsys, *argv, "da")[1]
    english = run(capsys, *argv, "en")[1]
    assert "KLU-møder" in re.sub(r"\r\n ", "", danish)
    assert "KLU meetings" in re.sub(r"\r\n ", "", english)


# --- known answers ----------------------------------------------------------------------------


def test_show_in_english_and_danish(capsys: pytest.CaptureFixture[str]) -> None:
    english = run(capsys, "show", "--lang", "en")[1].splitlines()
    danish = run(capsys, "show")[1].splitlines()
    assert (
        english[0] == "Kommunalt Lægeligt Udvalg Aalborg (Aalborg Municipality, Region Nordjylland)"
    )
    assert danish[0] == "Kommunalt Lægeligt Udvalg Aalborg (Aalborg Kommune, Region Nordjylland)"
    assert "  - Monday 6 March 2023, 15:00-19:00 — KLU meeting, planned" in english
    assert "  - Mandag den 6. marts 2023 kl. 15.00-19.00 — KLU-møde, planlagt" in danish
    assert (
        "  - Mette Bolvig Poulsen — Doctor member (Formand, PLO-Aalborg; praktiserende "
        "læge, Kennedy Arkaden, PLO-Aalborg)" in english
    )


def test_check_meeting_headings(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / MEETING_FILES[0])
    danish = run(capsys, "check-meeting", path)[1].splitlines()
    english = run(capsys, "check-meeting", path, "--lang", "en")[1].splitlines()
    assert danish[0].startswith("Møde klu-aalborg-2021-12 (1. december 2021), udvalg klu-aalborg")
    assert english[0].startswith("Meeting klu-aalborg-2021-12 (1 December 2021), committee")
    assert (
        "Beslutningsdygtighed (en antagelse, som kilderne ikke fastsætter): ikke "
        "beslutningsdygtigt" in danish
    )
    assert "Honorar: afgjort, uden beløb, betales af kommunen, 6 honorerede lægepladser" in danish
    assert (
        "Honorarium: decided, without amounts, paid by the municipality, 6 paid doctor seats"
        in english
    )


def test_check_meeting_amounts_in_each_language(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / MEETING_FILES[0])
    rate = ("--rate", "1935.27", "--price-level", "2023-04")
    danish = run(capsys, "check-meeting", path, *rate)[1]
    english = run(capsys, "check-meeting", path, *rate, "--lang", "en")[1]
    assert "har ret til honorar: Mette Bolvig Poulsen (" in danish
    assert "): 1.935,27 kr." in danish
    assert "): DKK 1,935.27" in english


def test_agenda_html_names_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / MEETING_FILES[1])
    danish = run(capsys, "agenda", path, "--format", "html")[1]
    english = run(capsys, "agenda", path, "--format", "html", "--lang", "en")[1]
    assert '<html lang="da">' in danish
    assert '<article class="klu-agenda" lang="da">' in danish
    assert '<html lang="en">' in english
    assert "<strong>Expected duration:</strong>" in english
    assert "Tid: Torsdag den 1. juni 2023 kl. 15.00-17.00" in danish
    assert "Time: Thursday 1 June 2023, 15:00-17:00" in english


def test_coverage_in_each_language(capsys: pytest.CaptureFixture[str]) -> None:
    danish = run(capsys, "coverage", "--on", "2021-06-01")[1]
    english = run(capsys, "coverage", "--on", "2021-06-01", "--lang", "en")[1]
    assert (
        "Status 1. juni 2021\nPerioder: lægedækningstruet område 2 år, "
        "opmærksomhedsområde 1 år." in danish
    )
    assert (
        "Status on 1 June 2021\nPeriods: coverage-threatened area 2 years, "
        "attention area 1 year." in english
    )


def test_evaluate_committee_in_each_language(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("evaluate", "--committee", str(RECORDS), "--as-of", "2022-03-01")
    danish = run(capsys, *argv)[1]
    english = run(capsys, *argv, "--lang", "en")[1]
    assert "Årets forløb 2021 (pr. 1. marts 2022):" in danish
    assert "The year 2021 (as of 1 March 2022):" in english
    assert "  - Mødekalender aftalt: ikke et krav." in danish
    assert "  - Meeting calendar agreed: not a requirement." in english


def test_plan_known_days(capsys: pytest.CaptureFixture[str]) -> None:
    assert date(2023, 5, 18).isoweekday() == 4
    english = run(capsys, "plan", "--lang", "en")[1]
    assert (
        "  Agenda items due:      Friday 19 May 2023 (moved from Thursday 18 May 2023, "
        "Ascension Day)\n" in english
    )


@pytest.mark.parametrize(("index", "language"), [(0, "da"), (1, "en")])
def test_readme_samples_are_the_output(
    capsys: pytest.CaptureFixture[str], index: int, language: str
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    samples = re.findall(r"```text\n(.*?)```", readme, flags=re.S)
    argv = ("plan", "--rules", "aalborg", "--meeting", "2024-06-06T15:00/17:00")
    assert samples[index] == run(capsys, *argv, "--lang", language)[1]
