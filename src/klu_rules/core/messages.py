"""Human-readable text: one catalogue per language, rendered from a key and parameters.

Every sentence and label klu_rules shows a person comes from
the TOML files in ``klu_rules/data/text/<language>/`` (``da`` and ``en``):
tables of templates by section, such as ``severity.warning`` or ``plan.counts``. Code
and data stay language-free (a finding holds a code and parameters); the
text is built when it is shown, in the language asked for::

    >>> message("plan.counts", "da", held=3, upcoming=1, cancelled=0)
    'Møder: 3 afholdt, 1 planlagt, 0 aflyst'

A placeholder is written ``{name}`` or ``{name:form}``. Without a form a
value is written by its type: a date as ``6. marts 2023`` / ``6 March 2023``,
a datetime with its clock time, an amount (:class:`~decimal.Decimal`) in
kroner, a :class:`~klu_rules.core.period.Period` in words, an enum by its
value, a tuple as a list (``A, B og C``). A form also reads the value as a
finding's parameters keep it (ISO 8601 text, decimal text, ``"4 weeks"``):

- ``date`` / ``datetime`` / ``money`` / ``period`` / ``list``: as above;
- ``weekday`` / ``Weekday``: a date with its weekday (capitalised);
- ``clock``: the time of a datetime (``15.30`` / ``15:30``);
- ``number``: digits grouped by thousands (``1.935`` / ``1,935``);
- ``lang``: a name given in each language (``{"da": ..., "en": ...}``, such as
  a topic's names): the one of the language shown;
- ``label.SECTION``: the value looked up as ``SECTION.value`` in the same
  catalogue (``{kind:label.deadline_kind}``);
- ``plural.SECTION.KEY``: a count with the word of ``SECTION.KEY`` written
  ``one|many`` (``{weeks:plural.period.weeks}`` gives ``4 uger``).
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar, runtime_checkable

from klu_rules.core.compiled import Sources, compile_twin, load_twin
from klu_rules.core.data import data_file
from klu_rules.core.errors import (
    FileFormatError,
    InvalidValueError,
    KluRulesError,
    UnsupportedLanguageError,
    shorten,
)
from klu_rules.core.forms import (
    LANGUAGES,
    Language,
    format_clock,
    format_date,
    format_list,
    format_money,
    format_number,
)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "catalogue",
    "check_catalogue",
    "check_language",
    "coded",
    "compile_catalogue",
    "error_text",
    "excerpt",
    "fields",
    "listing",
    "message",
    "nearest",
]

_FORMS: Final = (
    "",
    "date",
    "datetime",
    "money",
    "period",
    "list",
    "weekday",
    "Weekday",
    "clock",
    "number",
    "lang",
)
_LOADED: dict[Language, Mapping[str, str]] = {}
_NO_TEXT: Final = "error.messages.no_text"
E = TypeVar("E", bound=KluRulesError)
_EXCERPT: Final = 60


@runtime_checkable
class _Counted(Protocol):
    """A period (:class:`~klu_rules.core.period.Period`, which sits above this module)."""

    amount: int
    unit: str


def check_language(value: object) -> Language:
    """``value`` as a :data:`Language`, or :class:`UnsupportedLanguageError` naming the choices."""
    if value == "da":
        return "da"
    if value == "en":
        return "en"
    raise coded(
        UnsupportedLanguageError,
        "language.unsupported",
        {"value": excerpt(value), "choices": ", ".join(LANGUAGES)},
    )


def excerpt(value: object, limit: int = _EXCERPT) -> str:
    """``repr(value)`` cut to ``limit`` characters: a bad value quoted in an error message,
    so that a huge input never gives a huge message."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        # Python refuses to write an integer of over 4,300 digits: say how long it is
        return f"<an integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
    if isinstance(value, str | bytes) and len(value) > limit:
        value = value[: limit + 1]  # never build the repr of a huge text
    try:
        shown = repr(value)
    except (ValueError, RecursionError):
        shown = f"<a {type(value).__name__}>"
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def catalogue(language: Language) -> Mapping[str, str]:
    """Every template of ``language`` by its dotted key (``"severity.warning"``), read-only."""
    language = check_language(language)
    table = _LOADED.get(language)
    if table is None:
        table = _LOADED[language] = _load(language)
    return table


