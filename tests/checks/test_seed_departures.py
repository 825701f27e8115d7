"""What the seeds say that the data had departed from, each test quoting the seed's phrase.

Seed 000 is KLU Aalborg's page (its 2023 composition, the rules of procedure ``AAL2021``
and the guideline ``VEJL2011``), seed 001 Region Syddanmark's 2023 overview
(``RSD-EVAL-2023``), seed 002 the Praksisplanudvalg's minutes (``PPU-RM-2021-02``).
Where the seeds are beside the project, the quoted phrase is also checked in them.
"""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest
from helpers import ROOT, SEEDS, check_golden_finding

from klu_rules.checks.agenda import check_agenda
from klu_rules.checks.compliance import review_year
from klu_rules.checks.composition import seats_check
from klu_rules.checks.coverage import coverage_rights
from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.core.sources import SOURCES
from klu_rules.io.committee_file import dump_committee, load_committee, parse_committee
from klu_rules.io.coverage_file import rm_2021
from klu_rules.io.evaluation_file import overview_from_csv, overview_to_csv, rsd_2023
from klu_rules.io.presets import aalborg
from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.model.records import Minutes
from klu_rules.rules.loader import AALBORG, NATIONAL
from klu_rules.text.evaluation import report_to_markdown, report_to_text
from klu_rules.text.rules_snapshot import render

EXAMPLES = ROOT / "examples"


def _in_seed(number: str, phrase: str) -> None:
    """``phrase`` is in seed ``number`` (white space collapsed), when the seeds are at hand."""
    found = sorted(SEEDS.glob(f"{number}_*.txt")) if SEEDS.is_dir() else []
    if found:
        text = " ".join(found[0].read_text(encoding="utf-8").split())
        assert " ".join(phrase.split()) in text, phrase


# --- departure 4: sources credited to documents that do not say it ------------------------


def test_ok22_paragraphs_are_not_cited_to_the_2021_minutes() -> None:
    # PPU-RM-2021-02 cites only "(OK §22, stk. 4)" and "(OK §20, stk. 1)": the minutes of
    # February 2021 cannot give OK22's numbers
    _in_seed(
        "002", "etablere delepraksis i en tidsbegrænset periode på op til 6 år (OK §22, stk. 4)"
    )
    register = rm_2021()
    before = coverage_rights(register, "anholt", on=date(2021, 12, 31))
    after = coverage_rights(register, "anholt", on=date(2022, 1, 1))
    assert [r.citation for r in before.rights][:2] == ["§ 22, stk. 4", "§ 20, stk. 1"]
    assert all("PPU-RM-2021-02" in r.sources for r in before.rights)
    for right in after.rights[:2]:
        assert "PRAKSISOVERBLIK-LDT" in right.sources
        assert "Praksisoverblik" in (right.basis or "")
    assert SOURCES["PRAKSISOVERBLIK-LDT"].url
    assert "§ 13, stk. 5" in SOURCES["PRAKSISOVERBLIK-LDT"].title


def test_no_recipient_is_recorded_where_the_overview_names_none() -> None:
    # seed 001's columns: "Kommunenavn, Antal møder, Emner drøftet, Opfølgning og status på
    # implementering af lokale aftaler, Generel vurdering af samarbejdet" -- no recipient
    _in_seed(
        "001",
        "Kommunenavn\tAntal møder\tEmner drøftet\tOpfølgning og status på implementering af "
        "lokale aftaler\tGenerel vurdering af samarbejdet",
    )
    overview = rsd_2023()
    reports = [e.report for e in overview.entries if e.report is not None]
    assert reports
    assert all(r.sent_to is None for r in reports)
    assert overview_from_csv(overview_to_csv(overview)) == overview
    assert "Sent to: not stated (not sent)" in report_to_text(reports[0], "en")
    assert "Sendt til: ikke oplyst (ikke sendt)" in report_to_markdown(reports[0], "da")
    # what the rules say the note goes to is a dated, cited rule value of its own
    rule = NATIONAL.in_force(date(2023, 12, 31)).get("evaluation_recipient")
    assert (rule.value, rule.sources, rule.entry.effective_from) == (
        "Samarbejdsudvalg",
        ("OK22-102",),
        date(2022, 1, 1),
    )


