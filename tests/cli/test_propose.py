"""``klu-rules propose``: what it cites, and the inputs it refuses in plain words."""

from __future__ import annotations

import pytest

from klu_rules.cli import main


def test_the_national_rules_cite_nothing_for_the_conventions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["propose", "--rules", "national", "--year", "2027", "--lang", "en"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.endswith("so next year's topics can be agreed at it. These are choices of "
                         "klu_rules, not rules of the rule set.")  # fmt: skip
    assert main(["propose", "--preset", "aalborg", "--year", "2027"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.endswith("så emnerne for næste år kan aftales på det (AAL2021).")


@pytest.mark.parametrize(
    ("options", "text"),
    [
        (
            ["--avoid", "2027-05-01..2027-04-01"],
            "perioden, der skal holdes fri, begynder 1. maj 2027, efter sin sidste dag "
            "1. april 2027; skriv den første dag først",
        ),
        (["--avoid", "2026-07-01..2026-07-31"], "31. juli 2026, har ingen dag i 2027"),
        (["--time", "23:30", "--hours", "2"], "23.30 på 120 minutter ville slutte efter midnat"),
        (["--time", "15:00:45"], "fik 15:00:45; udelad sekunderne"),
        (["--time", "15:00+02:00"], "som 15:00, fik '15:00+02:00'"),
    ],
)  # fmt: skip
def test_odd_inputs_are_refused_in_plain_words(
    capsys: pytest.CaptureFixture[str], options: list[str], text: str
) -> None:
    assert main(["propose", "--rules", "national", "--year", "2027", *options]) == 2
    err = capsys.readouterr().err
    assert text in err
    assert "datetime" not in err


@pytest.mark.parametrize("day", ["saturday", "sunday"])
def test_a_weekend_day_is_no_choice(capsys: pytest.CaptureFixture[str], day: str) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["propose", "--rules", "national", "--year", "2027", "--weekday", day])
    assert stop.value.code == 2
    assert f"'{day}'" in capsys.readouterr().err
