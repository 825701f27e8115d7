#!/usr/bin/env bash
# Mutation testing of klu_rules' rule modules with mutmut 3.
#
#   scripts/mutation.sh                  # every module in [tool.mutmut] only_mutate
#   scripts/mutation.sh 'klu_rules.core.money*'   # only the mutants whose names match
#   KEEP=1 scripts/mutation.sh 'klu_rules.rules.ruleset*'   # add to the results of earlier runs
#
# The modules, the copied files and the pytest arguments are in pyproject.toml,
# [tool.mutmut]. Hypothesis runs with the "mutation" profile (10 derandomized
# examples per property, tests/conftest.py) so that a run finishes on two cores;
# MUTMUT_JOBS sets the number of worker processes (default 2). The script ends
# with the score: detected / (detected + survived + not covered + suspicious),
# where detected = killed + timed out (a mutant that makes the tests hang is
# caught by them), and mutants no test covers count as survived.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=.venv/bin
if ! "$bin/python" -c "import mutmut" 2>/dev/null; then
    "$bin/python" -m pip install -q "mutmut>=3.3"
fi

export HYPOTHESIS_PROFILE=mutation
# KEEP=1 keeps the results of earlier runs (e.g. to run the modules one at a time).
[ "${KEEP:-0}" = 1 ] || rm -rf mutants
start=$(date +%s)
"$bin/mutmut" run --max-children "${MUTMUT_JOBS:-2}" "$@" || true
"$bin/mutmut" export-cicd-stats >/dev/null
"$bin/python" - "$start" <<'PY'
import json
import sys
import time

stats = json.load(open("mutants/mutmut-cicd-stats.json", encoding="utf-8"))
detected = stats["killed"] + stats["timeout"]
alive = stats["survived"] + stats["no_tests"] + stats["suspicious"]
total = detected + alive
elapsed = time.time() - int(sys.argv[1])
print(json.dumps(stats))
print(f"mutation score: {100 * detected / max(total, 1):.1f}% ({detected} of {total} detected: "
      f"{stats['killed']} killed, {stats['timeout']} timed out; {stats['survived']} survived, "
      f"{stats['no_tests']} not covered, {stats['suspicious']} suspicious) "
      f"in {elapsed / 60:.0f} min")
PY
echo "survivors: .venv/bin/mutmut results; one mutant's diff: .venv/bin/mutmut show NAME"
