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
from klu_rules.cli._common import (
    add_format_option,
    add_layering_option,
    exit_status,
    report_findings,
    whole_number,
)
from klu_rules.cli._parser import argument_type, help_text, metavar
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.money import Money
from klu_rules.core.serialize import to_data
from klu_rules.io.meeting_record import MeetingRecord, load_meeting_record
from klu_rules.text.agenda import AGENDA_FORMATS, render_agenda
from klu_rules.text.meeting_check import meeting_check_to_text

AGENDA_SCHEMA = "klu-rules/agenda/1"
"""The schema id of ``agenda --format json`` (shipped, see :mod:`klu_rules.io.schemas`)."""

__all__ = ["AGENDA_SCHEMA", "add_arguments", "rate_from_args", "run_agenda", "run_check"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``check-meeting`` or the ``agenda`` subcommand."""
    section = command.replace("-", "_")
    parser.add_argument(
        "file", metavar=metavar(parser, "file"), help=help_text(parser, f"{section}.file")
    )
    if command == "agenda":
        add_format_option(parser, (*AGENDA_FORMATS, "json"), "markdown", "agenda.format")
        parser.set_defaults(func=run_agenda)
        return
    add_format_option(parser, help_key="check_meeting.format")
    parser.add_argument(
        "--rate", metavar=metavar(parser, "amount"), help=help_text(parser, "check_meeting.rate")
    )
    parser.add_argument(
        "--rate-per",
        choices=RATE_UNITS,
        default=None,
        help=help_text(parser, "check_meeting.rate_per"),
    )
    parser.add_argument(
        "--price-level",
        metavar=metavar(parser, "month"),
        help=help_text(parser, "check_meeting.price_level"),
    )
    add_layering_option(parser, "check_meeting.layering")
    parser.add_argument(
        "--quorum-share",
        metavar=metavar(parser, "share"),
        help=help_text(parser, "check_meeting.quorum_share"),
    )
    parser.add_argument(
        "--quorum-municipal",
        metavar=metavar(parser, "number"),
        type=argument_type(parser, _whole_number),
        help=help_text(parser, "check_meeting.quorum_municipal"),
    )
    parser.set_defaults(func=run_check)


def _whole_number(text: str, language: Language) -> int:
    value = whole_number(text, language)
    if value < 0:
        raise argparse.ArgumentTypeError(
            message("error.cli.not_negative", language, text=excerpt(text))
        )
    return value


def rate_from_args(args: argparse.Namespace) -> MeetingRate | None:
    """The MeetingRate of ``--rate``, ``--rate-per`` and ``--price-level``, or None."""
    if args.rate is None:
        if args.rate_per is not None or args.price_level is not None:
            raise coded(InvalidValueError, "cli.rate_missing", {})
        return None
    if args.price_level is None:
        raise coded(InvalidValueError, "cli.price_level_missing", {})
    try:
        amount = Decimal(args.rate)
    except InvalidOperation:
        raise coded(
            InvalidValueError, "cli.rate_not_decimal", {"text": excerpt(args.rate)}
        ) from None
    exponent = amount.as_tuple().exponent
    if not amount.is_finite() or (isinstance(exponent, int) and exponent < -2):
        raise coded(InvalidValueError, "cli.rate_places", {"text": excerpt(args.rate)})
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
    """Handle ``klu-rules agenda``; 1 when the check of the agenda (as ``check-meeting``
    checks it, for a record with its committee) has an error finding, written to standard
    error, else 0."""
    record = load_meeting_record(args.file)
    agenda = record.meeting.agenda
    if agenda is None:
        raise coded(
            InvalidValueError,
            "cli.no_agenda",
            {"file": str(args.file), "meeting": excerpt(record.meeting.id)},
        )
    status = _agenda_status(record, args)
    if args.format == "json":
        document = {
            "schema": AGENDA_SCHEMA,
            "meeting_id": record.meeting.id,
            "committee_id": None if record.committee is None else record.committee.id,
            "agenda": to_data(agenda),
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return status
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
    return status


def _agenda_status(record: MeetingRecord, args: argparse.Namespace) -> int:
    """The exit status of the agenda's check; its errors on standard error."""
    if record.committee is None:  # no rules to check it against
        return 0
    check = check_record(record, layering=getattr(args, "layering", "strictest")).agenda
    report_findings(check, language=args.lang)
    return exit_status(check)
