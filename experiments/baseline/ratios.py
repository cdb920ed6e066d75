"""Ratio table from ratios.sh's JMH JSON files: sunjce (ChunkedCipher) / baseline per mode, buffer and chunk size."""
import json
import sys
from collections import defaultdict

rows = defaultdict(dict)
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        p = r["params"]
        key = (p["mode"], p["buffer"], int(p["chunkSize"]))
        name = r["benchmark"].rsplit(".", 1)[1]
        m = r["primaryMetric"]
        forks = [sum(f) / len(f) for f in m["rawData"]]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        err = m["scoreError"] if isinstance(m["scoreError"], (int, float)) else float("nan")  # "NaN" with one sample
        rows[key][name] = (m["score"], err, forks, alloc)

print("| mode | buffer | chunk | baseline ops/s | sunjce ops/s | sunjce/baseline | per-fork ratios | alloc B/op base, sunjce |")
print("|---|---|---:|---:|---:|---:|---|---|")
for key in sorted(rows, key=lambda k: (k[0] != "stream", k[1] != "heap", k[2])):
    b, c = rows[key].get("baseline"), rows[key].get("chunked")
    if not b or not c:
        continue
    per_fork = ", ".join(f"{cf / bf:.3f}" for cf, bf in zip(c[2], b[2]))
    alloc = ", ".join("-" if a is None else f"{a:.1f}" for a in (b[3], c[3]))
    print(f"| {key[0]} | {key[1]} | {key[2]} | {b[0]:.4g} ± {b[1]:.2g} | {c[0]:.4g} ± {c[1]:.2g} | "
          f"**{c[0] / b[0]:.3f}** | {per_fork} | {alloc} |")
