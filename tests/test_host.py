"""klu_rules in a long-running host (a web application, a server): many threads, many rule
sets, a caller's own decimal context (issue 18).

The fast test runs 8 threads over 70 committees with their own rule sets (more than the
index keeps, so entries are evicted while others use them) for a second or two; the slow one
(``-m slow``) does the same for a minute and checks that memory stays flat.
"""

from __future__ import annotations

import decimal
import gc
import threading
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import attrs
import pytest

from klu_rules import check_quorum, honorarium_for_meeting, plan_year
from klu_rules.checks.honorarium import MeetingRate
from klu_rules.checks.nursing_home import nursing_home_doctor_monthly_fee
from klu_rules.core.money import Money
from klu_rules.io.presets import aalborg
from klu_rules.rules.layering import clear_caches

RATE = MeetingRate(Money(Decimal("1234.57"), "2021-04"), per="hour")


def _committees(count: int) -> list[object]:
    """``count`` committees, each with its own (equal but distinct) rule set and meetings."""
    base = aalborg()
    found = []
    for i in range(count):
        rules = attrs.evolve(base.rule_set, name=f"local-{i}")
        shift = timedelta(minutes=7 * (i % 20))
        meetings = tuple(
            attrs.evolve(m, start=m.start + shift, end=None if m.end is None else m.end + shift)
            for m in base.meetings
        )
        found.append(attrs.evolve(base, id=f"klu-{i}", rule_set=rules, meetings=meetings))
    return found


def _answer(committee: object) -> tuple[object, ...]:
    """Everything a host would ask of one committee: plan, quorum and fees."""
    plan = plan_year(committee, 2023)  # type: ignore[arg-type]
    meeting = committee.meetings[1]  # type: ignore[attr-defined]
    fees = honorarium_for_meeting(meeting, committee, rate=RATE)  # type: ignore[arg-type]
    quorum = check_quorum(meeting, committee, doctor_share="0.51")  # type: ignore[arg-type]
    nursing = nursing_home_doctor_monthly_fee(31, on=meeting.start.date())
    return (plan.to_json(), fees.to_json(), quorum.to_json(), nursing.to_json())


def _lowered(work: Callable[[], object]) -> object:
    """``work`` run in a caller's context with 3 digits and rounding down."""
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_DOWN, traps=[]):
        return work()


def _run(committees: list[object], seconds: float) -> tuple[int, list[tuple[object, ...]]]:
    expected = [_answer(c) for c in committees]
    clear_caches()
    stop = time.monotonic() + seconds
    calls = [0]

    def worker(offset: int) -> None:
        i = offset
        while True:
            index = i % len(committees)
            got = _lowered(lambda: _answer(committees[index]))  # noqa: B023
            assert got == expected[index], index
            calls[0] += 1
            i += 8
            if i >= len(committees) + offset and time.monotonic() > stop:
                return

    with ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(worker, n) for n in range(8)]:
            future.result()  # re-raises any exception or failed comparison
    return calls[0], expected


def test_eight_threads_over_70_rule_sets_agree_with_one_thread() -> None:
    calls, _ = _run(_committees(70), seconds=0.2)  # more rule sets than the index keeps
    assert calls >= 70


def test_a_lowered_decimal_context_changes_no_amount() -> None:
    committee = aalborg()
    plain = _answer(committee)
    assert _lowered(lambda: _answer(committee)) == plain
    day = committee.meetings[0].start.date()
    fee = _lowered(lambda: nursing_home_doctor_monthly_fee(31, on=day))
    assert fee.money.amount == Decimal("2902.91")  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_minute_of_eight_threads_keeps_memory_flat() -> None:
    committees = _committees(100)
    tracemalloc.start()
    first, _ = _run(committees, seconds=20.0)  # every cache at its size
    gc.collect()
    warm = tracemalloc.get_traced_memory()[0]
    second, _ = _run(committees, seconds=40.0)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"\n{first + second} calls in 60 s by 8 threads; memory {warm:,} -> {after:,} bytes")
    assert after - warm < 1024 * 1024
    assert threading.active_count() < 20
