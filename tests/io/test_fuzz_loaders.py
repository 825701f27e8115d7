"""Fuzzing every loader: whatever the input, only a KluRulesError may escape.

The fuzz tests are marked ``slow`` (out of the default run). Run them with::

    HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest -m slow tests/io/test_fuzz_loaders.py -s

``-s`` prints, per loader, how many inputs were accepted and rejected.
Inputs: arbitrary bytes and text; valid files (the shipped data, the examples,
the golden iCalendar exports, dumped values of the public strategies) with
lines deleted, duplicated, swapped, truncated or replaced, values replaced by
hostile TOML (huge numbers, NaN, dates at the ends of the calendar, DST gaps,
deep nesting, wrong types), bad encodings; and parsed files mutated at the
data level (keys deleted, values replaced, tables duplicated or wrapped), fed
to the ``*_from_mapping`` readers. A leak found here gets a regular (not slow)
regression test at the end of this file.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import itertools
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from time import monotonic, process_time
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from klu_rules import FileFormatError, KluRulesError, dump_committee
from klu_rules.core.errors import MESSAGE_LIMIT
from klu_rules.core.messages import error_text
from klu_rules.core.toml import dumps, parse_toml_text
from klu_rules.io.committee_file import committee_from_mapping, parse_committee
from klu_rules.io.coverage_file import load_coverage
from klu_rules.io.evaluation_file import (
    load_evaluations,
    overview_from_csv,
    overview_from_mapping,
    overview_to_csv,
    rsd_2023,
)
from klu_rules.io.ical import parse_ics
from klu_rules.io.meeting_count_text import parse_meeting_count
from klu_rules.io.meeting_record import meeting_record_from_mapping, parse_meeting_record
from klu_rules.rules.loader import dump_rule_set
from klu_rules.rules.ruleset import parse_rule_set

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "klu_rules" / "data"
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"

FUZZ = settings(suppress_health_check=list(HealthCheck), deadline=None)
STATS: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)


TIME_BUDGET = 1.0
"""Seconds one input may take to be read or refused (a server reading uploads must not hang):
processor time, so that a busy machine does not fail the run."""


def run(name: str, load: Callable[[], object]) -> None:
    """Call a loader: a KluRulesError is a rejection, any other exception fails the test, and
    so do an input that takes over :data:`TIME_BUDGET` and a message over 500 characters."""
    STATS[name]["inputs"] += 1
    started = process_time()
    try:
        load()
    except KluRulesError as exc:
        STATS[name]["rejected"] += 1
        longest = max(len(error_text(exc, language)) for language in ("en", "da"))
    else:
        longest = 0
        STATS[name]["accepted"] += 1
    took = process_time() - started
    STATS[name]["slowest ms"] = max(STATS[name]["slowest ms"], int(took * 1000))
    assert took <= TIME_BUDGET, f"{name}: {took:.2f} s for one input"
    assert longest <= MESSAGE_LIMIT, f"{name}: a message of {longest} characters"


@pytest.fixture(scope="module", autouse=True)
def _report(pytestconfig: pytest.Config) -> Iterator[None]:
    started = monotonic()
    yield
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    if not STATS or reporter is None:
        return
    reporter.write_line("\nfuzz summary (inputs per loader):")
    for name, stats in sorted(STATS.items()):
        rest = ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if k != "inputs")
        reporter.write_line(f"  {name}: {stats['inputs']} inputs ({rest})")
    total = sum(s["inputs"] for s in STATS.values())
    reporter.write_line(f"  total: {total} inputs in {monotonic() - started:.0f} s")


# ---------------------------------------------------------------------------
# hostile values

EDGE_DATETIMES = [
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(-timedelta(hours=23, minutes=59))),
    datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=23, minutes=59))),
    datetime(9999, 12, 31, 23, 59, 59),
    datetime(1, 1, 1),
    datetime(2023, 3, 26, 2, 30),  # inside Copenhagen's spring gap
    datetime(2023, 10, 29, 2, 30),  # twice in Copenhagen's autumn overlap
    datetime(1850, 1, 1, 12, 0),  # local mean time, offset in seconds
]
EDGE_INTS = [0, -1, 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**30, -(10**30), 10**400]

# text that means something to some loader, or nearly does
TEXTS = [
    *("", " ", "0", "-1", "-0", "1", "1e30", "-1e30", "1e999", "1E+999999", "NaN", "Infinity"),
    *("99999999999999999999999999999.99", "0.000000000000000000000000000001"),
    *("2021-13", "0000-00", "9999-99", "national", "aalborg", "../national.toml", "../x", "/"),
    *("Europe/Copenhagen", "Mars/Olympus", "x" * 200, "\x00", "é", "ÆØÅ", "abc\n"),
    *("1 week", "0 hours", "3 months", "999999 weeks", "999999 hours", "1000000 days"),
]
SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.text(max_size=12),
    st.sampled_from(TEXTS),
    st.integers(),
    st.sampled_from(EDGE_INTS),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=14))])),
    st.sampled_from(EDGE_DATETIMES),
    st.times(),
)
VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _hostile_like(value: Any) -> st.SearchStrategy[Any]:
    """A hostile value of the same TOML type as ``value`` (else any value)."""
    if isinstance(value, bool):
        return st.booleans() | SCALARS
    if isinstance(value, int):
        return st.sampled_from(EDGE_INTS) | st.integers()
    if isinstance(value, str):
        return st.sampled_from(TEXTS) | st.text(max_size=12)
    if isinstance(value, datetime):
        return st.sampled_from(EDGE_DATETIMES) | st.datetimes()
    if isinstance(value, date):
        return st.sampled_from([date.min, date.max, date(2023, 2, 28)]) | st.dates()
    if isinstance(value, list):
        return st.lists(st.sampled_from(value) if value else VALUES, max_size=50)
    return VALUES


def _deep(depth: int, table: bool) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"a": value} if table else [value]
    return value


# Deeper data than this trips Python's recursion limit in the harness itself (copying,
# printing); the text-level inputs nest brackets up to 5000 deep.
DEEP = st.builds(_deep, st.integers(20, 150), st.booleans())

TOML_VALUES = [
    *(b"1e999", b"-1e999", b"nan", b"inf", b"-inf", b"0x7FFFFFFFFFFFFFFF", b"1_000_000"),
    *(b"99999999999999999999999999999999", b"-9223372036854775809", b"true", b"false"),
    *(b'"1e30"', b'"NaN"', b'"Infinity"', b'"99999999999999999999999999999.99"', b'"-0"'),
    *(b'""', b'" "', b"[]", b"{}", b"{ a = 1 }", b"'literal'", b'"""multi\nline"""'),
    *(b'"\\u0000"', b'"\\uD800"', b'"a\\nb"', b"07:32:00", b"2023-06-01", b"2023-02-30"),
    *(b"1979-05-27T07:32:00Z", b"9999-12-31T23:59:59-23:59", b"0001-01-01T00:00:00+23:59"),
    *(b"2023-03-26T02:30:00", b"2023-10-29T02:30:00", b"1850-01-01T12:00:00"),
    *(b'"999999 weeks"', b'"1000000 days"', b'"0 hours"', b'"3 months"', b'"12 weeks"'),
    b'"2 fortnights"',
]
LITERALS: st.SearchStrategy[bytes] = st.one_of(
    st.sampled_from(TOML_VALUES),
    st.builds(lambda n: b"[" * n + b"]" * n, st.integers(1, 5000)),
    st.builds(lambda n: b"{ a = " * n + b"1" + b" }" * n, st.integers(1, 2000)),
    st.builds(lambda n: str(n).encode(), st.integers()),
    st.builds(
        lambda s: dumps({"v": s})[4:-1].encode("utf-8"),
        SCALARS.filter(lambda v: not isinstance(v, float) or (v == v and abs(v) != float("inf"))),
    ),
    st.binary(max_size=12),
)

ICS_VALUES: st.SearchStrategy[bytes] = st.one_of(
    st.sampled_from(
        [
            *(b"99991231T235959Z", b"00010101T000000Z", b"20230326T023000", b"20231029T023000"),
            *(b"20230601", b"P99999999D", b"-P1D", b"PT0S", b"P1W2D", b"99999999999999999999"),
            *(b"-1", b"", b"X", b"TZID=Mars/Olympus:20230601T150000", b"CANCELLED", b"OPAQUE"),
            *(b"TRANSPARENT", b"20230601T150000Z/20230601T140000Z", b"\\,\\;\\n"),
        ]
    ),
    st.binary(max_size=16),
    st.text(max_size=16).map(lambda t: t.encode("utf-8")),
)


# ---------------------------------------------------------------------------
# mutations


@st.composite
def mutated_bytes(
    draw: st.DrawFn, seeds: list[bytes], literals: st.SearchStrategy[bytes], separator: bytes
) -> bytes:
    """A valid file with 1..4 line-level mutations and, sometimes, a bad encoding."""
    raw = draw(st.sampled_from(seeds))
    lines = raw.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [b""]
        i = draw(st.integers(0, len(lines) - 1))
        edits = ["delete", "duplicate", "swap", "value", "value", "value", "insert", "truncate"]
        op = draw(st.sampled_from([*edits, "bytes", "key", "block"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "value" and separator in line:
            head = line.split(separator, 1)[0]
            lines[i] = head + separator + (b" " if separator == b"=" else b"") + draw(literals)
        elif op == "insert":
            lines.insert(i, draw(st.binary(max_size=30) | literals))
        elif op == "truncate":
            lines[i] = line[: draw(st.integers(0, len(line)))]
        elif op == "bytes":
            lines[i] = draw(st.binary(max_size=40))
        elif op == "key" and separator in line:
            tail = line.split(separator, 1)[1]
            key = draw(st.text(min_size=1, max_size=10)).encode("utf-8")
            lines[i] = key + separator + tail
        elif op == "block":
            j = draw(st.integers(i, min(i + 30, len(lines))))
            lines[i:i] = lines[i:j] * draw(st.integers(0, 3))
    out = b"\n".join(lines)
    encoding = draw(
        st.sampled_from(["utf-8"] * 6 + ["latin-1", "utf-16", "utf-8-sig", "bom", "cut"])
    )
    if encoding == "bom":
        return b"\xef\xbb\xbf" + out
    if encoding == "cut":
        return out[: draw(st.integers(0, len(out)))]
    if encoding != "utf-8":
        return out.decode("utf-8", "replace").encode(encoding, "replace")
    return out


def _slots(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) pair in a parsed TOML document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield data, key
            yield from _slots(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield data, index
            yield from _slots(value, (*path, index))


@st.composite
def mutated_mapping(draw: st.DrawFn, seeds: list[dict[str, Any]]) -> dict[str, Any]:
    """A parsed valid file with 1..4 data-level mutations."""
    data = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        slots = list(_slots(data))
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        edits = ["delete", "replace", "replace", "duplicate", "wrap", "add", "deep", "empty"]
        op = draw(st.sampled_from([*edits, "hostile", "hostile", "hostile"]))
        if op == "delete":
            del container[key]
        elif op == "replace":
            container[key] = draw(VALUES)
        elif op == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif op == "wrap":
            container[key] = [container[key]]
        elif op == "add" and isinstance(container, dict):
            container[draw(st.text(max_size=10))] = draw(VALUES)
        elif op == "deep":
            container[key] = draw(DEEP)
        elif op == "empty":
            container[key] = draw(st.sampled_from([{}, [], "", 0]))
        elif op == "hostile":
            container[key] = draw(_hostile_like(container[key]))
    return data


def _text_input(
    seeds: list[bytes], literals: st.SearchStrategy[bytes], separator: bytes = b"="
) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        mutated_bytes(seeds, literals, separator),
        mutated_bytes(seeds, literals, separator),
        mutated_bytes(seeds, literals, separator),
    )


# ---------------------------------------------------------------------------
# the loaders and their seeds (valid files)


def _read(*paths: Path) -> list[bytes]:
    return [path.read_bytes() for path in paths]


def _via_file(load: Callable[[Path], object]) -> Callable[[bytes], object]:
    def read(raw: bytes) -> object:
        with tempfile.NamedTemporaryFile(suffix=".toml", delete=False) as file:
            file.write(raw)
        try:
            return load(Path(file.name))
        finally:
            Path(file.name).unlink()

    return read


def _text(read: Callable[[str], object]) -> Callable[[bytes], object]:
    return lambda raw: read(raw.decode("utf-8", "replace"))


COMMITTEES = _read(DATA / "aalborg_2023.toml", EXAMPLES / "aalborg_2021_records.toml")
RULE_SETS = _read(DATA / "national.toml", DATA / "aalborg.toml")
RECORDS = [raw for raw in _read(*sorted(EXAMPLES.glob("*.toml"))) if b"[meeting]" in raw]
COVERAGE = _read(DATA / "coverage_rm_2021.toml")
EVALUATIONS = _read(DATA / "rsd_eval_2023.toml")
CSV = [overview_to_csv(rsd_2023()).encode("utf-8")]

# name: (seeds, values to put in, the key-value separator, the loader of bytes)
TEXT_LOADERS: dict[str, tuple[list[bytes], Any, bytes, Callable[[bytes], object]]] = {
    "committee": (COMMITTEES, LITERALS, b"=", parse_committee),
    "rule set": (RULE_SETS, LITERALS, b"=", lambda raw: parse_rule_set(parse_toml_text(raw))),
    "meeting record": (
        RECORDS,
        LITERALS,
        b"=",
        lambda raw: parse_meeting_record(raw, base_dir=EXAMPLES),
    ),
    "coverage": (COVERAGE, LITERALS, b"=", _via_file(load_coverage)),
    "evaluation": (EVALUATIONS, LITERALS, b"=", _via_file(load_evaluations)),
    "evaluation csv": (CSV, LITERALS | ICS_VALUES, b",", _text(overview_from_csv)),
    "meeting count": (
        CSV,
        LITERALS | ICS_VALUES,
        b",",
        _text(lambda t: parse_meeting_count(t[:200])),
    ),
}


def _coverage_data(data: dict[str, Any]) -> object:
    try:
        raw = dumps(data).encode("utf-8")
    except (TypeError, ValueError):  # not writable as TOML (e.g. NaN): not an input
        assume(False)
    return _via_file(load_coverage)(raw)


DATA_LOADERS: dict[str, tuple[list[bytes], Callable[[dict[str, Any]], object]]] = {
    "committee": (COMMITTEES, committee_from_mapping),
    "rule set": (RULE_SETS, parse_rule_set),
    "meeting record": (RECORDS, lambda data: meeting_record_from_mapping(data, base_dir=EXAMPLES)),
    "coverage": (COVERAGE, _coverage_data),
    "evaluation": (EVALUATIONS, overview_from_mapping),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TEXT_LOADERS))
@FUZZ
@given(data=st.data())
def test_a_loader_raises_only_klu_rules_errors_on_any_bytes(name: str, data: st.DataObject) -> None:
    seeds, values, separator, load = TEXT_LOADERS[name]
    raw = data.draw(_text_input(seeds, values, separator))
    run(f"{name} (text)", lambda: load(raw))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DATA_LOADERS))
@FUZZ
@given(data=st.data())
def test_a_reader_raises_only_klu_rules_errors_on_any_data(name: str, data: st.DataObject) -> None:
    seeds, read = DATA_LOADERS[name]
    mapping = data.draw(mutated_mapping([parse_toml_text(seed) for seed in seeds]))
    run(f"{name} (data)", lambda: read(mapping))


ICS = [raw.replace(b"\r\n", b"\n") for raw in _read(*sorted(GOLDEN.glob("*.ics")))]


@pytest.mark.slow
@FUZZ
@given(
    _text_input(ICS, ICS_VALUES, b":"),
    st.booleans(),
    st.sampled_from(["Europe/Copenhagen", "UTC", "Pacific/Apia"]),
)
def test_ics_import_raises_only_klu_rules_errors_on_any_bytes(
    raw: bytes, crlf: bool, zone: str
) -> None:
    payload = raw.replace(b"\n", b"\r\n") if crlf else raw
    run("ics", lambda: parse_ics(payload, timezone=zone))


@pytest.mark.slow
@FUZZ
@given(st.data())
def test_dumped_strategy_values_mutated_raise_only_klu_rules_errors(data: st.DataObject) -> None:
    from klu_rules.testing import strategies as ks

    if data.draw(st.booleans()):
        seed = dump_committee(data.draw(ks.committees(max_members=3, max_meetings=2)))
        raw = data.draw(mutated_bytes([seed.encode("utf-8")], LITERALS, b"="))
        run("committee (dumped)", lambda: parse_committee(raw))
    else:
        seed = dump_rule_set(data.draw(ks.rule_sets()))
        raw = data.draw(mutated_bytes([seed.encode("utf-8")], LITERALS, b"="))
        run("rule set (dumped)", lambda: parse_rule_set(parse_toml_text(raw)))


def test_every_loader_reads_its_seeds_and_the_mutations_produce_inputs() -> None:
    for seeds, _, _, load in TEXT_LOADERS.values():
        for seed in seeds:
            load(seed)

    @settings(max_examples=20, suppress_health_check=list(HealthCheck), database=None)
    @given(_text_input(RULE_SETS, LITERALS), mutated_mapping([parse_toml_text(RULE_SETS[0])]))
    def check(raw: bytes, data: dict[str, Any]) -> None:
        assert isinstance(raw, bytes)
        assert isinstance(data, dict)

    check()


# ---------------------------------------------------------------------------
# regressions: leaks the fuzzing found

HUGE_AMOUNT = b"""schema_version = 1
name = "x"
title = "X"
level = "local"
layered_on = "national"