@functools.lru_cache(maxsize=4096)
def required_parameters(key: str) -> frozenset[str]:
    """The parameters the template ``key`` names (none for a missing key).

    Only the template's own fields: a label it names may use further ones. Both
    catalogues name the same fields in every template (the test suite holds them
    to it), so one is read: one already loaded, else the Danish one, which the
    command line reads anyway; a Danish run never loads the English catalogue.
    """
    table = next(iter(_LOADED.values())) if _LOADED else catalogue("da")
    names: set[str] = set()
    for _, field, _, _ in string.Formatter().parse(table.get(key, "")):
        if field:
            names.add(re.split(r"[.\[]", field, maxsplit=1)[0])
    return frozenset(names)


def message(key: str, language: Language = "en", /, **parameters: Any) -> str:
    """The text ``key`` in ``language``, its placeholders filled from ``parameters``."""
    table = catalogue(language)
    try:
        template = table[key]
    except KeyError:
        if key == _NO_TEXT:  # the catalogue itself is broken: nothing to write the error from
            raise InvalidValueError(f"no text {key!r} in the {language} catalogue") from None
        raise coded(InvalidValueError, _NO_TEXT[6:], {"key": key, "language": language}) from None
    return _Formatter(language, table).vformat(template, (), parameters)


def coded(
    kind: type[E],
    text_key: str,
    parameters: Mapping[str, Any],
    /,
    **where: str | Path | int | None,
) -> E:
    """An error of type ``kind`` written from the catalogue's ``error.<text_key>``.

    ``str(error)`` is the English text; :func:`error_text` writes it in either
    language. ``where`` goes to the error's constructor (a
    :class:`~klu_rules.core.errors.FileFormatError`'s ``path``, ``key``, ``line``).
    """
    error = kind(message(f"error.{text_key}", "en", **parameters), **where)
    error.text_key = text_key
    error.text_parameters = dict(parameters)
    return error


def error_text(error: BaseException, language: Language = "en") -> str:
    """``error``'s message in ``language``: where in a file, then what was wrong.

    An error that was not written from the catalogue keeps its English text.
    """
    detail = str(error)
    if isinstance(error, KluRulesError) and error.text_key is not None:
        detail = message(f"error.{error.text_key}", language, **error.text_parameters)
    elif isinstance(error, FileFormatError):
        detail = error.detail
    if not isinstance(error, FileFormatError):
        return shorten(detail)
    where = []
    if error.path is not None:
        line = "" if error.line is None else f":{error.line}"
        where.append(f"{error.path}{line}")
    elif error.line is not None:
        where.append(message("error.at_line", language, line=error.line))
    if error.key is not None:
        where.append(message("error.at_key", language, key=error.key))
    return shorten(f"{', '.join(where)}: {detail}" if where else detail)


def nearest(value: object, known: Iterable[str], cutoff: float = 0.0) -> str:
    """The known name most like ``value`` (``""`` when none is at least ``cutoff`` alike),
    for an error that suggests one name rather than listing them all."""
    import difflib  # only when a name was not found: not at start-up

    text = value if isinstance(value, str) else repr(value)
    found = difflib.get_close_matches(text, list(known), n=1, cutoff=cutoff)
    return found[0] if found else ""


def listing(kind: str, known: Iterable[str]) -> dict[str, str]:
    """The parameters of ``{has:label.error.listing}``: the ``known`` values of ``kind``
    (``items``, ``meetings``, ``areas``), or that there are none."""
    values = ", ".join(known)
    return {"has": kind if values else f"no_{kind}", "known": values}


def _load(language: Language) -> Mapping[str, str]:
    """The catalogue of ``language``: every ``*.toml`` file in ``data/text/<language>/``,
    read through its compiled twin (:mod:`klu_rules.core.compiled`)."""
    table: Mapping[str, str] = load_twin(f"text.{language}", _sources(language), _parse)
    return MappingProxyType(dict(table))  # read-only: every later message reads it


def compile_catalogue(language: Language) -> str:
    """The compiled twin of ``language``'s catalogue (``data/compiled/text.<language>.json``)."""
    return compile_twin(f"text.{language}", _sources(language), _parse)


def _sources(language: Language) -> list[str]:
    """The catalogue's source files of ``language``, by name."""
    folder = data_file(f"text/{language}")  # listed, not globbed: no pattern to compile
    names = sorted(name for name in os.listdir(folder) if name.endswith(".toml"))
    return [f"text/{language}/{name}" for name in names]


