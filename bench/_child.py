"""Measure a benchmark in a fresh child process, and the command line every benchmark shares.

A child process gets its own Django setup and temporary database, and its timings are not disturbed
by whatever the caller (``bench/run.py`` or a test) has already loaded.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure_in_child(script: str, quick: bool, *, on_sqlite: bool = False) -> list[dict]:
    """Run ``script --measure`` and return the rows it prints as JSON on its last line.

    ``on_sqlite``: measure on SQLite even where ``PPTA_BENCH_DATABASE_URL`` names a server.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "deployment" / "demo")])}
    if on_sqlite:
        env.pop("PPTA_BENCH_DATABASE_URL", None)
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


def rotated_rounds(sides: dict[str, Callable[[], object]], rounds: int,
                   after_round: Callable[[], None] = lambda: None) -> list[dict[str, object]]:
    """``rounds`` rounds of every side, each round starting one side later than the one before, so that
    no side always pays for going first (warm-up, the previous side's dirty pages): each round's results
    by side name. ``after_round`` runs untimed after each round (e.g. clearing what the sides wrote)."""
    names = list(sides)
    measured = []
    for number in range(rounds):
        order = names[number % len(names):] + names[:number % len(names)]
        measured.append({name: sides[name]() for name in order})
        after_round()
    return measured


@contextlib.contextmanager
def bench_database(workdir: Path):
    """The database URL a benchmark measures on: ``PPTA_BENCH_DATABASE_URL`` (MariaDB/MySQL), created
    empty for the run and dropped after it, or else a SQLite file in ``workdir``."""
    url = os.environ.get("PPTA_BENCH_DATABASE_URL", "")
    if not url:
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    _recreate_server_database(url)
    try:
        yield url
    finally:
        _recreate_server_database(url, drop_only=True)


def _recreate_server_database(url: str, drop_only: bool = False) -> None:
    import dj_database_url
    import pymysql

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.mysql":
        raise SystemExit(f"PPTA_BENCH_DATABASE_URL: only mysql:// (MariaDB/MySQL) is supported, not {url}")
    server = pymysql.connect(host=config["HOST"] or "127.0.0.1", port=int(config["PORT"] or 3306),
                             user=config["USER"], password=config["PASSWORD"] or "")
    name = config["NAME"].replace("`", "")
    try:
        with server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
            if not drop_only:
                cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    finally:
        server.close()