[[rules.nursing_home_hourly_rate]]
value = { amount = "1e30", price_level = "2021-04" }
effective_from = 2022-01-01
sources = ["AAL-MIN-2021-12"]
"""


def test_fixed_rule_set_with_a_huge_amount_is_a_file_format_error() -> None:
    # it escaped as decimal.InvalidOperation from Money
    with pytest.raises(FileFormatError, match="too large"):
        parse_rule_set(parse_toml_text(HUGE_AMOUNT))


COMMITTEE = b"""schema_version = 1
[committee]
id = "k"
name = "K"
municipality = "M"
region = "R"
rules = "national"

[[meetings]]
id = "m"
"""
RECORD = b'schema_version = 1\npreset = "aalborg"\n[meeting]\nid = "m"\n'
ICS_EVENT = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
    b"DTSTAMP:20240101T000000Z\r\nDTSTART:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("load", "data"),
    [
        (parse_committee, COMMITTEE + b"start = 9999-12-31T23:59:59-23:59\n"),
        (parse_committee, COMMITTEE + b"start = 0001-01-01T00:00:00+23:59\n"),
        (parse_meeting_record, RECORD + b"start = 0001-01-01T00:00:00+23:59\n"),
        (parse_ics, ICS_EVENT % b"99991231T235959Z"),
    ],
    ids=["committee-end", "committee-start", "record-start", "ics-end"],
)
def test_fixed_a_meeting_at_the_ends_of_time_is_an_error(
    load: Callable[[bytes], object], data: bytes
) -> None:
    # it escaped as OverflowError
    with pytest.raises(FileFormatError):
        load(data)


def test_time_values_are_scalars_for_the_writer() -> None:
    # the data-level fuzzing writes coverage files with klu_rules' own writer
    assert dumps({"a": time(7, 32), "b": date(2023, 6, 1)}) == "a = 07:32:00\nb = 2023-06-01\n"


# ---------------------------------------------------------------------------
# the fast profile (every run): the corpus of known attacks, a few generated inputs per loader,
# and the command line's argument parser

HUGE_INT = b"1" * 4301
HEAD = COMMITTEE.split(b"\n[[meetings]]")[0]
CORPUS: dict[str, bytes] = {
    "4301-digit integer": b"schema_version = " + HUGE_INT + b"\n",
    "4301-digit integer in a table": COMMITTEE + b"revision = " + HUGE_INT + b"\n",
    "deep brackets": b"schema_version = 1\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep tables": b"x = " + b"{ a = " * 2000 + b"1" + b" }" * 2000 + b"\n",
    "zone of 400 parts": HEAD.replace(
        b'rules = "national"', b'rules = "national"\ntimezone = "' + b"a/" * 400 + b'b"'
    ),
    "rules_file /etc/passwd": HEAD.replace(b'rules = "national"', b'rules_file = "/etc/passwd"'),
    "rules_file /dev/zero": HEAD.replace(b'rules = "national"', b'rules_file = "/dev/zero"'),
    "rules_file ..": HEAD.replace(b'rules = "national"', b'rules_file = "../../etc/passwd"'),
    "rules_file ~": HEAD.replace(b'rules = "national"', b'rules_file = "~/.ssh/id_ed25519"'),
    "committee_file /etc/passwd": b'schema_version = 1\ncommittee_file = "/etc/passwd"\n',
    "meeting at the end of time": COMMITTEE + b"start = 9999-12-31T23:59:59-23:59\n",
    "meeting at the start of time": COMMITTEE + b"start = 0001-01-01T00:00:00+23:59\n",
    "meeting in the spring gap": COMMITTEE + b"start = 2023-03-26T02:30:00\n",
    "meeting zone with seconds": COMMITTEE
    + b'timezone = "+23:59:59"\nstart = 2023-06-01T15:00:00\n',
    "huge key": b'schema_version = 1\n"' + b"k" * 100_000 + b'" = 1\n',
    "huge value": COMMITTEE + b'title = "' + b"v" * 200_000 + b'"\n',
    "huge list of keys": b"schema_version = 1\n" + b"".join(b"k%d = 1\n" % i for i in range(2000)),
    "every byte": bytes(range(256)),
    "utf-16": "schema_version = 1\n".encode("utf-16"),
    "lone surrogates": b'schema_version = 1\nname = "\xed\xa0\x80"\n',
    "NUL": b"schema_version = 1\x00\n",
    "csv field over 128 KiB": CSV[0].split(b"\r\n")[0] + b'\r\n"' + b"x" * 200_000 + b'",2023\r\n',
    "csv huge header": b",".join(b"h%d" % i for i in range(50_000)) + b"\r\n",
    "ics 4301 digits": ICS_EVENT % HUGE_INT,
    "ics end of time": ICS_EVENT % b"99991231T235959Z",
    "ics zone of 400 parts": ICS_EVENT % (b"TZID=" + b"a/" * 400 + b"b:20230601T150000"),
}


@pytest.mark.parametrize("name", sorted(TEXT_LOADERS))
def test_the_corpus_of_known_attacks_is_refused_cleanly(name: str) -> None:
    load = TEXT_LOADERS[name][3]
    for case, raw in CORPUS.items():
        run(f"{name}: {case}", lambda: load(raw))  # noqa: B023


def test_the_corpus_is_refused_cleanly_by_ics_import() -> None:
    for case, raw in CORPUS.items():
        run(f"ics: {case}", lambda: parse_ics(raw))  # noqa: B023


FAST = settings(max_examples=12, suppress_health_check=list(HealthCheck), deadline=None)


@pytest.mark.parametrize("name", sorted(TEXT_LOADERS))
@FAST
@given(data=st.data())
def test_fast_a_loader_raises_only_klu_rules_errors(name: str, data: st.DataObject) -> None:
    seeds, values, separator, load = TEXT_LOADERS[name]
    raw = data.draw(_text_input(seeds, values, separator))
    run(f"{name} (fast)", lambda: load(raw))


@FAST
@given(_text_input(ICS, ICS_VALUES, b":"))
def test_fast_ics_import_raises_only_klu_rules_errors(raw: bytes) -> None:
    run("ics (fast)", lambda: parse_ics(raw))


# --- the command line -------------------------------------------------------------------------

CLI_BUDGET = 3.0
"""Seconds one command may take (it plans a whole year, and loads icalendar on first use)."""

CLI_VALUES = [
    *("0001-01-01T00:00+14:00", "9999-12-31T23:59-14:00", "0001-06-01T15:00", "2023-06-01"),
    *("2023-06-01T23:00/01:00", "2023-06-01T15:00/14:00", "2023-06-01T15:00/PT99999999H"),
    *("2023-03-26T02:30", "2023-10-29T02:30", "2023-06-01T15:00/P1D", "x", "", " ", "-"),
    *("-1", "0", "2023", "99999", "1" * 5000, "1e999", "NaN", "national", "aalborg"),
    *("../x.toml", "/", "/dev/zero", "/etc/passwd", "{fifo}", "{dir}", "{missing}"),
    *("kontakt@example.dk", "x" * 10_000, "ÆØÅ", "\x00", "2021-13", "0000-00", "{committee}"),
]
OUTPUT_VALUES = ["{tmp}/out.ics", "{tmp}", "{tmp}/items", "-", "{fifo}", "{committee}"]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A subcommand with 0..4 of its options, each with a hostile or plausible value."""
    from klu_rules.cli import COMMANDS, build_parser

    command = draw(st.sampled_from(sorted(COMMANDS)))
    parser = build_parser(command)._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    actions = [a for a in parser._actions if a.dest != "help"]
    argv = [command]
    for action in draw(st.lists(st.sampled_from(actions), max_size=4)):
        name = action.option_strings[0] if action.option_strings else None
        if action.nargs == 0:
            argv.append(name)  # type: ignore[arg-type]
            continue
        if name in ("-o", "--split"):
            value = draw(st.sampled_from(OUTPUT_VALUES))
        elif action.choices and draw(st.booleans()):
            value = draw(st.sampled_from(list(action.choices)))
        else:
            value = draw(st.sampled_from(CLI_VALUES) | st.text(max_size=20))
        argv += [value] if name is None else [name, value]
    return argv


