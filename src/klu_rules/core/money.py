"""Money: an exact amount in Danish kroner with the price level it was stated in."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record

__all__ = ["Money", "to_ore"]

_ORE = Decimal("0.01")
MONEY_CONTEXT = Context(prec=28, rounding=ROUND_HALF_UP)
"""The decimal context of every amount klu_rules computes: the caller's thread context
(``decimal.getcontext()``) never changes a fee."""
_PRICE_LEVEL = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def to_ore(value: Decimal | int | str) -> Decimal:
    """Round ``value`` half-up to øre (two decimals). Floats are refused: they are not exact."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise coded(
            InvalidValueError,
            "money.type",
            {"type": type(value).__name__, "value": excerpt(value)},
        )
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise coded(InvalidValueError, "money.not_decimal", {"value": excerpt(value)}) from None
    if not amount.is_finite():
        raise coded(InvalidValueError, "money.not_finite", {"value": excerpt(value)})
    try:
        return amount.quantize(_ORE, rounding=ROUND_HALF_UP, context=MONEY_CONTEXT)
    except InvalidOperation:
        raise coded(InvalidValueError, "money.too_large", {"value": excerpt(value)}) from None


def _check_price_level(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _PRICE_LEVEL.fullmatch(value):
        raise coded(InvalidValueError, "money.price_level", {"value": excerpt(value)})


def _check_currency(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value != "DKK":
        raise coded(InvalidValueError, "money.currency", {"value": excerpt(value)})


@attrs.frozen(slots=True, order=False, repr=False)
class Money(Record):
    """An amount in DKK, rounded half-up to øre, with its price level (*prisniveau*).

    ``Money(Decimal("1935.27"), "2021-04")`` is 1.935,27 kr at the April 2021
    price level. Amounts at different price levels are never added silently.
    """

    amount: Decimal = attrs.field(converter=to_ore)
    price_level: str = attrs.field(validator=_check_price_level)
    currency: str = attrs.field(default="DKK", validator=_check_currency)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._check_same_level(other)
        total = MONEY_CONTEXT.add(self.amount, other.amount)
        return Money(total, self.price_level, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            return NotImplemented
        return Money(MONEY_CONTEXT.multiply(self.amount, factor), self.price_level, self.currency)

    __rmul__ = __mul__

    def _check_same_level(self, other: Money) -> None:
        if (self.price_level, self.currency) != (other.price_level, other.currency):
            raise coded(
                InvalidValueError,
                "money.price_levels",
                {
                    "added": f"{other.price_level} {other.currency}",
                    "to": f"{self.price_level} {self.currency}",
                },
            )

    def format_da(self) -> str:
        """Render in Danish style: ``1.935,27 kr. (2021-04-niveau)``."""
        sign = "-" if self.amount < 0 else ""
        whole, frac = f"{abs(self.amount):.2f}".split(".")
        groups: list[str] = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        return f"{sign}{'.'.join(groups)},{frac} kr. ({self.price_level}-niveau)"
