"""Time ``klu-rules plan`` as a whole process against ``python -c "import holidays"``.

Run from the repository root::

    python benchmarks/bench_startup.py [--runs N]

Both sides are fresh processes of the same interpreter (``sys.executable``)
with the same environment, started alternately so that a busy machine slows
both alike, and both with their bytecode cached as an installed package has
it (``src/klu_rules`` is compiled first; ``PYTHONDONTWRITEBYTECODE`` is
dropped, or every run would compile klu_rules from source):

- **klu-rules plan**: ``python -m klu_rules plan`` with its output to
  ``/dev/null``: start-up, the committee preset, the rules in force, the
  year's plan with its findings and the Danish text;
- **import holidays**: ``python -c "import holidays"``, the dependency a
  user of Danish working days would otherwise reach for.

The script prints the median wall time of each (``--runs``, default 15), the
median CPU time (user + system, as the kernel counts it for the child: less
disturbed than wall time when other work shares the machine) and both ratios
(target: at most 1.5). ``--importtime`` prints instead the modules
``klu-rules plan`` imports that take longest (``python -X importtime``). It
asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = [sys.executable, "-m", "klu_rules", "plan", "--preset", "aalborg"]
DONE = (0, 1)  # klu-rules plan exits 1 when a finding is an error, as Aalborg's 2023 plan has
HOLIDAYS = [sys.executable, "-c", "import holidays"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT / "src"), env.get("PYTHONPATH"))))
    return env


def _once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process running ``argv``."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in DONE:
        raise SystemExit(f"{' '.join(argv)} failed with exit status {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of ``klu-rules plan`` and of ``import holidays``."""
    env = _env()
    compileall.compile_dir(ROOT / "src" / "klu_rules", quiet=1)
    _once(PLAN, env), _once(HOLIDAYS, env)  # warm the file cache
    times: dict[str, list[tuple[float, float]]] = {"plan": [], "holidays": []}
    for _ in range(runs):
        times["plan"].append(_once(PLAN, env))
        times["holidays"].append(_once(HOLIDAYS, env))
    return {
        name: (statistics.median(t[0] for t in found), statistics.median(t[1] for t in found))
        for name, found in times.items()
    }


def importtime(top: int = 25) -> str:
    """The ``top`` modules with the largest cumulative import time under ``klu-rules plan``."""
    argv = [sys.executable, "-X", "importtime", *PLAN[1:]]
    result = subprocess.run(
        argv, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    rows = []
    for line in result.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    rows.sort(reverse=True)
    return "\n".join(f"{micro / 1000:8.1f} ms {name}" for micro, name in rows[:top])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    if args.importtime:
        print(importtime())
        return
    found = measure(args.runs)
    print(f"medians of {args.runs} processes each      wall      CPU")
    for name, key in (("klu-rules plan", "plan"), ("import holidays", "holidays")):
        wall, cpu = found[key]
        print(f"{name:<30} {wall * 1000:7.1f} ms {cpu * 1000:7.1f} ms")
    (plan_wall, plan_cpu), (holidays_wall, holidays_cpu) = found["plan"], found["holidays"]
    ratios = f"{plan_wall / holidays_wall:7.2f}x  {plan_cpu / holidays_cpu:7.2f}x"
    print(f"ratio (target <= 1.5x)          {ratios}")


if __name__ == "__main__":
    main()
