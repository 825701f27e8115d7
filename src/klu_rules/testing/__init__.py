"""Testing support for code that uses klu_rules: the Hypothesis strategies in ``.strategies``.

Importing this package does not import Hypothesis (the ``testing`` extra); ``.strategies`` does.
"""
