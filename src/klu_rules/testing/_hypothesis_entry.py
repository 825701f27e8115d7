"""The ``hypothesis`` entry point: Hypothesis calls :func:`_hypothesis_setup_hook` on import.

It registers a deferred strategy per model type, so the strategies module loads on the first
draw; a type it cannot import is skipped with an ``ImportWarning``, never breaking ``import
hypothesis``. ``HYPOTHESIS_NO_PLUGINS=1`` turns it off. This module imports nothing itself.
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
    import importlib
    import warnings

    from hypothesis import strategies as st

    def strategy(name: str) -> st.SearchStrategy[object]:
        module = "klu_rules.testing.strategies"
        return st.deferred(lambda: getattr(importlib.import_module(module), name)())

    failed = []
    for module, types in _REGISTRY.items():
        for type_name, name in types.items():
            try:  # a broken install must never break `import hypothesis`
                st.register_type_strategy(
                    getattr(importlib.import_module(module), type_name), strategy(name)
                )
            except Exception as exc:
                failed.append(f"{type_name} ({type(exc).__name__}: {exc})")
    if failed:
        message = f"klu_rules could not register Hypothesis strategies for {', '.join(failed)}"
        warnings.warn(message + "; reinstall klu_rules", ImportWarning, stacklevel=2)
