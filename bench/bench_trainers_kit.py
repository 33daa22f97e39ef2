"""Training kit of a Russian ToT template course: a request for an unchanged course (served from the
cached kit) against building the kit, side by side in the same run.

Goal (issue 12): "re-downloads of an unchanged course are instant" — the cached request (content
version check + the kit's row + reading the stored zip) takes under 5 % of a build (< 0.05 ratio).
Outside the LMS the content comes from the template's OLX (``trainers.content.TemplateCourses``);
the documents from the sample library. Runs in a child process on a temporary SQLite database.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _child import main, measure_in_child

GOAL_RATIO = 0.05
COURSE = "course-v1:PPTA+AIP201RU+2026"


def run(quick: bool = False) -> list[dict]:
    return measure_in_child(__file__, quick)


def _measure(quick: bool) -> list[dict]:
    workdir = Path(tempfile.mkdtemp(prefix="ppta-bench-kit-"))
    try:
        return _measure_in(workdir, 3 if quick else 10)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _measure_in(workdir: Path, rounds: int) -> list[dict]:
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ppta_demo.settings", "PPTA_VAR_DIR": str(workdir),
                       "PPTA_DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
                       "PPTA_MEDIA_ROOT": str(workdir / "media")})
    os.environ.pop("PPTA_BROKER_URL", None)  # tasks run eagerly, inside the measured call
    from ppta.django_env import setup_django

    setup_django()
    from django.core.management import call_command

    from library_importer.public import SAMPLE_LIBRARY
    from trainers import tasks
    from trainers.models import KitBuild

    call_command("import_materials", str(SAMPLE_LIBRARY), verbosity=0)

    def build() -> None:
        KitBuild.objects.all().delete()
        tasks.request_kit(COURSE, "ru")

    def cached() -> None:
        kit = tasks.request_kit(COURSE, "ru")
        with kit.file.open("rb") as handle:
            handle.read()

    build()  # warm: fonts registered, template OLX built once
    builds = [_timed(build) for _ in range(rounds)]
    build()
    reuses = [_timed(cached) for _ in range(rounds * 5)]
    ppta, baseline = statistics.median(reuses), statistics.median(builds)
    ratio = ppta / baseline
    return [{"work": "kit of an unchanged course (cached) vs a build", "ppta": f"{ppta:.1f} ms median",
             "baseline": f"{baseline:.1f} ms median build", "ratio": ratio, "goal": f"< {GOAL_RATIO}",
             "met": ratio < GOAL_RATIO}]


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main(run, _measure)
