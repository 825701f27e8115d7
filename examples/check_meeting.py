"""Check one meeting from Python: quorum, honorarium and agenda.

Reads the December 2021 record of KLU Aalborg (``aalborg_2021_12_meeting.toml``,
built from the minutes; read its comments for what is real and what is a
placeholder) and the illustrative 1 June 2023 record next to this script,
checks each, and prints the results. Runs from any current directory:

    python examples/check_meeting.py
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from klu_rules.checks.honorarium import MeetingRate
from klu_rules.checks.meeting_check import check_record
from klu_rules.checks.nursing_home import nursing_home_doctor_monthly_fee
from klu_rules.core.money import Money
from klu_rules.io.meeting_record import load_meeting_record
from klu_rules.text.agenda import agenda_to_markdown
from klu_rules.text.meeting_check import meeting_check_to_text

HERE = Path(__file__).resolve().parent


def main() -> None:
    # December 2021: the real agenda; no durations and no what/how/why in the
    # minutes, so the checker warns about them. No rate: eligibility only.
    december = load_meeting_record(HERE / "aalborg_2021_12_meeting.toml")
    result = check_record(december)
    print(meeting_check_to_text(result))
    assert december.meeting.agenda is not None
    # The agenda as sent to the committee, in Danish (language="en" for English).
    print(
        agenda_to_markdown(
            december.meeting.agenda,
            meeting=december.meeting,
            committee=december.committee,
            language="da",
        )
    )

    # 1 June 2023 (illustrative attendance and agenda), with a meeting rate.
    # The KLU meeting rate is not in the sources: 1,500 kr a meeting at the
    # April 2023 price level is this example's own figure.
    june = load_meeting_record(HERE / "meeting_2023_06_01.toml")
    rate = MeetingRate(Money(Decimal("1500.00"), "2023-04"), per="meeting")
    result = check_record(june, rate=rate)
    print(meeting_check_to_text(result))
    for item in result.quorum.items:
        print(f"item {item.item}: {result.quorum.explain_item(item)}")
    print(result.honorarium.explain())

    # The nursing-home doctor fee discussed under item 3.a in December 2021.
    for residents in (30, 31):
        fee = nursing_home_doctor_monthly_fee(residents)
        print(
            f"{residents} residents: {fee.amount} kr ({fee.price_level}), paid by the "
            f"{fee.payer}: {fee.explain()}"
        )


if __name__ == "__main__":
    main()
