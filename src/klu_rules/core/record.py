"""One ``repr`` for every record klu_rules builds with attrs.

attrs would write and compile a ``__repr__`` for each class; klu_rules's
records share this one instead (``@attrs.frozen(repr=False)`` on a subclass of
:class:`Record`). It reads as attrs's does, ``Name(field=value, ...)``,
leaving out a field declared with ``repr=False``, and costs nothing per class
when the package is imported.
"""

from __future__ import annotations

from typing import cast

import attrs

__all__ = ["Record"]


class Record:
    """The base of klu_rules's attrs classes: the shared :meth:`__repr__`."""

    __slots__ = ()

    def __repr__(self) -> str:
        kind = type(self)
        shown = ", ".join(
            f"{field.name}={getattr(self, field.name)!r}"
            for field in attrs.fields(cast(type[attrs.AttrsInstance], kind))
            if field.repr
        )
        return f"{kind.__qualname__}({shown})"
