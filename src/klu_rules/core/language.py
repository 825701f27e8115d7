"""The languages klu_rules writes, and how each writes dates, times, numbers and lists.

One place to import them from: the forms live in :mod:`klu_rules.core.forms`
(which raises nothing, so that the catalogue can use them), and
:func:`check_language` in :mod:`klu_rules.core.messages` (which knows the
catalogues).
"""

from __future__ import annotations

from klu_rules.core.errors import UnsupportedLanguageError
from klu_rules.core.forms import (
    LANGUAGES,
    Language,
    format_clock,
    format_date,
    format_list,
    format_money,
    format_number,
)
from klu_rules.core.messages import check_language

__all__ = [
    "LANGUAGES",
    "Language",
    "UnsupportedLanguageError",
    "check_language",
    "format_clock",
    "format_date",
    "format_list",
    "format_money",
    "format_number",
]
