"""An agenda as a Danish document (*dagsorden*): Markdown and HTML.

The document has the shape of KLU Aalborg's December 2021 minutes (``AAL-MIN-2021-12``):
items numbered 1, 2. a.–e., 3. a.–b., 4, each with its *Sagsbeskrivelse*, expected duration
and, when given, what / how / why it asks, its proposer and topics. Both formats render one
outline, and text from the agenda is escaped so that ``<script>`` or ``*vigtigt*`` shows as
written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Literal

import attrs

from klu_rules.checks.agenda import agenda_groups, expected_minutes
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.labels import AGENDA_DOCUMENT_DA, format_meeting_time_da
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.rules.ruleset import RulesInForce

__all__ = [
    "AGENDA_FORMATS",
    "AgendaFormat",
    "agenda_to_html",
    "agenda_to_markdown",
    "escape_markdown",
    "render_agenda",
]

AgendaFormat = Literal["markdown", "html"]
AGENDA_FORMATS: tuple[AgendaFormat, ...] = ("markdown", "html")

_L = AGENDA_DOCUMENT_DA


BlockKind = Literal["h1", "h2", "h3", "lines", "field"]


@attrs.frozen(slots=True)
class _Block:
    """One block of the outline; ``label`` is a field's label or a heading's item number."""

    kind: BlockKind
    text: str
    label: str = ""


def _number_da(item: AgendaItem) -> str:
    main, sub = item.sort_key
    return f"{main}. {sub}." if sub else f"{main}."


def _minutes(minutes: int | None, complete: bool = True) -> str:
    if not minutes:
        return _L["not_stated"]
    return (_L["minutes"] if complete else _L["at_least"]).format(minutes=minutes)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _outline(
    agenda: Agenda,
    meeting: Meeting | None,
    committee: Committee | None,
    rules: RulesInForce | None,
) -> list[_Block]:
    blocks = [_Block("h1", _L["title"])]
    head: list[str] = []
    if committee is not None:
        head.append(_L["meeting"].format(committee=committee.name))
    if meeting is not None:
        if meeting.title:
            head.append(_one_line(meeting.title))
        zone = get_zone(committee.timezone if committee is not None else DEFAULT_TIMEZONE)
        start = meeting.start.astimezone(zone)
        end = None if meeting.end is None else meeting.end.astimezone(zone)
        head.append(_L["time"].format(when=format_meeting_time_da(start, end)))
        if meeting.location:
            head.append(_L["location"].format(location=_one_line(meeting.location)))
    if head:
        blocks.append(_Block("lines", "\n".join(head)))
    names: Mapping[str, str] = {} if rules is None else {t.key: t.name_da for t in rules.topics}
    for group in agenda_groups(agenda):
        for item in group.items:
            level: BlockKind = (
                "h3" if group.heading is not None and item is not group.heading else "h2"
            )
            blocks.append(_Block(level, _one_line(item.title), _number_da(item)))
            if item is not group.heading or not group.sub_items or item.duration_minutes:
                blocks.append(_Block("field", _minutes(item.duration_minutes), _L["duration"]))
            for key, value in (
                ("case_description", item.case_description),
                ("what", item.what),
                ("how", item.how),
                ("why", item.why),
                ("proposer", item.proposer),
            ):
                if value is not None and value.strip():
                    blocks.append(_Block("field", value.strip(), _L[key]))
            if item.topics:
                shown = "; ".join(names.get(t, t) for t in item.topics)
                blocks.append(_Block("field", shown, _L["topics"]))
    blocks.append(_Block("field", _minutes(*expected_minutes(agenda)), _L["total"]))
    if agenda.not_relevant:
        shown = "; ".join(names.get(t, t) for t in agenda.not_relevant)
        blocks.append(_Block("field", shown, _L["not_relevant"]))
    return blocks


def _rules_for(meeting: Meeting | None, committee: Committee | None) -> RulesInForce | None:
    if committee is None or meeting is None:
        return None
    return committee.rule_set.in_force(meeting.local_date(committee.timezone))


_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^([#+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """``text`` with the characters that would start Markdown markup backslash-escaped.

    Every line is also stripped of leading spaces (which would make a code
    block), and a line that would start a heading, list or rule is escaped.
    """
    out = []
    for line in text.split("\n"):
        line = _MD_ANYWHERE.sub(r"\\\1", line.strip())
        line = _MD_ENTITY.sub(r"\\&", line)
        line = _MD_LINE_START.sub(r"\\\1", line)
        line = _MD_ORDERED.sub(r"\1\\\2", line)
        out.append(line)
    return "\n".join(out)


def _md_paragraphs(text: str) -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    # A hard line break inside a paragraph: two trailing spaces.
    return ["  \n".join(escape_markdown(p.strip()).split("\n")) for p in paragraphs]


def agenda_to_markdown(
    agenda: Agenda,
    *,
    meeting: Meeting | None = None,
    committee: Committee | None = None,
    rules: RulesInForce | None = None,
) -> str:
    """The agenda as a Danish Markdown document.

    ``meeting`` adds its date, time and place; ``committee`` its name (and time
    zone); ``rules`` (default: the committee's rules on the meeting date)
    gives topic names.
    """
    rules = rules if rules is not None else _rules_for(meeting, committee)
    lines: list[str] = []
    for block in _outline(agenda, meeting, committee, rules):
        if block.kind == "h1":
            lines += [f"# {escape_markdown(block.text)}", ""]
        elif block.kind in ("h2", "h3"):
            marks = "##" if block.kind == "h2" else "###"
            lines += [f"{marks} {block.label} {escape_markdown(block.text)}", ""]
        elif block.kind == "lines":
            lines += ["  \n".join(escape_markdown(x) for x in block.text.split("\n")), ""]
        else:
            paragraphs = _md_paragraphs(block.text)
            label = f"**{escape_markdown(block.label)}:**"
            if len(paragraphs) == 1 and "\n" not in block.text:
                lines += [f"{label} {paragraphs[0]}", ""]
            else:
                lines += [label, ""]
                for paragraph in paragraphs:
                    lines += [paragraph, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _html_paragraphs(text: str) -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [
        "<br>\n".join(html.escape(line.strip(), quote=True) for line in p.strip().split("\n"))
        for p in paragraphs
    ]


def agenda_to_html(
    agenda: Agenda,
    *,
    meeting: Meeting | None = None,
    committee: Committee | None = None,
    rules: RulesInForce | None = None,
    fragment: bool = False,
) -> str:
    """The agenda as a Danish HTML document (``fragment=True``: the ``<article>`` only).

    Every text from the agenda is HTML-escaped. Arguments as for
    :func:`agenda_to_markdown`.
    """
    rules = rules if rules is not None else _rules_for(meeting, committee)
    body: list[str] = ['<article class="klu-agenda" lang="da">']
    title = _L["title"]
    for block in _outline(agenda, meeting, committee, rules):
        if block.kind in ("h1", "h2", "h3"):
            text = f"{block.label} {block.text}" if block.label else block.text
            body.append(f"<{block.kind}>{html.escape(text, quote=True)}</{block.kind}>")
        elif block.kind == "lines":
            body.append("<p>" + _html_paragraphs(block.text)[0] + "</p>")
            title += " – " + html.escape(block.text.replace("\n", " – "), quote=True)
        else:
            label = f"<strong>{html.escape(block.label, quote=True)}:</strong>"
            paragraphs = _html_paragraphs(block.text)
            if len(paragraphs) == 1 and "\n" not in block.text:
                body.append(f"<p>{label} {paragraphs[0]}</p>")
            else:
                body.append(f"<p>{label}</p>")
                body += [f"<p>{p}</p>" for p in paragraphs]
    body.append("</article>")
    if fragment:
        return "\n".join(body) + "\n"
    head = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def render_agenda(
    agenda: Agenda,
    fmt: AgendaFormat,
    *,
    meeting: Meeting | None = None,
    committee: Committee | None = None,
    rules: RulesInForce | None = None,
) -> str:
    """The agenda in ``fmt`` (``"markdown"`` or ``"html"``)."""
    if fmt == "markdown":
        return agenda_to_markdown(agenda, meeting=meeting, committee=committee, rules=rules)
    if fmt == "html":
        return agenda_to_html(agenda, meeting=meeting, committee=committee, rules=rules)
    raise InvalidValueError(f"an agenda renders as {' or '.join(AGENDA_FORMATS)}, got {fmt!r}")
