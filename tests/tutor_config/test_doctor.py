"""`ppta doctor`: checks a Tutor root's config.yml without Tutor or Docker."""

from __future__ import annotations

import subprocess
import sys

import yaml
from click.testing import CliRunner

from ppta.cli import main
from tests.services import REPO_ROOT


def doctor(*args: str):
    return CliRunner().invoke(main, ["doctor", *args])


def write_config(root, **settings):
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root


def test_rendered_default_root_is_ok_for_a_single_server(ppta_root):
    result = doctor("--root", str(ppta_root.path))
    assert result.exit_code == 0, result.output
    assert f"ppta doctor: OK, {ppta_root.path} is ready for a single server." in result.output
    assert "languages: en, ru (default en)" in result.output
    assert "package: wheel ppta_openedx-" in result.output


def test_kubernetes_needs_object_storage_and_an_own_image(ppta_root):
    result = doctor("--root", str(ppta_root.path), "--k8s")
    assert result.exit_code == 1
    assert "2 problem(s)" in result.output
    assert "PPTA_STORAGE=local on Kubernetes" in result.output
    assert "DOCKER_IMAGE_OPENEDX is the upstream name" in result.output


def test_kubernetes_with_s3_and_a_registry_image_is_ok(tmp_path):
    root = write_config(tmp_path / "root", PLUGINS=["ppta"], PPTA_STORAGE="s3", PPTA_S3_BUCKET="academy",
                        DOCKER_IMAGE_OPENEDX="registry.example.org/openedx:22.0.3-ppta")
    result = doctor("--root", str(root), "--k8s")
    assert result.exit_code == 0, result.output
    assert "ready for Kubernetes" in result.output
    assert "file storage: s3" in result.output


def test_every_problem_is_reported_with_its_fix(tmp_path):
    root = write_config(tmp_path / "root", PLUGINS=["mfe", "indigo"], LANGUAGE_CODE="fr",
                        PPTA_STORGE="s3", PPTA_CERTIFICATE_LANGUAGE_MODE="both")
    result = doctor("--root", str(root))
    assert result.exit_code == 1
    for expected in (
        "The ppta plugin is not enabled: `tutor plugins enable ppta && tutor config save`.",
        "Unknown setting PPTA_STORGE",
        "PPTA_CERTIFICATE_LANGUAGE_MODE='both' is not allowed",
        "LANGUAGE_CODE='fr' is not a released language (en, ru)",
        "tutor-indigo is enabled",
        "tutor plugins disable indigo",
    ):
        assert expected in result.output
    assert "5 problem(s)" in result.output


def test_missing_wheel_in_a_rendered_root_is_a_problem(ppta_root, tmp_path):
    root = ppta_root.copy(tmp_path / "root")
    for wheel in root.env("build", "openedx", "ppta").glob("*.whl"):
        wheel.unlink()
    result = doctor("--root", str(root.path))
    assert result.exit_code == 1
    assert "No ppta wheel in" in result.output and "make wheel" in result.output


def test_root_without_config_is_an_error_naming_the_file(tmp_path):
    result = doctor("--root", str(tmp_path))
    assert result.exit_code == 1
    assert f"No Tutor configuration at {tmp_path / 'config.yml'}" in result.output


def test_root_defaults_to_tutor_root_environment_variable(tmp_path):
    root = write_config(tmp_path / "root", PLUGINS=["ppta"])
    result = CliRunner(env={"TUTOR_ROOT": str(root)}).invoke(main, ["doctor"])
    assert str(root) in result.output


def test_doctor_and_plugin_import_no_other_ppta_package_and_doctor_not_tutor():
    """tutor_config stands alone: the plugin runs in Tutor's environment, the doctor anywhere."""
    code = (
        "import sys, tutor_config.doctor; assert 'tutor' not in sys.modules, 'doctor imported tutor'; "
        "import tutor_config.plugin; "
        "others = {'ppta', 'course_templates', 'xblocks', 'library_importer', 'certificates_theme'}; "
        "print(sorted(others & {name.split('.')[0] for name in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"
