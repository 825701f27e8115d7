"""The one shape of every result: outcome, reason, parameters, sources, findings.

Every rule function returns a subclass of :class:`Result`. A reader who has
learned one result has learned them all, and one serializer
(:mod:`klu_rules.core.serialize`) turns any of them into JSON and back:
``Cls.from_dict(result.to_dict()) == result``.

Results are plain frozen records. The rule functions build them from values
that were checked where they entered (model types, loaders, the command
line), so results carry no validators.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Self, TypeAlias

import attrs

from klu_rules.core import serialize
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, excerpt, message, required_parameters
from klu_rules.core.record import Record
from klu_rules.core.types import SEVERITIES, Severity

__all__ = ["Excluded", "Finding", "Parameters", "Result", "worst_severity"]

Plain: TypeAlias = "bool | int | float | str | tuple[Plain, ...] | Parameters | None"
"""What a parameter value is after :class:`Parameters` took it in."""


_SCALARS = frozenset({bool, int, float, str, type(None)})
_ISO = frozenset({dt.date, dt.datetime, dt.time})


def plain(value: object) -> Plain:
    """``value`` as a language-free, JSON-ready and hashable parameter value.

    Dates and times become ISO 8601 text, amounts exact decimal text,
    enumerations their values, sequences tuples, mappings :class:`Parameters`;
    any other value its text (``str``).
    """
    kind = type(value)
    if kind in _SCALARS or kind is Parameters:
        return value  # type: ignore[return-value]
    if kind in _ISO:
        return value.isoformat()  # type: ignore[attr-defined, no-any-return]
    if kind is tuple and all(map(_SCALARS.__contains__, map(type, value))):  # type: ignore[call-overload]
        return value  # type: ignore[return-value]  # already plain (rule keys, sources)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, bool | int | float | str):  # subclasses of the scalars
        return value
    if isinstance(value, list | tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, dt.date | dt.time):  # subclasses of the date types
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return tuple(sorted((plain(v) for v in value), key=str))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):  # last: an ABC check is slower than the others
        return Parameters(value)
    return str(value)


class Parameters(Mapping[str, Any]):
    """The parameters a result or finding was computed from: immutable and hashable.

    ``Parameters({"days": 14})`` or ``Parameters(days=14)``. Values are kept
    as :func:`plain` makes them, so two results computed from the same
    values are equal and a JSON round trip gives back an equal value.
    """

    __slots__ = ("_items",)

    def __init__(self, data: Mapping[str, object] | None = None, /, **values: object) -> None:
        if values:
            data = {**data, **values} if data else values
        # the common kinds inline, in one comprehension: this runs for every result and finding
        self._items: dict[str, Plain] = {
            (k if type(k) is str else str(k)): (
                v  # type: ignore[misc]
                if type(v) in _SCALARS
                else v.isoformat()
                if type(v) is dt.date
                else plain(v)
            )
            for k, v in (data or {}).items()
        }

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Parameters):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == {k: plain(v) for k, v in other.items()}
        return NotImplemented

    def __repr__(self) -> str:
        return f"Parameters({self._items!r})"


def _parameters(value: Mapping[str, object] | None) -> Parameters:
    return value if type(value) is Parameters else Parameters(value)


class Serialized(Record):
    """``to_dict``/``from_dict`` and ``to_json``/``from_json`` through the one serializer."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of every field; :meth:`from_dict` reads it back."""
        data: dict[str, Any] = serialize.to_data(self)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The value :meth:`to_dict` wrote: ``Cls.from_dict(x.to_dict()) == x``."""
        value: Self = serialize.from_data(cls, data)
        return value

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text (UTF-8, keys in field order)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """The value :meth:`to_json` wrote; text that is not JSON is an InvalidValueError."""
        if not isinstance(text, str | bytes | bytearray):
            raise coded(InvalidValueError, "serialize.json_type", {"value": excerpt(text)})
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            where = {"line": getattr(exc, "lineno", 1), "column": getattr(exc, "colno", 1)}
            raise coded(InvalidValueError, "serialize.bad_json", where) from None
        return cls.from_dict(data)


@attrs.frozen(repr=False)
class Finding(Serialized):
    """One finding: severity, stable code, sources and the parameters behind it.

    It holds no prose: :meth:`text` writes it in Danish or English.

    Build one with :func:`klu_rules.core.findings.finding`, which takes the
    severity and sources from the catalogue of codes.
    """

    code: str
    severity: Severity
    sources: tuple[str, ...]
    parameters: Parameters = attrs.field(factory=Parameters, converter=_parameters)
    subject: str | None = None

    def __attrs_post_init__(self) -> None:
        missing = required_parameters(f"finding.{self.code}.message") - {"subject"}
        missing = missing.difference(self.parameters)
        if missing:
            raise coded(
                InvalidValueError,
                "findings.missing_parameters",
                {"code": repr(self.code), "missing": ", ".join(sorted(missing))},
            )

    def text(self, language: Language = "en") -> str:
        """The finding in words, in ``language`` (``"da"`` or ``"en"``).

        Rendered from the catalogue's ``finding.<code>.message`` template and
        the finding's parameters (and ``subject``).
        """
        return message(
            f"finding.{self.code}.message", language, subject=self.subject, **self.parameters
        )


@attrs.frozen(repr=False)
class Excluded(Record):
    """A person not counted (quorum) or not paid (honorarium), and why."""

    person_id: str
    name: str
    reason: str


_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def worst_severity(findings: Iterable[Finding]) -> Severity | None:
    """The most severe severity among ``findings``, or ``None`` if there are none."""
    worst: Severity | None = None
    for f in findings:
        if worst is None or _RANK[f.severity] > _RANK[worst]:
            worst = f.severity
    return worst


@attrs.frozen(kw_only=True, repr=False)
class Result(Serialized):
    """What every rule function returns.

    - ``outcome``: the answer in one word from the function's own
      vocabulary (``"ok"``, ``"quorate"``, ``"met"``, ...);
    - ``reason``: why, as a key of the text catalogues (``"quorum.quorate"``):
      :meth:`explain` writes it out in Danish or English;
    - ``parameters``: the values it was computed from;
    - ``sources``: keys of the source catalogue behind it
      (:data:`klu_rules.core.sources.SOURCES`);
    - ``findings``: what else the function noticed.

    Subclasses add their own fields.
    """

    outcome: str
    reason: str
    parameters: Parameters = attrs.field(factory=Parameters, converter=_parameters)
    sources: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def explain(self, language: Language = "en") -> str:
        """The reason in words, in ``language`` (``"da"`` or ``"en"``).

        Rendered from the catalogue's ``reason.<reason>`` template and
        :meth:`text_parameters`.
        """
        return message(f"reason.{self.reason}", language, **self.text_parameters())

    def text_parameters(self) -> dict[str, Any]:
        """The values the reason's template may name: the parameters, and the
        outcome. Subclasses add what their own fields tell."""
        return {**self.parameters, "outcome": self.outcome}

    @property
    def worst(self) -> Severity | None:
        """The most severe severity among the findings, or ``None``."""
        return worst_severity(self.findings)
