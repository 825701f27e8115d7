"""The annual wheel: what it shows, its SVG, and the picture a real renderer draws.

The picture is rasterised with resvg (the ``resvg-py`` wheel) and read with Pillow, both
in the ``test`` extra. ``KLU_UPDATE_GOLDEN=1`` rewrites the small golden image.
"""

from __future__ import annotations

import io
import math
import os
import xml.etree.ElementTree as ET
from datetime import date
from functools import cache

import attrs
import pytest
import resvg_py
from helpers import (
    EXAMPLE_2027,
    ROOT,
    SEASON,
    check_placed,
    dense_committee,
    foreign_words,
    season_committee,
)
from PIL import Image, ImageChops, ImageStat

from klu_rules.checks.date_range import plan_between, year_plans_between
from klu_rules.checks.deadlines import DeadlineKind, plan_year
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import error_text
from klu_rules.io.committee_file import load_committee
from klu_rules.io.presets import aalborg
from klu_rules.text.wheel import annual_wheel_svg, render_svg, xml_text
from klu_rules.text.wheel_build import Wheel, build_wheel
from klu_rules.text.wheel_html import annual_wheel_html
from klu_rules.text.wheel_layout import Geometry
from klu_rules.text.wheel_legend import DEADLINE_STYLE, MEETING_STYLE, SEVERITY_STYLE

SVG = "{http://www.w3.org/2000/svg}"
GOLDEN = ROOT / "tests" / "golden" / "wheel-aalborg-2023.da.png"
AS_OF = date(2023, 7, 1)
SCALE = 0.5  # pixels per drawing unit: 700 pixels wide, fast enough and fine enough


@cache
def wheel(name: str, language: str) -> Wheel:
    if name == "aalborg":
        return build_wheel(aalborg(), 2023, language=language, as_of=AS_OF)  # type: ignore[arg-type]
    if name == "example":
        committee = load_committee(EXAMPLE_2027)
        return build_wheel(committee, language=language, as_of=date(2027, 12, 1))  # type: ignore[arg-type]
    if name == "season":  # 1 August 2024 to 31 July 2025
        start, end = SEASON
        return build_wheel(
            season_committee(),
            start=start,
            end=end,
            language=language,  # type: ignore[arg-type]
            as_of=date(2024, 10, 1),
        )
    return build_wheel(dense_committee(), language=language)  # type: ignore[arg-type]


@cache
def rendered(name: str, language: str) -> Image.Image:
    """The picture as resvg draws it, ``SCALE`` pixels per drawing unit."""
    return rasterise(render_svg(wheel(name, language)))


def rasterise(svg: str) -> Image.Image:
    png = resvg_py.svg_to_bytes(svg_string=svg, width=round(1400 * SCALE), dpi=96)
    return Image.open(io.BytesIO(png)).convert("RGB")


def pixel(image: Image.Image, at: tuple[float, float]) -> tuple[int, ...]:
    return image.getpixel((round(at[0] * SCALE), round(at[1] * SCALE)))  # type: ignore[return-value]


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def near(pixel: tuple[int, ...], colour: str, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb(colour), strict=False))


def expected_centre(day: date, radius: float, g: Geometry) -> tuple[float, float]:
    """Where a mark of ``day`` belongs, computed here from the calendar alone."""
    days = 366 if day.year % 4 == 0 else 365
    turn = 2 * math.pi * (day.timetuple().tm_yday - 0.5) / days
    return g.cx + radius * math.sin(turn), g.cy - radius * math.cos(turn)


# --- the picture as a renderer draws it -------------------------------------------------------


@pytest.mark.parametrize("name", ["aalborg", "dense"])
def test_marks_are_drawn_at_the_angle_of_their_dates(name: str) -> None:
    w = wheel(name, "da")
    image, g = rendered(name, "da"), w.geometry
    kinds = list(DeadlineKind)
    checked = 0
    for mp in w.plan.meetings:
        at = expected_centre(mp.date, g.meeting, g)
        assert near(pixel(image, at), MEETING_STYLE[mp.meeting.kind][1])
        for d in mp.deadlines:
            if d.date.year != w.plan.year:
                continue
            radius = g.tracks[kinds.index(d.kind)]
            at = expected_centre(d.date, radius, g)
            assert near(pixel(image, at), DEADLINE_STYLE[d.kind][1]), d
            checked += 1
    assert checked >= (10 if name == "aalborg" else 40)
    if name == "aalborg":  # and nothing where there is no meeting: mid-January, mid-August
        for day in (date(2023, 1, 15), date(2023, 8, 15)):
            assert near(pixel(image, expected_centre(day, g.meeting, g)), "#ffffff", 10)


