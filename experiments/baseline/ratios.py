"""Ratio table from ratios.sh's JMH JSON files: sunjce (ChunkedCipher) / baseline per mode, buffer and chunk size."""
import argparse
import json
import sys
from collections import defaultdict

ap = argparse.ArgumentParser()
ap.add_argument("--num", default="chunked", help="benchmark method in the numerator (default chunked = sunjce)")
ap.add_argument("--den", default="baseline", help="benchmark method in the denominator")
ap.add_argument("files", nargs="+")
opts = ap.parse_args()

rows = defaultdict(dict)
for path in opts.files:
    try:
        results = json.load(open(path))
    except ValueError:
        print(f"(skipped {path}: not complete JMH JSON)", file=sys.stderr)
        continue
    for r in results:
        p = r["params"]
        key = (p["mode"], p["buffer"], int(p["chunkSize"]))
        name = r["benchmark"].rsplit(".", 1)[1]
        m = r["primaryMetric"]
        forks = [sum(f) / len(f) for f in m["rawData"]]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        # CPU time of the fork per operation (perf's task-clock, ms): unlike wall time it does not count the time
        # the benchmark thread waited for a core, which on a shared machine is most of the noise.
        cpu = r.get("secondaryMetrics", {}).get("task-clock", {}).get("score")
        err = m["scoreError"] if isinstance(m["scoreError"], (int, float)) else float("nan")  # "NaN" with one sample
        rows[key][name] = (m["score"], err, forks, alloc, cpu)

print(f"| mode | buffer | chunk | {opts.den} ops/s | {opts.num} ops/s | {opts.num}/{opts.den} | per-fork ratios "
      f"| CPU ns/op {opts.den}, {opts.num} | CPU-time ratio | alloc B/op {opts.den}, {opts.num} |")
print("|---|---|---:|---:|---:|---:|---|---:|---:|---|")
for key in sorted(rows, key=lambda k: (k[0] != "stream", k[1] != "heap", k[2])):
    b, c = rows[key].get(opts.den), rows[key].get(opts.num)
    if not b or not c:
        continue
    per_fork = ", ".join(f"{cf / bf:.3f}" for cf, bf in zip(c[2], b[2]))
    alloc = ", ".join("-" if a is None else f"{a:.1f}" for a in (b[3], c[3]))
    if b[4] and c[4]:
        cpu = f"{b[4] * 1e6:.4g}, {c[4] * 1e6:.4g}"
        cpu_ratio = f"**{b[4] / c[4]:.3f}**"
    else:
        cpu, cpu_ratio = "-", "-"
    print(f"| {key[0]} | {key[1]} | {key[2]} | {b[0]:.4g} ± {b[1]:.2g} | {c[0]:.4g} ± {c[1]:.2g} | "
          f"**{c[0] / b[0]:.3f}** | {per_fork} | {cpu} | {cpu_ratio} | {alloc} |")
