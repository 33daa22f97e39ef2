"""Run every benchmark in bench/ and print one table: work, ppta, baseline, ratio, goal, met.

Each ``bench/bench_<name>.py`` exposes ``run(quick: bool = False) -> list[dict]`` and measures its
baseline side by side in the same run, so ratios hold on a noisy machine. ``--quick`` uses smaller
inputs; ``--only NAME`` runs one module.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
COLUMNS = ("work", "ppta", "baseline", "ratio", "goal", "met")


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def format_row(row: dict) -> list[str]:
    ratio = row.get("ratio")
    return [
        str(row.get("work", "")),
        str(row.get("ppta", "")),
        str(row.get("baseline", "")),
        "" if ratio is None else f"{ratio:.3f}" if abs(ratio) < 0.1 else f"{ratio:.2f}",  # 0.034, not 0.03
        str(row.get("goal", "")),
        "yes" if row.get("met") else "NO",
    ]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(line[i]) for line in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    for index, line in enumerate([list(COLUMNS), *rows]):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--only", help="run only bench_<ONLY>.py")
    args = parser.parse_args()
    sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR.parent), str(BENCH_DIR.parent / "deployment" / "demo")]

    pattern = f"bench_{args.only}.py" if args.only else "bench_*.py"
    rows, failures = [], 0
    for path in sorted(BENCH_DIR.glob(pattern)):
        started = time.monotonic()
        print(f"running {path.name} ...", file=sys.stderr, flush=True)
        try:
            results = load(path).run(quick=args.quick)
        except Exception:  # one broken benchmark must not hide the others' figures
            failures += 1
            traceback.print_exc()
            rows.append([path.stem, "error", "", "", "", "NO"])
            continue
        rows.extend(format_row(row) for row in results)
        print(f"  {path.name}: {time.monotonic() - started:.1f} s", file=sys.stderr)
    if not rows:
        print(f"no benchmarks match {pattern}", file=sys.stderr)
        return 1
    print_table(rows)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
