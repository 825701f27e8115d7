"""A long, structure-aware fuzz run of every loader, outside the test suite.

Run from the repository root, with the test dependencies installed::

    python scripts/fuzz_loaders.py --inputs 1000000 --workers 2

Each input starts from a shipped file (a committee, a rule set, a meeting record,
a coverage register, an evaluation overview, an iCalendar feed) and is changed
in one of two ways: **structure-aware** (the TOML is parsed, one value somewhere in
the tree is replaced by a value of another kind or an extreme one, a key is
deleted, renamed or duplicated, a table is nested deeply, then the tree is written
back as TOML), or **byte-level** (bytes flipped, inserted, deleted or repeated;
lines cut or swapped). The loader then reads it from a file.

A run fails on any exception other than :class:`klu_rules.KluRulesError`, any
input that takes over 1 s of processor time, and any message over 500
characters; it prints the counts per loader and per outcome, and the worst
times. ``docs/quality.md`` has the figures of the last run.
"""

from __future__ import annotations

import argparse
import collections
import copy
import datetime as dt
import multiprocessing
import os
import random
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from klu_rules.core.errors import KluRulesError  # noqa: E402
from klu_rules.core.toml import dumps  # noqa: E402
from klu_rules.io.committee_file import load_committee  # noqa: E402
from klu_rules.io.coverage_file import load_coverage  # noqa: E402
from klu_rules.io.evaluation_file import load_evaluations  # noqa: E402
from klu_rules.io.ical import load_ics  # noqa: E402
from klu_rules.io.meeting_record import load_meeting_record  # noqa: E402
from klu_rules.rules.loader import load_rule_set  # noqa: E402

DATA = ROOT / "src" / "klu_rules" / "data"
LOADERS: dict[str, tuple[Callable[[Path], object], Path, int]] = {
    # name: (loader, seed file, weight)
    "committee": (load_committee, DATA / "aalborg_2023.toml", 3),
    "rule set": (load_rule_set, DATA / "aalborg.toml", 3),
    "meeting record": (load_meeting_record, ROOT / "examples" / "meeting_2023_06_01.toml", 2),
    "coverage": (load_coverage, DATA / "coverage_rm_2021.toml", 2),
    "evaluation": (load_evaluations, DATA / "rsd_eval_2023.toml", 1),
    "iCalendar": (load_ics, ROOT / "tests" / "io" / "fixtures" / "google.ics", 1),
}
BUDGET = 1.0  # seconds of processor time per input
LONGEST = 500  # characters of an error message

