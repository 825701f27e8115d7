"""The JSON Schemas of every JSON document klu_rules writes, shipped in the package.

Each JSON output names its schema in its ``schema`` key (``"klu-rules/plan/3"``);
:func:`json_schema` returns that schema (JSON Schema draft 2020-12, with
``format: date`` / ``date-time``), read from ``klu_rules/data/schemas/`` with
:mod:`importlib.resources`. Validate with any draft 2020-12 validator::

    >>> import jsonschema  # doctest: +SKIP
    >>> jsonschema.validate(document, json_schema(document["schema"]))  # doctest: +SKIP

The schemas are open: a later version of the same schema id may add keys,
never removes one or changes its meaning, so readers ignore keys they do not
know. A change that removes or redefines a key gets a new schema id.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded

__all__ = ["json_schema", "schema_ids"]


def _schemas() -> dict[str, dict[str, Any]]:
    folder = files("klu_rules") / "data" / "schemas"
    found: dict[str, dict[str, Any]] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".schema.json"):
            schema: dict[str, Any] = json.loads(entry.read_text("utf-8"))
            found[schema["$id"]] = schema
    return found


def schema_ids() -> tuple[str, ...]:
    """The id of every shipped schema, sorted (``"klu-rules/plan/3"``, ...)."""
    return tuple(sorted(_schemas()))


def json_schema(schema_id: str) -> dict[str, Any]:
    """The JSON Schema whose ``$id`` is ``schema_id``, the value of a document's ``schema`` key."""
    schemas = _schemas()
    try:
        return schemas[schema_id]
    except KeyError:
        raise coded(
            InvalidValueError,
            "schema.unknown",
            {"schema": schema_id[:60], "known": tuple(sorted(schemas))},
        ) from None
