"""The wheel's geometry: angles of days, text widths, and labels that never overlap."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

from helpers import check_placed
from hypothesis import given, settings
from hypothesis import strategies as st

from klu_rules.text.wheel_layout import (
    Box,
    Geometry,
    Label,
    Line,
    Span,
    day_angle,
    flow,
    place_labels,
    point,
    text_width,
    wrap,
)

G = Geometry()


def test_the_year_starts_at_the_top_and_runs_clockwise() -> None:
    assert day_angle(date(2023, 1, 1), 2023, start=True) == 0
    assert math.isclose(day_angle(date(2023, 1, 1), 2023), math.pi / 365)
    assert math.isclose(day_angle(date(2024, 7, 2), 2024, start=True), math.pi)  # leap year
    assert math.isclose(day_angle(date(2024, 12, 31), 2025, start=True), -2 * math.pi / 365)
    x, y = point(0, 100, G)
    assert (round(x, 6), round(y, 6)) == (G.cx, G.cy - 100)
    x, y = point(math.pi / 2, 100, G)  # a quarter of the year: three o'clock
    assert (round(x, 6), round(y, 6)) == (G.cx + 100, G.cy)


def test_a_span_goes_round_once_from_its_first_day() -> None:
    season = Span(date(2027, 8, 1), date(2028, 7, 31))  # 366 days: 29 February 2028
    assert season.days == 366
    assert not season.is_year
    assert Span.of_year(2024).is_year
    assert season.angle(date(2027, 8, 1), start=True) == 0
    assert math.isclose(season.angle(date(2028, 1, 31), start=True), math.pi)
    assert math.isclose(season.angle(date(2028, 7, 31)), 2 * math.pi * 365.5 / 366)
    assert date(2028, 2, 29) in season
    assert date(2027, 7, 31) not in season
    assert "2027-08-01" not in season
    for day in (date(2023, 1, 1), date(2023, 6, 15), date(2023, 12, 31)):  # a year's wheel
        assert Span.of_year(2023).angle(day) == day_angle(day, 2023)
    months = Span(date(2027, 8, 15), date(2027, 10, 10)).months()
    assert [m.month for m, _, _ in months] == [8, 9, 10]
    assert months[0][1] == 0
    assert months[-1][2] == 2 * math.pi
    assert all(a[2] == b[1] for a, b in itertools.pairwise(months))


def test_text_widths_use_the_font_metrics() -> None:
    assert text_width("", 12) == 0
    assert math.isclose(text_width("MMM", 10), 3 * 8.63)
    assert text_width("å", 12) == text_width("a", 12)  # by its base letter
    assert text_width("Æ", 10) == 9.74
    assert text_width("x", 10, "bold") > text_width("x", 10)
    assert text_width("漢", 10) == 10  # unknown letters count a full em


def test_wrap_keeps_every_word_and_every_line_within_the_width() -> None:
    text = "Lokale lægedækningsproblemer og mulig kommunal medvirken til løsninger"
    lines = wrap(text, 180, 12)
    assert " ".join(lines) == text
    assert len(lines) > 1
    assert all(text_width(line, 12) <= 180 for line in lines)
    cut = wrap("a " + "x" * 60 + " b", 100, 12)
    assert "".join(line.removesuffix("-") for line in cut).replace(" ", "") == "a" + "x" * 60 + "b"
    assert all(line.endswith("-") for line in cut[:-1])  # a cut word shows it is cut
    assert all(text_width(line, 12) <= 100 for line in cut)


def test_a_bullet_never_stands_alone_on_a_line() -> None:
    topic = "– Sundhedsaftaleopfølgningsindsatsberetningsudkastsgennemgangen i udvalget"
    lines = wrap(topic, 180, 12)
    assert lines[0].startswith("– S")
    assert lines[0].endswith("-")
    assert all(text_width(line, 12) <= 180 for line in lines)
    assert wrap("– kort emne", 180, 12) == ("– kort emne",)
    assert wrap("ab " + "x" * 10, 40, 12)[0] == "ab"  # too little room left: a new line
    assert wrap("", 100, 12) == ("",)


def test_boxes() -> None:
    a, b = Box(0, 0, 10, 10), Box(10, 0, 5, 5)
    assert not a.overlaps(b)  # sharing an edge is not overlapping
    assert a.overlaps(Box(9, 9, 5, 5))
    assert a.within(0, 0, 10, 10)
    assert not a.within(1, 0, 10, 10)
    assert a.distance_to(13, 14) == 5
    assert a.distance_to(5, 5) == 0


def test_flow_wraps_to_a_new_row() -> None:
    assert flow([40, 40, 40], 0, 100, 5, 20, gap=10) == [(0, 5), (50, 5), (0, 25)]


lines = st.lists(
    st.builds(
        Line, st.text("abcæø ABC0123", min_size=1, max_size=40), st.sampled_from([12, 13])
    ).filter(lambda line: text_width(line.text, line.size) <= G.label_width),  # as wrapped
    min_size=1,
    max_size=3,
)


@settings(max_examples=15)
@given(st.lists(st.tuples(st.integers(0, 365), lines), max_size=16))
def test_labels_never_overlap_and_stay_on_the_page(items: list) -> None:  # type: ignore[type-arg]
    labels = [
        Label(f"l{i}", day_angle(date(2024, 1, 1) + timedelta(days=d), 2024), G.meeting, tuple(ls))
        for i, (d, ls) in enumerate(items)
    ]
    placed = place_labels(labels, G)
    assert sorted(p.label.key for p in placed) == sorted(lb.key for lb in labels)
    check_placed(placed)
    for p in placed:  # the leader line runs from the mark to the box's edge
        assert p.anchor == point(p.label.angle, G.meeting, G)
        assert p.end[0] in (p.box.x, p.box.right)


def test_labels_keep_the_order_of_their_dates_on_each_side() -> None:
    days = [date(2023, m, 10) for m in range(1, 13)]
    labels = [Label(d.isoformat(), day_angle(d, 2023), G.meeting, (Line("x"),)) for d in days]
    placed = place_labels(labels, G)
    right = [p.label.key for p in sorted(placed, key=lambda p: p.box.y) if p.side == "right"]
    left = [p.label.key for p in sorted(placed, key=lambda p: -p.box.y) if p.side == "left"]
    assert right + left == [d.isoformat() for d in days]
