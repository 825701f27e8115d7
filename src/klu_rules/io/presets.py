"""Built-in committees, shipped as committee files inside the package.

:func:`aalborg` is KLU Aalborg as its web page shows it for 2023. It is read
by :func:`klu_rules.load_committee`'s own parser, the loader users use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType

from klu_rules.core.errors import UnknownRuleSetError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.toml import shipped_toml
from klu_rules.io.committee_file import committee_from_mapping
from klu_rules.model.committee import Committee

__all__ = ["PRESETS", "aalborg", "get_preset"]


@cache
def aalborg() -> Committee:
    """KLU Aalborg, 2023: the composition and four meetings its web page lists (AAL-2023)."""
    data = shipped_toml("aalborg_2023.toml", lines=True)
    return committee_from_mapping(data, path="klu_rules/data/aalborg_2023.toml")


PRESETS: Mapping[str, Callable[[], Committee]] = MappingProxyType({"aalborg": aalborg})


def get_preset(name: str) -> Committee:
    """A built-in committee by name; an unknown name lists the known ones."""
    try:
        factory = PRESETS[name.lower()]
    except KeyError:
        raise coded(
            UnknownRuleSetError,
            "presets.unknown",
            {"name": excerpt(name), "known": ", ".join(PRESETS)},
        ) from None
    return factory()
