"""How an error message quotes a bad value: its ``repr``, cut to about 60 characters."""

from __future__ import annotations

__all__ = ["shown"]

WIDTH = 60


def shown(value: object) -> str:
    """``repr(value)``, cut to :data:`WIDTH` characters (ending in ``...``) when longer."""
    text = repr(value)
    return text if len(text) <= WIDTH else text[: WIDTH - 3] + "..."
