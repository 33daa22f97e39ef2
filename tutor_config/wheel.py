"""Vendoring the ppta-openedx wheel into the openedx image's build context.

The image installs exactly the version of ppta that runs the plugin: on ``tutor config save``
the wheel ``ppta_openedx-<installed version>-*.whl`` is copied from ``PPTA_WHEEL_DIR`` (default:
``dist/`` of the source checkout the plugin runs from, as written by ``make wheel``) to
``env/build/openedx/ppta/``. Wheels are copied byte for byte, never rendered as templates.
"""

from __future__ import annotations

import shutil
import zipfile
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "ppta-openedx"
WHEEL_PREFIX = "ppta_openedx-"
#: Build-context folder (relative to env/build/openedx) that the Dockerfile patch installs from.
BUILD_CONTEXT_DIR = "ppta"


class WheelError(Exception):
    """No usable wheel: the message says what to do."""


def installed_version() -> str:
    return metadata.version(DISTRIBUTION)


def default_wheel_dir() -> Path | None:
    """``dist/`` of the source checkout this module runs from, if it runs from one."""
    checkout = Path(__file__).resolve().parents[1]
    return checkout / "dist" if (checkout / "setup.cfg").is_file() else None


def find_wheel(wheel_dir: str, version: str | None = None) -> Path:
    """The ppta wheel of ``version`` (default: the installed one) in ``wheel_dir`` ("" = default)."""
    version = version or installed_version()
    folder = Path(wheel_dir).expanduser() if wheel_dir else default_wheel_dir()
    how = ("build it with `make wheel` in the ppta checkout and set PPTA_WHEEL_DIR to its dist/ folder, "
           "or install from an index with PPTA_PIP_SPEC=ppta-openedx==" + version)
    if folder is None:
        raise WheelError(f"PPTA_WHEEL_DIR is not set and the plugin does not run from a source checkout: {how}.")
    if not folder.is_dir():
        raise WheelError(f"PPTA_WHEEL_DIR {folder} is not a folder: {how}.")
    candidates = sorted(folder.glob(f"{WHEEL_PREFIX}{version}-*.whl"))
    if not candidates:
        found = ", ".join(path.name for path in sorted(folder.glob(f"{WHEEL_PREFIX}*.whl"))) or "none"
        raise WheelError(f"No ppta-openedx {version} wheel in {folder} (found: {found}): {how}.")
    wheel = candidates[-1]
    if not zipfile.is_zipfile(wheel):
        raise WheelError(f"{wheel} is not a wheel (not a zip archive): rebuild it with `make wheel`.")
    return wheel


def vendor_wheel(env_root: str, wheel_dir: str) -> Path:
    """Copy the wheel into ``env/build/openedx/ppta/`` (the only wheel there) and return its new path."""
    wheel = find_wheel(wheel_dir)
    target_dir = Path(env_root) / "build" / "openedx" / BUILD_CONTEXT_DIR
    remove_vendored(env_root)
    target_dir.mkdir(parents=True)
    target = target_dir / wheel.name
    shutil.copyfile(wheel, target)
    return target


def remove_vendored(env_root: str) -> None:
    """Remove a previously vendored wheel (e.g. after switching to PPTA_PIP_SPEC)."""
    shutil.rmtree(Path(env_root) / "build" / "openedx" / BUILD_CONTEXT_DIR, ignore_errors=True)
