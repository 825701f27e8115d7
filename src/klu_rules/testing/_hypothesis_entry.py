"""The ``hypothesis`` entry point: ``st.from_type(Meeting)`` and friends.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (unless
``HYPOTHESIS_NO_PLUGINS`` is set). The hook registers a *deferred* strategy per
model type: :mod:`klu_rules.testing.strategies` is imported on the first draw,
so importing Hypothesis costs no more than importing the model. A type that
cannot be imported (a broken install) is skipped with an ``ImportWarning``
rather than breaking ``import hypothesis``. This module imports nothing itself.
"""

from __future__ import annotations

# module -> {type name: strategy in klu_rules.testing.strategies}
_REGISTRY = {
    "klu_rules.core.period": {"Period": "periods"},
    "klu_rules.core.money": {"Money": "money"},
    "klu_rules.model.people": {"Person": "persons", "Membership": "memberships"},
    "klu_rules.model.agenda": {"AgendaItem": "agenda_items", "Agenda": "agendas"},
    "klu_rules.model.meeting": {"Meeting": "meetings", "Attendance": "attendances"},
    "klu_rules.model.agreement": {"Agreement": "agreements"},
    "klu_rules.model.committee": {"Committee": "committees"},
    "klu_rules.model.records": {
        "FollowUp": "follow_ups",
        "MinutesItem": "minutes_items",
        "Minutes": "minutes",
        "AnnualWheel": "annual_wheels",
        "MeetingCalendar": "meeting_calendars",
        "EvaluationRecord": "evaluation_records",
    },
    "klu_rules.rules.ruleset": {"RuleEntry": "rule_entries", "RuleSet": "rule_sets"},
}


def _hypothesis_setup_hook() -> None:
    """Register klu_rules' strategies with Hypothesis (Hypothesis calls this itself)."""
    import importlib
    import warnings

    from hypothesis import strategies as st

    def deferred(name: str) -> st.SearchStrategy[object]:
        def load() -> st.SearchStrategy[object]:
            strategies = importlib.import_module("klu_rules.testing.strategies")
            strategy: st.SearchStrategy[object] = getattr(strategies, name)()
            return strategy

        return st.deferred(load)

    failed = []
    for module, types in _REGISTRY.items():
        for type_name, name in types.items():
            try:  # a broken install must never break `import hypothesis`
                type_ = getattr(importlib.import_module(module), type_name)
                st.register_type_strategy(type_, deferred(name))
            except Exception as exc:
                failed.append(f"{type_name} ({type(exc).__name__}: {exc})")
    if failed:
        warnings.warn(
            f"klu_rules could not register Hypothesis strategies for {', '.join(failed)}; "
            "st.from_type() will not know these types. Reinstall klu_rules.",
            ImportWarning,
            stacklevel=2,
        )
