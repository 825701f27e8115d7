"""Literal aliases for the string options klu_rules accepts, in one place."""

from __future__ import annotations

from typing import Literal

Severity = Literal["info", "warning", "error"]
Outcome = Literal["ok", "info", "warning", "error"]
"""A check's outcome: ``ok`` without findings, else its most severe finding's severity."""
Layering = Literal["strictest", "local"]
RollDirection = Literal["preceding", "following"]
BoundDirection = Literal["minimum", "maximum"]

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
LAYERINGS: tuple[Layering, ...] = ("strictest", "local")
ROLL_DIRECTIONS: tuple[RollDirection, ...] = ("preceding", "following")
BOUND_DIRECTIONS: tuple[BoundDirection, ...] = ("minimum", "maximum")
