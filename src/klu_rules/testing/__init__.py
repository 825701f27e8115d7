"""Testing support for code that uses klu_rules.

:mod:`klu_rules.testing.strategies` holds `Hypothesis <https://hypothesis.works>`_
strategies for every public domain type (``persons()``, ``meetings()``,
``committees()``, ``rule_sets()``, ...), valid by construction, plus
``invalid_*()`` strategies of deliberately broken inputs for error-path tests.
It needs the ``testing`` extra (``pip install klu_rules[testing]``), which
also registers the strategies with Hypothesis, so that
``hypothesis.strategies.from_type(klu_rules.Meeting)`` works.

Importing this package does not import Hypothesis; importing
``klu_rules.testing.strategies`` does. See ``docs/strategies.md``.
"""
