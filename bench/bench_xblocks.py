"""The four academy blocks: server render time of ``student_view`` and the JS+CSS each one ships.

Goals (issue 5): render < 5 ms per block (median of repeated renders through the runtime, Russian
UI; the p95 is shown too, but on a shared 2-core machine it mostly measures preemption);
JS+CSS < 30 KB per block.

How: the blocks render in the SDK's WorkbenchRuntime with their field data in memory (the LMS
preloads it per request) and without the SDK's per-render aside scan (the LMS caches it). Catalog
answers are cached for 60 s (``xblocks.catalog``), as on a unit page many learners open; the cold
figure (cache cleared before every render: a database read of the material or the preset search)
is reported alongside.

Baselines, measured side by side in the same runtime and database:
- render time: the SDK's plain HTML block (``html_demo``, a bare ``Fragment`` of its content) — the
  floor every block pays for the runtime's wrapping and field access;
- bytes: the SDK's ``thumbs`` sample block (a minimal interactive block with its own JS and CSS).

Runs in a child process with a temporary SQLite database holding the bundled sample library, so it
never touches the demo database and works whatever Django settings the caller has loaded.
"""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

from _child import main, measure_in_child

REPO = Path(__file__).resolve().parents[1]
RENDER_GOAL_MS = 5.0
BYTES_GOAL = 30 * 1024

BLOCKS = {
    "ppta_material": (
        '<ppta_material display_name="Пособие" material_id="handbook-identification-irregular-migrants" '
        'default_language="ru"/>', "student"),
    "ppta_library": ('<ppta_library preset_areas=\'["illegal-migration"]\' page_size="10"/>', "student"),
    "ppta_trainer_notes": (
        '<ppta_trainer_notes notes="&lt;p&gt;Start with the &lt;strong&gt;case study&lt;/strong&gt;.&lt;/p&gt;" '
        'session_plans=\'[{"title": "Day 1", "url": "/static/day1.pdf"}]\'/>', "instructor"),
    "ppta_area_overview": (
        '<ppta_area_overview area="integration" language="ru" effort="4 часа" '
        'objectives=\'["Объяснить процедуру", "Применить чек-лист"]\'/>', "student"),
}
CATALOG_BLOCKS = {"ppta_material", "ppta_library"}  # these read the library catalog when rendering
BASELINE_RENDER = ("html_demo", "<html_demo><p>Plain <b>HTML</b> content of a unit.</p></html_demo>")
BASELINE_BYTES = ("thumbs", "<thumbs/>")


def run(quick: bool = False) -> list[dict]:
    """Measure in a child process (fresh Django) and return the table rows."""
    return measure_in_child(__file__, quick)


def _setup() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="ppta-bench-xblocks-"))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "ppta_demo.settings",
        "PPTA_VAR_DIR": str(workdir),
        "PPTA_DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PPTA_MEDIA_ROOT": str(workdir / "media"),
    })
    from ppta.django_env import setup_django

    setup_django()
    from django.core.management import call_command

    from library_importer.public import SAMPLE_LIBRARY

    call_command("import_materials", str(SAMPLE_LIBRARY), verbosity=0)


def _block(olx: str, role: str = "student"):
    from workbench.runtime import WorkbenchRuntime
    from xblock.runtime import DictKeyValueStore, KvsFieldData

    from tests.xblocks.conftest import FakeLmsUserService  # the LMS user service the workbench lacks

    runtime = WorkbenchRuntime("bench-learner")
    runtime._services["user"] = FakeLmsUserService(user_id="bench-learner", role=role)
    # Field data in memory, as the LMS preloads it per request (the workbench reads each field from
    # its database, which would dominate every block's time equally).
    runtime._services["field-data"] = KvsFieldData(DictKeyValueStore())
    # The SDK scans every installed distribution's entry points for asides on each render (~40 ms);
    # the LMS caches them. No asides here, for the blocks and the baseline alike.
    runtime.applicable_aside_types = lambda block: []
    return runtime.get_block(runtime.parse_xml_string(olx))


def _render_ms(block, repeats: int, *, cold: bool = False) -> list[float]:
    """Render times in ms; ``cold`` clears the catalog cache (untimed) before every render."""
    from django.core.cache import cache
    from django.utils import translation

    timings = []
    with translation.override("ru"):
        for _ in range(max(5, repeats // 10)):  # warm-up: imports, template parsing, catalogue loading
            block.runtime.render(block, "student_view")
        for _ in range(repeats):
            if cold:
                cache.clear()
            gc.disable()  # as timeit does: a collection pause is not the block's render time
            started = time.perf_counter()
            block.runtime.render(block, "student_view")
            timings.append((time.perf_counter() - started) * 1000)
            gc.enable()
    return timings


def _asset_bytes(block) -> int:
    """JS + CSS the block's own fragment ships (inline text and package resources), not the runtime's."""
    fragment = block.student_view({})
    total = 0
    for resource in fragment.resources:
        if resource.mimetype in ("text/css", "application/javascript") and resource.kind == "text":
            total += len(resource.data.encode("utf-8"))
        elif resource.kind == "url":
            total += len(type(block).open_local_resource(resource.data.split("/resource/", 1)[-1].split("/", 1)[-1])
                         .read())
    return total


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _measure(quick: bool) -> list[dict]:
    repeats = 60 if quick else 400
    _setup()
    baseline_median = statistics.median(_render_ms(_block(BASELINE_RENDER[1]), repeats))
    baseline_bytes = _asset_bytes(_block(BASELINE_BYTES[1]))
    rows = []
    for block_type, (olx, role) in BLOCKS.items():
        block = _block(olx, role)
        timings = _render_ms(block, repeats)
        median = statistics.median(timings)
        measured = f"{median:.2f} ms median (p95 {_p95(timings):.2f}"
        if block_type in CATALOG_BLOCKS:
            measured += f"; cold catalog {statistics.median(_render_ms(block, repeats // 2, cold=True)):.2f}"
        rows.append({
            "work": f"{block_type} student_view render (RU UI, {repeats} renders)",
            "ppta": measured + ")",
            "baseline": f"{baseline_median:.2f} ms ({BASELINE_RENDER[0]})",
            "ratio": round(median / baseline_median, 2),
            "goal": f"< {RENDER_GOAL_MS:g} ms",
            "met": median < RENDER_GOAL_MS,
        })
        size = _asset_bytes(block)
        rows.append({
            "work": f"{block_type} JS+CSS",
            "ppta": f"{size / 1024:.1f} KB",
            "baseline": f"{baseline_bytes / 1024:.1f} KB ({BASELINE_BYTES[0]})",
            "ratio": round(size / baseline_bytes, 2) if baseline_bytes else None,
            "goal": f"< {BYTES_GOAL // 1024} KB",
            "met": size < BYTES_GOAL,
        })
    return rows


if __name__ == "__main__":
    main(run, _measure)
