"""The solver's peer in `cargo bench --bench scale`: HiGHS (through highspy) on the same
instance, written as JSON by the bench. Prints "<solve ms> <value> <status>".

Run by the bench only when `python3 -c "import highspy"` works (`pip install highspy`).
The model: one 0/1 variable per candidate (mandatory ones fixed to 1, ones depending on an
unknown id fixed to 0), the budget, one row per capped silo over each candidate's share,
x_i <= x_j for each dependency and x_i + x_j <= 1 for each pair of alternatives; maximise
the value. Gaps are set to zero so that "Optimal" means proven, as ours does.
"""
import json
import sys
import time

import highspy
import numpy as np

inst = json.load(open(sys.argv[1]))
cands = inst["candidates"]
n = len(cands)
index = {c["id"]: i for i, c in enumerate(cands)}
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("mip_rel_gap", 0.0)
h.setOptionValue("mip_abs_gap", 1e-9)
inf = highspy.kHighsInf
for c in cands:
    h.addVar(1.0 if c["mandatory"] else 0.0, 1.0)
cols = np.arange(n, dtype=np.int32)
h.changeColsIntegrality(n, cols, np.array([highspy.HighsVarType.kInteger] * n))
h.changeColsCost(n, cols, np.array([-max(c["value"], 0.0) for c in cands]))


def row(upper, ix, vals):
    h.addRow(-inf, upper, len(ix), np.array(ix, dtype=np.int32), np.array(vals, dtype=float))


row(float(inst["budget"]), list(range(n)), [float(c["cost"]) for c in cands])
silos = {}
for i, c in enumerate(cands):
    given = sum(m for _, m in c["contributions"])
    silos.setdefault(c["silo"], {}).setdefault(i, 0)
    silos[c["silo"]][i] += max(c["cost"] - given, 0)
    for s, m in c["contributions"]:
        silos.setdefault(s, {}).setdefault(i, 0)
        silos[s][i] += m
for s, cap in inst["caps"].items():
    items = silos.get(s, {})
    row(float(cap), list(items), [float(m) for m in items.values()])
for i, c in enumerate(cands):
    for d in c["depends_on"]:
        if d in index:
            row(0.0, [i, index[d]], [1.0, -1.0])
        else:
            h.changeColBounds(i, 0.0, 0.0)
    for e in c["excludes"]:
        if e in index:
            row(1.0, [i, index[e]], [1.0, 1.0])
t = time.perf_counter()
h.run()
elapsed = time.perf_counter() - t
status = h.modelStatusToString(h.getModelStatus())
print(f"{elapsed * 1000:.1f} {-h.getInfo().objective_function_value:.9f} {status}")
