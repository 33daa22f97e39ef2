"""The Studio material picker over 20,000 materials: p95 of one search-as-you-type request.

Goal (issue 14): p95 < 100 ms for the picker's ``material_search`` handler (through the XBlock
runtime: JSON in, ``library_importer.public.search_materials``, 20 results described in the UI
language, JSON out), with the catalog cache off so every keystroke reaches the database. The
queries are what an author types: growing prefixes of Russian and English words ("тор", "торг",
"торго", …). Baseline, side by side on the same database: the editor it replaces, a Studio
``<select>`` of every material (``StudioEditableXBlockMixin``'s form with one option per
material), rendered once per editor opening. The new editor's own render time is shown too.
Runs in a child process with its own temporary SQLite database (see ``_child``).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import tempfile
from pathlib import Path

from _child import main, measure_in_child
from bench_library_search import _p95, _populate, _timed, _vocabulary

GOAL_MS = 100.0


def run(quick: bool = False) -> list[dict]:
    return measure_in_child(__file__, quick)


def _measure(quick: bool) -> list[dict]:
    workdir = Path(tempfile.mkdtemp(prefix="ppta-bench-picker-"))
    try:
        return _measure_in(workdir, quick)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _typed_prefixes(count: int, rng: random.Random) -> list[str]:
    """What an author types, keystroke by keystroke from the third letter: prefixes of domain words."""
    vocabulary = _vocabulary()
    prefixes: list[str] = []
    while len(prefixes) < count:
        word = rng.choice(vocabulary[rng.choice(("en", "ru"))])
        prefixes += [word[:length] for length in range(3, len(word) + 1)]
    return prefixes[:count]


def _staff_block():
    from workbench.runtime import WorkbenchRuntime
    from xblock.runtime import DictKeyValueStore, KvsFieldData

    from tests.xblocks.conftest import FakeLmsUserService

    runtime = WorkbenchRuntime("bench-author")
    runtime._services["user"] = FakeLmsUserService(user_id="bench-author", role="staff")
    runtime._services["field-data"] = KvsFieldData(DictKeyValueStore())
    runtime.applicable_aside_types = lambda block: []
    return runtime.get_block(runtime.parse_xml_string("<ppta_material/>"))


def _picker_request(block, q: str) -> int:
    from webob import Request

    request = Request.blank("/", method="POST")
    request.body = json.dumps({"q": q}).encode()
    request.content_type = "application/json"
    response = block.runtime.handle(block, "material_search", request)
    assert response.status_code == 200, response.body[:300]
    return json.loads(response.body)["total"]


def _old_select_render_ms(block) -> float:
    """The replaced editor: StudioEditableXBlockMixin's form with a <select> of every published material."""
    from xblock.utils.studio_editable import StudioEditableXBlockMixin

    from library_importer.public import search_materials
    from xblocks.common import ui_language

    def every_material(_block):
        ui = ui_language()
        page = search_materials(page_size=None)
        choices = sorted(({"display_name": f"{m.title(ui)} ({m.id})", "value": m.id} for m in page.results),
                         key=lambda choice: choice["display_name"].casefold())
        return [{"display_name": "—", "value": ""}, *choices]

    field = type(block).fields["material_id"]
    field.runtime_options["values_provider"] = every_material
    try:
        return _timed(lambda: StudioEditableXBlockMixin.studio_view(block, None))
    finally:
        del field.runtime_options["values_provider"]


def _measure_in(workdir: Path, quick: bool) -> list[dict]:
    count, query_count = (2_000, 60) if quick else (20_000, 200)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "ppta_demo.settings",
        "PPTA_VAR_DIR": str(workdir),
        "PPTA_DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PPTA_MEDIA_ROOT": str(workdir / "media"),
    })
    from ppta.django_env import setup_django

    setup_django()
    from django.conf import settings
    from django.utils import translation

    settings.PPTA_XBLOCKS_CATALOG_CACHE_SECONDS = 0  # every keystroke reaches the database
    rng = random.Random(20261203)
    _populate(count, rng)
    queries = _typed_prefixes(query_count, rng)
    block = _staff_block()
    with translation.override("ru"):
        _picker_request(block, "прогрев")  # warms the caches
        cpu: list[float] = []
        picker_ms = [_timed(lambda q=q: _picker_request(block, q), cpu) for q in queries]
        editor_ms = [_timed(lambda: block.render("studio_view")) for _ in range(20)]
        select_ms = [_old_select_render_ms(block) for _ in range(3 if quick else 5)]
    picker_p95, select_median = _p95(picker_ms), statistics.median(select_ms)
    label = f"{count:,} materials, {len(queries)} typed prefixes (SQLite)"
    return [
        {
            "work": f"picker search p95, {label}",
            "ppta": f"{picker_p95:.1f} ms (median {statistics.median(picker_ms):.1f}; CPU p95 {_p95(cpu):.1f})",
            "baseline": f"select of every material: {select_median:.0f} ms",
            "ratio": round(picker_p95 / select_median, 3) if select_median else None,
            "goal": f"< {GOAL_MS:.0f} ms",
            "met": picker_p95 < GOAL_MS,
        },
        {
            "work": f"Studio editor render (material), {count:,} materials",
            "ppta": f"{statistics.median(editor_ms):.1f} ms median",
            "baseline": f"select of every material: {select_median:.0f} ms",
            "ratio": round(statistics.median(editor_ms) / select_median, 3) if select_median else None,
            "goal": "independent of catalog size",
            "met": statistics.median(editor_ms) < GOAL_MS,
        },
    ]


if __name__ == "__main__":
    main(run, _measure)
