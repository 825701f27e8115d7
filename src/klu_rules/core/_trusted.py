"""Constructors that skip validation, for result objects the rule engine builds itself.

The public constructors of the result types (:class:`~klu_rules.checks.deadlines.Deadline`,
:class:`~klu_rules.checks.deadlines.MeetingPlan`, ...) convert and validate every
argument, so that a value a user builds by hand is checked. The engine builds
tens of thousands of them from values it has already checked; it uses the
constructor made here instead, which sets the fields in order and nothing
else. The tests check that both constructors build equal objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def trusted_constructor(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of the frozen, slotted attrs class ``cls`` in order.

    It skips converters, validators and ``__attrs_post_init__``; pass only
    values that the public constructor would accept unchanged.
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    if not names or any(not isinstance(cls.__dict__.get(n), _SLOT) for n in names):
        raise TypeError(f"{cls.__name__} is not a slotted attrs class")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(names)}):", "    self = new(cls)"]
    for i, name in enumerate(names):
        namespace[f"set{i}"] = cls.__dict__[name].__set__
        lines.append(f"    set{i}(self, {name})")
    lines.append("    return self")
    exec("\n".join(lines), namespace)  # straight-line code, as attrs writes its __init__
    make: Callable[..., T] = namespace["make"]
    make.__qualname__ = f"{cls.__qualname__}._trusted"
    return make


class _Slotted:
    __slots__ = ("field",)


_SLOT = type(_Slotted.__dict__["field"])  # the member descriptor type of __slots__ fields
