"""`tutor config save --set PPTA_...`: output follows the settings, invalid values are refused,
and disabling the plugin leaves nothing of ppta in env/."""

from __future__ import annotations

import pytest
import yaml

from tests.tutor_config.conftest import ppta_version
from tests.tutor_config.test_render import run_settings


@pytest.fixture(scope="module")
def changed_root(ppta_root, tmp_path_factory):
    """A copy of the default root re-saved with other values for many settings."""
    root = ppta_root.copy(tmp_path_factory.mktemp("changed") / "root")
    root.run(
        "config", "save",
        "--set", "PPTA_CELERY_QUEUE=ppta.academy", "--set", "PPTA_WORKER_CONCURRENCY=4",
        "--set", "PPTA_STORAGE=s3", "--set", "PPTA_S3_BUCKET=academy-files",
        "--set", "PPTA_S3_ENDPOINT_URL=https://minio.example.org", "--set", "PPTA_S3_ADDRESSING_STYLE=path",
        "--set", "PPTA_WORKER_MAX_REPLICAS=9", "--set", "PPTA_WORKER_HPA=false",
        "--set", "PPTA_CERTIFICATE_LANGUAGE_MODE=ru", "--set", "PPTA_OPEN_REGISTRATION=false",
        "--set", "PPTA_PIP_SPEC=ppta-openedx==0.1.0",
    )
    return root


def test_queue_and_concurrency_reach_settings_compose_and_k8s(changed_root):
    settings = run_settings(changed_root.patch("openedx-common-settings"), EXPLICIT_QUEUES={}, STORAGES={})
    assert settings["EXPLICIT_QUEUES"]["ppta.certificates.render_pdf"] == {"queue": "ppta.academy"}
    worker = yaml.safe_load(changed_root.read("local", "docker-compose.prod.yml"))["services"]["ppta-worker"]
    assert {"--queues=ppta.academy", "--concurrency=4"} <= set(worker["command"])
    deployments = changed_root.yaml_documents("k8s", "deployments.yml")
    container = next(d for d in deployments if d["metadata"]["name"] == "ppta-worker")["spec"]["template"]["spec"]
    assert "--queues=ppta.academy" in container["containers"][0]["args"]


def test_s3_storage_configures_every_alias(changed_root):
    storages = run_settings(changed_root.patch("openedx-common-settings"), EXPLICIT_QUEUES={}, STORAGES={})["STORAGES"]
    for alias, prefix in (("ppta_library", "ppta/library"), ("ppta_certificates", "ppta/certificates"),
                          ("ppta_trainers", "ppta/trainers"), ("ppta_contributions", "ppta/contributions")):
        assert storages[alias]["BACKEND"] == "storages.backends.s3boto3.S3Boto3Storage"
        options = storages[alias]["OPTIONS"]
        assert (options["bucket_name"], options["location"]) == ("academy-files", prefix)
        assert (options["endpoint_url"], options["addressing_style"]) == ("https://minio.example.org", "path")
        assert options["access_key"] is None, "no key set: boto3's own credential chain (e.g. an IAM role)"
        assert options["querystring_auth"] is True


def test_lms_settings_follow_certificate_and_registration_settings(changed_root):
    settings = run_settings(changed_root.patch("openedx-lms-common-settings"), FEATURES={},
                            CERTIFICATE_TEMPLATE_LANGUAGES={})
    assert settings["PPTA_CERTIFICATE_LANGUAGE_MODE"] == "ru"
    assert settings["FEATURES"]["ALLOW_PUBLIC_ACCOUNT_CREATION"] is False


def test_hpa_off_leaves_scaling_to_the_operator(changed_root):
    kustomization = yaml.safe_load(changed_root.read("kustomization.yml"))
    assert not any("ppta" in resource for resource in kustomization["resources"])
    assert yaml.safe_load(changed_root.read("plugins", "ppta", "k8s", "worker-hpa.yml"))["spec"]["maxReplicas"] == 9