def test_the_picture_matches_the_golden_image() -> None:
    """A downscaled grey picture of Aalborg's 2023, compared with a small tolerance: it fails
    when something moves, goes missing or changes colour, not for a pixel of anti-aliasing."""
    small = rendered("aalborg", "da").convert("L").resize((280, 198), Image.Resampling.BOX)
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        small.save(GOLDEN, optimize=True)
    golden = Image.open(GOLDEN).convert("L")
    difference = ImageChops.difference(small, golden)
    assert ImageStat.Stat(difference).mean[0] < 1.5
    assert sum(difference.histogram()[49:]) < 40


def test_the_picture_breaks_the_golden_check_when_a_mark_moves() -> None:
    w = wheel("aalborg", "da")
    moved = attrs.evolve(
        w, marks=tuple(attrs.evolve(m, centre=(m.centre[0] + 30, m.centre[1])) for m in w.marks)
    )
    small = rasterise(render_svg(moved)).convert("L").resize((280, 198), Image.Resampling.BOX)
    difference = ImageChops.difference(small, Image.open(GOLDEN).convert("L"))
    assert sum(difference.histogram()[49:]) >= 40


def test_text_widths_hold_what_the_renderer_draws() -> None:
    """A label's box is at least as wide as its text drawn by resvg with the page's fonts."""
    lines = [
        line
        for name in ("aalborg", "example")
        for p in wheel(name, "en").labels
        for line in p.label.lines
    ]
    for style in ("plain", "bold", "italic"):
        longest = max((ln for ln in lines if ln.style == style), key=lambda ln: ln.width)
        weight = {"bold": ' font-weight="bold"', "italic": ' font-style="italic"'}.get(style, "")
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="40">'
            '<rect width="800" height="40" fill="#fff"/>'
            f'<text x="10" y="28" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" '
            f'font-size="{longest.size}"{weight}>{xml_text(longest.text)}</text></svg>'
        )
        image = Image.open(io.BytesIO(resvg_py.svg_to_bytes(svg_string=svg))).convert("L")
        ink = ImageChops.invert(image).getbbox()
        assert ink is not None
        assert ink[2] - 10 <= longest.width, longest
        assert ink[2] - 10 >= longest.width * 0.8, longest  # and not wildly generous


# --- the geometry: labels, centre, legend -----------------------------------------------------


@pytest.mark.parametrize("name", ["aalborg", "example", "dense", "season"])
@pytest.mark.parametrize("language", ["da", "en"])
def test_no_label_overlaps_another_or_leaves_the_page(name: str, language: str) -> None:
    w = wheel(name, language)
    g = w.geometry
    check_placed(w.labels, g)
    boxes = [p.box for p in w.labels]
    legend = [e.box() for e in w.legend]
    for i, a in enumerate(legend):
        assert a.within(0, 0, g.width, g.height)
        assert a.y > g.cy + g.week_numbers  # below the wheel
        assert not any(a.overlaps(b) for b in boxes + legend[i + 1 :]), w.legend[i]
    top = g.cy - sum(line.height for line in w.centre) / 2
    for line in w.centre:  # the centre's text fits inside the innermost track
        half = line.width / 2
        for y in (top, top + line.height):
            assert math.hypot(half, y - g.cy) < g.tracks[-1] - 6, line
        top += line.height


def test_what_the_wheel_shows_for_aalborg_2023() -> None:
    w = wheel("aalborg", "da")
    keys = [p.label.key for p in w.labels]
    assert keys.count("as-of") == 1
    assert "closed/2023-05-18" in keys
    assert sum(1 for m in w.marks if m.kind == "meeting") == 4
    assert sum(1 for m in w.marks if m.kind == "deadline") == 12
    assert {m.shape for m in w.marks if m.kind == "finding"} == {"error", "warning"}
    assert sorted(m.key for m in w.marks if m.moved) == [
        "klu-aalborg-2023-06-01/agenda_dispatch",
        "klu-aalborg-2023-06-01/items_due",
    ]
    juni = next(p for p in w.labels if p.label.key == "klu-aalborg-2023-06-01")
    assert [ln.text for ln in juni.label.lines] == [
        "1. juni 2023 kl. 15.00-17.00",
        "KLU-møde, planlagt",
        "1 fejl og 2 advarsler",
    ]
    assert w.centre[1].text.startswith("Intet årshjul")  # Aalborg's page records no wheel


