"""The annual wheel on its page: crowded sides, the turn of the year, a year asked for as a
range, short ranges, long names and the legend's and labels' words."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
import resvg_py
from helpers import keyed_error_texts, wheel_clashes, wheel_committee
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klu_rules.io.presets import aalborg
from klu_rules.text.wheel import render_svg
from klu_rules.text.wheel_build import _closed_label, build_wheel

JAN_TO_JUNE = [date(2024, 1, 4) + timedelta(days=8 * i) for i in range(20)]


# --- every label on the page --------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_twenty_meetings_from_january_to_june_fit_beside_the_wheel(language: str) -> None:
    w = build_wheel(wheel_committee(JAN_TO_JUNE), language=language)  # type: ignore[arg-type]
    assert wheel_clashes(w) == []
    assert {p.side for p in w.labels} == {"left", "right"}  # the crowded side shares
    assert w.geometry.height == 990  # and the page stays A4


def test_many_topics_in_one_label_are_cut_and_counted() -> None:
    days = [date(2024, 3, 7), date(2024, 6, 6), date(2024, 10, 3), date(2024, 11, 28)]
    w = build_wheel(wheel_committee(days, topics=30), language="da")
    assert wheel_clashes(w) == []
    label = next(p for p in w.labels if p.label.key == "m03")
    texts = [line.text for line in label.label.lines]
    shown = sum(text.startswith("– ") for text in texts)
    assert 0 < shown < 30
    assert texts[-1] == f"og {30 - shown} emner mere"


def test_a_page_too_small_for_the_labels_grows() -> None:
    days = [date(2024, 1, 1) + timedelta(days=4 * i) for i in range(80)]
    w = build_wheel(wheel_committee(days), language="en")
    assert w.geometry.height > 990
    assert wheel_clashes(w) == []
    root = ET.fromstring(render_svg(w))
    assert root.get("viewBox") == f"0 0 1400 {w.geometry.height:g}"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 365), max_size=40),
    st.integers(0, 12),
    st.sampled_from(["da", "en"]),
)
def test_no_label_leaves_the_page_or_overlaps_for_any_meetings(
    offsets: list[int], topics: int, language: str
) -> None:
    days = [date(2024, 1, 1) + timedelta(days=d) for d in offsets]
    w = build_wheel(wheel_committee(days, topics=topics), language=language)  # type: ignore[arg-type]
    assert wheel_clashes(w) == []
    assert len(w.labels) >= len(set(offsets))


# --- the turn of the year -------------------------------------------------------------------


def test_a_mark_in_the_last_days_of_december_is_labelled_at_the_top() -> None:
    w = build_wheel(aalborg(), 2023, as_of=date(2023, 12, 30), language="da")
    label = next(p for p in w.labels if p.label.key == "as-of")
    assert label.box.bottom < w.geometry.cy - w.geometry.clear / 2
    december = build_wheel(wheel_committee([date(2024, 3, 1), date(2024, 12, 31)]))
    last = next(p for p in december.labels if p.label.key == "m01")
    assert last.box.bottom < december.geometry.cy - december.geometry.clear / 2
    assert abs(last.end[0] - december.geometry.cx) < december.geometry.label_width + 60


# --- one year, however it is asked for ------------------------------------------------------


def test_a_year_and_the_range_of_that_year_draw_the_same_picture() -> None:
    committee = wheel_committee([date(2024, 6, 10), date(2025, 1, 6)])
    by_year = build_wheel(committee, 2024, language="da")
    by_range = build_wheel(committee, start=date(2024, 1, 1), end=date(2024, 12, 31), language="da")
    assert render_svg(by_year) == render_svg(by_range)
    drawn = [m.key for m in by_year.marks if m.kind == "deadline" and m.key.startswith("m01/")]
    assert drawn  # the December 2024 deadlines of the 6 January 2025 meeting
    assert [m.key for m in by_year.marks if m.kind == "meeting"] == ["m00"]
    deadlines = [m for m in by_year.marks if m.kind == "deadline"]
    assert f"1 møde med {len(deadlines)} frister" in by_year.description
    assert by_year.title == "KLU Test: årshjul for 2024"


# --- short ranges ---------------------------------------------------------------------------


def test_a_range_of_one_month_draws_its_month_ring() -> None:
    w = build_wheel(aalborg(), start=date(2023, 5, 1), end=date(2023, 5, 31), language="da")
    svg = render_svg(w)
    png = resvg_py.svg_to_bytes(svg_string=svg, width=700, dpi=96)
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    g = w.geometry
    for turn in (0.5, 1.5, 2.5, 4.5):  # the month ring all the way round
        x = g.cx + (g.month_outer + g.month_inner) / 2 * math.sin(turn)
        y = g.cy - (g.month_outer + g.month_inner) / 2 * math.cos(turn)
        assert image.getpixel((round(x / 2), round(y / 2))) != (255, 255, 255), turn


def test_a_deadline_after_the_range_is_not_drawn_as_one_before_it() -> None:
    # the 1 June 2023 meeting: its call for items (4 May) in the range, the rest after it
    w = build_wheel(aalborg(), start=date(2023, 5, 1), end=date(2023, 5, 10), language="en")
    g = w.geometry
    assert all(0 <= a0 <= a1 <= 2 * math.pi for _, _, a0, a1 in w.arcs)
    assert not [a for a in w.arcs if a[2] == 0 and a[3] == 2 * math.pi]  # no whole circles
    deadlines = [
        d for mp in w.plan.meetings for d in mp.deadlines if w.span.first <= d.date <= w.span.last
    ]
    assert [m.key for m in w.marks if m.kind == "deadline"] == [
        "klu-aalborg-2023-06-01/call_for_items"
    ]
    assert len(deadlines) == len(w.arcs) == 1
    assert "0 meetings and 1 deadline in the period" in w.description
    assert g.height == 990


# --- the title --------------------------------------------------------------------------------


def test_a_long_committee_name_is_wrapped_to_the_page() -> None:
    name = "KLU for " + " og ".join(f"Kommune nummer {n}" for n in range(1, 30))
    w = build_wheel(wheel_committee([date(2024, 1, 10)], name=name), language="da")
    lines = [line for line, _ in w.heading]
    assert 2 <= len(lines) <= 4
    assert all(line.width <= w.geometry.width - 2 * w.geometry.margin for line in lines)
    assert lines[2].text.endswith("…")
    assert wheel_clashes(w) == []
    short = build_wheel(wheel_committee([date(2024, 1, 10)]), language="da")
    assert [(line.size, y) for line, y in short.heading] == [(24, 40), (13, 66)]


# --- marks, legend and words ----------------------------------------------------------------


def test_meetings_on_one_day_are_drawn_side_by_side() -> None:
    day = date(2024, 4, 10)
    w = build_wheel(wheel_committee([day, day]))
    a, b = (m.centre for m in w.marks if m.kind == "meeting")
    assert math.dist(a, b) >= 2 * 11  # two marks' sizes apart
    assert wheel_clashes(w) == []


def test_the_legend_names_only_what_is_drawn() -> None:
    empty = build_wheel(wheel_committee([]), language="da")
    assert [e.text for e in empty.legend] == []
    one = build_wheel(wheel_committee([date(2024, 5, 14)]), language="da")
    headings = [e.text for e in one.legend if e.shape == "heading"]
    assert headings == ["Møder:", "Frister:"]
    assert "Dialogmøde" not in [e.text for e in one.legend]


def test_a_closed_day_that_moved_two_deadlines_says_so_in_plural() -> None:
    # 5 June 2028 is both Whit Monday and Constitution Day; two meetings on 19 June have
    # their call for items moved off it
    days = [date(2028, 6, 19)] * 2
    expected = {
        "da": "2. pinsedag og grundlovsdag, 5. juni 2028: 2 frister flyttet",
        "en": "Whit Monday and Constitution Day, 5 June 2028: 2 deadlines moved",
    }
    for language, text in expected.items():
        w = build_wheel(wheel_committee(days, year=2028), language=language)  # type: ignore[arg-type]
        label = next(p for p in w.labels if p.label.key == "closed/2028-06-05")
        assert " ".join(x.text for x in label.label.lines) == text
    one = build_wheel(wheel_committee(days[:1], year=2028), language="da")
    label = next(p for p in one.labels if p.label.key == "closed/2028-06-05")
    assert " ".join(x.text for x in label.label.lines).endswith(": 1 frist flyttet")


def test_closed_days_named_in_danish_are_written_as_in_a_sentence_too() -> None:
    text = _closed_label(date(2028, 6, 5), ["Pinsedag", "Grundlovsdag"], 1, "da")
    assert text == "Pinsedag og grundlovsdag, 5. juni 2028: 1 frist flyttet"


def test_a_year_with_a_range_names_the_parameters_in_the_api() -> None:
    da, en = keyed_error_texts(
        "wheel_range_with_year",
        lambda: build_wheel(aalborg(), 2023, start=date(2023, 1, 1), end=date(2023, 3, 1)),
    )
    assert en.startswith("year and start/end exclude each other")
    assert da.startswith("year og start/end udelukker hinanden")


def test_the_last_year_the_plans_reach_has_no_next_year() -> None:
    w = build_wheel(wheel_committee([date(2200, 12, 20)], year=2200))
    assert [m.key for m in w.marks if m.kind == "meeting"] == ["m00"]


def test_the_svg_root_is_svg_2() -> None:
    root = ET.fromstring(render_svg(build_wheel(aalborg(), 2023)))
    assert root.get("version") is None
    assert root.get("role") == "img"
    assert root.get("lang") == "en"
    assert root.get("height") == "210mm"
