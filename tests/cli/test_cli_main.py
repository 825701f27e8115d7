"""The top level of ``klu-rules``: options that belong to no subcommand."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from klu_rules.cli import main


def test_version_prints_the_installed_version_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    out, err = capsys.readouterr()
    assert (info.value.code, out, err) == (0, f"klu-rules {version('klu_rules')}\n", "")