def test_the_example_shows_topics_dialogue_and_cancelled_meetings() -> None:
    w = wheel("example", "en")
    assert [ln.text for ln in w.centre[:3]] == [
        "2027",
        "Topics of the year",
        "agreed 26 November 2026",
    ]
    assert any("Samarbejde om plejehjemslæger" in ln.text for ln in w.centre)
    november = next(p for p in w.labels if p.label.key == "klu-eksempelby-2027-11-25")
    texts = [ln.text for ln in november.label.lines]
    assert "Topics for 2028 agreed here:" in texts
    assert "– Børn og unge i mistrivsel <18 år" in texts
    shapes = {m.key: m for m in w.marks if m.kind == "meeting"}
    assert shapes["klu-eksempelby-2027-05-27"].shape == "diamond"
    assert shapes["klu-eksempelby-2027-12-16"].shape == "square"
    assert shapes["klu-eksempelby-2027-09-16"].hollow
    assert any(m.key.endswith("/dialogue_announcement") and m.moved for m in w.marks)
    svg = render_svg(w)
    assert "&lt;18 år" in svg
    assert "&quot;Sammen om den ældre patient&quot;" in svg


def test_topics_agreed_on_a_day_without_a_meeting_get_their_own_label() -> None:
    committee = dense_committee()
    later = attrs.evolve(committee.annual_wheels[1], agreed_on=date(2024, 12, 20), meeting_id=None)
    committee = attrs.evolve(committee, annual_wheels=(committee.annual_wheels[0], later))
    w = build_wheel(committee, language="en")
    assert [p.label.key for p in w.labels].count("topics") == 1
    # at a meeting's day without naming it: by that meeting
    same_day = attrs.evolve(later, agreed_on=date(2024, 12, 4))
    committee = attrs.evolve(committee, annual_wheels=(same_day,))
    w = build_wheel(committee, language="en")
    m12 = next(p for p in w.labels if p.label.key == "m12")
    assert "Topics for 2025 agreed here:" in [ln.text for ln in m12.label.lines]
    centre = " ".join(ln.text for ln in w.centre)
    assert centre.endswith("No annual wheel with topics for 2024 is recorded")


# --- the SVG document ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_svg_is_well_formed_accessible_and_in_one_language(language: str) -> None:
    svg = annual_wheel_svg(dense_committee(), language=language)  # type: ignore[arg-type]
    root = ET.fromstring(svg)
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text is not None
    assert title.text.startswith('KLU "Tæt" <& Co>: ')  # escaped in the file, as written here
    assert root.find(f"{SVG}desc") is not None
    assert root.get("aria-labelledby")
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    months = ("januar", "december") if language == "da" else ("January", "December")
    assert all(m in texts for m in months)
    data = {"Tæt", "Co", "KLU", "Emne", "nummer", "med", "en", "lang", "titel", "om", "samarbejdet"}
    data |= {"Næste", "års", "første", "emne", "Et", "andet"}
    allowed = frozenset(w.lower() for w in data)
    assert not foreign_words(texts, language, allow=allowed)
    assert svg == annual_wheel_svg(dense_committee(), language=language)  # type: ignore[arg-type]


def test_user_text_is_escaped_everywhere() -> None:
    assert xml_text("a<b>&\"c'\n d\x00") == "a&lt;b&gt;&amp;&quot;c&#39; d"
    assert xml_text("a\nb", lines=True) == "a\nb"
    committee = attrs.evolve(dense_committee(), name="A <b> & 'c'")
    for text in (annual_wheel_svg(committee), annual_wheel_html(committee)):
        assert "<b>" not in text
        assert "A &lt;b&gt; &amp; &#39;c&#39;" in text


def test_a_plan_can_be_drawn_with_or_without_its_committee() -> None:
    committee = aalborg()
    plan = plan_year(committee, as_of=AS_OF)
    assert annual_wheel_svg(plan, 2023, language="da") == render_svg(wheel("aalborg", "da"))
    with pytest.raises(InvalidValueError, match="for 2023, not 2024"):
        annual_wheel_svg(plan, 2024)
    with pytest.raises(InvalidValueError, match="as of 1 July 2023, not 2 July 2023"):
        annual_wheel_svg(plan, as_of=date(2023, 7, 2))
    with pytest.raises(InvalidValueError, match="not str"):
        annual_wheel_svg("aalborg")  # type: ignore[arg-type]


def test_every_kind_and_severity_has_its_own_shape() -> None:
    assert len({s for s, _ in DEADLINE_STYLE.values()}) == len(DeadlineKind)
    assert len({s for s, _ in MEETING_STYLE.values()}) == len(MEETING_STYLE)
    assert len({(s, fill) for s, fill, _, _ in SEVERITY_STYLE.values()}) == 3


