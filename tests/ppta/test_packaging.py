"""The ppta-openedx distribution: entry points import, the wheel carries every package file."""

import configparser
import subprocess
import sys
import zipfile
from importlib.metadata import distribution

import pytest

from tests.services import REPO_ROOT

ENTRY_POINT_GROUPS = {"console_scripts", "xblock.v1", "lms.djangoapp", "cms.djangoapp", "tutor.plugin.v1",
                      "ppta.library_commands"}
# Where each package's files live in the repository (the demo project is mapped from deployment/).
PACKAGE_DIRS = {
    "ppta": "ppta",
    "ppta_demo": "deployment/demo/ppta_demo",
    "course_templates": "course_templates",
    "xblocks": "xblocks",
    "library_importer": "library_importer",
    "certificates_theme": "certificates_theme",
    "moderation": "moderation",
    "reports": "reports",
    "contributions": "contributions",
    "trainers": "trainers",
    "tutor_config": "tutor_config",
}


def test_every_declared_entry_point_imports():
    entry_points = [ep for ep in distribution("ppta-openedx").entry_points if ep.group in ENTRY_POINT_GROUPS]
    assert {ep.group for ep in entry_points} == ENTRY_POINT_GROUPS
    for entry_point in entry_points:
        assert entry_point.load() is not None, entry_point


def test_setup_cfg_lists_every_package_directory():
    """setup.cfg lists packages by hand (the demo package lives under deployment/): keep it complete."""
    config = configparser.ConfigParser()
    config.read(REPO_ROOT / "setup.cfg")
    declared = set(config["options"]["packages"].split())
    found = {
        ".".join((package, *init.parent.relative_to(REPO_ROOT / folder).parts))
        for package, folder in PACKAGE_DIRS.items()
        for init in (REPO_ROOT / folder).rglob("__init__.py")
    }
    assert sorted(found - declared) == [], "add these to [options] packages in setup.cfg"
    assert sorted(declared - found) == [], "remove these from [options] packages in setup.cfg"


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, REPO_ROOT],
        check=True, capture_output=True,
    )
    (wheel,) = out.glob("ppta_openedx-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def tracked_package_files():
    """Files git tracks inside the packages, as paths inside the wheel (docs excluded)."""
    for package, folder in PACKAGE_DIRS.items():
        listed = subprocess.run(["git", "ls-files", folder], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
        for path in listed.stdout.split():
            if not path.endswith(".md"):
                yield package + path[len(folder):]


def test_wheel_contains_every_tracked_package_file(wheel_names):
    expected = set(tracked_package_files())
    assert expected, "git lists no package files"
    assert sorted(expected - wheel_names) == []


def test_wheel_ships_compiled_translations_templates_and_data(wheel_names):
    assert "course_templates/areas.yaml" in wheel_names
    assert "xblocks/translations/ru/LC_MESSAGES/text.mo" in wheel_names
    assert "ppta_demo/locale/ru/LC_MESSAGES/django.mo" in wheel_names
    assert "ppta_demo/templates/ppta_demo/base.html" in wheel_names
    assert "trainers/templates/ppta_trainers/kit.html" in wheel_names
    assert "trainers/static/ppta_trainers/kit.js" in wheel_names
    assert not any(name.startswith("tests/") for name in wheel_names)