def test_a_report_from_records_names_a_recipient_only_once_sent() -> None:
    report = report_from_records(aalborg(), 2023)
    assert report.sent_to is None
    review = review_year(aalborg(), 2023, as_of=date(2024, 2, 1))
    assert review.check("evaluation").parameters["recipient"] == "Samarbejdsudvalg"


# --- departure 5: what the seeds say that was not encoded ----------------------------------


def test_a_person_listed_twice_is_a_finding_not_a_silent_merge() -> None:
    # AAL-2023, "Sammensætning", Aalborg Kommune: the same line twice
    line = "Lisbet Trap-Jensen Torp, chefkonsulent Senior og Omsorg."
    _in_seed(
        "000", f"{line} • Carsten Møller Beck, ældre- og sundhedschef, Senior og Omsorg. • {line}"
    )
    committee = aalborg()
    (listed,) = [m for m in committee.memberships if m.person.id == "lisbet-trap-jensen-torp"]
    assert listed.times_listed == 2
    review = review_year(committee, 2023)
    (found,) = [f for f in review.findings if f.code == "composition.listed-twice"]
    assert (found.subject, found.parameters["times"]) == ("lisbet-trap-jensen-torp", 2)
    assert found.sources == ("AAL-2023",)
    assert "listed 2 times" in found.text("en")
    assert "opført 2 gange" in found.text("da")
    check_golden_finding(found)
    # the count survives a dump and a reload
    again = parse_committee(dump_committee(committee))
    assert again == committee
    # a repeat is reported even where the rules name no seats
    plain = seats_check(None, date(2023, 6, 1), [listed], municipality="Aalborg")
    assert (plain.outcome, [f.code for f in plain.findings]) == (
        "not_stated",
        ["composition.listed-twice"],
    )
    once = attrs.evolve(listed, times_listed=1)
    assert seats_check(None, date(2023, 6, 1), [once], municipality="Aalborg").findings == ()


def test_times_listed_is_at_least_one() -> None:
    (listed, *_) = aalborg().memberships
    with pytest.raises(ValueError, match="times_listed"):
        attrs.evolve(listed, times_listed=0)


def test_the_chairs_prepare_the_agenda_together() -> None:
    phrase = "Formand for KLU og formand for PLO-K gennemgår og udarbejder dagsorden."
    _in_seed("000", phrase)
    rules = AALBORG.in_force(date(2023, 6, 1))
    rule = rules.get("agenda_prepared_by")
    assert (rule.value, rule.sources, rule.entry.note) == (
        "klu-chair-and-plo-k-chair",
        ("AAL2021",),
        phrase,
    )
    agenda = Agenda(items=(AgendaItem("1", "Godkendelse af dagsordenen", kind="approval"),))
    check = check_agenda(agenda, None, AALBORG, on=date(2023, 6, 1))
    assert check.parameters["prepared_by"] == "klu-chair-and-plo-k-chair"
    assert "AAL2021" in check.sources
    assert check.explain("en").endswith(
        "The agenda is reviewed and prepared by the KLU chair and the PLO-K chair together "
        "(AAL2021)."
    )
    assert "formanden for KLU og formanden for PLO-K" in check.explain("da")
    snapshot = render(AALBORG, date(2023, 6, 1), language="da")
    assert "agenda_prepared_by = formanden for KLU og formanden for PLO-K (aalborg" in snapshot
    assert "doctor_members_appointed_by = det lokale lægelaug; uden et lægelaug" in snapshot
    national = check_agenda(agenda, None, NATIONAL, on=date(2023, 6, 1))
    assert national.parameters["prepared_by"] is None
    assert national.prepared_by_text("en") is None