EXTREMES: list[Any] = [
    0,
    -1,
    2**63,
    -(2**63) - 1,
    10**4300,
    1.5,
    float("inf"),
    float("nan"),
    True,
    "",
    " ",
    "x" * 100_000,
    "a\nb",
    "a\rb",
    "\x00",
    "\x1b[31m",
    "# heading",
    "<h1>x</h1>",
    "../../etc/passwd",
    "/dev/zero",
    "Europe/" + "x/" * 400,
    "+01:00:30",
    "2023-02-30",
    "9999-12-31T23:59:59",
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.datetime(2023, 3, 26, 2, 30),
    dt.datetime(1900, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.time(25 % 24, 0),
    [],
    [1, "a", None.__class__.__name__],
    {},
    {"a": {"b": {"c": 1}}},
]


def _paths(tree: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if len(here) > 40:  # inside a deep nesting made earlier: its top is enough
        return found
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _paths(value, (*here, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += _paths(value, (*here, index))
    return found


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"t": value}
    return value


def _mutate_tree(tree: Any, rng: random.Random) -> Any:
    paths = [p for p in _paths(tree) if p]
    if not paths:
        return tree
    path = rng.choice(paths)
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    move = rng.randrange(6)
    if move == 0 and isinstance(parent, dict):
        del parent[last]
    elif move == 1 and isinstance(parent, dict):
        parent[f"{last}_{rng.randrange(9)}"] = parent.pop(last)
    elif move == 2 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif move == 3:
        parent[last] = _nested(rng.choice((3, 30, 300)))
    else:
        parent[last] = copy.deepcopy(rng.choice(EXTREMES))
    return tree


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buffer:
            break
        at = rng.randrange(len(buffer))
        move = rng.randrange(6)
        if move == 0:
            buffer[at] = rng.randrange(256)
        elif move == 1:
            buffer[at:at] = rng.choice(
                (b"\n", b"\r", b"[", b"]", b"=", b'"', b"\\", b"\x00", b"\xff")
            )
        elif move == 2:
            del buffer[at : at + rng.randint(1, 64)]
        elif move == 3:
            buffer[at:at] = buffer[at : at + rng.randint(1, 64)] * rng.randint(2, 50)
        elif move == 4:
            del buffer[at:]
        else:
            lines = bytes(buffer).split(b"\n")
            rng.shuffle(lines)
            buffer = bytearray(b"\n".join(lines))
    return bytes(buffer)


def _mutant(seed: bytes, tree: Any, rng: random.Random) -> bytes:
    if tree is not None and rng.random() < 0.6:
        tree = copy.deepcopy(tree)
        for _ in range(rng.randint(1, 3)):
            tree = _mutate_tree(tree, rng)
        try:
            return dumps(tree).encode("utf-8", "surrogatepass")
        except (TypeError, ValueError, OverflowError, RecursionError):
            return _mutate_bytes(seed, rng)
    return _mutate_bytes(seed, rng)


def _worker(job: tuple[int, int, str]) -> dict[str, Any]:
    inputs, seed, folder = job
    rng = random.Random(seed)
    names = [name for name, (_, _, weight) in LOADERS.items() for _ in range(weight)]
    seeds = {name: path.read_bytes() for name, (_, path, _) in LOADERS.items()}
    trees = {
        name: tomllib.loads(data.decode("utf-8")) if LOADERS[name][1].suffix == ".toml" else None
        for name, data in seeds.items()
    }
    counts: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    slowest: list[tuple[float, str]] = []
    for number in range(inputs):
        name = rng.choice(names)
        loader, path, _ = LOADERS[name]
        data = _mutant(seeds[name], trees[name], rng)
        target = Path(folder) / f"{seed}-{number % 4}{path.suffix}"
        target.write_bytes(data)
        started = time.process_time()
        try:
            loader(target)
            outcome = "accepted"
        except KluRulesError as error:
            outcome = "refused"
            if len(str(error)) > LONGEST:
                failures.append(f"{name}: a message of {len(str(error))} characters")
        except Exception as error:  # what the run looks for
            outcome = "leaked"
            failures.append(f"{name}: {type(error).__name__}: {str(error)[:200]}")
        took = time.process_time() - started
        if took > BUDGET:
            failures.append(f"{name}: {took:.2f} s")
        slowest = sorted([*slowest, (took, name)], reverse=True)[:5]
        counts[f"{name}/{outcome}"] += 1
    return {"counts": counts, "failures": failures[:50], "slowest": slowest}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    folder = "/dev/shm" if Path("/dev/shm").is_dir() else None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        chunk = 2_000
        jobs = [
            (min(chunk, args.inputs - start), args.seed * 1_000_003 + start, tmp)
            for start in range(0, args.inputs, chunk)
        ]
        with multiprocessing.Pool(args.workers) as pool:
            results = pool.map(_worker, jobs, chunksize=1)
    counts: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    slowest: list[tuple[float, str]] = []
    for result in results:
        counts.update(result["counts"])
        failures += result["failures"]
        slowest = sorted([*slowest, *result["slowest"]], reverse=True)[:5]
    total = sum(counts.values())
    print(f"{total:,} inputs in {time.perf_counter() - started:.0f} s with {args.workers} workers")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]:,}")
    print(
        "slowest (processor time):", ", ".join(f"{name} {t * 1000:.0f} ms" for t, name in slowest)
    )
    print(f"failures: {len(failures)}")
    for failure in failures[:20]:
        print("  ", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