def test_an_empty_year_is_drawn_with_what_there_is() -> None:
    svg = annual_wheel_svg(aalborg(), 2030, language="en")
    assert "No meetings in 2030" in svg
    assert ET.fromstring(svg) is not None


# --- the HTML page ---------------------------------------------------------------------------


def test_the_html_page_holds_the_wheel_and_the_table() -> None:
    page = annual_wheel_html(load_committee(EXAMPLE_2027), language="da", as_of=date(2027, 12, 1))
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="da">' in page
    assert "<script" not in page
    assert "src=" not in page
    assert "<link" not in page
    assert page.count("<svg ") == 1
    assert "@media print" in page
    assert page.count('class="meeting"') == 6
    assert page.count('class="deadline"') == 16
    assert "flyttet fra torsdag den 6. maj 2027, Kristi himmelfartsdag" in page
    assert "Emner for 2028, aftalt 25. november 2027" in page
    assert "deadline.passed" in page


def test_a_topic_key_the_catalogue_does_not_know_is_shown_as_written() -> None:
    committee = dense_committee()
    record = attrs.evolve(committee.annual_wheels[0], topic_keys=("no_such_topic",), topics=())
    w = build_wheel(attrs.evolve(committee, annual_wheels=(record,)), language="en")
    assert "– no_such_topic" in [ln.text for ln in w.centre]


def test_the_html_page_of_a_plan_without_committee_or_findings() -> None:
    from helpers import cph

    from klu_rules.checks.deadlines import plan_meetings
    from klu_rules.model.meeting import Meeting

    meetings = [Meeting(f"m{m}", cph(2024, m, 9, 15), cph(2024, m, 9, 17)) for m in (3, 6, 9, 11)]
    page = annual_wheel_html(plan_meetings(meetings, "national"), language="en")
    assert "<h2>Findings for the year</h2><p>No findings</p>" in page.replace("\n", "")
    assert "Topics for" not in page


# --- a range: the season from 1 August 2024 to 31 July 2025 ----------------------------------


def season_centre(day: date, radius: float, g: Geometry) -> tuple[float, float]:
    """Where a mark of ``day`` belongs in the season's wheel: 1 August at the top."""
    turn = 2 * math.pi * ((day - SEASON[0]).days + 0.5) / 365
    return g.cx + radius * math.sin(turn), g.cy - radius * math.cos(turn)


def test_a_season_shows_every_meeting_and_deadline_of_the_range_at_its_date() -> None:
    w = wheel("season", "da")
    g, kinds = w.geometry, list(DeadlineKind)
    image = rasterise(render_svg(w))
    drawn = {m.key for m in w.marks if m.kind in ("meeting", "deadline")}
    due = plan_between(season_committee(), *SEASON).items
    expected = {i.meeting_id if i.kind == "meeting" else f"{i.meeting_id}/{i.kind}" for i in due}
    assert drawn == expected  # what the range plan lists, nothing more
    assert "m12/agenda_dispatch" in drawn  # 2024's and 2025's alike
    assert "m08-2025/call_for_items" in drawn  # a deadline of a meeting after the range
    assert "m08-2025" not in drawn  # ... but not that meeting
    assert "m07/call_for_items" not in drawn  # before the range
    for mp in w.plan.meetings:
        if mp.date in w.span:
            at = season_centre(mp.date, g.meeting, g)
            assert near(pixel(image, at), MEETING_STYLE[mp.meeting.kind][1]), mp.meeting.id
        for d in mp.deadlines:
            if d.date in w.span:
                at = season_centre(d.date, g.tracks[kinds.index(d.kind)], g)
                assert near(pixel(image, at), DEADLINE_STYLE[d.kind][1]), d
    # 4 August 2024's meeting just right of the top, 4 July 2025's just left of it
    m08, m07 = (next(m for m in w.marks if m.key == k) for k in ("m08", "m07-2025"))
    assert m08.centre[0] > g.cx > m07.centre[0]
    assert max(m08.centre[1], m07.centre[1]) < g.cy - g.meeting * 0.85  # both near the top