def test_minutes_are_published() -> None:
    phrase = "Referaterne bliver efterfølgende lagt på siden for sundhedstilbud i Aalborg Kommune"
    _in_seed("000", phrase)
    rule = AALBORG.in_force(date(2023, 6, 1)).get("minutes_published")
    assert (rule.value, rule.sources) == (True, ("AAL2021",))
    assert phrase in rule.entry.note
    assert not NATIONAL.in_force(date(2023, 6, 1)).has("minutes_published")


def test_the_review_asks_whether_the_minutes_were_published() -> None:
    # AAL2021: "Referaterne bliver efterfølgende lagt på siden for sundhedstilbud i Aalborg
    # Kommune" -- no deadline, so only what the records say is judged
    records = load_committee(EXAMPLES / "aalborg_2021_records.toml")
    check = review_year(records, 2021).check("minutes_published")
    assert (check.outcome, check.reason) == ("not_stated", "year.minutes-publication-not-recorded")
    assert check.sources == ("AAL2021",)
    (minutes,) = records.minutes
    published = attrs.evolve(
        records, minutes=(attrs.evolve(minutes, published_on=date(2022, 1, 5)),)
    )
    check = review_year(published, 2021).check("minutes_published")
    assert (check.outcome, check.parameters["published"]) == ("met", 1)
    early = review_year(published, 2021, as_of=date(2022, 1, 4)).check("minutes_published")
    assert (early.outcome, early.parameters["meetings"]) == ("not_met", ("klu-aalborg-2021-12",))
    assert "klu-aalborg-2021-12" in early.findings[0].text("en")
    assert review_year(aalborg(), 2023).check("minutes_published").reason == "year.minutes-none"
    national = attrs.evolve(published, rule_set=NATIONAL)
    assert review_year(national, 2021).check("minutes_published").outcome == "not_required"
    second = attrs.evolve(
        published,
        minutes=(*published.minutes, Minutes("klu-aalborg-2021-10-07")),
    )
    pending = review_year(second, 2021).check("minutes_published")
    assert (pending.outcome, pending.parameters["meetings"]) == (
        "not_judged",
        ("klu-aalborg-2021-10-07",),
    )
    assert "klu-aalborg-2021-10-07" in pending.explain("da")
    with pytest.raises(ValueError, match="before the meeting"):
        attrs.evolve(records, minutes=(attrs.evolve(minutes, published_on=date(2021, 11, 1)),))


def test_the_recommended_municipal_contact_person() -> None:
    phrase = "Det anbefales, at et af kommunens medlemmer samtidig er kontaktperson for udvalget."
    _in_seed("000", phrase)
    rule = NATIONAL.in_force(date(2011, 4, 1)).get("municipal_contact_person_recommended")
    assert (rule.value, rule.sources) == (True, ("VEJL2011",))
    assert phrase in rule.entry.note


def test_who_appoints_the_doctor_members() -> None:
    phrase = (
        "udpeges det kommunalt-lægelige udvalgs lægelige medlemmer af kommunens læger "
        "efter vejledning fra praksisudvalget i regionen"
    )
    _in_seed("000", phrase)
    for day, source in ((date(2011, 4, 1), "VEJL2011"), (date(2027, 3, 1), "OK22-102")):
        rules = NATIONAL.in_force(day)
        appointed = rules.get("doctor_members_appointed_by")
        assert (appointed.value, appointed.sources) == (
            "laegelaug-or-municipality-doctors",
            (source,),
        )
        guided = rules.get("doctor_appointment_guided_by")
        assert (guided.value, guided.sources) == ("praksisudvalget i regionen", ("VEJL2011",))
        assert phrase in guided.entry.note
    # PLO's description, dated by assumption: the page does not say since when
    assert not NATIONAL.in_force(date(2021, 12, 31)).has("plo_k_chair_born_member")
    born = NATIONAL.in_force(date(2022, 1, 1)).get("plo_k_chair_born_member")
    assert (born.value, born.sources, born.entry.status.value) == (True, ("PLO-KLU",), "assumption")
    assert re.search(r"born member", born.entry.note)
