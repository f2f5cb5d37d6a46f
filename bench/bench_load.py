"""Time loading (and validating) every dataset of the snapshot; prints its figures.

Usage: .venv/bin/python bench/bench_load.py [repeats]
Cold = first load in a fresh process (read + validate); warm = repeated load of an unchanged file.
"""

import statistics
import subprocess
import sys
import time

COLD = """
import time
t0 = time.perf_counter()
from helpers import snapshot
t1 = time.perf_counter()
for name in snapshot.DATASETS:
    snapshot.load(name)
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f}")
"""


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    imports, loads = [], []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout
        import_s, load_s = map(float, out.split())
        imports.append(import_s)
        loads.append(load_s)
    from helpers import snapshot

    for name in snapshot.DATASETS:
        snapshot.load(name)
    start = time.perf_counter()
    for name in snapshot.DATASETS:
        snapshot.load(name)
    warm = time.perf_counter() - start
    print(f"datasets: {len(snapshot.DATASETS)}; repeats: {repeats}")
    print(f"import helpers.snapshot.loader (incl. pandas): median {statistics.median(imports):.3f} s")
    print(f"cold load + validation of all datasets: median {statistics.median(loads):.3f} s, max {max(loads):.3f} s")
    print(f"warm load of all datasets (cached, unchanged files): {warm:.3f} s")


if __name__ == "__main__":
    main()
