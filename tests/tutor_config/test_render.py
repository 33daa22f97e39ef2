"""What `tutor config save` renders with the ppta plugin enabled (default settings)."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.tutor_config.conftest import ppta_version

CERTIFICATE_FILTER = "org.openedx.learning.certificate.render.started.v1"
PPTA_STEPS = ["certificates_theme.pipeline.AddBilingualContext", "certificates_theme.pipeline.ServePdfCertificate"]
PPTA_TASKS = ("ppta.library.import_materials", "ppta.certificates.render_pdf", "ppta.trainers.build_kit")
CREATION_FILTER = "org.openedx.learning.certificate.creation.requested.v1"
COMPLETION_STEP = "certificates_theme.completion.RequireCourseCompletion"


def run_settings(code: str, **platform_settings) -> dict:
    """Execute a rendered settings patch on top of ``platform_settings`` (what production.py does)."""
    namespace = dict(platform_settings)
    exec(compile(code, "<patch>", "exec"), namespace)  # our own rendered settings code
    return namespace


@pytest.mark.parametrize("service", ["lms", "cms"])
@pytest.mark.parametrize("flavour", ["production", "development"])
def test_settings_files_parse_and_carry_the_ppta_patches(ppta_root, service, flavour):
    source = ppta_root.read("apps", "openedx", "settings", service, f"{flavour}.py")
    ast.parse(source)
    assert 'PPTA_CELERY_QUEUE = "edx.lms.core.ppta"' in source
    assert 'PPTA_LIBRARY_STORAGE = "ppta_library"' in source
    # Certificates and languages are LMS business only.
    assert ("CERTIFICATE_TEMPLATE_LANGUAGES" in source) == (service == "lms")


def test_common_settings_route_both_tasks_and_keep_platform_values(ppta_root):
    settings = run_settings(
        ppta_root.patch("openedx-common-settings"),
        EXPLICIT_QUEUES={"lms.djangoapps.grades.tasks.compute_grades": {"queue": "edx.lms.core.high"}},
        STORAGES={"default": {"BACKEND": "custom.Storage"}, "staticfiles": {"BACKEND": "pipeline.Storage"}},
    )
    assert settings["EXPLICIT_QUEUES"]["lms.djangoapps.grades.tasks.compute_grades"] == {"queue": "edx.lms.core.high"}
    for task in PPTA_TASKS:
        assert settings["EXPLICIT_QUEUES"][task] == {"queue": "edx.lms.core.ppta"}
    storages = settings["STORAGES"]
    assert storages["default"] == {"BACKEND": "custom.Storage"}, "the platform's storages are kept"
    assert storages["ppta_library"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["ppta_library"]["OPTIONS"]["location"].startswith("/openedx/media-private/")
    assert storages[settings["PPTA_CERTIFICATE_STORAGE"]]["OPTIONS"]["location"].startswith("/openedx/media-private/")
    assert storages[settings["PPTA_TRAINERS_STORAGE"]]["OPTIONS"]["location"].startswith("/openedx/media-private/")
    assert storages[settings["PPTA_CONTRIBUTIONS_STORAGE"]]["OPTIONS"]["location"].startswith("/openedx/media-private/")


def test_lms_settings_release_russian_certificates_and_merge_filter_steps(ppta_root):
    other_step = "other_plugin.pipeline.Step"
    settings = run_settings(
        ppta_root.patch("openedx-lms-common-settings"),
        FEATURES={},
        CERTIFICATE_TEMPLATE_LANGUAGES={"en": "English", "es": "Español"},
        OPEN_EDX_FILTERS_CONFIG={CERTIFICATE_FILTER: {"fail_silently": False, "pipeline": [other_step]},
                                 CREATION_FILTER: {"fail_silently": True, "pipeline": [other_step]}},
    )
    assert settings["OPEN_EDX_FILTERS_CONFIG"][CREATION_FILTER] == {
        "fail_silently": True, "pipeline": [other_step, COMPLETION_STEP]}
    assert settings["CERTIFICATE_TEMPLATE_LANGUAGES"] == {"en": "English", "es": "Español", "ru": "Русский"}
    assert settings["FEATURES"]["SHOW_HEADER_LANGUAGE_SELECTOR"] is True
    assert settings["FEATURES"]["ALLOW_PUBLIC_ACCOUNT_CREATION"] is True
    assert settings["PPTA_CERTIFICATE_LANGUAGE_MODE"] == "bilingual"
    certificate_filter = settings["OPEN_EDX_FILTERS_CONFIG"][CERTIFICATE_FILTER]
    assert certificate_filter == {"fail_silently": False, "pipeline": [other_step, *PPTA_STEPS]}


def test_lms_settings_register_the_filter_steps_once_when_loaded_twice(ppta_root):
    code = ppta_root.patch("openedx-lms-common-settings")
    once = run_settings(code, FEATURES={}, CERTIFICATE_TEMPLATE_LANGUAGES={})
    twice = run_settings(code, **once)
    assert twice["OPEN_EDX_FILTERS_CONFIG"][CERTIFICATE_FILTER]["pipeline"] == PPTA_STEPS
    assert twice["OPEN_EDX_FILTERS_CONFIG"][CREATION_FILTER] == {"fail_silently": False, "pipeline": [COMPLETION_STEP]}


def test_dockerfile_installs_ppta_after_the_python_requirements(ppta_root):
    dockerfile = ppta_root.read("build", "openedx", "Dockerfile")
    stages = re.split(r"^FROM ", dockerfile, flags=re.MULTILINE)
    requirements_stage = next(stage for stage in stages if stage.startswith("python AS python-requirements"))
    install = requirements_stage.index("/openedx/ppta-wheel/ppta_openedx-*.whl")
    assert requirements_stage.index("-r /openedx/edx-platform/requirements/edx/base.txt") < install
    assert "--mount=type=bind,source=ppta,target=/openedx/ppta-wheel" in requirements_stage


def test_dockerfile_adds_the_theme_before_themes_are_compiled_and_cyrillic_fonts(ppta_root):
    dockerfile = ppta_root.read("build", "openedx", "Dockerfile")
    production = next(stage for stage in re.split(r"^FROM ", dockerfile, flags=re.MULTILINE)
                      if stage.startswith("minimal AS production"))
    theme_copy = production.index("cp -r \"$ppta_theme\" /openedx/themes/ppta")
    assert theme_copy < production.index("npm run compile-sass -- --skip-default")
    assert 'find_spec("certificates_theme")' in production
    fonts = production.index("fonts-paratype")
    assert production.rindex("USER root", 0, fonts) > production.rindex("USER ${APP_USER_ID}", 0, fonts)
    assert "USER ${APP_USER_ID}" in production[fonts:], "back to the app user after installing fonts"


def test_theme_copy_command_copies_the_theme_of_the_installed_package(ppta_root, tmp_path):
    """The Dockerfile's theme step, run here with the venv's Python and /openedx/themes moved to tmp."""
    dockerfile = ppta_root.read("build", "openedx", "Dockerfile").replace("\\\n", " ")
    [command] = [line[len("RUN "):] for line in dockerfile.splitlines() if line.startswith("RUN ppta_theme=")]
    themes = tmp_path / "themes"
    (themes / "ppta").mkdir(parents=True)
    (themes / "ppta" / "stale.html").write_text("from an older image")
    environ = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["sh", "-c", command.replace("/openedx/themes", str(themes))], env=environ, check=True,
                   timeout=60)
    assert (themes / "ppta" / "lms" / "templates" / "certificates").is_dir()
    assert not (themes / "ppta" / "stale.html").exists()
    assert not any(path.is_symlink() for path in themes.rglob("*")), "themes must be real folders"


def test_wheel_is_vendored_byte_for_byte(ppta_root, wheel_dir):
    source = next(wheel_dir.glob("*.whl"))
    vendored = ppta_root.env("build", "openedx", "ppta", source.name)
    assert vendored.read_bytes() == source.read_bytes()
    assert source.name.startswith(f"ppta_openedx-{ppta_version()}-")


def test_openedx_image_gets_a_ppta_tag(ppta_root):
    image = ppta_root.run("config", "printvalue", "DOCKER_IMAGE_OPENEDX").stdout.strip()
    assert image.endswith("-ppta")


def test_compose_runs_a_worker_on_the_ppta_queue(ppta_root):
    services = yaml.safe_load(ppta_root.read("local", "docker-compose.prod.yml"))["services"]
    worker = services["ppta-worker"]
    assert "--queues=edx.lms.core.ppta" in worker["command"]
    assert worker["command"][:3] == ["celery", "--app=lms.celery", "worker"]
    assert worker["environment"]["DJANGO_SETTINGS_MODULE"] == "lms.envs.tutor.production"
    assert worker["image"] == services["lms-worker"]["image"]
    assert "../../data/openedx-media-private:/openedx/media-private:z" in worker["volumes"]
    for name in ("docker-compose.yml", "docker-compose.jobs.yml"):
        assert yaml.safe_load(ppta_root.read("local", name))["services"]
    for service in ("lms", "cms"):
        assert yaml.safe_load(ppta_root.read("apps", "openedx", "config", f"{service}.env.yml"))


def k8s_objects(ppta_root) -> dict[tuple[str, str], dict]:
    documents = ppta_root.yaml_documents("k8s", "deployments.yml")
    documents += ppta_root.yaml_documents("plugins", "ppta", "k8s", "worker-hpa.yml")
    return {(document["kind"], document["metadata"]["name"]): document for document in documents}


def test_k8s_worker_deployment_has_resources_and_no_replicas(ppta_root):
    deployment = k8s_objects(ppta_root)[("Deployment", "ppta-worker")]
    assert "replicas" not in deployment["spec"], "replicas belong to the HorizontalPodAutoscaler"
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert "--queues=edx.lms.core.ppta" in container["args"]
    assert container["resources"]["requests"] == {"cpu": "250m", "memory": "512Mi"}


def test_k8s_hpa_scales_the_worker_and_is_a_kustomization_resource(ppta_root):
    hpa = k8s_objects(ppta_root)[("HorizontalPodAutoscaler", "ppta-worker")]
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "ppta-worker"}
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (1, 4)
    assert hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] == 75
    kustomization = yaml.safe_load(ppta_root.read("kustomization.yml"))
    assert "plugins/ppta/k8s/worker-hpa.yml" in kustomization["resources"]


def test_kustomize_builds_the_manifests(ppta_root):
    """`kubectl kustomize` (client only) accepts the whole env; skipped where kubectl is absent."""
    kubectl = shutil.which("kubectl")
    if not kubectl:
        pytest.skip("kubectl is not installed; the manifests are parsed by the other k8s tests")
    output = subprocess.run([kubectl, "kustomize", str(ppta_root.env())], capture_output=True, text=True,
                            check=True, timeout=60).stdout
    objects = {(doc["kind"], doc["metadata"]["name"]): doc for doc in yaml.safe_load_all(output) if doc}
    assert ("Deployment", "ppta-worker") in objects
    hpa = objects[("HorizontalPodAutoscaler", "ppta-worker")]
    assert hpa["metadata"]["namespace"] == objects[("Deployment", "ppta-worker")]["metadata"]["namespace"]
