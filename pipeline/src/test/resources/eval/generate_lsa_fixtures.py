"""Writes lsa_fixtures.txt: tie-heavy cost matrices with scipy's linear_sum_assignment answer.

Run with scipy installed (checked with scipy 1.17.1): python3 generate_lsa_fixtures.py
Each line: nr nc ; costs row-major ; rows ; cols
"""
import numpy as np
from scipy.optimize import linear_sum_assignment

rng = np.random.default_rng(7)
lines = []
for k in range(400):
    nr = int(rng.integers(1, 8))
    nc = int(rng.integers(1, 8))
    kind = k % 4
    if kind == 0:
        m = rng.integers(0, 2, size=(nr, nc)).astype(float)          # 0/1 costs
    elif kind == 1:
        m = rng.integers(0, 4, size=(nr, nc)).astype(float)          # small integers
    elif kind == 2:
        m = -rng.choice([0.0, 0.5, 0.25, 1.0], size=(nr, nc))        # negated scores, as TrackEval maximises
    else:
        m = np.zeros((nr, nc))                                       # constant, then a few distinct entries
        for _ in range(int(rng.integers(0, 3))):
            m[rng.integers(0, nr), rng.integers(0, nc)] = -float(rng.integers(1, 3))
    r, c = linear_sum_assignment(m)
    lines.append('%d %d ; %s ; %s ; %s' % (nr, nc, ' '.join(repr(float(x)) for x in m.ravel()),
                                          ' '.join(map(str, r)), ' '.join(map(str, c))))
with open('lsa_fixtures.txt', 'w') as f:
    f.write('\n'.join(lines) + '\n')
