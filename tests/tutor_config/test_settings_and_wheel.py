"""The pure-Python parts shared by the plugin and `ppta doctor`: setting checks and wheel lookup."""

from __future__ import annotations

import zipfile

import pytest

from tests.tutor_config.conftest import ppta_version
from tutor_config import settings, wheel


def test_defaults_are_valid():
    assert settings.problems({}) == []
    assert settings.problems({"LANGUAGE_CODE": "ru"}) == []


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"PPTA_WORKER_HPA": "yes"}, "PPTA_WORKER_HPA must be true or false, not 'yes'."),
    ({"PPTA_WORKER_CPU_TARGET": 150}, "PPTA_WORKER_CPU_TARGET must be a percentage from 1 to 100, not 150."),
    ({"PPTA_WORKER_CONCURRENCY": True}, "PPTA_WORKER_CONCURRENCY must be a whole number of at least 1, not True."),
    ({"PPTA_WORKER_MEMORY_LIMIT": "2 GB"}, "PPTA_WORKER_MEMORY_LIMIT='2 GB' is not a Kubernetes quantity"),
    ({"PPTA_CELERY_QUEUE": "ppta queue"}, "PPTA_CELERY_QUEUE='ppta queue' must be a Celery queue name"),
    ({"PPTA_S3_ENDPOINT_URL": "minio:9000"}, "PPTA_S3_ENDPOINT_URL='minio:9000' must be an http(s) URL"),
    ({"PPTA_TEMPLATE_COURSE_KINDS": ["standard", "advanced"]}, "PPTA_TEMPLATE_COURSE_KINDS="),
    ({"PPTA_TEMPLATE_COURSE_LANGUAGES": []}, "PPTA_TEMPLATE_COURSE_LANGUAGES=[] must be a list of en, ru."),
    ({"PPTA_TEMPLATE_COURSE_AREAS": ["Integration"]}, "PPTA_TEMPLATE_COURSE_AREAS=['Integration'] must be"),
    ({"PPTA_LIBRARY_SOURCE": "/data/$(reboot)"}, "PPTA_LIBRARY_SOURCE='/data/$(reboot)' must be text without"),
])
def test_invalid_values_are_named_with_what_to_use(overrides, expected):
    found = settings.problems(overrides)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_unknown_settings_are_only_ppta_typos():
    config = {"PPTA_STORGE": "s3", "PPTA_STORAGE": "s3", "LMS_HOST": "academy.example.org"}
    assert settings.unknown_settings(config) == ["PPTA_STORGE"]


def make_wheel(folder, version):
    path = folder / f"ppta_openedx-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("marker.txt", version)
    return path


def test_the_wheel_of_the_installed_version_is_chosen(tmp_path):
    make_wheel(tmp_path, "0.0.1")
    ours = make_wheel(tmp_path, ppta_version())
    make_wheel(tmp_path, "99.0")
    assert wheel.find_wheel(str(tmp_path)) == ours


def test_missing_wheel_error_lists_what_is_there_and_what_to_do(tmp_path):
    make_wheel(tmp_path, "0.0.1")
    with pytest.raises(wheel.WheelError) as error:
        wheel.find_wheel(str(tmp_path))
    message = str(error.value)
    found = "(found: ppta_openedx-0.0.1-py3-none-any.whl)"
    assert f"No ppta-openedx {ppta_version()} wheel in {tmp_path} {found}" in message
    assert "make wheel" in message and f"PPTA_PIP_SPEC=ppta-openedx=={ppta_version()}" in message


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    (tmp_path / f"ppta_openedx-{ppta_version()}-py3-none-any.whl").write_text("not a wheel")
    with pytest.raises(wheel.WheelError, match="is not a wheel"):
        wheel.find_wheel(str(tmp_path))


def test_vendoring_replaces_an_older_wheel(tmp_path):
    env_root = tmp_path / "env"
    stale = env_root / "build" / "openedx" / wheel.BUILD_CONTEXT_DIR / "ppta_openedx-0.0.1-py3-none-any.whl"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    source = make_wheel(tmp_path, ppta_version())
    vendored = wheel.vendor_wheel(str(env_root), str(tmp_path))
    assert sorted(path.name for path in vendored.parent.iterdir()) == [source.name]
    assert vendored.read_bytes() == source.read_bytes()


def test_default_wheel_dir_is_dist_of_the_checkout():
    folder = wheel.default_wheel_dir()
    assert folder is not None and (folder.parent / "setup.cfg").is_file() and folder.name == "dist"
