"""Course templates: build all 24 (area × language × kind) and validate them, on one core.

Rows (each with its baseline measured in the same call):
1. Building every template in memory — OLX files plus the reproducible .tar.gz — against
   ``tar czf`` of the very same 24 trees from disk (GNU tar + gzip): the plain cost of packing
   what we produce, so the ratio shows how much the generation itself adds. Goal: < 10 s in total.
2. ``validate_course`` on the 24 archives (safe extraction + olxcleaner, all 8 steps) against
   what one would do by hand: ``tar xzf`` into a fresh folder, then olxcleaner's ``validate`` on
   it. Both are dominated by file-system writes; the ratio is the cost of our member-by-member
   safety checks. (olxcleaner on an already unpacked folder takes ~6 ms per course here.) Both are
   warmed up once, then timed in 3 rounds, each side first in turn; the median round is reported
   (whichever side ran first used to pay for the warm-up and the other's dirty pages).
The process is pinned to one CPU (children inherit it), as the goal is stated for one core.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _child import rotated_rounds  # noqa: E402

from course_templates.archive import course_archive  # noqa: E402
from course_templates.builder import ADVANCED_MODULES, build_course  # noqa: E402
from course_templates.catalogue import catalogue_specs  # noqa: E402
from course_templates.validation import validate_course  # noqa: E402

BUILD_GOAL_SECONDS = 10.0
VALIDATE_GOAL_RATIO = 1.5
VALIDATE_ROUNDS = 3


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _untar_and_validate(tar: str, archive: Path) -> None:
    from olxcleaner import validate

    with tempfile.TemporaryDirectory(prefix="ppta-bench-untar-") as folder:
        subprocess.run([tar, "xzf", str(archive), "-C", folder], check=True)
        validate(str(Path(folder) / "course"), steps=8, allowed_xblocks=list(ADVANCED_MODULES))


def run(quick: bool = False) -> list[dict]:
    _pin_to_one_core()
    specs = catalogue_specs()
    if quick:
        specs = [spec for spec in specs if spec.kind == "standard" and spec.lang == "en"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="ppta-bench-templates-") as scratch:
        root = Path(scratch)
        build_seconds, built = _timed(lambda: [(spec, build_course(spec)) for spec in specs])
        pack_seconds, archives = _timed(lambda: [(spec, course_archive(files)) for spec, files in built])
        ppta_seconds = build_seconds + pack_seconds
        for spec, files in built:
            for relative, data in files.items():
                path = root / "trees" / spec.slug / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        tar = shutil.which("tar")
        tar_seconds, _ = _timed(lambda: [subprocess.run(
            [tar, "czf", str(root / f"{spec.slug}.tar.gz"), "-C", str(root / "trees" / spec.slug), "."],
            check=True) for spec in specs])
        rows.append({
            "work": f"build {len(specs)} course templates (OLX + tar.gz)",
            "ppta": f"{ppta_seconds:.2f} s", "baseline": f"tar czf same trees {tar_seconds:.2f} s",
            "ratio": ppta_seconds / tar_seconds if tar_seconds else None,
            "goal": f"< {BUILD_GOAL_SECONDS:.0f} s total, 1 core", "met": ppta_seconds < BUILD_GOAL_SECONDS,
        })

        for spec, data in archives:
            (root / "archives").mkdir(exist_ok=True)
            (root / "archives" / f"{spec.slug}.tar.gz").write_bytes(data)
        archive_paths = [root / "archives" / f"{spec.slug}.tar.gz" for spec in specs]
        reports = [validate_course(path) for path in archive_paths[:1]]  # warm-up: imports, parsers, caches
        _untar_and_validate(tar, archive_paths[0])
        rounds = rotated_rounds({  # each side goes first in turn; the median round counts
            "ours": lambda: _timed(lambda: [validate_course(path) for path in archive_paths]),
            "raw": lambda: _timed(lambda: [_untar_and_validate(tar, path) for path in archive_paths]),
        }, VALIDATE_ROUNDS)
        median_round = sorted(rounds, key=lambda sides: sides["ours"][0] / sides["raw"][0])[len(rounds) // 2]
        (ours_seconds, reports), (raw_seconds, _) = median_round["ours"], median_round["raw"]
        ratio = ours_seconds / raw_seconds
        rows.append({
            "work": f"validate {len(specs)} archives (unpack + olxcleaner 8 steps), median of {VALIDATE_ROUNDS}",
            "ppta": f"{ours_seconds:.2f} s", "baseline": f"tar xzf + olxcleaner {raw_seconds:.2f} s",
            "ratio": ratio, "goal": f"≤ {VALIDATE_GOAL_RATIO}× baseline, 0 errors",
            "met": ratio is not None and ratio <= VALIDATE_GOAL_RATIO and all(report.ok for report in reports),
        })
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
