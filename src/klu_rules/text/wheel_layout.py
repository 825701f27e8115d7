"""The geometry of the annual wheel: a year as a circle, and labels that never overlap.

The year runs clockwise from the top: 1 January starts at twelve o'clock and a day's
marks sit at the middle of its slice (:func:`day_angle`). A :class:`Span` of at most a
year (a season from 1 August to 31 July, say) is drawn the same way, its first day at
twelve o'clock and its last day just before it. :class:`Geometry` holds the
drawing's size (an A4 landscape page, 1400 × 990 units) and the radii of its rings:
the months outside, the meetings inside them, one track per deadline kind further in
and the year's topics in the centre.

Labels (a meeting's date and time, a closed day, the as-of date) sit outside the wheel,
to the right of it for January to June and to the left for July to December.
:func:`place_labels` stacks each side's labels in date order, pushes them apart until
no two overlap, keeps them on the page and clear of the wheel, and draws each one's
leader line from its mark. Text widths are measured with the advance widths of DejaVu
Sans (the drawing's first font; the fallbacks are narrower), so a box holds its text.
Nothing here knows about committees or plans.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final, Literal

import attrs

from klu_rules.core.record import Record

__all__ = [
    "Box",
    "Geometry",
    "Label",
    "Line",
    "Placed",
    "Point",
    "Span",
    "day_angle",
    "flow",
    "overflow",
    "place_labels",
    "point",
    "sides",
    "text_width",
    "wrap",
]

Point = tuple[float, float]
Style = Literal["plain", "bold", "italic"]
Side = Literal["left", "right"]

# DejaVu Sans advance widths of " " to "~" in thousandths of an em
_ASCII: Final = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)  # fmt: skip
_OTHER: Final = {"æ": 982, "Æ": 974, "ø": 612, "Ø": 787, "ß": 636, "–": 500, "—": 1000}
_BOLD: Final = 1.12  # DejaVu Sans Bold is at most this much wider, letter for letter
LINE_SPACING: Final = 1.25


def _advance(char: str) -> int:
    if " " <= char <= "~":
        return _ASCII[ord(char) - 32]
    if char in _OTHER:
        return _OTHER[char]
    base = unicodedata.normalize("NFD", char)[:1]  # å -> a, é -> e
    if base != char and " " <= base <= "~":
        return _ASCII[ord(base) - 32]
    return 1000  # anything else: a full em, more than any letter needs


def text_width(text: str, size: float, style: Style = "plain") -> float:
    """The width of ``text`` at font size ``size`` (drawing units)."""
    width = sum(_advance(c) for c in text) * size / 1000
    return width * _BOLD if style == "bold" else width


def _cut(prefix: str, word: str, width: float, size: float, style: Style) -> int:
    """How many letters of ``word`` fit after ``prefix`` with a hyphen, in ``width``."""
    n = 0
    while n < len(word) and text_width(f"{prefix}{word[: n + 1]}-", size, style) <= width:
        n += 1
    return n


def wrap(text: str, width: float, size: float, style: Style = "plain") -> tuple[str, ...]:
    """``text`` in lines no wider than ``width``; a word wider than that is cut with a
    hyphen, its first part filling the line it starts on (so a bullet such as ``–`` never
    stands alone on a line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        prefix = f"{current} " if current else ""
        too_wide = current and text_width(prefix + word, size, style) > width
        if too_wide and text_width(word, size, style) <= width:  # a line of its own
            lines.append(current)
            prefix = ""
        while text_width(prefix + word, size, style) > width:  # an overlong word: cut it
            n = _cut(prefix, word, width, size, style)
            lone = len(prefix.strip()) == 1  # a bullet: keep the word's start beside it
            if prefix and n < min(3, len(word)) and not lone:
                lines.append(prefix.rstrip())
                prefix = ""
                continue
            n = max(n, 1)
            lines.append(f"{prefix}{word[:n]}-")
            prefix, word = "", word[n:]
        current = prefix + word
    if current or not lines:
        lines.append(current)
    return tuple(lines)


@attrs.frozen(repr=False)
class Geometry(Record):
    """The page and the radii of the wheel, in drawing units (1400 units = 297 mm)."""

    width: float = 1400
    height: float = 990
    cx: float = 700
    cy: float = 528
    month_outer: float = 318
    month_inner: float = 280
    week_numbers: float = 330
    meeting: float = 257
    tracks: tuple[float, ...] = (228, 206, 184, 162)
    centre: float = 146
    clear: float = 352
    """Labels stay outside this radius; their leader lines bend on it."""
    top: float = 100
    bottom: float = 880
    margin: float = 16
    gap: float = 6
    """Vertical space between two labels."""

    @property
    def label_width(self) -> float:
        """The widest a label may be and still fit beside the wheel."""
        return self.width / 2 - self.clear - self.margin - 4


@attrs.frozen(repr=False)
class Span(Record):
    """The days the wheel goes round once: ``first`` to ``last``, both included."""

    first: date
    last: date

    @classmethod
    def of_year(cls, year: int) -> Span:
        """1 January to 31 December of ``year``."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def is_year(self) -> bool:
        """True for a whole calendar year."""
        return self == Span.of_year(self.first.year)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def angle(self, day: date, *, start: bool = False) -> float:
        """The angle of ``day`` in radians, clockwise from the top: the middle of its
        slice, or with ``start`` the moment it begins."""
        offset = (day - self.first).days + (0 if start else 0.5)
        return 2 * math.pi * offset / self.days

    def months(self) -> tuple[tuple[date, float, float], ...]:
        """Each month the span touches: its first day and the angles where its sector
        starts and ends (a month the span holds in part is cut at the span's ends)."""
        out = []
        month = self.first.replace(day=1)
        while month <= self.last:
            after = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            a0 = self.angle(max(month, self.first), start=True)
            a1 = 2 * math.pi if after > self.last else self.angle(after, start=True)
            out.append((month, a0, a1))
            month = after
        return tuple(out)


def day_angle(day: date, year: int, *, start: bool = False) -> float:
    """The angle of ``day`` in a wheel of ``year`` (see :meth:`Span.angle`)."""
    return Span.of_year(year).angle(day, start=start)


def point(angle: float, radius: float, geometry: Geometry) -> Point:
    """The point at ``angle`` (clockwise from the top) and ``radius`` from the centre."""
    return (
        geometry.cx + radius * math.sin(angle),
        geometry.cy - radius * math.cos(angle),
    )


@attrs.frozen(repr=False)
class Box(Record):
    """A rectangle: top-left corner, width and height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        """True when the two boxes share more than an edge."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def within(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        return x0 <= self.x and y0 <= self.y and self.right <= x1 and self.bottom <= y1

    def distance_to(self, x: float, y: float) -> float:
        """The distance from the point (x, y) to the nearest point of the box."""
        dx = max(self.x - x, 0.0, x - self.right)
        dy = max(self.y - y, 0.0, y - self.bottom)
        return math.hypot(dx, dy)


@attrs.frozen(repr=False)
class Line(Record):
    """One line of a label: its text, font size and style."""

    text: str
    size: float = 13
    style: Style = "plain"

    @property
    def height(self) -> float:
        return self.size * LINE_SPACING

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.style)


@attrs.frozen(repr=False)
class Label(Record):
    """A label to place beside the wheel, pointing at the mark at ``angle`` and ``radius``.

    ``key`` orders labels of the same angle and names the label in tests.
    """

    key: str
    angle: float
    radius: float
    lines: tuple[Line, ...]

    @property
    def width(self) -> float:
        return max((line.width for line in self.lines), default=0.0) + 4

    @property
    def height(self) -> float:
        return sum(line.height for line in self.lines) + 2


@attrs.frozen(repr=False)
class Placed(Record):
    """A label where it is drawn: its box, side, and its leader line (mark, bend, box)."""

    label: Label
    box: Box
    side: Side
    anchor: Point
    bend: Point
    end: Point

    @property
    def text_x(self) -> float:
        """Where its lines start."""
        return self.box.x + 2

    def baselines(self) -> tuple[float, ...]:
        """The baseline of each line."""
        y = self.box.y + 1
        out = []
        for line in self.label.lines:
            out.append(y + line.size * 0.95)
            y += line.height
        return tuple(out)


def _side(angle: float) -> Side:
    return "right" if math.sin(angle) > 1e-9 else "left"


def _order(label: Label, side: Side) -> tuple[float, str]:
    """Where ``label`` comes in its side's stack, top to bottom: by its angle read from
    the top of the side, so a mark just left of the top (the last days of December)
    heads the right side and a mark just right of it heads the left."""
    turn = 2 * math.pi
    if side == "right":
        return (label.angle - turn if label.angle > 1.5 * math.pi else label.angle, label.key)
    return (-(label.angle + turn if label.angle < 0.5 * math.pi else label.angle), label.key)


def _order_right(label: Label) -> tuple[float, str]:
    return _order(label, "right")


def _order_left(label: Label) -> tuple[float, str]:
    return _order(label, "left")


def _need(group: Sequence[Label], g: Geometry) -> float:
    """The height a side's labels take, stacked with their gaps."""
    return sum(lb.height for lb in group) + g.gap * max(len(group) - 1, 0)


def sides(labels: Iterable[Label], g: Geometry) -> tuple[list[Label], list[Label]]:
    """The labels of the right and the left side, each top to bottom: by their angle,
    then, while one side holds more than fits between ``g.top`` and ``g.bottom``, its
    label nearest the wheel's vertical axis moved to the other side if it fits there."""
    every = list(labels)
    right = sorted((lb for lb in every if _side(lb.angle) == "right"), key=_order_right)
    left = sorted((lb for lb in every if _side(lb.angle) == "left"), key=_order_left)
    room = g.bottom - g.top
    moves = ((right, left, _order_left), (left, right, _order_right))
    for full, other, order in moves:
        while _need(full, g) > room and len(full) > 1:
            label = min((full[0], full[-1]), key=lambda lb: abs(math.sin(lb.angle)))
            if _need(other, g) + g.gap + label.height > room:
                break
            full.remove(label)
            other.append(label)
            other.sort(key=order)
    return right, left


def overflow(labels: Iterable[Label], g: Geometry) -> float:
    """How much taller than the room beside the wheel the fuller side's labels are (0 when
    they fit): a builder shortens its labels, or makes the page taller, until it is 0."""
    right, left = sides(labels, g)
    return max(0.0, _need(right, g) - (g.bottom - g.top), _need(left, g) - (g.bottom - g.top))


def _spread(heights: Sequence[float], wanted: Sequence[float], g: Geometry) -> list[float]:
    """The tops of boxes of ``heights`` (in order) as near their ``wanted`` tops as the
    page allows without overlapping."""
    tops = list(wanted)
    for i in range(len(tops)):  # top down: push below the one above
        floor = g.top if i == 0 else tops[i - 1] + heights[i - 1] + g.gap
        tops[i] = max(tops[i], floor)
    for i in range(len(tops) - 1, -1, -1):  # bottom up: push above the one below
        ceiling = g.bottom if i == len(tops) - 1 else tops[i + 1] - g.gap
        tops[i] = min(tops[i], ceiling - heights[i])
    return tops


def _x(top: float, height: float, width: float, side: Side, g: Geometry) -> float:
    """The box's left edge: as close to the wheel as keeps it outside the clear circle."""
    bottom = top + height
    nearest = 0.0 if top <= g.cy <= bottom else min(abs(top - g.cy), abs(bottom - g.cy))
    reach = math.sqrt(max(0.0, g.clear**2 - nearest**2))
    if side == "right":
        return min(g.cx + reach, g.width - g.margin - width)
    return max(g.cx - reach - width, g.margin)


def place_labels(labels: Iterable[Label], geometry: Geometry) -> tuple[Placed, ...]:
    """Every label beside the wheel, in date order per side, none overlapping another.

    Each label is at most ``geometry.label_width`` wide (the builder wraps its lines to
    fit): a wider one would reach into the circle the labels keep clear of. The labels
    of a crowded side go to the other where they fit (:func:`sides`); labels that fit on
    neither (:func:`overflow` above 0) would leave the page, so a builder shortens them or
    makes the page taller first.
    """
    g = geometry
    placed: list[Placed] = []
    order: tuple[Side, Side] = ("right", "left")
    for side, group in zip(order, sides(labels, g), strict=True):
        wanted = [g.cy - g.clear * math.cos(lb.angle) - lb.height / 2 for lb in group]
        tops = _spread([lb.height for lb in group], wanted, g)
        for label, top in zip(group, tops, strict=True):
            box = Box(_x(top, label.height, label.width, side, g), top, label.width, label.height)
            first = label.lines[0].height / 2 if label.lines else label.height / 2
            end = (box.x if side == "right" else box.right, top + first + 1)
            placed.append(
                Placed(
                    label=label,
                    box=box,
                    side=side,
                    anchor=point(label.angle, label.radius, g),
                    bend=point(label.angle, g.clear - 8, g),
                    end=end,
                )
            )
    return tuple(placed)


def flow(
    widths: Sequence[float], x0: float, x1: float, y0: float, row: float, gap: float = 24
) -> list[Point]:
    """Left-to-right positions for items of ``widths`` between ``x0`` and ``x1``, wrapping
    to a new row (``row`` apart) when one would pass ``x1``."""
    out: list[Point] = []
    x, y = x0, y0
    for width in widths:
        if x > x0 and x + width > x1:
            x, y = x0, y + row
        out.append((x, y))
        x += width + gap
    return out
