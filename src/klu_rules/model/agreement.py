"""Local agreements (*lokale aftaler*) and their life cycle.

The KLU cannot conclude binding agreements itself (VEJL2011): it drafts them
and sends them on. An :class:`Agreement` records its kind, parties and the
dates it moved from draft to sent, concluded and evaluated; the route a draft
takes is computed by the agreement-routing rules from the date it is sent.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import attrs

from klu_rules.core.convert import (
    Choice,
    identifier,
    one_line,
    optional_date,
    optional_line,
    optional_text,
    str_tuple,
)
from klu_rules.core.errors import InvalidIntervalError, InvalidValueError
from klu_rules.core.messages import coded
from klu_rules.core.record import Record

__all__ = ["Agreement", "AgreementKind", "AgreementStatus"]


class AgreementKind(Choice):
    """*Aftaleudkast* (draft), *frivillig aftale* (voluntary) or *bindende aftale* (binding)."""

    DRAFT = "draft"
    VOLUNTARY = "voluntary"
    BINDING = "binding"


class AgreementStatus(Choice):
    """Where an agreement is in its life cycle: draft → sent → concluded → evaluated."""

    DRAFT = "draft"
    SENT = "sent"
    CONCLUDED = "concluded"
    EVALUATED = "evaluated"
    WITHDRAWN = "withdrawn"


_STEP_DATES: tuple[tuple[AgreementStatus, str], ...] = (
    (AgreementStatus.SENT, "sent_on"),
    (AgreementStatus.CONCLUDED, "concluded_on"),
    (AgreementStatus.EVALUATED, "evaluated_on"),
)


@attrs.frozen(slots=True, repr=False)
class Agreement(Record):
    """A local agreement drafted in or followed up by the committee."""

    id: str = attrs.field(validator=identifier)
    title: str = attrs.field(validator=one_line)
    kind: AgreementKind = attrs.field(converter=AgreementKind)
    status: AgreementStatus = attrs.field(default=AgreementStatus.DRAFT, converter=AgreementStatus)
    parties: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)
    drafted_on: date | None = attrs.field(default=None, validator=optional_date)
    sent_on: date | None = attrs.field(default=None, validator=optional_date)
    concluded_on: date | None = attrs.field(default=None, validator=optional_date)
    evaluated_on: date | None = attrs.field(default=None, validator=optional_date)
    sent_to: str | None = attrs.field(default=None, validator=optional_line)
    notes: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        order = [
            ("drafted_on", self.drafted_on),
            ("sent_on", self.sent_on),
            ("concluded_on", self.concluded_on),
            ("evaluated_on", self.evaluated_on),
        ]
        known = [(name, day) for name, day in order if day is not None]
        for (name_a, a), (name_b, b) in pairwise(known):
            if b < a:
                raise coded(
                    InvalidIntervalError,
                    "model.agreement.steps_out_of_order",
                    {"agreement": self.id, "later": name_b, "on": b, "earlier": name_a, "from": a},
                )
        if self.status is AgreementStatus.WITHDRAWN:
            return
        reached = [s for s, _ in _STEP_DATES]
        upto = reached.index(self.status) + 1 if self.status in reached else 0
        for _status, field_name in _STEP_DATES[:upto]:
            if getattr(self, field_name) is None:
                raise coded(
                    InvalidValueError,
                    "model.agreement.missing_date",
                    {"agreement": self.id, "status": self.status.value, "field": field_name},
                )
        for _status, field_name in _STEP_DATES[upto:]:
            if getattr(self, field_name) is not None:
                raise coded(
                    InvalidValueError,
                    "model.agreement.date_ahead_of_status",
                    {"agreement": self.id, "status": self.status.value, "field": field_name},
                )
