"""Peer timing: MiniSom 2.3.6 online training on random data in [0, 1)^DIM.
usage: python3 minisom_bench.py ROWS COLS STEPS [N_SAMPLES [DIM]]
STEPS = 0 calibrates: enough steps for about 0.7 s of train_random (MINISOM_SECONDS overrides 0.7).
MINISOM_DATA=FILE reads the rows from FILE instead (raw little-endian float32, N_SAMPLES x DIM):
scripts/bench.sh passes the very rows the page trains on.
Settings match benches/native.rs: sigma = max(rows, cols) / 2, learning_rate 0.5, gaussian,
rectangular, MiniSom's default asymptotic decay over STEPS, init random_weights_init.
prints: minisom rows=.. cols=.. dim=.. steps=.. steps_per_s=... steps_per_cpu_s=... bmu_per_s=... qe=..
(steps_per_cpu_s: the same steps over the process's CPU time, which other work on the machine
does not lengthen.)."""
import os
import sys
import time
import warnings

import numpy as np
from minisom import MiniSom

rows, cols, steps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
dim = int(sys.argv[5]) if len(sys.argv) > 5 else 3
rng = np.random.default_rng(7)
data = rng.random((n, dim)).astype(np.float64)
if os.environ.get("MINISOM_DATA"):
    data = np.fromfile(os.environ["MINISOM_DATA"], dtype="<f4").reshape(n, dim).astype(np.float64)
seconds = float(os.environ.get("MINISOM_SECONDS", "0.7"))


def make():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        som = MiniSom(rows, cols, dim, sigma=max(rows, cols) / 2, learning_rate=0.5,
                      neighborhood_function='gaussian', random_seed=7)
    som.random_weights_init(data)
    return som


if steps == 0:
    probe = make()
    t0 = time.perf_counter()
    probe.train_random(data, 300)
    steps = max(300, int(300 / (time.perf_counter() - t0) * seconds))

som = make()
t0 = time.perf_counter()
c0 = time.process_time()
som.train_random(data, steps)
dt = time.perf_counter() - t0
dc = time.process_time() - c0
# bmu-only throughput: winner() over the rows until about 0.5 s have passed
searches = 0
t1 = time.perf_counter()
while time.perf_counter() - t1 < 0.5:
    for x in data:
        som.winner(x)
    searches += n
db = time.perf_counter() - t1
print(f"minisom rows={rows} cols={cols} dim={dim} steps={steps} steps_per_s={steps/dt:.0f} "
      f"steps_per_cpu_s={steps/max(dc, 1e-9):.0f} bmu_per_s={searches/db:.0f} "
      f"qe={som.quantization_error(data):.4f}")
