"""Time the deadline engine on 9,800 meetings, and the cost of ``import klu_rules``.

Run from the repository root, with the test dependencies installed::

    python benchmarks/bench_plan.py

1. **Planning.** 98 committees (one per municipality) each meet four times a
   year for 25 years (2012-2036): 9,800 meetings. Each committee's years are
   planned with :func:`klu_rules.checks.deadlines.plan_year` under Aalborg's rules of
   procedure layered on the national rules (so every deadline kind and the
   layering findings occur from May 2021 on), on the default Danish calendar,
   judged on an ``as_of`` day in the middle of the period: every deadline,
   every meeting finding and every yearly finding is computed. The baseline
   is a bare loop over the same meetings that computes only the agenda
   deadline (two weeks before the local date, moved back over weekends and
   the days ``holidays.Denmark`` closes, with the same closed days as
   ``bench_calendar.py``), one deadline a meeting; both sides must agree.
   It is timed before and after the engine, and the faster reading is used.
   The ratio compares the time per deadline. The engine is timed three ways:
   its first run in a fresh process (median of 5 processes: every table,
   including the calendar's years, is built in the timed run), with its
   caches cleared before each run (rules and per-day deadlines computed
   afresh, the calendar's years kept), and with warm caches; these
   runs use ``compliance=False`` (deadlines, meeting findings and the yearly
   meeting counts). A fourth run adds the yearly review of each committee's
   records (``compliance=True``, the default of ``plan_year``).
2. **Import.** ``python -c "import X"`` in fresh interpreters, minus a bare
   interpreter start, median of 21 runs each (bytecode caches written
   first), for ``klu_rules``, ``klu_rules.checks.deadlines``, ``holidays`` and
   ``attrs``.

The script prints figures and ratios against the targets (planning <= 1 s in
all, <= 3x the bare loop per deadline, ``import klu_rules`` <= 1x ``import
holidays``). It asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from klu_rules.model.committee import Committee
from klu_rules.checks.deadlines import YearPlan, clear_caches, plan_year
from klu_rules.model.meeting import Meeting, MeetingStatus
from klu_rules.rules.ruleset import get_rule_set

try:
    from holidays.constants import OPTIONAL, PUBLIC
    from holidays.countries.denmark import Denmark
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit("this benchmark needs the 'holidays' package: pip install 'klu_rules[test]'")

MUNICIPALITIES = 98
YEARS = range(2012, 2037)
MONTHS = (3, 6, 9, 11)
AS_OF = date(2024, 6, 1)
REPEATS = 5
FIRST_RUNS = 5
IMPORT_RUNS = 21
TZ = ZoneInfo("Europe/Copenhagen")


def _committees() -> list[Committee]:
    """98 committees, four two-hour meetings a year at 15:00 on varied days."""
    rules = get_rule_set("aalborg")
    result = []
    for m in range(MUNICIPALITIES):
        meetings = []
        for year in YEARS:
            for k, month in enumerate(MONTHS):
                start = datetime(year, month, 1 + (m * 5 + k * 11 + year) % 28, 15, tzinfo=TZ)
                held = start.date() < AS_OF
                meetings.append(
                    Meeting(
                        id=f"klu-{m:02d}-{start:%Y-%m-%d}",
                        start=start,
                        end=start + timedelta(hours=2),
                        status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
                    )
                )
        result.append(
            Committee(
                id=f"klu-{m:02d}",
                name=f"KLU {m:02d}",
                municipality=f"Kommune {m:02d}",
                region="Nordjylland",
                rule_set=rules,
                meetings=meetings,
            )
        )
    return result


def _plan_all(committees: list[Committee], *, compliance: bool = False) -> list[YearPlan]:
    return [
        plan_year(c, year, as_of=AS_OF, compliance=compliance) for c in committees for year in YEARS
    ]


def _denmark() -> Denmark:
    """holidays.Denmark with the same closed days as DanishCalendar (as bench_calendar.py)."""
    package = Denmark(
        categories=(PUBLIC, OPTIONAL), years=range(YEARS[0] - 1, YEARS[-1] + 1), language="da"
    )
    package.pop_named("Arbejdernes kampdag", lookup="exact")
    return package


def _bare_loop(starts: list[datetime], denmark: Denmark) -> list[date]:
    two_weeks, one_day = timedelta(days=14), timedelta(days=1)
    result = []
    for start in starts:
        day = start.astimezone(TZ).date() - two_weeks
        while day.weekday() > 4 or day in denmark:
            day -= one_day
        result.append(day)
    return result


def _best(run: Callable[[], object], before: Callable[[], None] = lambda: None) -> float:
    """The best of REPEATS runs in seconds, calling ``before`` (untimed) before each."""
    best = float("inf")
    for _ in range(REPEATS):
        before()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _first_run() -> float:
    """Median time of the first planning run in fresh processes (``--first-run``)."""
    runs = []
    for _ in range(FIRST_RUNS):
        done = subprocess.run(
            [sys.executable, __file__, "--first-run"], check=True, capture_output=True, text=True
        )
        runs.append(float(done.stdout))
    return statistics.median(runs)


def _import_time(statement: str) -> float:
    """Median wall time of ``python -c statement`` in fresh interpreters.

    Bytecode caching is on (as in an installed package) and one untimed run
    first writes the caches, so every side is measured in its steady state.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-c", statement]
    subprocess.run(command, check=True, env=env)
    runs = []
    for _ in range(IMPORT_RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    committees = _committees()
    meetings = sum(len(c.meetings) for c in committees)

    # Planning ------------------------------------------------------------
    starts = [m.start for c in committees for m in c.meetings]
    denmark = _denmark()
    # The baseline is timed before and after the engine; the faster reading is used.
    bare_before = _best(lambda: _bare_loop(starts, denmark))
    ours_first = _first_run()
    plans = _plan_all(committees)
    ours_cold = _best(lambda: _plan_all(committees), before=clear_caches)
    ours_warm = _best(lambda: _plan_all(committees))
    full_warm = _best(lambda: _plan_all(committees, compliance=True))
    full_plans = _plan_all(committees, compliance=True)
    review_findings = sum(len(p.findings) for p in full_plans) - sum(len(p.findings) for p in plans)
    deadlines = sum(len(m.deadlines) for p in plans for m in p.meetings)
    meeting_findings = sum(len(m.findings) for p in plans for m in p.meetings)
    year_findings = sum(len(p.findings) for p in plans)
    planned = sum(len(p.meetings) for p in plans)
    assert planned == meetings, (planned, meetings)

    bare_best = min(bare_before, _best(lambda: _bare_loop(starts, denmark)))
    agenda = {
        (p.committee_id, m.meeting.start): m.deadline("agenda_dispatch").date
        for p in plans
        for m in p.meetings
    }
    bare = _bare_loop(starts, denmark)
    keys = [(c.id, m.start) for c in committees for m in c.meetings]
    differ = sum(1 for key, day in zip(keys, bare, strict=True) if agenda[key] != day)

    days = len({(m.start.date(), m.kind) for c in committees for m in c.meetings})
    per_bare = bare_best / len(starts)
    print(f"meetings planned:            {meetings:,} ({len(plans):,} year plans)")
    print(f"distinct meeting days:       {days:,}")
    print(f"deadlines computed:          {deadlines:,}")
    print(
        f"findings:                    {meeting_findings:,} on meetings, {year_findings:,} yearly"
    )
    print(
        f"bare loop (best of {REPEATS}, before and after): {bare_best * 1000:.1f} ms, "
        f"{per_bare * 1e6:.2f} us/deadline"
    )
    for label, took in (
        (f"first run in a fresh process, median of {FIRST_RUNS}", ours_first),
        (f"engine caches cleared, best of {REPEATS}", ours_cold),
        (f"engine caches warm, best of {REPEATS}", ours_warm),
    ):
        per = took / deadlines
        print(
            f"plan_year (deadlines and counts), {label}: {took * 1000:.1f} ms "
            "(target <= 1000 ms); "
            f"{per * 1e6:.2f} us/deadline = {per / per_bare:.2f}x the bare loop (target <= 3x)"
        )
    per = full_warm / deadlines
    print(
        f"plan_year with the yearly records review (compliance=True), warm, best of "
        f"{REPEATS}: {full_warm * 1000:.1f} ms (target <= 1000 ms); "
        f"{per * 1e6:.2f} us/deadline = {per / per_bare:.2f}x the bare loop; "
        f"{review_findings:,} more findings"
    )
    print(f"agenda dates that differ:    {differ:,} (both sides must agree)")

    # Import --------------------------------------------------------------
    bare_start = _import_time("pass")
    ours = _import_time("import klu_rules") - bare_start
    with_plan = _import_time("import klu_rules.checks.deadlines") - bare_start
    theirs = _import_time("import holidays") - bare_start
    attrs_time = _import_time("import attrs") - bare_start
    print(f"interpreter start:           {bare_start * 1000:8.1f} ms (median of {IMPORT_RUNS})")
    print(f"import klu_rules:            {ours * 1000:8.1f} ms")
    print(f"import klu_rules.checks.deadlines:  {with_plan * 1000:8.1f} ms")
    print(f"import holidays:             {theirs * 1000:8.1f} ms")
    print(f"import attrs:                {attrs_time * 1000:8.1f} ms")
    print(f"klu_rules / holidays:        {ours / theirs:8.2f}x   (target <= 1x)")
    print(f"... with deadlines:          {with_plan / theirs:8.2f}x")
    print(f"klu_rules / attrs:           {ours / attrs_time:8.2f}x")


if __name__ == "__main__":
    if sys.argv[1:] == ["--first-run"]:  # one timed run in this fresh process, for _first_run()
        committees = _committees()
        start = time.perf_counter()
        _plan_all(committees)
        print(time.perf_counter() - start)
    else:
        main()