def _parse(sources: Sources) -> dict[str, str]:
    """The source files as one table; a key defined twice is refused."""
    import tomllib  # only when the compiled twin is stale: not at start-up

    table: dict[str, str] = {}
    for name, text in sources:
        for key, template in _flatten(tomllib.loads(text)):
            if key in table or not isinstance(template, str):
                raise InvalidValueError(f"{name}: {key} is defined twice or is not a text")
            table[key] = template
    return table


def check_catalogue(language: Language) -> None:
    """Refuse a template of ``language`` whose placeholders use an unknown form or name a
    missing section (the tests run this over the shipped catalogues)."""
    table = catalogue(language)
    sections = {key.rsplit(".", 1)[0] for key in table}
    for key, template in table.items():
        _check_template(key, template, table, sections, f"text/{language}")


def _flatten(tables: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """``[finding."x.y"] message = ...`` as ``("finding.x.y.message", ...)``."""
    flat: list[tuple[str, Any]] = []
    for key, value in tables.items():
        if isinstance(value, Mapping):
            flat += _flatten(value, f"{prefix}{key}.")
        else:
            flat.append((f"{prefix}{key}", value))
    return flat


def _check_template(
    key: str, template: str, table: Mapping[str, str], sections: set[str], where: str
) -> None:
    for _, field, form, _ in string.Formatter().parse(template):
        if field is None or form in _FORMS:
            continue
        kind, _, section = (form or "").partition(".")
        known = (kind == "label" and section in sections) or (
            kind == "plural" and section in table and "|" in table[section]
        )
        if not known:
            raise coded(
                InvalidValueError,
                "messages.unknown_form",
                {"where": where, "key": key, "form": repr(form), "field": field},
            )


def fields(template: str) -> frozenset[tuple[str, str]]:
    """The placeholders of ``template`` with their forms, to compare two languages."""
    return frozenset(
        (field, form or "")
        for _, field, form, _ in string.Formatter().parse(template)
        if field is not None
    )


class _Formatter(string.Formatter):
    def __init__(self, language: Language, table: Mapping[str, str]) -> None:
        self.language = language
        self.table = table
        self.parameters: Mapping[str, Any] = {}

    def vformat(self, template: str, args: Any, kwargs: Mapping[str, Any]) -> str:
        self.parameters = kwargs
        return super().vformat(template, args, kwargs)

    def format_field(self, value: Any, form: str) -> str:
        language = self.language
        if form.startswith("label."):
            label = self.table[f"{form[6:]}.{_plain(value)}"]
            return self.vformat(label, (), self.parameters) if "{" in label else label
        if form.startswith("plural."):
            return self._count(int(value), form[7:])
        if form in ("date", "weekday", "Weekday"):
            text = format_date(_date(value), language, weekday=form != "date")
            return text[0].upper() + text[1:] if form == "Weekday" else text
        if form in ("datetime", "clock"):
            moment = datetime.fromisoformat(value) if isinstance(value, str) else value
            return format_clock(moment, language) if form == "clock" else self._by_type(moment)
        if form == "money":
            return format_money(Decimal(value), language)
        if form == "period":
            return self._by_type(_Period.parse(value) if isinstance(value, str) else value)
        if form == "number":
            return format_number(value, language)
        if form == "lang":
            return str(value[language])
        return self._by_type(value)

    def _count(self, value: int, key: str) -> str:
        one, _, many = self.table[key].partition("|")
        return f"{value} {one if value == 1 else many}"

    def _by_type(self, value: Any) -> str:
        language = self.language
        if type(value) is str:  # the commonest: no further checks
            return value
        if isinstance(value, datetime):
            clock = format_clock(value, language)
            at = "kl." if language == "da" else "at"
            return f"{format_date(value, language)} {at} {clock}"
        if isinstance(value, date):
            return format_date(value, language)
        if isinstance(value, Decimal):
            return format_money(value, language)
        if isinstance(value, _Counted):
            return self._count(value.amount, f"period.{value.unit}")
        if isinstance(value, Enum):
            return str(value.value)
        if isinstance(value, tuple | list | frozenset):
            return format_list((self._by_type(item) for item in value), language)
        return str(value)


class _Period:
    """A period as a finding's parameters keep it (``"4 weeks"``, ``"1 week"``)."""

    def __init__(self, amount: int, unit: str) -> None:
        self.amount = amount
        self.unit = unit

    @classmethod
    def parse(cls, text: str) -> _Period:
        amount, unit = text.split()
        return cls(int(amount), unit if unit.endswith("s") else f"{unit}s")


def _date(value: object) -> date:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value  # type: ignore[return-value]


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value
