"""``ppta doctor``: check a Tutor root's configuration for ppta, without Tutor or Docker.

Reads ``<root>/config.yml`` (only the values the operator set; ppta's defaults fill the rest) and
reports what would break the academy: invalid or unknown ``PPTA_`` settings, languages not
released, tutor-indigo competing with the ppta theme, no vendored wheel for the image, and for
Kubernetes (``--k8s``) local file storage or the upstream image name. Exit status 1 when a problem
is found, 0 otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
import yaml

from tutor_config import settings
from tutor_config.wheel import BUILD_CONTEXT_DIR, WHEEL_PREFIX

UPSTREAM_IMAGE_PREFIX = "docker.io/overhangio/"


def default_root() -> str:
    """Tutor's default root on Linux: $TUTOR_ROOT, else ~/.local/share/tutor (XDG data home)."""
    if os.environ.get("TUTOR_ROOT"):
        return os.environ["TUTOR_ROOT"]
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data_home, "tutor")


def load_config(root: Path) -> dict[str, Any]:
    path = root / "config.yml"
    if not path.is_file():
        raise click.ClickException(f"No Tutor configuration at {path}: run `tutor config save` first (or pass --root).")
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise click.ClickException(f"{path} is not valid YAML: {error}") from error
    if not isinstance(config, dict):
        raise click.ClickException(f"{path} does not hold a mapping of settings.")
    return config


def find_problems(root: Path, config: dict[str, Any], k8s: bool) -> list[str]:
    """Every problem of ``config`` (the raw ``config.yml`` of ``root``), as sentences with a fix."""
    plugins = config.get("PLUGINS") or []
    values = settings.with_defaults(config)
    problems = []
    if "ppta" not in plugins:
        problems.append("The ppta plugin is not enabled: `tutor plugins enable ppta && tutor config save`.")
    problems += [f"Unknown setting {name} (a typo? it is ignored)." for name in settings.unknown_settings(config)]
    problems += settings.problems(config)
    if "indigo" in plugins:
        problems.append(
            "tutor-indigo is enabled: ppta stays the site theme (LMS pages, certificates), but indigo styles the "
            "MFEs and its templates come first for e-mails, so the academy looks mixed. For one look: "
            "`tutor plugins disable indigo && tutor config save && tutor images build openedx`."
        )
    problems += _image_problems(root, values, k8s)
    if k8s and values["PPTA_STORAGE"] == "local":
        problems.append(
            "PPTA_STORAGE=local on Kubernetes: pods have no shared media volume, library files and certificates "
            "would be lost. Use `--set PPTA_STORAGE=s3 --set PPTA_S3_BUCKET=...` (or `platform` with tutor-minio)."
        )
    return problems


def _image_problems(root: Path, values: dict[str, Any], k8s: bool) -> list[str]:
    problems = []
    build_dir = root / "env" / "build" / "openedx"
    if not values["PPTA_PIP_SPEC"] and build_dir.is_dir() and not _vendored_wheels(build_dir):
        problems.append(
            f"No ppta wheel in {build_dir / BUILD_CONTEXT_DIR}: the openedx image cannot be built. "
            "Run `make wheel` in the ppta checkout, then `tutor config save --set PPTA_WHEEL_DIR=/path/to/ppta/dist`."
        )
    image = str(values.get("DOCKER_IMAGE_OPENEDX", ""))
    if k8s and (not image or image.startswith(UPSTREAM_IMAGE_PREFIX)):
        problems.append(
            "DOCKER_IMAGE_OPENEDX is the upstream name: Kubernetes pulls the image, so build and push your own, "
            "e.g. `tutor config save --set DOCKER_IMAGE_OPENEDX=registry.example.org/openedx:22.0.3-ppta` then "
            "`tutor images build openedx && tutor images push openedx`."
        )
    return problems


def _vendored_wheels(build_dir: Path) -> list[Path]:
    return sorted((build_dir / BUILD_CONTEXT_DIR).glob(f"{WHEEL_PREFIX}*.whl"))


def summary(root: Path, config: dict[str, Any]) -> list[str]:
    values = settings.with_defaults(config)
    wheels = _vendored_wheels(root / "env" / "build" / "openedx")
    package = f"pip install {values['PPTA_PIP_SPEC']}" if values["PPTA_PIP_SPEC"] else (
        f"wheel {wheels[-1].name}" if wheels else "wheel (environment not rendered yet)")
    courses = "off"
    if values["PPTA_CREATE_TEMPLATE_COURSES"]:
        courses = (f"{values['PPTA_TEMPLATE_COURSE_ORG']}/{values['PPTA_TEMPLATE_COURSE_RUN']} "
                   f"in {', '.join(values['PPTA_TEMPLATE_COURSE_LANGUAGES'])}")
    return [
        f"languages: {', '.join(values['PPTA_RELEASED_LANGUAGES'])} (default {config.get('LANGUAGE_CODE', 'en')})",
        f"certificates: {values['PPTA_CERTIFICATE_LANGUAGE_MODE']}",
        f"file storage: {values['PPTA_STORAGE']}",
        f"celery queue: {values['PPTA_CELERY_QUEUE']}",
        f"package: {package}",
        f"library import: {values['PPTA_LIBRARY_SOURCE'] or 'none'}",
        f"template courses: {courses}",
    ]


@click.command()
@click.option("--root", "root", type=click.Path(file_okay=False, path_type=Path), default=default_root,
              show_default="$TUTOR_ROOT or ~/.local/share/tutor", help="The Tutor project root to check.")
@click.option("--k8s", is_flag=True, help="Also check what a Kubernetes deployment (tutor k8s) needs.")
@click.option("--platform", "platform", is_flag=True,
              help="Check the running platform's database instead (inside the LMS: tutor local run lms ppta doctor "
                   "--platform).")
def doctor(root: Path, k8s: bool, platform: bool) -> None:
    """Check a Tutor root's configuration for ppta.

    Reports invalid or unknown PPTA_ settings, languages not released, tutor-indigo competing with
    the ppta theme, a missing wheel for the image, and with --k8s local storage or the upstream
    image. With --platform, checks the platform's database (e.g. completion tracking switched off).
    Exit status 1 when there is a problem.
    """
    if platform:
        check_platform()
        return
    config = load_config(root)
    problems = find_problems(root, config, k8s)
    target = "Kubernetes" if k8s else "a single server"
    if problems:
        click.echo(f"ppta doctor: {len(problems)} problem(s) in {root} (for {target}):")
        for problem in problems:
            click.echo(f"  - {problem}")
        raise SystemExit(1)
    click.echo(f"ppta doctor: OK, {root} is ready for {target}.")
    for line in summary(root, config):
        click.echo(f"  {line}")


def check_platform() -> None:
    from tutor_config.platform_checks import platform_problems

    problems = platform_problems()
    if problems:
        click.echo(f"ppta doctor: {len(problems)} problem(s) in the platform's database:")
        for problem in problems:
            click.echo(f"  - {problem}")
        raise SystemExit(1)
    click.echo("ppta doctor: OK, the platform's database has what ppta needs.")
