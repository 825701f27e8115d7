"""The one result shape: Finding, Parameters, Result, Excluded and their round trips."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal

import attrs
import pytest
from helpers import cph
from hypothesis import given
from hypothesis import strategies as st

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.findings import CATALOGUE, finding
from klu_rules.core.messages import required_parameters
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.result import Excluded, Finding, Parameters, Result, worst_severity
from klu_rules.core.serialize import from_data, to_data


@attrs.frozen(kw_only=True)
class _Sample(Result):
    """A result with a field of every kind the serializer knows."""

    outcome: Literal["ok", "not-ok"]
    day: date
    at: datetime | None
    clock: time
    length: timedelta
    fee: Money
    notice: Period
    amounts: tuple[Decimal, ...]
    excluded: tuple[Excluded, ...] = ()


def _sample(**changes: object) -> _Sample:
    values: dict[str, object] = {
        "outcome": "ok",
        "reason": "Everything is in order.",
        "parameters": {"days": 14, "on": date(2023, 3, 6), "list": [1, 2]},
        "sources": ("AAL2021",),
        "findings": (finding("meeting.no-end-time", day=date(2023, 2, 20)),),
        "day": date(2023, 3, 6),
        "at": cph(2023, 3, 6, 15, 0),
        "clock": time(15, 0),
        "length": timedelta(hours=2, minutes=30),
        "fee": Money(Decimal("1935.27"), "2021-04"),
        "notice": Period(14, "days"),
        "amounts": (Decimal("1.50"), Decimal("0.01")),
        "excluded": (Excluded("mette", "Mette Bolvig Poulsen", "absent"),),
    }
    values.update(changes)
    return _Sample(**values)  # type: ignore[arg-type]


def test_parameters_are_part_of_a_findings_equality_and_hash() -> None:
    a = finding("meeting.no-end-time", kind="a")
    b = finding("meeting.no-end-time", kind="b")
    assert a != b
    assert hash(a) != hash(b) or a != b
    assert finding("meeting.no-end-time", kind="a") == a


def test_parameters_are_immutable_and_plain() -> None:
    p = Parameters({"on": date(2023, 3, 6), "xs": [1, 2], "tags": {"b", "a"}}, n=Decimal("1.50"))
    assert p == {"on": "2023-03-06", "xs": (1, 2), "tags": ("a", "b"), "n": "1.50"}
    assert hash(p) == hash(Parameters(dict(p)))
    with pytest.raises(TypeError):
        p["on"] = "x"  # type: ignore[index]
    assert isinstance(Parameters({"inner": {"a": [1]}})["inner"], Parameters)


def test_a_shared_finding_cannot_be_changed_through_another_result() -> None:
    shared = finding("meeting.no-end-time", days=[1, 2])
    first = _sample(findings=(shared,))
    second = _sample(findings=(shared,))
    with pytest.raises(TypeError):
        first.findings[0].parameters["days"] = (3,)  # type: ignore[index]
    assert second.findings[0].parameters["days"] == (1, 2)


def test_result_round_trips_through_dict_and_json() -> None:
    result = _sample()
    data = result.to_dict()
    assert list(data)[:5] == ["outcome", "reason", "parameters", "sources", "findings"]
    assert data["fee"] == {"amount": "1935.27", "price_level": "2021-04", "currency": "DKK"}
    assert data["at"] == "2023-03-06T15:00:00+01:00"
    assert data["length"] == 9000
    assert _Sample.from_dict(data) == result
    assert _Sample.from_json(result.to_json()) == result
    assert json.loads(result.to_json()) == data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outcome": "maybe"}, r"_Sample\.outcome: expected one of 'ok', 'not-ok'"),
        ({"day": "2023-03-06T10:00"}, r"_Sample\.day: expected an ISO 8601 date"),
        ({"day": 5}, r"_Sample\.day: expected an ISO 8601 date"),
        ({"amounts": ["x"]}, r"_Sample\.amounts\[0\]: expected a decimal amount"),
        ({"length": "long"}, r"_Sample\.length: expected a number of seconds"),
        ({"sources": "AAL2021"}, r"_Sample\.sources: expected a list"),
        ({"extra": 1}, r"unknown key\(s\) 'extra' for _Sample"),
        ({"fee": 5}, r"_Sample\.fee: expected a table for Money"),
        ({"reason": 5}, r"_Sample\.reason: expected text"),
        ({"parameters": []}, r"_Sample\.parameters: expected a table"),
    ],
)
def test_bad_data_names_the_field(change: dict[str, object], message: str) -> None:
    data = _sample().to_dict()
    data.update(change)
    with pytest.raises(InvalidValueError, match=message):
        _Sample.from_dict(data)


def test_missing_keys_take_their_defaults_or_are_named() -> None:
    data = _sample(at=None).to_dict()
    del data["excluded"]
    assert _Sample.from_dict(data) == _sample(at=None, excluded=())
    del data["day"]
    with pytest.raises(InvalidValueError, match="needs the key 'day'"):
        _Sample.from_dict(data)


def test_worst_severity() -> None:
    info = finding("meeting.no-end-time")
    error = finding("year.too-few-meetings-held", year=2023, held=1, minimum=4, unrecorded=0)
    assert worst_severity([]) is None
    assert worst_severity([info, error, info]) == "error"
    assert _sample(findings=(info,)).worst == "info"


def test_plain_scalars_and_fallbacks() -> None:
    assert to_data({"a": {1, 2}, "b": (1.5, None)}) == {"a": [1, 2], "b": [1.5, None]}
    assert to_data(object.__new__(Excluded).__class__) == str(Excluded)
    assert from_data(float, 3) == 3.0
    assert from_data(bool, True) is True
    with pytest.raises(InvalidValueError, match="true or false"):
        from_data(bool, 1)
    with pytest.raises(InvalidValueError, match="a whole number"):
        from_data(int, True)


every_code = st.sampled_from(sorted(CATALOGUE))
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(
    every_code,
    st.none() | st.text(max_size=5),
    st.dictionaries(
        st.text(min_size=1, max_size=5).filter(
            lambda k: k not in {"sources", "severity", "subject"}
        ),
        values,
        max_size=4,
    ),
)
def test_any_finding_round_trips(
    code: str, subject: str | None, parameters: dict[str, object]
) -> None:
    needed = required_parameters(f"finding.{code}.message") - {"subject"}
    f = finding(code, subject=subject, **(dict.fromkeys(needed, 0) | parameters))
    assert Finding.from_dict(json.loads(json.dumps(f.to_dict()))) == f
    assert hash(f) == hash(Finding.from_dict(f.to_dict()))


def test_a_finding_takes_a_given_severity_else_the_catalogues() -> None:
    assert finding("meeting.no-end-time", severity="error").severity == "error"
    assert finding("meeting.no-end-time", severity=None).severity == "info"


class _Key(str):
    """A str subclass, as a declared source key is."""


def test_plain_keeps_tuples_of_scalars_and_converts_the_rest() -> None:
    keys = ("a", 1, None, True)
    assert Parameters(keys=keys)["keys"] is keys  # already plain: kept as it is
    mixed = (_Key("b"), date(2024, 1, 2))
    assert Parameters(keys=mixed)["keys"] == ("b", "2024-01-02")
    assert type(Parameters(keys=mixed)["keys"][0]) is _Key
    assert Parameters({1: "x"}, y=2) == Parameters({"1": "x", "y": 2})
