"""Shared test set-up: Hypothesis profiles and common fixtures.

Profiles (choose with HYPOTHESIS_PROFILE=NAME):
- ``default``: 100 examples per property;
- ``ci``: the same, derandomized so a CI run is reproducible;
- ``mutation``: 10 examples, for mutation-testing runs on two cores;
- ``fuzz``: many examples, for the loader fuzzing run (``-m slow``).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("mutation", max_examples=10, deadline=None, derandomize=True)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))

def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("-m"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(autouse=True)
def _empty_caches() -> None:
    """Every test starts with the library's computation caches empty.

    A test then never depends on what an earlier test computed, and each
    test runs the code it relies on (so mutation testing, which runs the
    tests that ran a function, sees every test that relies on it).
    """
    from klu_rules.checks import compliance, deadlines
    from klu_rules.rules import calendar
    from klu_rules.rules import ruleset as rules

    deadlines.clear_caches()
    deadlines._MERGED.clear()
    deadlines._DEFAULT_CALENDAR._tables.clear()
    calendar._build_year.cache_clear()
    compliance._words.cache_clear()
    rules._INDEXES.clear()
