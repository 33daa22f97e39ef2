"""Benchmark of the materials-library import (issue 4).

- First import of N materials of 1 MiB each (a folder source) against ``cp -r`` + ``sha256sum``
  of the same files, run side by side: the disk/hash limit. Goal (issue 15): at least its throughput.
- Re-import of the unchanged source. Goal: ≤ 5 % of the first import's time.
- Peak memory (max RSS of the importing process) for N and 2N materials. Goal: not growing with N
  (2N within 15 % of N).

What the first-import comparison times, and why: both sides write the same 2 GiB (the copy; the
library's stored files plus the catalog) and neither asks for its files to be flushed (the importer
stores files as ``cp`` copies them; only SQLite's commits are fsynced). How much of that writing a
timing sees depends on the kernel's writeback, so a side run just after other disk-heavy work (or
while another process writes) waits behind that work, and the ratio swung from 0.9 to 2.2. So:

- each side starts with nothing dirty (``sync`` before it, untimed) and ends with ``sync`` *inside* its
  timing: each pays for writing back its own files to disk, the same durable work on both sides;
- ``sync`` is system-wide, so a side also pays for whatever else on the machine is writing meanwhile:
  the sides run in ``ROUNDS`` rounds, in a rotated order each round (cp, import, WAL import; then
  import, WAL import, cp; …), and each ratio is the median of the rounds' ratios (each round's sides
  ran next to each other). The row shows the median times and the range of the ratios.

The re-import is timed in the same process right after the first import and its ``sync``, and
compared with the first import *without* that ``sync`` (the stricter ratio); it writes only its
ImportRun row, which SQLite commits (fsync) itself. Median of the rounds.

Each import runs in a fresh process on a fresh SQLite database (the demo settings with DEBUG off),
timed inside that process (Django start-up excluded). ``quick=True`` uses fewer materials.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _child import rotated_rounds

REPO = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
THROUGHPUT_GOAL = 1.0  # × the throughput of cp -r + sha256sum (issue 15; it was 0.5 in issue 4)
ROUNDS = 3  # of the first-import comparison, each in a rotated order (see the docstring)

CHILD = r"""
import json, os, resource, sys, time
from ppta.django_env import setup_django
setup_django()
from library_importer.importer.run import ImportOptions, run_import
source = sys.argv[1]
started = time.perf_counter()
first = run_import(ImportOptions(source=source))
first_seconds = time.perf_counter() - started
started = time.perf_counter()
os.sync()  # its files written back to disk, as the cp side's
sync_seconds = time.perf_counter() - started
started = time.perf_counter()
again = run_import(ImportOptions(source=source))
again_seconds = time.perf_counter() - started
assert first.ok and again.ok, (first.report["problems"][:3], again.report["problems"][:3])
assert again.report["counts"]["unchanged"] == first.report["counts"]["create"]
print(json.dumps({"first": first_seconds, "sync": sync_seconds, "again": again_seconds,
                  "created": first.report["counts"]["create"],
                  "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def padded_pdf(size: int) -> bytes:
    """A valid one-page PDF of exactly ``size`` bytes: random padding in an unreferenced stream."""
    body, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate((b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
                                  b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"), start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    stream_offset = len(body)

    def tail(xref_start: int) -> bytes:  # fixed length: every number is zero-padded
        entries = b"".join(b"%010d 00000 n \n" % offset for offset in [*offsets, stream_offset])
        return (b"xref\n0 5\n0000000000 65535 f \n" + entries +
                b"trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n%010d\n%%%%EOF\n" % xref_start)

    frame = len(b"4 0 obj\n<</Length 0000000000>>\nstream\n") + len(b"\nendstream\nendobj\n")
    padding = size - stream_offset - frame - len(tail(0))
    body += b"4 0 obj\n<</Length %010d>>\nstream\n" % padding + os.urandom(padding) + b"\nendstream\nendobj\n"
    return bytes(body + tail(len(body)))


def make_source(root: Path, count: int, size: int) -> Path:
    files = root / "files"
    files.mkdir(parents=True)
    with open(root / "manifest.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "type", "areas", "year", "title_en", "description_en", "file_en"])
        for n in range(count):
            name = f"files/material-{n:05}.pdf"
            (root / name).write_bytes(padded_pdf(size))
            writer.writerow([f"material-{n:05}", "training_material", "integration;illegal-migration", 2020,
                             f"Training material {n}", f"Sessions and exercises, part {n}.", name])
    return root


# The demo settings as a production site runs them: DEBUG off (no SQL query log).
BENCH_SETTINGS = "from ppta_demo.settings import *  # noqa\nDEBUG = False\n"
# SQLite in WAL mode commits without an fsync each time (the per-material transactions' main cost).
WAL_SETTINGS = ('DATABASES["default"]["OPTIONS"] = '
                '{"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}\n')


def import_in_child(source: Path, workdir: Path, wal: bool = False) -> dict:
    workdir.mkdir()
    settings = BENCH_SETTINGS + (WAL_SETTINGS if wal else "")
    (workdir / "ppta_bench_settings.py").write_text(settings, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PPTA_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="ppta_bench_settings", PPTA_VAR_DIR=str(workdir),
               PPTA_DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}", PPTA_MEDIA_ROOT=str(workdir / "media"),
               PYTHONPATH=os.pathsep.join([str(workdir), str(REPO), str(REPO / "deployment" / "demo")]))
    os.sync()  # neither side pays for writing back the other's files
    done = subprocess.run([sys.executable, "-c", CHILD, str(source)], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"the import failed:\n{done.stderr[-3000:]}")
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    measured["durable"] = measured["first"] + measured["sync"]  # the import, and its files on disk
    return measured


def copy_and_hash(source: Path, target: Path) -> dict:
    os.sync()  # neither side pays for writing back the other's files
    started = time.perf_counter()
    subprocess.run(["cp", "-r", str(source / "files"), str(target)], check=True)
    files = sorted(str(path) for path in target.iterdir())
    for start in range(0, len(files), 500):
        subprocess.run(["sha256sum", *files[start:start + 500]], check=True, stdout=subprocess.DEVNULL)
    work = time.perf_counter() - started
    os.sync()  # the copies written back to disk, as the import's files
    return {"work": work, "durable": time.perf_counter() - started}


def compare_first_imports(source: Path, tmp: Path) -> list[dict]:
    """``ROUNDS`` rounds of cp + sha256sum, the import and the WAL import, in a rotated order each round."""
    sides = {
        "baseline": lambda: copy_and_hash(source, tmp / "copy"),
        "import": lambda: import_in_child(source, tmp / "import"),
        "wal": lambda: import_in_child(source, tmp / "import-wal", wal=True),
    }

    def clear() -> None:  # before the next round's (untimed) sync
        for folder in ("copy", "import", "import-wal"):
            shutil.rmtree(tmp / folder)

    return rotated_rounds(sides, ROUNDS, after_round=clear)


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}" if len(values) > 1 else f"{values[0]:.2f}"


def run(quick: bool = False) -> list[dict]:
    count = 200 if quick else 2000
    small = 64 * 1024
    with tempfile.TemporaryDirectory(prefix="ppta-bench-library-") as folder:
        tmp = Path(folder)
        source = make_source(tmp / "source", count, MIB)
        rounds = compare_first_imports(source, tmp)

        memory = {}
        for label, materials in (("N", count), ("2N", 2 * count)):
            memory[label] = import_in_child(make_source(tmp / f"mem-{label}", materials, small),
                                            tmp / f"mem-import-{label}")["max_rss_kib"]
        growth = memory["2N"] / memory["N"]

    def median(side: str, key: str) -> float:
        return statistics.median(measured[side][key] for measured in rounds)

    ratios = {side: [measured["baseline"]["durable"] / measured[side]["durable"] for measured in rounds]
              for side in ("import", "wal")}
    throughput, wal_throughput = (statistics.median(ratios[side]) for side in ("import", "wal"))
    reimports = [measured["import"]["again"] / measured["import"]["first"] for measured in rounds]
    reimport = statistics.median(reimports)
    baseline = (f"cp -r + sha256sum: {median('baseline', 'work'):.1f} s + sync "
                f"{median('baseline', 'durable') - median('baseline', 'work'):.1f} s")
    size_gib = count * MIB / 1024**3

    def first_import(side: str) -> str:
        seconds = median(side, "durable")
        return (f"{median(side, 'first'):.1f} s + sync {median(side, 'sync'):.1f} s "
                f"({count / seconds:.0f} materials/s; ratios {spread(ratios[side])})")

    return [
        {"work": f"library: first import of {count} × 1 MiB PDFs ({size_gib:.1f} GiB), each side + sync, "
                 f"median of {ROUNDS}",
         "ppta": first_import("import"), "baseline": baseline,
         "ratio": round(throughput, 2), "goal": f"≥ {THROUGHPUT_GOAL:.2f} of the cp+sha256sum throughput",
         "met": throughput >= THROUGHPUT_GOAL},
        {"work": f"library: first import of the same {count} PDFs, SQLite in WAL mode (synchronous=NORMAL)",
         "ppta": first_import("wal"), "baseline": baseline,
         "ratio": round(wal_throughput, 2), "goal": f"≥ {THROUGHPUT_GOAL:.2f} of the cp+sha256sum throughput",
         "met": wal_throughput >= THROUGHPUT_GOAL},
        {"work": f"library: re-import of the unchanged {count} materials, median of {ROUNDS}",
         "ppta": f"{median('import', 'again'):.2f} s (ratios {min(reimports):.3f}–{max(reimports):.3f})",
         "baseline": f"first import (without its sync): {median('import', 'first'):.1f} s",
         "ratio": round(reimport, 3), "goal": "≤ 0.05 of the first import", "met": reimport <= 0.05},
        {"work": f"library: peak memory, {count} vs {2 * count} materials (64 KiB files)",
         "ppta": f"{memory['2N'] / 1024:.0f} MiB for {2 * count}",
         "baseline": f"{memory['N'] / 1024:.0f} MiB for {count}",
         "ratio": round(growth, 2), "goal": "≤ 1.15 (does not grow with N)", "met": growth <= 1.15},
    ]

if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['work']}: {row['ppta']} | {row['baseline']} | ratio {row['ratio']} | goal {row['goal']} | "
              f"{'met' if row['met'] else 'NOT met'}")
