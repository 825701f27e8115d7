"""``klu-rules check-meeting`` and ``klu-rules agenda``: one meeting-record file.

The KLU meeting rate is not in the sources: ``--rate``, ``--rate-per`` and
``--price-level`` give it, for amounts. See ``docs/meeting-records.md``.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation

from klu_rules.checks.honorarium import RATE_UNITS, MeetingRate
from klu_rules.checks.meeting_check import check_record
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.money import Money
from klu_rules.core.types import LAYERINGS
from klu_rules.io.meeting_record import load_meeting_record
from klu_rules.text.agenda import AGENDA_FORMATS, render_agenda
from klu_rules.text.meeting_check import meeting_check_to_text

__all__ = ["add_arguments", "rate_from_args", "run_agenda", "run_check"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``check-meeting`` or the ``agenda`` subcommand."""
    parser.add_argument("file", metavar="FILE", help="a meeting-record file (TOML)")
    if command == "agenda":
        parser.description = (
            "Render the agenda of a meeting-record file as Markdown or HTML, in Danish "
            "(default) or English (--lang)."
        )
        parser.add_argument("--format", choices=AGENDA_FORMATS, default="markdown")
        parser.set_defaults(func=run_agenda)
        return
    parser.description = (
        "Check the meeting in a meeting-record file: the doctor quorum (an assumption: no "
        "source states one), who is paid for attending and by whom, and the agenda against "
        "the rules in force on the meeting date. Exit status 1 when a finding is an error."
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--rate",
        metavar="AMOUNT",
        help="the KLU meeting rate in kroner, e.g. 1500 or 1500.00 (not in the sources)",
    )
    parser.add_argument(
        "--rate-per",
        choices=RATE_UNITS,
        default=None,
        help="the rate is per meeting (default) or per hour of the meeting's duration",
    )
    parser.add_argument(
        "--price-level", metavar="YYYY-MM", help="the price level of --rate, e.g. 2023-04"
    )
    parser.add_argument(
        "--layering",
        choices=LAYERINGS,
        default="strictest",
        help="how local rules layer on national ones (default: strictest)",
    )
    parser.add_argument(
        "--quorum-share",
        metavar="SHARE",
        help="override quorum_doctor_share (an assumption; default 0.5 from the rules)",
    )
    parser.add_argument(
        "--quorum-municipal",
        metavar="N",
        type=_whole_number,
        help="override quorum_municipal_present (an assumption; default 1 from the rules)",
    )
    parser.set_defaults(func=run_check)


def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return value


def rate_from_args(args: argparse.Namespace) -> MeetingRate | None:
    """The MeetingRate of ``--rate``, ``--rate-per`` and ``--price-level``, or None."""
    if args.rate is None:
        if args.rate_per is not None or args.price_level is not None:
            raise InvalidValueError(
                "--rate-per and --price-level describe --rate; give the rate too, e.g. "
                "--rate 1500 --rate-per meeting --price-level 2023-04"
            )
        return None
    if args.price_level is None:
        raise InvalidValueError(
            "--rate needs --price-level YYYY-MM (the price level the rate is stated in)"
        )
    try:
        amount = Decimal(args.rate)
    except InvalidOperation:
        raise InvalidValueError(
            f"--rate takes an amount in kroner written with a decimal point, e.g. 1500 or "
            f"1500.00, got {args.rate!r}"
        ) from None
    exponent = amount.as_tuple().exponent
    if not amount.is_finite() or (isinstance(exponent, int) and exponent < -2):
        raise InvalidValueError(
            f"--rate takes kroner and øre (at most two decimals), got {args.rate!r}"
        )
    return MeetingRate(Money(amount, args.price_level), args.rate_per or "meeting")


def run_check(args: argparse.Namespace) -> int:
    """Handle ``klu-rules check-meeting``; 1 when a finding is an error, else 0."""
    rate = rate_from_args(args)
    record = load_meeting_record(args.file)
    result = check_record(
        record,
        rate=rate,
        layering=args.layering,
        quorum_doctor_share=args.quorum_share,
        quorum_municipal_present=args.quorum_municipal,
    )
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(meeting_check_to_text(result, args.lang), end="")
    return 1 if result.outcome == "error" else 0


def run_agenda(args: argparse.Namespace) -> int:
    """Handle ``klu-rules agenda``."""
    record = load_meeting_record(args.file)
    agenda = record.meeting.agenda
    if agenda is None:
        raise InvalidValueError(
            f"{args.file}: meeting {record.meeting.id!r} has no agenda; add [meeting.agenda] "
            "and [[meeting.agenda.items]]"
        )
    print(
        render_agenda(
            agenda,
            args.format,
            meeting=record.meeting,
            committee=record.committee,
            language=args.lang,
        ),
        end="",
    )
    return 0
