"""Agreement routing by the procedure in force on the day a draft is sent (RULES.md § 7).

Known answers: ``VEJL2011`` "Udvalgets kompetencer og indgåelse af aftaler"
(two routes from 2011-04-01), ``OK22-102`` stk. 5 (Praksisplanudvalget from
2022-01-01) and ``L191-2022`` (Sundhedssamarbejdsudvalget from 2022-07-01).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from helpers import CPH, check_golden_finding, foreign_words
from hypothesis import example, given
from hypothesis import strategies as st

from klu_rules import Agreement, InvalidValueError
from klu_rules.checks.routing import (
    NEXT_STATUSES,
    PLO_DESCRIPTION,
    AgreementRoute,
    advance_agreement,
    route_agreement,
)
from klu_rules.core.errors import FileFormatError, InvalidIntervalError, NoRulesInForceError
from klu_rules.core.messages import catalogue, error_text, message
from klu_rules.core.serialize import from_data, to_data
from klu_rules.model.agreement import AgreementKind, AgreementStatus
from klu_rules.rules.agreement_routes import (
    BODIES,
    PROCEDURES,
    ROUTES,
    AgreementRoutes,
    agreements_on,
    load_agreement_routes,
    procedure,
)
from klu_rules.rules.ruleset import AALBORG, NATIONAL

CHOICE = ["section_2_agreement", "bilateral_agreement"]
PPU, SSU = ["practice_plan"], ["health_cooperation_committee"]
KNOWN = [
    (date(2011, 4, 1), "samarbejdsudvalg-or-praksisudvalg", CHOICE, "2011-04-01"),
    (date(2021, 12, 31), "samarbejdsudvalg-or-praksisudvalg", CHOICE, "2011-04-01"),
    (date(2022, 1, 1), "praksisplanudvalg", PPU, "2022-01-01"),
    (date(2022, 6, 30), "praksisplanudvalg", PPU, "2022-01-01"),
    (date(2022, 7, 1), "sundhedssamarbejdsudvalg", SSU, "2022-07-01"),
    (date(2026, 12, 31), "sundhedssamarbejdsudvalg", SSU, "2022-07-01"),
]


@pytest.mark.parametrize(("sent_on", "procedure", "routes", "since"), KNOWN)
def test_route_by_the_day_it_is_sent(
    sent_on: date, procedure: str, routes: list[str], since: str
) -> None:
    route = route_agreement(None, sent_on)
    assert route.procedure == procedure
    assert [o.key for o in route.options] == routes
    assert route.outcome == ("routed" if len(routes) == 1 else "choose")
    assert route.parameters["agreement_procedure"] == procedure
    assert route.in_force_from.isoformat() == since
    assert route_agreement(None, sent_on, AALBORG).options == route.options
    assert AgreementRoute.from_json(route.to_json()) == route


def test_the_routes_data_follows_the_national_procedure() -> None:
    entries = NATIONAL.entries_of("agreement_procedure")
    assert [(e.value, e.effective_from, e.sources) for e in entries] == [
        (p.value, p.effective_from, p.sources) for p in PROCEDURES.values()
    ]
    check_golden_finding(route_agreement(None, date(2022, 3, 1)).findings[0])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("binding = true", 'binding = "yes"', "routes[0].binding"),
        ('value = "praksisplanudvalg"', 'value = "sundhedssamarbejdsudvalg"', "listed twice"),
        ('choice = "section', 'chosen = "section', "'chosen'"),
        ("choice = ", "# choice = ", "must say how to choose"),
        ('sources = ["PLO-K-COMP"]', 'sources = ["PLO"]', "'PLO'"),
        ('purpose = "practice_plan"', 'purpose = "plan"', "texts the catalogues do not hold"),
        ('recipient_key = "praksisudvalg"', 'recipient_key = "pu"', "does not date: pu"),
    ],
)
def test_a_broken_routes_file_says_what_is_wrong(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = (resources.files("klu_rules") / "data" / "agreement_routes.toml").read_text("utf-8")
    path = tmp_path / "routes.toml"
    path.write_text(text, "utf-8")
    assert load_agreement_routes(path) == ROUTES
    assert from_data(AgreementRoutes, to_data(ROUTES)) == ROUTES
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(FileFormatError, match=re.escape(message)) as info:
        load_agreement_routes(path)
    assert info.value.path == str(path)


def test_no_routes_for_an_unknown_procedure_or_before_the_guideline() -> None:
    with pytest.raises(InvalidValueError, match="no routes for the agreement procedure 'x'"):
        procedure("x")
    with pytest.raises(NoRulesInForceError, match="takes effect on 1 April 2011"):
        route_agreement(None, date(2011, 3, 31))


class TestVejl2011:
    def test_the_two_routes_and_the_committees_role(self) -> None:
        route = route_agreement(None, date(2015, 5, 1))
        section_2 = route.option("section_2_agreement")
        assert section_2.recipient_key == "samarbejdsudvalg"
        assert section_2.recipient("da") == "det regionale samarbejdsudvalg (region og PLO)"
        assert (section_2.binding, section_2.sanctionable, section_2.special_fee_paid_by) == (
            True,
            True,
            "region",
        )
        assert section_2.not_stated == ()
        option = route.option("bilateral_agreement")
        assert option.concluded_by == "municipality_and_praksisudvalg"
        assert option.text("concluded_by") == "the municipality and the regional practice committee"
        assert option.text("concluded_by", "da") == "kommunen og det regionale praksisudvalg"
        with pytest.raises(InvalidValueError, match="no text for 'binding'"):
            option.text("binding", "da")
        assert (option.binding, option.sanctionable, option.special_fee_paid_by) == (
            None,
            False,
            "municipality",
        )
        (not_stated,) = route.findings
        assert (not_stated.code, not_stated.sources) == ("agreement.not-stated", ("VEJL2011",))
        assert not_stated.parameters["not_stated"] == ("binding",)
        assert "do not state whether it binds the GPs" in not_stated.text("en")
        assert "angiver kilderne ikke om den binder" in not_stated.text("da")
        assert not_stated.parameters["route"] == "bilateral_agreement"
        assert route.committee_role == "route_role.drafts_go_on"
        assert route.advice == ("route_advice.practice_consultant",)
        assert route.plo_description is None
        explained = route.explain()
        assert "cannot conclude a binding agreement itself" in explained
        assert "praksiskonsulent inddrages tæt" in route.explain("da")
        assert "binding: yes; sanctionable: yes; special fee paid by: the region" in explained
        assert "bindende: ja; kan sanktioneres: ja; særligt honorar betales af: regionen" in (
            route.explain("da")
        )

    @pytest.mark.parametrize(
        ("kind", "suited"),
        [("binding", CHOICE[:1]), ("voluntary", CHOICE[1:]), ("draft", CHOICE)],
    )
    def test_suited_route_by_kind(self, kind: str, suited: list[str]) -> None:
        agreement = Agreement("a", "Aftale", kind, drafted_on=date(2015, 1, 1))
        route = route_agreement(agreement, date(2015, 5, 1))
        assert list(route.suited) == suited
        assert route.agreement_id == "a"
        assert route.suited_reason.startswith("route_")
        assert "VEJL2011" in route.explain("da").splitlines()[3]


class TestOk22:
    @pytest.mark.parametrize("sent_on", [date(2022, 3, 1), date(2023, 3, 1)])
    def test_who_concludes_and_pays_is_not_stated(self, sent_on: date) -> None:
        route = route_agreement(None, sent_on)
        (option,) = route.options
        assert option.not_stated == (
            "concluded_by",
            "agreement_form",
            "binding",
            "sanctionable",
            "special_fee_paid_by",
        )
        assert option.concluded_by is None
        assert option.text("concluded_by", "da") is None
        (not_stated,) = route.findings
        assert not_stated.code == "agreement.not-stated"
        assert "PLO-K-COMP" in not_stated.sources
        assert route.plo_description == PLO_DESCRIPTION
        assert "PLO-K-COMP" in route.sources
        assert route.committee_role == "route_role.drafts_go_on_ok22"
        assert "Efter OK22 § 102 stk. 5" in route.explain("da")
        assert (route.advice, route.suited) == ((), (option.key,))

    def test_recipients_explain_and_json(self) -> None:
        route = route_agreement(None, date(2022, 3, 1))
        assert route.recipients == ("praksisplanudvalg",)
        late = route_agreement(None, date(2022, 7, 1))
        assert late.recipients == ("sundhedssamarbejdsudvalg",)
        assert late.sources[:2] == ("L191-2022", "OK22-102")
        lines = route.explain().splitlines()
        assert route.reason == "agreement_route.routed"
        assert lines[0] == (
            "On 1 March 2022 the agreement procedure in force is the one from 1 January 2022 "
            "(OK22-102): drafts go to the practice planning committee; routes: Sent to the "
            "practice planning committee (the practice plan)."
        )
        assert route.explain("da").startswith(
            "Når udkastet fremsendes 1. marts 2022, gælder aftaleproceduren fra 1. januar 2022 "
            "(OK22-102): udkast sendes til det regionale praksisplanudvalg"
        )
        assert lines[1].startswith(
            "- Sent to the practice planning committee (the practice plan): send it to the "
            "regional practice planning committee to be worked into the practice plan"
        )
        assert route.plo_description == PLO_DESCRIPTION
        assert lines[-1].startswith("PLO's description (PLO-K-COMP): PLO describes")
        assert "bindende: ikke angivet i kilderne" in route.explain("da")
        doc = json.loads(route.to_json())
        assert doc["options"][0]["special_fee_paid_by"] is None
        assert route.option("practice_plan").title_da.startswith(
            "Fremsendes til det regionale praksisplan"
        )
        with pytest.raises(InvalidValueError, match="no route 'x'"):
            route.option("x")


class TestArguments:
    def test_recorded_dates_must_agree(self) -> None:
        sent = Agreement("a", "Aftale", "draft", "sent", sent_on=date(2022, 3, 1))
        with pytest.raises(InvalidValueError, match="recorded as sent on 1 March 2022, not"):
            route_agreement(sent, date(2022, 8, 1))
        assert route_agreement(sent, date(2022, 3, 1)).agreement_id == "a"
        drafted = Agreement("b", "Aftale", "draft", drafted_on=date(2022, 5, 1))
        with pytest.raises(InvalidIntervalError, match="a draft is sent after it is drafted"):
            route_agreement(drafted, date(2022, 3, 1))

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("agreement", date(2022, 3, 1)), "a klu_rules.Agreement or None"),
            ((None, datetime(2022, 3, 1, tzinfo=CPH)), "sent_on must be a date"),
            ((None, "2022-03-01"), "sent_on must be a date"),
            ((None, date(2022, 3, 1), "national"), "must be a RuleSet"),
        ],
    )
    def test_bad_arguments(self, args: tuple[Any, ...], message: str) -> None:
        with pytest.raises(InvalidValueError, match=message):
            route_agreement(*args)


# --- the life cycle ---------------------------------------------------------------------------


class TestAdvance:
    def draft(self, **kw: Any) -> Agreement:
        values: dict[str, Any] = dict(
            id="sambo", title="SAM:BO", kind="draft", drafted_on=date(2022, 9, 1)
        )
        values.update(kw)
        return Agreement(**values)

    def test_full_cycle_under_l191(self) -> None:
        a = advance_agreement(self.draft(), "sent", date(2022, 10, 1))
        assert a.status is AgreementStatus.SENT
        assert a.sent_to == "the regional health cooperation committee"
        danish = advance_agreement(self.draft(), "sent", date(2022, 10, 1), language="da")
        assert danish.sent_to == "det regionale sundhedssamarbejdsudvalg"
        a = advance_agreement(a, "concluded", date(2023, 2, 1), kind="voluntary")
        assert (a.status, a.kind) == (AgreementStatus.CONCLUDED, AgreementKind.VOLUNTARY)
        a = advance_agreement(a, "evaluated", date(2023, 12, 1))
        a = advance_agreement(a, AgreementStatus.EVALUATED, date(2024, 12, 1))
        assert a.evaluated_on == date(2024, 12, 1)
        assert a.concluded_on == date(2023, 2, 1)

    def test_vejl2011_needs_a_choice(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match="drafts go to the regional cooperation committee or the regional practice",
        ) as info:
            advance_agreement(self.draft(drafted_on=None), "sent", date(2020, 3, 1))
        assert "udkast sendes til det regionale samarbejdsudvalg eller" in error_text(
            info.value, "da"
        )
        a = advance_agreement(
            self.draft(drafted_on=None),
            "sent",
            date(2020, 3, 1),
            sent_to="Praksisudvalget i Region Nordjylland",
        )
        assert a.sent_to == "Praksisudvalget i Region Nordjylland"

    def test_sent_to_a_body_the_route_does_not_allow(self) -> None:
        with pytest.raises(
            InvalidValueError, match="drafts go to the regional health cooperation committee"
        ):
            advance_agreement(self.draft(), "sent", date(2022, 10, 1), sent_to="Praksisudvalget")
        with pytest.raises(InvalidValueError, match="was abolished on 1 July 2022") as info:
            advance_agreement(
                self.draft(), "sent", date(2022, 10, 1), sent_to="Praksisplanudvalget"
            )
        assert "blev nedlagt 1. juli 2022" in error_text(info.value, "da")
        with pytest.raises(InvalidValueError, match="must name the body"):
            advance_agreement(self.draft(), "sent", date(2022, 10, 1), sent_to=" ")
        ok = advance_agreement(
            self.draft(drafted_on=date(2022, 1, 15)),
            "sent",
            date(2022, 3, 1),
            sent_to="Praksisplanudvalget",
        )
        assert (ok.sent_on, ok.sent_to) == (date(2022, 3, 1), "Praksisplanudvalget")

    def test_invalid_transitions(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match="cannot become 'concluded'; its next step can be 'sent' and 'withdrawn'",
        ):
            advance_agreement(self.draft(), "concluded", date(2023, 1, 1))
        withdrawn = advance_agreement(self.draft(), "withdrawn", date(2022, 12, 1))
        assert withdrawn.notes == "Withdrawn on 1 December 2022."
        with pytest.raises(InvalidValueError, match="no further step"):
            advance_agreement(withdrawn, "sent", date(2023, 1, 1))
        with pytest.raises(InvalidValueError, match="choose one of"):
            advance_agreement(self.draft(), "signed", date(2023, 1, 1))

    def test_options_only_at_their_step_and_forward_in_time(self) -> None:
        with pytest.raises(InvalidIntervalError, match="before its last recorded step"):
            advance_agreement(self.draft(), "sent", date(2022, 8, 1))
        with pytest.raises(InvalidValueError, match="sent_to applies when"):
            advance_agreement(self.draft(), "withdrawn", date(2023, 1, 1), sent_to="x")
        with pytest.raises(InvalidValueError, match="kind applies when"):
            advance_agreement(self.draft(), "sent", date(2023, 1, 1), kind="binding")
        with pytest.raises(InvalidValueError, match=r"takes a klu_rules\.Agreement"):
            advance_agreement("x", "sent", date(2023, 1, 1))  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="on must be a date"):
            advance_agreement(self.draft(), "sent", "2023-01-01")  # type: ignore[arg-type]

    def test_withdrawn_keeps_earlier_notes(self) -> None:
        a = advance_agreement(self.draft(notes="Afventer PLO-K."), "withdrawn", date(2023, 1, 1))
        assert a.notes == "Afventer PLO-K.\nWithdrawn on 1 January 2023."
        danish = advance_agreement(self.draft(), "withdrawn", date(2023, 1, 1), language="da")
        assert danish.notes == "Trukket tilbage 1. januar 2023."
        assert set(NEXT_STATUSES) == set(AgreementStatus)


# --- properties -------------------------------------------------------------------------------

_DAYS = st.dates(date(2011, 4, 1), date(2035, 12, 31))


@given(_DAYS, _DAYS, st.sampled_from(["draft", "voluntary", "binding"]))
def test_route_depends_only_on_the_version_in_force(a: date, b: date, kind: str) -> None:
    first = route_agreement(Agreement("x", "Aftale", kind), a)
    second = route_agreement(Agreement("x", "Aftale", kind), b)
    procedure = NATIONAL.in_force(a).value("agreement_procedure")
    same = procedure == NATIONAL.in_force(b).value("agreement_procedure")
    assert (first.options == second.options) == same
    if same:
        assert (first.suited, first.committee_role, first.plo_description) == (
            second.suited,
            second.committee_role,
            second.plo_description,
        )
        # beside the note that the rules are assumed to continue (2025-2026, Aftale25/26)
        note = "rules.assumed-continuation"
        assert [f.code for f in first.findings if f.code != note] == [
            f.code for f in second.findings if f.code != note
        ]


_STEPS = st.lists(
    st.tuples(st.sampled_from(list(AgreementStatus)), st.integers(0, 400)), max_size=6
)


@given(_STEPS)
@example([(AgreementStatus.DRAFT, 400)] * 5 + [(AgreementStatus.SENT, 400)])  # sent in 2029
def test_advancing_keeps_the_agreement_valid(steps: list[tuple[AgreementStatus, int]]) -> None:
    agreement = Agreement("x", "Aftale", "draft", drafted_on=date(2022, 9, 1))
    day = date(2022, 9, 1)
    for status, gap in steps:
        day = date.fromordinal(day.toordinal() + gap)
        allowed = status in NEXT_STATUSES[agreement.status]
        # from 2027 the sources name no body to send a draft to: the sender must say which
        named = status is AgreementStatus.SENT and day >= date(2027, 1, 1)
        try:
            agreement = advance_agreement(
                agreement, status, day, sent_to="Sundhedsklynge Nord" if named else None
            )
        except InvalidValueError:
            assert not allowed
            continue
        assert allowed
        assert agreement.status is status


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_not_stated_finding_in_one_language(language: str) -> None:
    for day in (date(2015, 5, 1), date(2022, 3, 1), date(2023, 3, 1)):
        for found in route_agreement(None, day).findings:
            text = found.text(language)  # type: ignore[arg-type]
            assert "{" not in text
            assert (
                foreign_words(text, language, allow=frozenset({"plo", "k", "r", "comp"})) == set()
            )
    golden = route_agreement(None, date(2022, 3, 1)).findings[0]
    assert golden.text("en").startswith(
        "For a draft sent on 1 March 2022 by the route “Sent to the practice planning committee"
    )
    assert golden.text("da").startswith("For et aftaleudkast fremsendt 1. marts 2022 ad vejen")


# --- 2027: the health reform abolishes the Sundhedssamarbejdsudvalg ------------------------


class TestHealthReform:
    """L 214 (2024-25) abolishes the Sundhedssamarbejdsudvalg; the sources name no successor."""

    def test_a_draft_sent_on_2027_02_01_names_no_abolished_body_as_living(self) -> None:
        route = route_agreement(None, date(2027, 2, 1))
        assert (route.outcome, route.reason) == ("no_route", "agreement_route.no_route")
        assert route.options == ()
        assert route.recipients == ()
        assert route.suited == ()
        assert route.abolished == ("sundhedssamarbejdsudvalg",)
        assert [f.code for f in route.findings] == [
            "agreement.recipient-abolished",
            "rules.beyond-horizon",
        ]
        gone, horizon = route.findings
        check_golden_finding(gone)
        check_golden_finding(horizon)
        assert gone.parameters["abolished_on"] == "2027-01-01"
        assert gone.parameters["successor"] == "none"
        assert "L214-2025" in gone.sources
        en, da = route.explain("en"), route.explain("da")
        assert "Abolished on 1 January 2027" in en
        assert "no route is in force" in en
        assert "Nedlagt 1. januar 2027" in da
        assert "ingen vej gælder" in da
        assert "name no successor" in en
        assert "nævner intet organ" in da
        assert "Send it to" not in en
        assert "Send det til" not in da
        assert AgreementRoute.from_json(route.to_json()) == route
        with pytest.raises(InvalidValueError, match=r"no route 'x' on 1 February 2027"):
            route.option("x")

    def test_the_last_day_before_the_reform_still_routes(self) -> None:
        route = route_agreement(None, date(2026, 12, 31))
        assert route.outcome == "routed"
        # under Aftale26, § 102 is assumed to continue (its text was not found): said so
        assert [f.code for f in route.findings] == [
            "agreement.not-stated",
            "rules.assumed-continuation",
        ]
        assert BODIES["sundhedssamarbejdsudvalg"].exists_on(date(2026, 12, 31))
        assert not BODIES["sundhedssamarbejdsudvalg"].exists_on(date(2027, 1, 1))
        assert BODIES["samarbejdsudvalg"].exists_on(date(2027, 6, 1))

    def test_sending_to_the_abolished_body_in_2027_is_refused(self) -> None:
        draft = Agreement("d27", "Aftale", "draft", "draft", drafted_on=date(2027, 1, 15))
        with pytest.raises(InvalidValueError, match="was abolished on 1 January 2027") as info:
            advance_agreement(draft, "sent", date(2027, 2, 1), sent_to="Sundhedssamarbejdsudvalget")
        assert "blev nedlagt 1. januar 2027" in error_text(info.value, "da")
        with pytest.raises(InvalidValueError, match="no route is in force") as info:
            advance_agreement(draft, "sent", date(2027, 2, 1))
        assert "gælder ingen vej" in error_text(info.value, "da")
        sent = advance_agreement(draft, "sent", date(2027, 2, 1), sent_to="Region Nordjylland")
        assert sent.sent_to == "Region Nordjylland"

    def test_sending_to_the_committee_before_it_existed_is_refused(self) -> None:
        # L191-2022: the health cooperation committee exists from 1 July 2022.
        draft = Agreement("d22", "Aftale", "draft", "draft", drafted_on=date(2022, 6, 1))
        with pytest.raises(InvalidValueError, match="did not exist yet") as info:
            advance_agreement(
                draft, "sent", date(2022, 6, 30), sent_to="Sundhedssamarbejdsudvalget"
            )
        assert "established on 1 July 2022 (L191-2022)" in str(info.value)
        assert "abolished" not in str(info.value)
        assert "oprettet 1. juli 2022" in error_text(info.value, "da")

    def test_the_agreements_in_force_by_date(self) -> None:
        def keys(day: date) -> list[str]:
            return [a.key for a in agreements_on(day)]

        assert keys(date(2021, 12, 31)) == []
        assert keys(date(2022, 1, 1)) == keys(date(2024, 12, 31)) == ["OK22"]
        assert keys(date(2025, 1, 1)) == ["Aftale25"]
        assert keys(date(2026, 6, 1)) == ["Aftale26"]
        (later,) = agreements_on(date(2027, 3, 1))
        assert (later.key, later.section_102) == ("Aftale27", "not_known")
        assert later.title("da") == "En ny, smallere rammeaftale fra 2027 (kendes endnu ikke)"

    def test_the_2027_evaluation_note_goes_to_the_samarbejdsudvalg_as_an_assumption(self) -> None:
        rule = NATIONAL.in_force(date(2027, 3, 1)).get("evaluation_recipient")
        assert (rule.value, rule.status) == ("Samarbejdsudvalg", "assumption")
        assert "not the Sundhedssamarbejdsudvalg" in rule.entry.note


# --- every route in one language, from the catalogues ------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("kind", ["binding", "voluntary", "draft"])
@pytest.mark.parametrize(
    "sent_on", [date(2012, 5, 1), date(2019, 5, 1), date(2023, 3, 1), date(2027, 2, 1)]
)
def test_every_route_explained_in_one_language(sent_on: date, kind: str, language: str) -> None:
    route = route_agreement(Agreement("a", "Aftale", kind), sent_on)
    text = route.explain(language)  # type: ignore[arg-type]
    assert "{" not in text
    assert foreign_words(text, language, allow=frozenset({"plo", "s", "k", "r", "comp"})) == set()
    said = message(f"rule_value_procedure.{route.procedure}", language)  # type: ignore[arg-type]
    assert f": {said};" in text.splitlines()[0]  # the procedure in words, not its code
    for option in route.options:
        assert option.title(language) in text  # type: ignore[arg-type]
        assert option.recipient(language) in text  # type: ignore[arg-type]
        for aspect in ("purpose", "concluded_by", "agreement_form", "use_when"):
            assert (option.text(aspect, language) or "") in text  # type: ignore[arg-type]
    for gone in route.abolished:
        assert BODIES[gone].name(language) in text  # type: ignore[arg-type]
    # the JSON holds keys: no text of either language
    for shown in (route.explain("da"), route.explain("en")):
        for line in shown.splitlines():
            assert line not in route.to_json()


def test_the_2027_route_names_the_abolished_body_and_its_day() -> None:
    da = route_agreement(None, date(2027, 2, 1)).explain("da").splitlines()[1]
    assert da.startswith("Nedlagt 1. januar 2027: det regionale sundhedssamarbejdsudvalg")
    en = route_agreement(None, date(2027, 2, 1)).explain("en").splitlines()[1]
    assert en.startswith("Abolished on 1 January 2027: the regional health cooperation committee")


def test_every_route_text_is_in_both_catalogues() -> None:
    keys = [k for p in ROUTES.procedures for k in p.text_keys()]
    assert keys
    for language in ("da", "en"):
        assert set(keys) <= set(catalogue(language))  # type: ignore[arg-type]
    data = (resources.files("klu_rules") / "data" / "agreement_routes.toml").read_text("utf-8")
    values = re.findall(r'^\w+ = "([^"]*)"', data, re.M)
    assert values
    assert all(" " not in v for v in values)  # keys, never prose
