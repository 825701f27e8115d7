"""The public surface: `__all__`, light imports, the catalogue and its docs."""

from __future__ import annotations

import datetime as dt
import enum
import json
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import klu_rules
from klu_rules import InvalidValueError, Money
from klu_rules.checks.deadlines import DeadlineKind
from klu_rules.cli import main
from klu_rules.core.findings import CATALOGUE, finding
from klu_rules.core.period import Period
from klu_rules.core.sources import SOURCES

ROOT = Path(__file__).resolve().parent.parent


def test_public_names_equal_all() -> None:
    public = {
        name
        for name in dir(klu_rules)
        if not name.startswith("_") and not isinstance(getattr(klu_rules, name), types.ModuleType)
    }
    assert public | {"__version__"} == set(klu_rules.__all__)
    assert len(klu_rules.__all__) == len(set(klu_rules.__all__))
    assert dir(klu_rules) == sorted(klu_rules.__all__)
    assert not {"annotations", "importlib", "TYPE_CHECKING", "Any"} & set(vars(klu_rules))


def test_every_public_name_resolves_to_its_module() -> None:
    for name in klu_rules.__all__:
        value = getattr(klu_rules, name)
        owner = getattr(value, "__module__", None)
        if owner is not None and owner.startswith("klu_rules"):
            module = __import__(owner, fromlist=["_"])
            assert name in getattr(module, "__all__", ()), f"{name} is not public in {owner}"
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        klu_rules.nothing  # noqa: B018


def test_import_is_light() -> None:
    code = (
        "import sys, klu_rules; "
        "heavy = [m for m in ('icalendar', 'hypothesis', 'holidays', 'klu_rules.io.ical', "
        "'klu_rules.testing.strategies') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_plan_on_the_built_in_data_loads_only_what_it_needs() -> None:
    # the shipped data comes from its compiled twins (no TOML parser), no file is named
    # (no pathlib), and no calendar feed is written (no icalendar)
    code = (
        "import contextlib, io, sys\n"
        "before = set(sys.modules)\n"  # what the interpreter's own start-up loaded
        "from klu_rules.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['plan', '--preset', 'aalborg'])\n"
        "print([m for m in ('tomllib', 'pathlib', 'icalendar', 'klu_rules.io.ical') "
        "if m in sys.modules and m not in before])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_catalogue_entries_are_well_formed() -> None:
    for code, entry in CATALOGUE.items():
        assert entry.code == code
        assert code == code.lower()
        assert "." in code
        assert set(entry.sources) <= set(SOURCES)


def test_unknown_finding_code_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="unknown finding code"):
        finding("made.up")
    with pytest.raises(InvalidValueError, match="severity"):
        finding("deadline.passed", severity="fatal")  # type: ignore[arg-type]


def test_finding_to_dict() -> None:
    passed = {"kind": "agenda_dispatch", "deadline": "2023-05-01", "as_of": "2023-05-02"}
    f = finding("deadline.passed", subject="m1", advice="late", **passed)
    assert f.to_dict() == {
        "severity": "warning",
        "code": "deadline.passed",
        "sources": ["AAL2021"],
        "subject": "m1",
        "parameters": {**passed, "advice": "late"},
    }
    assert f.parameters == {**passed, "advice": "late"}


def test_finding_parameters_in_json_keep_their_values() -> None:
    class Colour(enum.Enum):
        RED = dt.date(2024, 1, 1)

    f = finding(
        "deadline.passed",
        kind=DeadlineKind.AGENDA_DISPATCH,
        colour=Colour.RED,
        on=dt.date(2023, 5, 17),
        at=dt.datetime(2023, 6, 1, 15, tzinfo=ZoneInfo("Europe/Copenhagen")),
        share=Decimal("0.50"),
        notice=Period(2, "weeks"),
        numbers=("3", "1"),
        words={"why", "how"},
        nested=[("a", dt.date(2024, 1, 2))],
        count=3,
        flag=True,
        nothing=None,
        deadline=dt.date(2023, 5, 1),
        as_of=dt.date(2023, 5, 2),
        advice="late",
    )
    parameters = {
        k: v
        for k, v in f.to_dict()["parameters"].items()
        if k not in ("deadline", "as_of", "advice")
    }
    assert parameters == {
        "kind": "agenda_dispatch",
        "colour": "2024-01-01",
        "on": "2023-05-17",
        "at": "2023-06-01T15:00:00+02:00",
        "share": "0.50",
        "notice": "2 weeks",
        "numbers": ["3", "1"],
        "words": ["how", "why"],
        "nested": [["a", "2024-01-02"]],
        "count": 3,
        "flag": True,
        "nothing": None,
    }
    assert json.loads(json.dumps(parameters)) == parameters


def test_money() -> None:
    fee = Money("1935.27", "2021-04")
    hour = Money(Decimal("967.635"), "2021-04")
    assert hour.amount == Decimal("967.64")  # half-up to øre
    assert (fee + hour).amount == Decimal("2902.91")
    assert (2 * hour).amount == Decimal("1935.28")
    assert fee.format_da() == "1.935,27 kr. (2021-04-niveau)"
    assert Money("-1234567.5", "2021-04").format_da() == "-1.234.567,50 kr. (2021-04-niveau)"
    with pytest.raises(InvalidValueError, match="floats are not exact"):
        Money(1935.27, "2021-04")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"price level|price_level"):
        Money("1", "April 2021")
    with pytest.raises(InvalidValueError, match="cannot add"):
        fee + Money("1", "2022-04")
    with pytest.raises(InvalidValueError, match="finite"):
        Money("NaN", "2021-04")
    with pytest.raises(InvalidValueError, match="not a decimal"):
        Money("12,50", "2021-04")
    assert fee.__add__(3) is NotImplemented  # type: ignore[operator]
    assert fee.__mul__(1.5) is NotImplemented  # type: ignore[operator]


