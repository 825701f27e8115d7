"""Time DanishCalendar against the ``holidays`` package over 1950-2100.

Run from the repository root, with the test dependencies installed::

    python benchmarks/bench_calendar.py [--years FIRST LAST]

Both sides answer the same question: Monday to Friday, except Danish public
holidays and the statutory closing days (5 June, 24 and 31 December), with
1 May open. The ``holidays`` side is ``holidays.Denmark`` with the PUBLIC and
OPTIONAL categories, 1 May removed, queried with ``date in holidays_obj``.
The years are 1950 to 2100 unless ``--years`` names others (no later than
2100). The script checks that both sides give the same answers before printing
timings. It asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

from klu_rules.rules.calendar import DanishCalendar

try:
    from holidays.constants import OPTIONAL, PUBLIC
    from holidays.countries.denmark import Denmark
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit("this benchmark needs the 'holidays' package: pip install 'klu_rules[test]'")

FIRST_YEAR, LAST_YEAR = 1950, 2100
# holidays.Denmark knows no year after 2100, so add_working_days starts no
# later than 30 November of the last year to keep both sides' results inside it.
ADD_LAST = (11, 30)
N = 10
REPEATS = 5


def _days(first: date, last: date) -> list[date]:
    return [date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]


def _time(run: Callable[[], object]) -> tuple[float, float, object]:
    """(first run, best of the following runs, the result) in seconds."""
    start = time.perf_counter()
    result = run()
    first = time.perf_counter() - start
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return first, best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--years", type=int, nargs=2, default=(FIRST_YEAR, LAST_YEAR), metavar=("FIRST", "LAST")
    )
    first_year, last_year = parser.parse_args(argv).years
    if not FIRST_YEAR <= first_year <= last_year <= LAST_YEAR:
        parser.error(f"--years: {FIRST_YEAR} <= FIRST <= LAST <= {LAST_YEAR}")
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    days = _days(first, last)
    add_days = _days(first, date(last_year, *ADD_LAST))

    build_start = time.perf_counter()
    calendar = DanishCalendar()
    ours_build = time.perf_counter() - build_start

    build_start = time.perf_counter()
    package = Denmark(
        categories=(PUBLIC, OPTIONAL), years=range(first_year, last_year + 1), language="da"
    )
    package.pop_named("Arbejdernes kampdag", lookup="exact")
    package_build = time.perf_counter() - build_start

    def package_is_working_day(day: date) -> bool:
        return day.weekday() < 5 and day not in package

    def package_add_working_days(day: date, n: int) -> date:
        step = timedelta(days=1 if n > 0 else -1)
        for _ in range(abs(n)):
            day += step
            while not package_is_working_day(day):
                day += step
        return day

    is_working_day = calendar.is_working_day
    add_working_days = calendar.add_working_days

    rows = [
        (
            f"is_working_day, {len(days)} days",
            _time(lambda: [is_working_day(d) for d in days]),
            _time(lambda: [package_is_working_day(d) for d in days]),
            len(days),
        ),
        (
            f"add_working_days(d, {N}), {len(add_days)} days",
            _time(lambda: [add_working_days(d, N) for d in add_days]),
            _time(lambda: [package_add_working_days(d, N) for d in add_days]),
            len(add_days),
        ),
    ]

    print(f"DanishCalendar vs holidays.Denmark, {first} .. {last}, Python {sys.version.split()[0]}")
    print(
        f"set-up: DanishCalendar() {ours_build * 1e3:.3f} ms, "
        f"holidays.Denmark(years=...) {package_build * 1e3:.1f} ms"
    )
    header = f"{'operation':<38} {'side':<15} {'first run':>10} {'best':>10} {'per call':>10}"
    print(header)
    print("-" * len(header))
    for label, ours, theirs, count in rows:
        if ours[2] != theirs[2]:
            sys.exit(f"{label}: DanishCalendar and holidays.Denmark disagree")
        for side, (first, best, _) in (("DanishCalendar", ours), ("holidays", theirs)):
            print(
                f"{label:<38} {side:<15} {first * 1e3:>8.1f}ms {best * 1e3:>8.1f}ms "
                f"{best / count * 1e9:>8.0f}ns"
            )
        print(
            f"{'':<38} {'ratio':<15} {'':>10} {theirs[1] / ours[1]:>9.1f}x "
            "(holidays time / DanishCalendar time, best runs)"
        )


if __name__ == "__main__":
    main()
