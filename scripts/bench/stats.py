"""Benchmark helper: reads one number per line (or JSON timing lines) and prints median/min/max.

  stats.py summary LABEL FILE      FILE: one number (ms) per line -> one JSON object
  stats.py report RESULTS.jsonl    prints the results as a Markdown table
"""
import json
import statistics
import sys


def summary(label, path):
    with open(path, encoding="utf-8") as f:
        xs = [float(line) for line in f if line.strip()]
    print(json.dumps({"label": label, "runs": len(xs), "median_ms": round(statistics.median(xs), 1),
                      "min_ms": round(min(xs), 1), "max_ms": round(max(xs), 1)}))


def report(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    print("| measurement | runs | median | min | max |")
    print("|---|---|---|---|---|")
    for r in rows:
        if "median_ms" in r:
            print(f"| {r['label']} | {r['runs']} | {r['median_ms']:.1f} ms | {r['min_ms']:.1f} ms | {r['max_ms']:.1f} ms |")
        else:
            print(f"| {r['label']} | | {r['value']} | | |")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "summary":
        summary(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