def test_cli_show_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show"]) == 0
    out = capsys.readouterr().out
    assert "Mandag den 6. marts 2023 kl. 15.00-19.00" in out
    assert "Lisbet Trap-Jensen Torp" in out
    assert main(["show", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["region"] == "Nordjylland"
    assert len(data["meetings"]) == 4


def test_cli_errors_are_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n", encoding="utf-8")
    assert main(["show", "--committee", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("klu-rules: fejl: ")
    assert main(["show", "--committee", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("klu-rules: error: ")
    assert "committee" in err


def test_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "klu_rules", "show", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"municipality": "Aalborg"' in out.stdout


def test_api_reference_lists_every_public_module() -> None:
    """docs/api.md names each public module once, so the built reference shows them all.

    Public: every module and package under src/klu_rules except private ones
    (``_name``) and the command line (``klu_rules.cli``).
    """
    src = ROOT / "src"
    modules = set()
    for path in (src / "klu_rules").rglob("*.py"):
        parts = path.relative_to(src).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        if not any(part.startswith("_") for part in parts) and parts[:2] != ("klu_rules", "cli"):
            modules.add(".".join(parts))
    reference = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    listed = [
        line.removeprefix(".. automodule::").strip()
        for line in reference.splitlines()
        if line.startswith(".. automodule::")
    ]
    assert len(listed) == len(set(listed)), "a module is listed twice in docs/api.md"
    assert set(listed) == modules, (
        f"add to docs/api.md: {sorted(modules - set(listed))}; "
        f"remove from it: {sorted(set(listed) - modules)}"
    )


# ---------------------------------------------------------------------------
# what a caller can reach of the library's own tables is read-only


def test_the_rules_in_force_hand_out_read_only_views() -> None:
    from klu_rules.rules.ruleset import get_rule_set

    rules = get_rule_set("national")
    in_force = rules.in_force(dt.date(2024, 6, 6))
    with pytest.raises(AttributeError):
        in_force.notices.clear()  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        in_force.notices["agenda_dispatch_notice"] = None  # type: ignore[index]
    assert not hasattr(in_force, "derived")  # the engine's own store is not public
    meeting = klu_rules.Meeting(
        "m", dt.datetime(2024, 6, 6, 15, tzinfo=ZoneInfo("Europe/Copenhagen"))
    )
    plan = klu_rules.plan_meeting(meeting, rules)
    assert [d.date for d in plan.deadlines] == [dt.date(2024, 5, 23)]  # OK22-102: two weeks


def test_the_shipped_tables_are_read_only() -> None:
    from klu_rules.core.messages import catalogue, message
    from klu_rules.io.presets import PRESETS
    from klu_rules.model.geography import MUNICIPALITIES, REGIONS
    from klu_rules.rules.agreement_routes import BODIES, PROCEDURES
    from klu_rules.rules.entries import RULE_KEYS

    before = message("severity.warning")
    tables = (catalogue("en"), SOURCES, CATALOGUE, RULE_KEYS, PROCEDURES, BODIES)
    for table in (*tables, MUNICIPALITIES, REGIONS, PRESETS):
        key = next(iter(table))
        with pytest.raises(TypeError):
            table[key] = "HACKED"  # type: ignore[index]
        with pytest.raises(AttributeError):
            table.clear()  # type: ignore[attr-defined]
    assert message("severity.warning") == before != "HACKED"


def test_the_rule_set_module_names_itself_for_an_unknown_name() -> None:
    from klu_rules.rules import ruleset

    assert ruleset.NATIONAL.name == "national"
    with pytest.raises(AttributeError, match=r"'klu_rules\.rules\.ruleset' has no attribute"):
        ruleset.NATIONALL  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize(
    "call",
    [
        lambda: klu_rules.Meeting("m", dt.datetime(2024, 6, 6, 15, tzinfo=dt.UTC), attendance=None),
        lambda: klu_rules.get_rule_set(5),
        lambda: klu_rules.get_rule_set(""),
        lambda: klu_rules.load_committee(None),
        lambda: klu_rules.load_committee(""),
        lambda: klu_rules.parse_committee(5),
        lambda: klu_rules.Result.from_json(5),
        lambda: klu_rules.Result.from_json("{bad"),
    ],
)
def test_bad_arguments_are_refused_in_both_languages(call: Any) -> None:
    from klu_rules.core.messages import error_text

    with pytest.raises(klu_rules.KluRulesError) as caught:
        call()
    assert error_text(caught.value, "da") != error_text(caught.value, "en")