def test_pip_spec_installs_from_the_index_and_drops_the_vendored_wheel(changed_root):
    dockerfile = changed_root.read("build", "openedx", "Dockerfile")
    assert "$PIP_COMMAND install 'ppta-openedx==0.1.0'" in dockerfile
    assert "/openedx/ppta-wheel" not in dockerfile
    assert not changed_root.env("build", "openedx", "ppta").exists()


@pytest.mark.parametrize(("setting", "message"), [
    ("PPTA_CERTIFICATE_LANGUAGE_MODE=fr", "PPTA_CERTIFICATE_LANGUAGE_MODE='fr' is not allowed: use one of bilingual"),
    ("PPTA_STORAGE=nfs", "PPTA_STORAGE='nfs' is not allowed: use one of local, s3, platform"),
    ("PPTA_STORAGE=s3", "PPTA_STORAGE=s3 needs PPTA_S3_BUCKET"),
    ("LANGUAGE_CODE=de", "LANGUAGE_CODE='de' is not a released language (en, ru)"),
    ("PPTA_RELEASED_LANGUAGES=[en]", "does not release ru"),
    ("PPTA_WORKER_MIN_REPLICAS=5", "PPTA_WORKER_MIN_REPLICAS (5) is larger than PPTA_WORKER_MAX_REPLICAS (4)"),
    ("PPTA_TEMPLATE_COURSE_ORG=Prague Process", "PPTA_TEMPLATE_COURSE_ORG='Prague Process' must be letters"),
])
def test_invalid_value_is_refused_and_env_is_not_rendered(ppta_root, tmp_path, setting, message):
    root = ppta_root.copy(tmp_path / "root")
    before = root.read("apps", "openedx", "settings", "lms", "production.py")
    result = root.run("config", "save", "--set", setting, check=False)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert root.read("apps", "openedx", "settings", "lms", "production.py") == before
    fixed = root.run("config", "save", "--unset", setting.split("=")[0])
    assert fixed.returncode == 0, "unsetting the value repairs the configuration"


def test_k8s_deployment_is_refused_with_local_storage(ppta_root):
    """`tutor k8s start` stops before calling kubectl (PATH holds no kubectl, so nothing can deploy)."""
    result = ppta_root.run("k8s", "start", check=False, path_env="/nonexistent")
    assert result.returncode != 0
    assert "PPTA_STORAGE=local keeps library files and certificates on one pod's disk" in result.stderr


def test_image_build_is_refused_without_a_wheel(make_root, tmp_path):
    empty = tmp_path / "dist"
    empty.mkdir()
    root = make_root({"PLUGINS": ["ppta"], "PPTA_WHEEL_DIR": str(empty)}, "no-wheel-root")
    saved = root.run("config", "save")
    assert f"No ppta-openedx {ppta_version()} wheel in {empty}" in saved.stdout + saved.stderr
    result = root.run("images", "build", "openedx", check=False, path_env="/nonexistent")
    assert result.returncode != 0
    assert "ppta: no ppta-openedx wheel in" in result.stderr


def test_disable_and_clean_leave_no_ppta_file_in_env(ppta_root, tmp_path):
    root = ppta_root.copy(tmp_path / "root")
    root.run("plugins", "disable", "ppta")
    root.run("config", "save", "--clean")
    leftovers = [path for path in root.env().rglob("*")
                 if "ppta" in path.name or (path.is_file() and b"ppta" in path.read_bytes())]
    assert leftovers == []
    assert root.env("build", "openedx", "Dockerfile").is_file(), "the core environment is still there"


def test_indigo_next_to_ppta_is_pointed_out(ppta_root, tmp_path):
    root = ppta_root.copy(tmp_path / "root")
    config = yaml.safe_load((root.path / "config.yml").read_text(encoding="utf-8"))
    (root.path / "config.yml").write_text(yaml.safe_dump({**config, "PLUGINS": ["ppta", "indigo"]}), encoding="utf-8")
    result = root.run("config", "save")
    assert "ppta: tutor-indigo is enabled too" in result.stdout + result.stderr
