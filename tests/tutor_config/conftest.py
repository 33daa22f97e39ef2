"""Tutor roots rendered by the real `tutor` 22 command (no Docker), shared per test module.

Every Tutor call is a subprocess of the venv's `tutor` script with its own TUTOR_ROOT and an
empty TUTOR_PLUGINS_ROOT, so only entry-point plugins (ppta) exist and Tutor's global hook state
never leaks between roots or into the test process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from tests.services import missing

TUTOR = Path(sys.executable).with_name("tutor")
RENDER_INIT_TASKS = Path(__file__).with_name("render_init_tasks.py")


@dataclass
class TutorRoot:
    path: Path
    plugins_root: Path

    def run(self, *args: str, check: bool = True, path_env: str | None = None) -> subprocess.CompletedProcess:
        """Run `tutor ARGS` on this root; ``check`` fails the test on a non-zero exit."""
        environ = {key: value for key, value in os.environ.items() if not key.startswith("TUTOR_")}
        environ.update(TUTOR_ROOT=str(self.path), TUTOR_PLUGINS_ROOT=str(self.plugins_root))
        if path_env is not None:
            environ["PATH"] = path_env
        result = subprocess.run([str(TUTOR), *args], env=environ, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            pytest.fail(f"tutor {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def env(self, *parts: str) -> Path:
        return self.path.joinpath("env", *parts)

    def read(self, *parts: str) -> str:
        return self.env(*parts).read_text(encoding="utf-8")

    def yaml_documents(self, *parts: str) -> list[dict]:
        return [document for document in yaml.safe_load_all(self.read(*parts)) if document]

    def patch(self, name: str) -> str:
        """The rendered content of a template patch (`tutor config patches show NAME`)."""
        return self.run("config", "patches", "show", name).stdout

    def init_tasks(self) -> list[dict]:
        environ = {key: value for key, value in os.environ.items() if not key.startswith("TUTOR_")}
        environ.update(TUTOR_ROOT=str(self.path), TUTOR_PLUGINS_ROOT=str(self.plugins_root))
        result = subprocess.run([sys.executable, str(RENDER_INIT_TASKS)], env=environ, capture_output=True,
                                text=True, timeout=120, check=True)
        return json.loads(result.stdout)

    def copy(self, destination: Path) -> TutorRoot:
        shutil.copytree(self.path, destination)
        return TutorRoot(destination, self.plugins_root)


def ppta_version() -> str:
    return metadata.version("ppta-openedx")


@pytest.fixture(scope="session")
def wheel_dir(tmp_path_factory) -> Path:
    """A folder like `make wheel`'s dist/ with a ppta-openedx wheel of the installed version.

    The wheel holds one file instead of the package: the plugin copies wheels byte for byte and
    never looks inside, and building the real one would write build/ into the checkout.
    """
    folder = tmp_path_factory.mktemp("dist")
    with zipfile.ZipFile(folder / f"ppta_openedx-{ppta_version()}-py3-none-any.whl", "w") as archive:
        archive.writestr("ppta_openedx.txt", "stand-in for the ppta-openedx wheel")
    return folder


@pytest.fixture(scope="session")
def make_root(tmp_path_factory):
    """Factory: a Tutor root whose config.yml holds ``settings``, rendered with `tutor config save`."""
    if not TUTOR.is_file():
        missing("The tutor command", "install the test extras: pip install -e '.[test]'")
    plugins_root = tmp_path_factory.mktemp("tutor-plugins")  # empty: no module plugins

    def make(settings: dict, name: str = "tutor-root") -> TutorRoot:
        root = TutorRoot(tmp_path_factory.mktemp(name), plugins_root)
        (root.path / "config.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
        root.run("config", "save")
        return root

    return make


@pytest.fixture(scope="module")
def ppta_root(make_root, wheel_dir) -> TutorRoot:
    """A root with only the ppta plugin enabled and default PPTA_ settings."""
    return make_root({"PLUGINS": ["ppta"], "PPTA_WHEEL_DIR": str(wheel_dir)}, "ppta-root")