@pytest.mark.parametrize(
    ("language", "title", "months", "centre"),
    [
        ("da", "årshjul 1. august 2024 – 31. juli 2025", ("august", "juli"), "Emner for 2025"),
        ("en", "annual wheel 1 August 2024 – 31 July 2025", ("August", "July"), "Topics for 2025"),
    ],
)
def test_a_season_starts_at_its_first_month(
    language: str, title: str, months: tuple[str, str], centre: str
) -> None:
    w = wheel("season", language)
    svg = render_svg(w)
    root = ET.fromstring(svg)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert title in w.title
    assert texts.index(months[0]) < texts.index(months[1])  # August first, July last
    weeks = [t for t in texts if t.isdigit()]
    assert weeks[0] == "31"
    assert weeks[-1] == "31"
    assert "1" in weeks
    assert "53" not in weeks
    assert [ln.text for ln in w.centre[:2]] == ["2024–2025", centre]
    assert "topics" in [p.label.key for p in w.labels]  # 2026's, agreed on 25 June 2025
    assert any(p.label.key == "as-of" for p in w.labels)
    assert not foreign_words(" ".join(texts), language, allow=_SEASON_DATA)


_SEASON_DATA = frozenset(
    w.lower()
    for w in {"Tæt", "Co", "KLU", "Emne", "nummer", "med", "en", "lang", "titel", "om"}
    | {"samarbejdet", "Næste", "års", "første", "emne", "Et", "andet", "for"}
)


def test_a_range_inside_one_year_and_a_sliver_of_a_month() -> None:
    svg = annual_wheel_svg(
        season_committee(), start=date(2025, 1, 31), end=date(2025, 4, 30), language="en"
    )
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "January" not in texts  # one day of January: no room for its name
    assert [t for t in texts if t in ("February", "March", "April")] == [
        "February",
        "March",
        "April",
    ]
    assert "2025" in texts
    assert "Findings for the period: " in svg
    plans = year_plans_between(season_committee(), date(2030, 1, 1), date(2030, 3, 1))
    plans = (attrs.evolve(plans[0], committee_name=None),)
    empty = build_wheel(plans, start=date(2030, 1, 1), end=date(2030, 3, 1), language="en")
    assert "No meetings from 1 January 2030 to 1 March 2030" in " ".join(
        ln.text for ln in empty.centre
    )
    assert empty.title == "Annual wheel 1 January 2030 – 1 March 2030"  # no committee given


def test_a_plan_drawn_for_a_range_shows_what_lies_in_it() -> None:
    plan = plan_year(season_committee(), 2024)
    w = build_wheel(plan, start=date(2024, 3, 1), end=date(2024, 5, 31), language="en")
    meetings = {m.key for m in w.marks if m.kind == "meeting"}
    assert meetings == {f"{k}{n:02d}" for k in "md" for n in (3, 4, 5)}
    assert w.plan.year == 2024


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_range_longer_than_a_year_is_a_clear_error(language: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        annual_wheel_svg(season_committee(), start=date(2024, 8, 1), end=date(2025, 8, 2))
    text = error_text(caught.value, language)  # type: ignore[arg-type]
    assert "367" in text
    assert "366" in text
    assert ("højst et år" if language == "da" else "at most a year") in text


def test_a_range_needs_both_ends_dates_in_order_and_no_year() -> None:
    committee = season_committee()
    with pytest.raises(InvalidValueError, match="give both or neither"):
        build_wheel(committee, start=date(2024, 8, 1))
    with pytest.raises(InvalidValueError, match="exclude each other"):
        build_wheel(committee, 2024, start=date(2024, 8, 1), end=date(2025, 7, 31))
    with pytest.raises(InvalidValueError, match="before it starts"):
        build_wheel(committee, start=date(2024, 8, 1), end=date(2024, 7, 31))
    with pytest.raises(InvalidValueError, match="from a date to a date"):
        build_wheel(committee, start="2024-08-01", end=date(2024, 9, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="not str"):
        build_wheel(["x"], start=date(2024, 8, 1), end=date(2024, 9, 1))  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match=r"not \(\)"):
        build_wheel((), start=date(2024, 8, 1), end=date(2024, 9, 1))
    plan = plan_year(committee, 2024, as_of=date(2024, 9, 1))
    with pytest.raises(InvalidValueError, match="as of 1 September 2024"):
        build_wheel(plan, start=date(2024, 8, 1), end=date(2024, 9, 1), as_of=date(2024, 9, 2))


def test_the_html_page_of_a_season() -> None:
    start, end = SEASON
    page = annual_wheel_html(season_committee(), start=start, end=end, language="en")
    assert "<h2>Findings for the period</h2>" in page
    assert "Topics for 2026, agreed 25 June 2025" in page
    assert (
        page.count('class="meeting"') == 28
    )  # the season's 24 and 4 after it with deadlines in it
