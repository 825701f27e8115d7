"""Time ``plan_year`` on 9,800 meetings against a bare loop over the ``holidays`` package.

Run from the repository root, with the test dependencies installed::

    python benchmarks/bench_plan.py

98 committees (one per municipality) each meet four times a year for 25
years (2012-2036): 9,800 meetings, each on a day of its own as far as a year
has days (committee ``m``'s ``k``-th meeting of a year is on day ``4m + k``
of the year, so no two committees share a schedule). Each committee-year is
planned with :func:`klu_rules.checks.deadlines.plan_year` under Aalborg's
rules of procedure on the national rules (agenda deadline only before May
2021; call for items, items due and agenda after), on the default Danish
calendar, judged on an ``as_of`` day in the middle of the period.

- **The whole plan** is ``plan_year`` as a user calls it, with the yearly
  review of the records (``compliance=True``, the default); **deadlines
  alone** is ``compliance=False`` (deadlines, meeting findings and the
  yearly meeting counts). Each is timed as the first run in a fresh process
  (median of 5 processes): nothing is computed before the timed run.
- **The bare loop** computes the same deadlines with ``holidays.Denmark``
  (public holidays, Grundlovsdag, Christmas Eve and New Year's Eve; weeks
  counted with ``timedelta``, moved back or forward over closed days), best
  of 5 in this process. Every deadline of the engine must equal the loop's.

Times are the CPU time of the process (``time.process_time``), so that other
work on a shared machine disturbs them less than wall time would. The
script prints the cost per meeting of each, the ratios to the bare loop
and the goals (whole plan <= 10x and < 0.5 s; deadlines alone <= 5x), and
the share of the compliance review. It asserts only that the dates agree.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from klu_rules.checks.deadlines import YearPlan, plan_year
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingStatus
from klu_rules.rules.ruleset import get_rule_set

try:
    from holidays.constants import OPTIONAL, PUBLIC
    from holidays.countries.denmark import Denmark
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit("this benchmark needs the 'holidays' package: pip install 'klu_rules[test]'")

MUNICIPALITIES = 98
YEARS = range(2012, 2037)
AS_OF = date(2024, 6, 1)
AALBORG_FROM = date(2021, 5, 1)  # the rules of procedure add the call for items (AAL2021)
REPEATS = 5
FIRST_RUNS = 5
TZ = ZoneInfo("Europe/Copenhagen")


def _committees() -> list[Committee]:
    """98 committees, four two-hour meetings a year at 15:00, each on its own day of the year."""
    rules = get_rule_set("aalborg")
    result = []
    for m in range(MUNICIPALITIES):
        meetings = []
        for year in YEARS:
            first = date(year, 1, 1)
            length = (date(year + 1, 1, 1) - first).days
            for k in range(4):
                day = first + timedelta(days=(4 * m + k) % length)
                start = datetime(day.year, day.month, day.day, 15, tzinfo=TZ)
                meetings.append(
                    Meeting(
                        id=f"klu-{m:02d}-{day.isoformat()}",
                        start=start,
                        end=start + timedelta(hours=2),
                        status=MeetingStatus.HELD if day < AS_OF else MeetingStatus.PLANNED,
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


def _plan_all(committees: list[Committee], compliance: bool) -> list[YearPlan]:
    return [
        plan_year(c, year, as_of=AS_OF, compliance=compliance) for c in committees for year in YEARS
    ]


def _denmark() -> Denmark:
    """The days ``holidays.Denmark`` closes, as DanishCalendar() does (1 May stays open)."""
    closed = Denmark(
        categories=(PUBLIC, OPTIONAL), years=range(YEARS[0] - 1, YEARS[-1] + 1), language="da"
    )
    closed.pop_named("Arbejdernes kampdag", lookup="exact")
    return closed


def _bare_loop(starts: list[datetime], closed: Denmark) -> list[tuple[date, ...]]:
    """Each meeting's deadlines: (agenda,) before May 2021, else (call, items, agenda)."""
    two_weeks, four_weeks, one_day = timedelta(weeks=2), timedelta(weeks=4), timedelta(days=1)
    result: list[tuple[date, ...]] = []
    for start in starts:
        day = start.astimezone(TZ).date()
        agenda = day - two_weeks
        while agenda.weekday() > 4 or agenda in closed:
            agenda -= one_day
        if day < AALBORG_FROM:
            result.append((agenda,))
            continue
        call = day - four_weeks
        while call.weekday() > 4 or call in closed:
            call -= one_day
        items = call + two_weeks
        while items.weekday() > 4 or items in closed:
            items += one_day
        result.append((call, items, agenda))
    return result


def _best(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _first_run(compliance: bool) -> float:
    """Median time of the planning run in fresh processes (``--first-run``)."""
    flag = "full" if compliance else "deadlines"
    command = [sys.executable, __file__, "--first-run", flag]
    runs = [
        float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        for _ in range(FIRST_RUNS)
    ]
    return statistics.median(runs)


def main() -> None:
    committees = _committees()
    meetings = [m for c in committees for m in c.meetings]
    n = len(meetings)
    starts = [m.start for m in meetings]
    closed = _denmark()
    bare = _best(lambda: _bare_loop(starts, closed))

    plans = _plan_all(committees, compliance=True)
    engine = [tuple(d.date for d in p.deadlines) for y in plans for p in y.meetings]
    expected = _bare_loop(starts, closed)
    assert engine == expected, "the engine and the bare loop disagree"
    deadlines = sum(len(d) for d in engine)

    full = _first_run(compliance=True)
    alone = _first_run(compliance=False)
    full_warm = _best(lambda: _plan_all(committees, compliance=True))
    alone_warm = _best(lambda: _plan_all(committees, compliance=False))
    per_bare = bare / n
    days = len({m.start.date() for m in meetings})
    print(f"meetings: {n:,} on {days:,} days ({len(plans):,} year plans), {deadlines:,} deadlines")
    print(f"every deadline equals the bare loop's: yes ({deadlines:,} compared)")
    print(
        f"bare holidays loop, best of {REPEATS}: {bare * 1000:.1f} ms, "
        f"{per_bare * 1e6:.2f} us/meeting"
    )
    for label, took, warm, goal in (
        ("whole plan_year (compliance=True)", full, full_warm, 10),
        ("deadlines alone (compliance=False)", alone, alone_warm, 5),
    ):
        print(
            f"{label}, first run in a fresh process (median of {FIRST_RUNS}): "
            f"{took * 1000:.0f} ms, {took / n * 1e6:.1f} us/meeting = "
            f"{took / bare:.1f}x the bare loop (goal <= {goal}x); "
            f"warm, best of {REPEATS}: {warm * 1000:.0f} ms = {warm / bare:.1f}x"
        )
    print(f"goal whole plan < 500 ms: {'met' if full < 0.5 else 'not met'} ({full * 1000:.0f} ms)")
    share = (full_warm - alone_warm) / full_warm
    print(f"the compliance review's share of the whole plan (warm): {share:.0%}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--first-run"]:  # one timed run in this fresh process
        compliance = sys.argv[2] == "full"
        committees = _committees()
        start = time.process_time()
        _plan_all(committees, compliance)
        print(time.process_time() - start)
    else:
        main()
