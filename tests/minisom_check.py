"""MiniSom 2.3.6 replay for tests/som_minisom.rs.

usage: python3 tests/minisom_check.py INPUT.json
INPUT: {"rows", "cols", "dim", "sigma", "lr", "weights": [rows*cols*dim, row-major, node = r*cols + c],
        "data": [n*dim]}
Builds MiniSom(rows, cols, dim, sigma, lr, gaussian, rectangular), sets _weights[r, c] = node r*cols + c,
and for each row in order calls update(x, winner(x), 0, 1). At t = 0 both decays return their start
values (asymptotic_decay(p, 0, 1) = p / (1 + 0) = p), so lr and sigma are constant. MiniSom's
gaussian is exp(-di^2/(2 sigma^2)) * exp(-dj^2/(2 sigma^2)) over the two grid axes.
prints: {"version": ..., "bmus": [...], "weights": [...]}"""
import json
import sys
import warnings
from importlib.metadata import version

import numpy as np
from minisom import MiniSom

with open(sys.argv[1]) as f:
    p = json.load(f)
rows, cols, dim = p["rows"], p["cols"], p["dim"]
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    som = MiniSom(rows, cols, dim, sigma=p["sigma"], learning_rate=p["lr"],
                  neighborhood_function="gaussian", topology="rectangular", random_seed=0)
som._weights = np.array(p["weights"], dtype=np.float64).reshape(rows, cols, dim)
data = np.array(p["data"], dtype=np.float64).reshape(-1, dim)
bmus = []
for x in data:
    win = som.winner(x)
    bmus.append(int(win[0]) * cols + int(win[1]))
    som.update(x, win, 0, 1)
print(json.dumps({"version": version("minisom"), "bmus": bmus,
                  "weights": [float(v) for v in som._weights.reshape(-1)]}))
