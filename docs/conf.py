"""Sphinx configuration: the docs are Markdown (MyST), the API reference is autodoc.

Build the site (the tests do this too, with warnings as errors):

    python -m sphinx -W -b html docs docs/_build/html

docs/api.md lists the modules layer by layer; autodoc renders each module's
docstring and public names from the code, so the reference cannot fall behind it.
"""

from __future__ import annotations

import ast
import functools
import importlib
import sys
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

project = "klu_rules"
copyright = "klu_rules contributors, MIT licence"
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.autosummary"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

myst_heading_anchors = 3
autodoc_member_order = "bysource"
autosummary_generate = False
html_theme = "alabaster"
html_static_path: list[str] = []

LAYERS = ("core", "model", "rules", "checks", "io", "text", "testing")


def _home(package: str, name: str, value: object) -> str:
    """The module a top-level name comes from, for its link in the reference."""
    module = getattr(value, "__module__", None)
    if isinstance(module, str) and hasattr(value, "__qualname__"):
        return module
    for layer in LAYERS:  # data (CATALOGUE, SOURCES, ...): the module that exports it
        sub = importlib.import_module(f"{package}.{layer}")
        for key, candidate in sorted(vars(sub).items()):
            if getattr(candidate, "__all__", None) and name in candidate.__all__:
                return f"{package}.{layer}.{key}"
    return package


class PublicNames(SphinxDirective):
    """``klu-public-names PACKAGE``: an autosummary of ``PACKAGE.__all__`` by layer."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        package = self.arguments[0]
        module = importlib.import_module(package)
        names = [n for n in module.__all__ if not n.startswith("_")]
        homes = {n: _home(package, n, getattr(module, n)) for n in names}
        groups: dict[str, list[str]] = {}
        for name in names:
            layer = homes[name].removeprefix(package + ".").split(".")[0]
            groups.setdefault(layer if layer in LAYERS else package, []).append(name)
        lines = [f".. currentmodule:: {package}", ""]  # the names below are relative to it
        for layer in sorted(groups, key=lambda g: LAYERS.index(g) if g in LAYERS else -1):
            refs = {n: f"~{homes[n].removeprefix(package)}.{n}" for n in groups[layer]}
            refs = {n: ref.replace("~.", "~") for n, ref in refs.items()}
            # data has no docstring of its own (autosummary would show its type's): a link only
            data = [n for n in refs if not callable(getattr(module, n))]
            lines += [f"**{layer}**", "", ".. autosummary::", "   :nosignatures:", ""]
            lines += [f"   {ref}" for n, ref in refs.items() if n not in data]
            links = ", ".join(f":data:`{refs[n]}`" for n in data)
            lines += ["", f"Data: {links}", ""] if data else [""]
        return self.parse_text_to_nodes("\n".join(lines))


@functools.cache
def defined_names(module: str) -> frozenset[str]:
    """The names a module's own code defines (imports left out)."""
    found: set[str] = set()
    pending = list(ast.parse(ModuleAnalyzer.for_module(module).code).body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(node, ast.If | ast.Try | ast.With):  # definitions made conditionally
            pending += [*node.body, *getattr(node, "orelse", ()), *getattr(node, "handlers", ())]
            pending += getattr(node, "finalbody", [])
        elif isinstance(node, ast.ExceptHandler):
            pending += node.body
    return frozenset(found)


def skip_reexports(
    app: Sphinx, what: str, name: str, obj: object, skip: bool, options: object
) -> bool | None:
    """Document a name once, in the module whose code defines it.

    A module's ``__all__`` may re-export a name from another module; a second
    entry would make every reference to the name ambiguous.
    """
    document = getattr(app.env, "current_document", None)
    here = getattr(document, "autodoc_module", None) or app.env.temp_data.get("autodoc:module")
    if what != "module" or not here:
        return None
    return True if name not in defined_names(here) else None


def setup(app: Sphinx) -> None:
    app.add_directive("klu-public-names", PublicNames)
    app.connect("autodoc-skip-member", skip_reexports)
