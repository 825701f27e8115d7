"""Every JSON document the command line writes names a schema shipped in the package and
conforms to it; every key it writes is described there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from helpers import ROOT, schema_errors

from klu_rules.cli import main
from klu_rules.core.errors import InvalidValueError
from klu_rules.io.schemas import json_schema, schema_ids

EXAMPLES = ROOT / "examples"

OUTPUTS = {
    "plan": ["plan", "--format", "json"],
    "plan --meeting": ["plan", "--meeting", "2024-03-07T15:00/17:00", "--format", "json"],
    "check-meeting": [
        "check-meeting",
        str(EXAMPLES / "meeting_2023_06_01.toml"),
        "--format",
        "json",
    ],
    "check-meeting 2021": [
        "check-meeting",
        str(EXAMPLES / "aalborg_2021_12_meeting.toml"),
        "--format",
        "json",
        "--rate",
        "1500",
        "--price-level",
        "2021-10",
    ],
    "coverage": ["coverage", "--format", "json"],
    "coverage on a day": ["coverage", "--on", "2021-06-01", "--format", "json"],
    "evaluate --overview": ["evaluate", "--overview", "--format", "json"],
    "evaluate --committee": [
        "evaluate",
        "--committee",
        str(ROOT / "src" / "klu_rules" / "data" / "aalborg_2023.toml"),
        "--format",
        "json",
    ],
    "show": ["show", "--format", "json"],
    "agenda": ["agenda", str(EXAMPLES / "aalborg_2021_12_meeting.toml"), "--format", "json"],
    "propose": ["propose", "--year", "2028", "--format", "json"],
    "plan --from --to": ["plan", "--from", "2023-05-01", "--to", "2024-01-31", "--format", "json"],
    "rules --on": ["rules", "--on", "2027-03-01", "--rules", "aalborg", "--format", "json"],
}


def output(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, Any]:
    status = main(argv)
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    document: dict[str, Any] = json.loads(out)
    return document


def test_every_shipped_schema_is_a_draft_2020_12_schema_named_by_its_id() -> None:
    ids = schema_ids()
    assert {"klu-rules/plan/3", "klu-rules/check-meeting/3", "klu-rules/show/1"} <= set(ids)
    for schema_id in ids:
        schema = json_schema(schema_id)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["properties"]["schema"] == {"const": schema_id}
        assert "readers must ignore keys" in schema["description"]


def test_the_shared_definitions_are_the_same_in_every_schema() -> None:
    schemas = [json_schema(i) for i in schema_ids()]
    for name in ("date", "dateTime", "sources", "finding", "result"):
        assert len({json.dumps(s["$defs"][name], sort_keys=True) for s in schemas}) == 1, name


def test_an_unknown_schema_id_is_a_clear_error() -> None:
    with pytest.raises(InvalidValueError, match="klu-rules/plan/3"):
        json_schema("klu-rules/plan/1")


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its ``$ref`` and ``allOf`` parts merged into one view of its properties."""
    while "$ref" in schema:
        schema = {
            **root["$defs"][schema["$ref"].rsplit("/", 1)[1]],
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
    merged = dict(schema)
    for part in schema.get("allOf", []):
        part = _resolve(part, root)
        merged["properties"] = {**part.get("properties", {}), **merged.get("properties", {})}
    return merged


def undescribed(
    document: Any, schema: dict[str, Any], root: dict[str, Any], path: str
) -> Iterator[str]:
    """The keys in ``document`` its schema does not describe (free-form objects excepted)."""
    schema = _resolve(schema, root)
    branches = schema.get("anyOf")
    if branches:
        fitting = [
            b
            for b in branches
            if jsonschema.Draft202012Validator({**b, "$defs": root["$defs"]}).is_valid(document)
        ]
        if fitting:
            yield from undescribed(document, fitting[-1], root, path)
        return
    if isinstance(document, dict) and "properties" in schema:
        for key, value in document.items():
            if key not in schema["properties"]:
                yield f"{path}.{key}"
            else:
                yield from undescribed(value, schema["properties"][key], root, f"{path}.{key}")
    elif isinstance(document, list) and "items" in schema:
        for value in document:
            yield from undescribed(value, schema["items"], root, f"{path}[]")


@pytest.mark.parametrize("name", OUTPUTS)
def test_each_json_output_conforms_to_the_schema_it_names_and_describes_every_key(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = output(capsys, OUTPUTS[name])
    assert document["schema"] in schema_ids()
    assert schema_errors(document) == []
    schema = json_schema(document["schema"])
    assert sorted(set(undescribed(document, schema, schema, "$"))) == []


def test_the_docs_list_every_shipped_schema() -> None:
    page = (ROOT / "docs" / "json-schemas.md").read_text(encoding="utf-8")
    assert [i for i in schema_ids() if f"`{i}`" not in page] == []
