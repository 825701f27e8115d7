"""No text from an agenda can inject markup into its Markdown or HTML rendering (issue 18)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.text.agenda import agenda_to_html, agenda_to_markdown

HOSTILE = [
    "x\r# INJECTED",
    "x\n# INJECTED",
    "x\r\n# INJECTED",
    "title ##",
    "<h1>x</h1>",
    "    indented code",
    "x\r\r    indented code",
    "```\ncode\n```",
    "`code`",
    "a &amp; b",
    "- list\r1. list",
    "x\r===",
    "> quote",
    "*em* _em_ [link](http://example.org)",
]


def _agenda(title: str, description: str) -> Agenda:
    """An agenda whose texts skip the model's own checks (which refuse line breaks in titles):
    the renderer must be safe on its own."""
    item = AgendaItem(number="1", title="t", kind="information", duration_minutes=5)
    object.__setattr__(item, "title", title)
    object.__setattr__(item, "case_description", description)
    return Agenda(items=(item,))


def _tags(html: str) -> list[str]:
    return [
        tag
        for tag in ("<h1", "<h2", "<h3", "<pre", "<code", "<li", "<blockquote", "<em", "<a ", "<hr")
        if tag in html
    ]


def _markdown_html(agenda: Agenda) -> str:
    return MarkdownIt("commonmark").render(agenda_to_markdown(agenda, language="da"))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_text(text: str) -> None:
    plain = _markdown_html(_agenda("Plain", "plain"))
    rendered = _markdown_html(_agenda(text, text))
    assert _tags(rendered) == _tags(plain)
    assert rendered.count("<h2>") == 1
    words = [w for w in text.replace("\r", " ").split() if w.isalpha()]
    for word in words:
        assert word in rendered  # shown, not swallowed (a closing ## kept)
    html = agenda_to_html(_agenda(text, text), language="da")
    assert html.count("<h1>") == 1
    assert html.count("<h2>") == 1
    assert "<h1>x" not in html
    assert "<pre" not in html


def test_a_title_ending_in_hashes_keeps_them() -> None:
    rendered = _markdown_html(_agenda("Budget ##", "x"))
    assert "<h2>1. Budget ##</h2>" in rendered


@given(st.text(alphabet=st.sampled_from(list("#\r\n `<>&*_-=+1. x[]()!|~\\")), max_size=30))
def test_no_text_changes_the_document_structure(text: str) -> None:
    plain = _markdown_html(_agenda("Plain", "plain"))
    rendered = _markdown_html(_agenda("x" + text, "x" + text))
    assert rendered.count("<h2>") == 1
    assert rendered.count("<h1>") == 1
    structure = ("<h3", "<pre", "<code", "<li", "<blockquote", "<em", "<strong", "<a ", "<hr")
    for tag in structure:
        assert rendered.count(tag) == plain.count(tag), (tag, rendered)
