"""Render, with the real Tutor 22, what a ``tutor plugins enable ppta`` deployment gives Open edX.

Run by ``tests/platform/run.sh`` in ppta's own environment (Tutor needs Python 3.12; the platform
runs 3.11), before the platform tier starts::

    python tests/platform/render_tutor.py OUT_DIR

OUT_DIR gets ``patches/<name>`` (the settings patches exactly as Tutor appends them to the LMS/CMS
settings files) and ``init/<n>-<service>.sh`` (ppta's init tasks as `tutor local do init` runs them).
The platform tier's settings modules exec the patches on top of the platform's test settings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

SETTINGS_PATCHES = ("openedx-common-settings", "openedx-lms-common-settings", "openedx-cms-common-settings")
RENDER_INIT_TASKS = Path(__file__).resolve().parents[1] / "tutor_config" / "render_init_tasks.py"


def main(out: Path) -> None:
    tutor = Path(sys.executable).with_name("tutor")
    with tempfile.TemporaryDirectory(prefix="ppta-tutor-root-") as root, \
            tempfile.TemporaryDirectory(prefix="ppta-tutor-plugins-") as plugins:
        environ = {key: value for key, value in os.environ.items() if not key.startswith("TUTOR_")}
        environ.update(TUTOR_ROOT=root, TUTOR_PLUGINS_ROOT=plugins)
        # PPTA_PIP_SPEC: no wheel needs vendoring to render the settings and init tasks.
        config = {"PLUGINS": ["ppta"], "PPTA_PIP_SPEC": "ppta-openedx", "PPTA_CREATE_TEMPLATE_COURSES": True}
        Path(root, "config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        subprocess.run([str(tutor), "config", "save"], env=environ, check=True, capture_output=True)
        (out / "patches").mkdir(parents=True, exist_ok=True)
        for name in SETTINGS_PATCHES:
            shown = subprocess.run([str(tutor), "config", "patches", "show", name], env=environ, check=True,
                                   capture_output=True, text=True).stdout
            (out / "patches" / name).write_text(shown, encoding="utf-8")
        tasks = json.loads(subprocess.run([sys.executable, str(RENDER_INIT_TASKS)], env=environ, check=True,
                                          capture_output=True, text=True).stdout)
    (out / "init").mkdir(exist_ok=True)
    ours = [task for task in tasks if task["plugin"] == "ppta"]
    for number, task in enumerate(ours, start=1):
        (out / "init" / f"{number}-{task['service']}.sh").write_text(task["script"], encoding="utf-8")
    print(f"platform: rendered {len(SETTINGS_PATCHES)} settings patches and {len(ours)} init tasks into {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
