"""Testing support for code that uses klu_rules: Hypothesis strategies in ``.strategies``.

They need the ``testing`` extra (``pip install 'klu_rules[testing]'``), which also
registers them so that ``st.from_type(Meeting)`` works. Importing this package does
not import Hypothesis; importing ``klu_rules.testing.strategies`` does.
"""
