"""Measure a benchmark in a fresh child process, and the command line every benchmark shares.

A child process gets its own Django setup and temporary database, and its timings are not disturbed
by whatever the caller (``bench/run.py`` or a test) has already loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure_in_child(script: str, quick: bool) -> list[dict]:
    """Run ``script --measure`` and return the rows it prints as JSON on its last line."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "deployment" / "demo")])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    args = [sys.executable, script, "--measure", "--quick" if quick else "--full"]
    completed = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{Path(script).name} failed:\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(run: Callable[[bool], list[dict]], measure: Callable[[bool], list[dict]]) -> None:
    """``python bench/bench_X.py [--quick]`` prints the rows; ``--measure`` is the child's side."""
    quick = "--quick" in sys.argv
    if "--measure" in sys.argv:
        print(json.dumps(measure(quick)))
        return
    for row in run(quick):
        print(f"{row['work']:<55} {row['ppta']:<24} baseline {row['baseline']:<28} "
              f"ratio {row['ratio']}  goal {row['goal']}  {'met' if row['met'] else 'NOT MET'}")
