"""The per-language catalogues and the forms of dates, numbers and money in each language."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import foreign_words
from hypothesis import given
from hypothesis import strategies as st

from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.language import (
    LANGUAGES,
    UnsupportedLanguageError,
    check_language,
    format_clock,
    format_date,
    format_list,
    format_money,
    format_number,
)
from klu_rules.core.messages import (
    _check_template,
    _Formatter,
    catalogue,
    check_catalogue,
    error_text,
    fields,
    message,
)
from klu_rules.core.period import Period
from klu_rules.core.toml import TableReader, load_toml_file


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_template_uses_known_forms(language: str) -> None:
    check_catalogue(language)  # type: ignore[arg-type]


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    da, en = catalogue("da"), catalogue("en")
    assert set(da) == set(en)
    for key in da:
        assert da[key].strip(), key
        assert en[key].strip(), key
        assert fields(da[key]) == fields(en[key]), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_text_is_in_the_other_language(language: str) -> None:
    mixed = {
        k: t
        for k, t in catalogue(language).items()
        if foreign_words(re.sub(r"\{[^}]*\}", " ", t), language)
    }
    assert mixed == {}


def test_english_catalogue_has_no_danish_letters() -> None:
    assert [k for k, t in catalogue("en").items() if re.search("[æøåÆØÅ]", t)] == []


def test_message_fills_placeholders_by_type_and_form() -> None:
    day = date(2023, 3, 6)
    assert message("plan.as_of", "da", day=day) == "Status pr. 6. marts 2023"
    assert message("plan.as_of", "en", day=day) == "Status as of 6 March 2023"
    assert message("plan.counts", "da", held=3, upcoming=1, cancelled=0) == (
        "Møder: 3 afholdt, 1 kommende, 0 aflyst"
    )
    assert message("plan.year", "en", year=2023) == "The year 2023"


def test_forms_of_the_template_language() -> None:
    table = {"x.a": "{v:label.period}", "period.weeks": "uge|uger"}
    form = _Formatter("da", table)
    assert form.format("{p}", p=Period(4, "weeks")) == "4 uger"
    assert form.format("{p}", p=Period(1, "weeks")) == "1 uge"
    assert form.format("{n:plural.period.weeks}", n=2) == "2 uger"
    assert form.format("{d:Weekday}", d=date(2023, 3, 6)) == "Mandag den 6. marts 2023"
    assert form.format("{d:weekday}", d=date(2023, 3, 6)) == "mandag den 6. marts 2023"
    start = datetime(2023, 3, 6, 15, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert form.format("{t}", t=start) == "6. marts 2023 kl. 15.30"
    assert form.format("{t:clock}", t=start) == "15.30"
    assert form.format("{a}", a=Decimal("1935.27")) == "1.935,27 kr."
    assert form.format("{n:number}", n=12345) == "12.345"
    assert form.format("{xs}", xs=("A", "B", "C")) == "A, B og C"
    assert form.format("{u:label.period}", u="weeks") == "uge|uger"
    # the forms read parameters as findings keep them
    assert form.format("{d:date}", d="2023-03-06") == "6. marts 2023"
    assert form.format("{t:datetime}", t="2023-03-06T15:30:00+01:00") == "6. marts 2023 kl. 15.30"
    assert form.format("{t:clock}", t="2023-03-06T15:30:00+01:00") == "15.30"
    assert form.format("{a:money}", a="1935.27") == "1.935,27 kr."
    assert form.format("{p:period}", p="2 weeks") == "2 uger"
    assert form.format("{xs:list}", xs=("A", "B")) == "A og B"


def test_a_template_with_an_unknown_form_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="unknown form 'shout'"):
        _check_template("x.y", "{v:shout}", {}, set(), "da.toml")
    with pytest.raises(InvalidValueError, match=r"unknown form 'label\.nothing'"):
        _check_template("x.y", "{v:label.nothing}", {"a.b": "c"}, {"a"}, "da.toml")


def test_unknown_key_and_language_are_clear_errors() -> None:
    with pytest.raises(InvalidValueError, match=r"no text 'plan\.nothing' in the da catalogue"):
        message("plan.nothing", "da")
    with pytest.raises(UnsupportedLanguageError, match="choose one of da, en") as caught:
        message("plan.year", "de", year=2023)  # type: ignore[arg-type]
    assert isinstance(caught.value, KluRulesError)
    assert isinstance(caught.value, ValueError)
    assert [check_language(x) for x in ("da", "en")] == ["da", "en"]


@pytest.mark.parametrize(
    ("language", "plain", "weekday", "money", "clock", "listed"),
    [
        ("da", "6. marts 2023", "mandag den 6. marts 2023", "1.935,27 kr.", "09.05", "A og B"),
        ("en", "6 March 2023", "Monday 6 March 2023", "DKK 1,935.27", "09:05", "A and B"),
    ],
)
def test_forms_known_answers(
    language: str, plain: str, weekday: str, money: str, clock: str, listed: str
) -> None:
    lang = check_language(language)
    assert format_date(date(2023, 3, 6), lang) == plain
    assert format_date(datetime(2023, 3, 6, 12), lang, weekday=True) == weekday
    assert format_money(Decimal("1935.27"), lang) == money
    assert format_clock(time(9, 5), lang) == clock
    assert format_list(["A", "B"], lang) == listed
    assert format_list(["A"], lang) == "A"


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_numbers_read_back_in_both_languages(amount: Decimal) -> None:
    da = format_number(amount, "da", places=2)
    en = format_number(amount, "en", places=2)
    assert Decimal(da.replace(".", "").replace(",", ".")) == amount
    assert Decimal(en.replace(",", "")) == amount
    assert da.translate(str.maketrans(".,", ",.")) == en


def test_file_errors_are_written_in_either_language(tmp_path: Path) -> None:
    broken = tmp_path / "committee.toml"
    broken.write_text('schema_version = 1\nyear = "2023"\n', encoding="utf-8")
    reader = TableReader(load_toml_file(broken, lines=True), path=broken)
    with pytest.raises(FileFormatError) as caught:
        reader.get_int("year")
    error = caught.value
    assert (
        str(error)
        == error_text(error, "en")
        == f"{broken}:2, key 'year': expected an integer, got '2023'"
    )
    assert error_text(error, "da") == f"{broken}:2, nøgle 'year': forventede et heltal, fik '2023'"
    with pytest.raises(FileFormatError) as missing:
        load_toml_file(tmp_path / "nothing.toml")
    assert error_text(missing.value, "da").endswith(": filen kan ikke læses: filen findes ikke")
    assert str(missing.value).endswith(": cannot read the file: No such file or directory")


def test_errors_without_a_catalogue_text_keep_their_english_text() -> None:
    plain = InvalidValueError("a value was wrong")
    assert error_text(plain, "da") == "a value was wrong"
    assert error_text(FileFormatError("bad", line=3, key="x"), "da") == "linje 3, nøgle 'x': bad"
