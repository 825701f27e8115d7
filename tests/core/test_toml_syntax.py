"""A file that is not valid TOML is reported in the language shown, never in the parser's
English: each kind of :mod:`tomllib` message has its text in both catalogues."""

from __future__ import annotations

import pytest
from helpers import foreign_words

from klu_rules.core.errors import FileFormatError
from klu_rules.core.messages import catalogue, error_text
from klu_rules.core.toml import parse_toml_text, toml_problem

# one broken file for each kind of message tomllib writes (Python 3.11)
BROKEN = {
    "statement": "=1\n",
    "after_statement": "a = 1 b\n",
    "table_end": "[committee\n",
    "array_end": "[[meetings]\n",
    "equals": "a b\n",
    "expected": "a = '''x\n",
    "invalid_character": "a = 1 # \x01\n",
    "declared_twice": "a.b = 1\n[a]\nb = 2\n",
    "overwrite": "a = 1\na = 2\n",
    "immutable": "a = {b = 1}\na.c = 2\n",
    "redefine": "[a.b]\n[a]\nb.c = 1\n",
    "key_start": "a = {,}\n",
    "unclosed_array": "a = [1 2]\n",
    "inline_key_twice": "a = {b = 1, b = 2}\n",
    "unclosed_inline_table": "a = {b = 1\n",
    "unescaped_backslash": 'a = "\\q"\n',
    "hex": 'a = "\\uZZZZ"\n',
    "not_scalar": 'a = "\\uD800"\n',
    "unterminated_string": 'a = "x',
    "illegal_character": 'a = "x\n',
    "date": "a = 2024-02-30\n",
    "value": "a = [\n",
}


def _error(text: str) -> FileFormatError:
    with pytest.raises(FileFormatError) as info:
        parse_toml_text(text, path="udvalg.toml")
    return info.value


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_each_kind_of_parser_message_in_each_language(kind: str) -> None:
    error = _error(BROKEN[kind])
    assert error.text_parameters["problem"] == kind
    for language, start in (("da", "ikke gyldig TOML "), ("en", "not valid TOML ")):
        text = error_text(error, language)  # type: ignore[arg-type]
        assert start in text
        assert foreign_words(text.replace("udvalg.toml", ""), language) == set(), text
    assert str(error).startswith("udvalg.toml")


def test_every_kind_has_a_case() -> None:
    kinds = {k.rsplit(".", 1)[1] for k in catalogue("en") if k.startswith("error.toml_problem.")}
    assert kinds == {*BROKEN, "other"}


def test_the_place_is_the_line_and_column_or_the_end_of_the_file() -> None:
    danish = error_text(_error("a = 1\n[committee\n"), "da")
    assert danish == (
        "udvalg.toml:2: ikke gyldig TOML i linje 2, kolonne 11: "
        "en tabeloverskrift mangler sin afsluttende ']'"
    )
    english = error_text(_error("x = [\n"), "en")
    assert english.startswith("udvalg.toml: not valid TOML at the end of the file: the value")


def test_a_message_the_table_does_not_know_is_shown_as_the_parser_wrote_it() -> None:
    found = toml_problem("Something new (at line 3, column 2)")
    assert found == {
        "problem": "other",
        "what": "",
        "place": "line",
        "line": 3,
        "column": 2,
        "detail": "Something new",
    }
    assert toml_problem("Something else")["place"] == "unknown"
    assert toml_problem("Cannot declare ('a', 'b') twice (at end of document)")["what"] == "'a.b'"
