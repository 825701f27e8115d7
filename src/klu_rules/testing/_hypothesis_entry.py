"""The ``hypothesis`` entry point: ``st.from_type(klu_rules.Meeting)`` and friends.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (unless
``HYPOTHESIS_NO_PLUGINS`` is set). The hook registers a strategy for each
public domain type. Each registered strategy is *deferred*: it imports
:mod:`klu_rules.testing.strategies` only when a test first draws from it, so
importing Hypothesis costs no more than importing ``klu_rules`` itself, and
the hook works whichever of the two is imported first.

This module imports nothing at load time. If klu_rules is only partly
installed, the hook skips the types it cannot import and says which with an
:class:`ImportWarning` (hidden by default) rather than breaking ``import
hypothesis``.
"""

from __future__ import annotations

# (type name in klu_rules, module it is defined in, strategy in klu_rules.testing.strategies)
_REGISTRY = (
    ("Person", "klu_rules.model.people", "persons"),
    ("Membership", "klu_rules.model.people", "memberships"),
    ("Committee", "klu_rules.model.committee", "committees"),
    ("Meeting", "klu_rules.model.meeting", "meetings"),
    ("Attendance", "klu_rules.model.meeting", "attendances"),
    ("AgendaItem", "klu_rules.model.agenda", "agenda_items"),
    ("Agenda", "klu_rules.model.agenda", "agendas"),
    ("Agreement", "klu_rules.model.agreement", "agreements"),
    ("RuleEntry", "klu_rules.rules.ruleset", "rule_entries"),
    ("RuleSet", "klu_rules.rules.ruleset", "rule_sets"),
    ("Period", "klu_rules.core.period", "periods"),
    ("Money", "klu_rules.core.money", "money"),
    ("FollowUp", "klu_rules.model.records", "follow_ups"),
    ("MinutesItem", "klu_rules.model.records", "minutes_items"),
    ("Minutes", "klu_rules.model.records", "minutes"),
    ("AnnualWheel", "klu_rules.model.records", "annual_wheels"),
    ("MeetingCalendar", "klu_rules.model.records", "meeting_calendars"),
    ("EvaluationRecord", "klu_rules.model.records", "evaluation_records"),
)


def _deferred(strategy_name: str) -> object:
    from hypothesis import strategies as st

    def load() -> st.SearchStrategy[object]:
        from klu_rules.testing import strategies

        factory = getattr(strategies, strategy_name)
        result: st.SearchStrategy[object] = factory()
        return result

    return st.deferred(load)


def _hypothesis_setup_hook() -> None:
    """Register klu_rules' strategies with Hypothesis (called by Hypothesis itself)."""
    import importlib
    import warnings

    failed: list[str] = []
    try:
        from hypothesis import strategies as st
    except Exception as exc:  # pragma: no cover - Hypothesis calls this hook itself
        failed.append(f"hypothesis ({type(exc).__name__}: {exc})")
    else:
        for type_name, module, strategy_name in _REGISTRY:
            # a broken install must never break `import hypothesis`: skip what is missing
            try:
                type_ = getattr(importlib.import_module(module), type_name)
                st.register_type_strategy(type_, _deferred(strategy_name))  # type: ignore[arg-type]
            except Exception as exc:
                failed.append(f"{type_name} ({type(exc).__name__}: {exc})")
    if failed:
        warnings.warn(
            "klu_rules could not register Hypothesis strategies for "
            + ", ".join(failed)
            + "; st.from_type() will not know these types. Reinstall klu_rules.",
            ImportWarning,
            stacklevel=2,
        )
