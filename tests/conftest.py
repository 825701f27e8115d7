"""Shared test set-up: Hypothesis profiles and common fixtures.

Profiles (choose with HYPOTHESIS_PROFILE=NAME):
- ``default``: 30 examples per property, so the whole suite stays within three minutes;
- ``ci``: the same, derandomized so a CI run is reproducible;
- ``thorough``: 1,000 examples per property, for a long run before a release;
- ``mutation``: 10 examples, for mutation-testing runs on two cores;
- ``fuzz``: many examples, for the loader fuzzing run (``-m slow``).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from klu_rules.rules.layering import clear_caches

settings.register_profile("default", max_examples=30, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("mutation", max_examples=10, deadline=None, derandomize=True)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("-m"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with the library's one cache (the rules-in-force index) empty."""
    clear_caches()