def _main(argv: list[str]) -> int:
    """Run the command line with its output captured; argparse's usage errors exit 2."""
    import io
    import signal
    import sys
    from contextlib import redirect_stderr

    from klu_rules.cli import main

    def hang(*_: object) -> None:
        raise TimeoutError(f"{argv} hangs")

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    alarm = hasattr(signal, "SIGALRM")
    if alarm:  # a command that blocks (on a pipe, say) fails the test instead of hanging it
        signal.signal(signal.SIGALRM, hang)
        signal.alarm(30)
    try:
        with redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exc:  # argparse: a usage error
                status = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdout = saved
        if alarm:
            signal.alarm(0)
    assert "Traceback" not in err.getvalue()
    assert len(err.getvalue()) <= MESSAGE_LIMIT + 200 or err.getvalue().startswith("usage:")
    return status


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import os

    tmp = tmp_path_factory.mktemp("cli")
    fifo = tmp / "pipe.toml"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    committee = tmp / "committee.toml"
    committee.write_bytes(COMMITTEES[0])
    return {
        "tmp": str(tmp),
        "fifo": str(fifo),
        "dir": str(tmp),
        "missing": str(tmp / "missing.toml"),
        "committee": str(committee),
    }


@FAST
@given(argv=command_lines())
def test_the_command_line_ends_with_status_0_or_2_on_any_arguments(
    argv: list[str], cli_files: dict[str, str]
) -> None:
    for key, value in cli_files.items():
        argv = [a.replace(f"{{{key}}}", value) for a in argv]
    committee = Path(cli_files["committee"])
    before = committee.read_bytes()
    inputs = {b for a, b in itertools.pairwise(argv) if a not in ("-o", "--output", "--split")}
    read = cli_files["committee"] in inputs
    started = process_time()
    STATS["command line"]["inputs"] += 1
    with contextlib.chdir(cli_files["tmp"]):  # "-o x" or "--split -" write there, not here
        status = _main(argv)
    took = process_time() - started
    STATS["command line"][f"status {status}"] += 1
    after = committee.read_bytes()
    committee.write_bytes(before)
    assert status in (0, 1, 2), argv  # 1: a finding is an error
    assert took <= CLI_BUDGET, (argv, took)
    if read:  # an input of the run is never overwritten
        assert after == before, argv


@pytest.mark.slow
@FUZZ
@given(argv=command_lines())
def test_slow_the_command_line_ends_with_status_0_or_2(
    argv: list[str], cli_files: dict[str, str]
) -> None:
    test_the_command_line_ends_with_status_0_or_2_on_any_arguments.hypothesis.inner_test(  # type: ignore[attr-defined]
        argv, cli_files
    )


def test_fixed_a_usage_error_quotes_a_huge_value_in_part() -> None:
    # the command-line fuzzing found argparse quoting a 5,000-character --lang whole
    import io
    from contextlib import redirect_stderr

    from klu_rules.cli import main

    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit) as info:
        main(["agenda", "--lang", "1" * 5000])
    assert info.value.code == 2
    assert len(err.getvalue()) <= MESSAGE_LIMIT
