"""The ppta Tutor plugin: ``tutor plugins enable ppta`` gives a Russian/English academy.

All behaviour goes through named Tutor hooks: settings (``PPTA_*``, see ``settings.py``), one
file per patch in ``patches/<patch-name>``, templates in ``templates/ppta/`` (Kubernetes
manifests rendered to ``env/plugins/ppta/k8s``; init-task scripts read from ``tasks/``), the
vendored wheel (``wheel.py``) and the checks that refuse invalid values.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click
from tutor import fmt, hooks
from tutor.exceptions import TutorError

from tutor_config import settings, wheel

HERE = Path(__file__).resolve().parent
TEMPLATES_ROOT = HERE / "templates"
PATCHES_DIR = HERE / "patches"
TASKS_DIR = TEMPLATES_ROOT / "ppta" / "tasks"
#: Where the Dockerfile patch mounts the vendored wheel (see patches/openedx-dockerfile-post-python-requirements).
WHEEL_MOUNT = "/openedx/ppta-wheel/"
#: `tutor k8s` commands that deploy: refused while files would go to a pod's local disk.
K8S_DEPLOY_COMMANDS = {"launch", "start", "init"}


def worker_command(queue: str, concurrency: int) -> list[str]:
    """Arguments of the ppta Celery worker (docker compose service and Kubernetes Deployment).

    LMS settings: certificates need the LMS; the library tasks are registered in both LMS and CMS.
    """
    return [
        "celery", "--app=lms.celery", "worker", "--loglevel=info", "--hostname=ppta.%h",
        f"--queues={queue}", f"--concurrency={concurrency}",
        "--max-tasks-per-child=100", "--prefetch-multiplier=1", "--without-gossip", "--without-mingle",
    ]


hooks.Filters.CONFIG_DEFAULTS.add_items(list(settings.DEFAULTS.items()))

hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(str(TEMPLATES_ROOT))
hooks.Filters.ENV_TEMPLATE_TARGETS.add_item(("ppta/k8s", "plugins"))
hooks.Filters.ENV_TEMPLATE_FILTERS.add_item(("ppta_shquote", shlex.quote))
hooks.Filters.ENV_TEMPLATE_VARIABLES.add_item(("ppta_worker_command", worker_command))

for patch_file in sorted(PATCHES_DIR.iterdir()):
    hooks.Filters.ENV_PATCHES.add_item((patch_file.name, patch_file.read_text(encoding="utf-8")))

# Order: core init tasks first (they are added at CORE_READY), then these; the course modes
# need the courses, so they run last (LOW priority).
hooks.Filters.CLI_DO_INIT_TASKS.add_item(("lms", (TASKS_DIR / "lms" / "init.sh").read_text(encoding="utf-8")))
hooks.Filters.CLI_DO_INIT_TASKS.add_item(
    ("cms", (TASKS_DIR / "cms" / "template-courses.sh").read_text(encoding="utf-8"))
)
hooks.Filters.CLI_DO_INIT_TASKS.add_item(
    ("lms", (TASKS_DIR / "lms" / "course-modes.sh").read_text(encoding="utf-8")), priority=hooks.priorities.LOW
)


@hooks.Filters.IMAGES_BUILD_REQUIRED.add()
def _build_openedx_image(image_names: list[str], context_name: str) -> list[str]:
    """`tutor local launch` builds the openedx image: the upstream image has no ppta.

    (`tutor dev` builds openedx-dev from the same Dockerfile, which carries the ppta patches.)
    """
    if context_name == "local" and "openedx" not in image_names:
        image_names.append("openedx")
    return image_names


@hooks.Filters.CONFIG_DEFAULTS.add(priority=hooks.priorities.LOW)
def _tag_openedx_image(items: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Default image tag ``…-ppta``: a locally built image never collides with the upstream one
    (a `docker pull` of the upstream tag would silently drop ppta). An explicit setting wins."""
    images = [value for name, value in items if name == "DOCKER_IMAGE_OPENEDX"]
    if images and not str(images[-1]).endswith("-ppta"):
        items.append(("DOCKER_IMAGE_OPENEDX", f"{images[-1]}-ppta"))
    return items


@hooks.Actions.CONFIG_LOADED.add()
def _refuse_invalid_settings(config: dict[str, Any]) -> None:
    """Refuse invalid PPTA_ values (and ``local`` storage when deploying to Kubernetes)."""
    problems = settings.problems(config)
    unknown = settings.unknown_settings(config)
    if unknown:
        fmt.echo_alert(f"ppta: unknown settings (typos?) are ignored: {', '.join(unknown)}")
    if "indigo" in config.get("PLUGINS", []):
        fmt.echo_alert("ppta: tutor-indigo is enabled too: ppta stays the site theme, but indigo styles the MFEs "
                       "and e-mails. For one look: tutor plugins disable indigo (see `ppta doctor`).")
    if _running_k8s_deploy_command() and config["PPTA_STORAGE"] == "local":
        problems.append(
            "PPTA_STORAGE=local keeps library files and certificates on one pod's disk: Kubernetes needs "
            "object storage (PPTA_STORAGE=s3 with PPTA_S3_BUCKET, or PPTA_STORAGE=platform with tutor-minio)."
        )
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise TutorError(
            f"ppta: invalid configuration:\n{lines}\n"
            "Fix it with `tutor config save --set NAME=VALUE` (or `--unset NAME` for the default)."
        )


def _running_k8s_deploy_command() -> bool:
    """Whether the running Tutor command is `tutor k8s launch|start|init|do init`."""
    context = click.get_current_context(silent=True)
    names = []
    while context is not None:
        names.append(context.info_name)
        context = context.parent
    return "k8s" in names and bool(K8S_DEPLOY_COMMANDS.intersection(names))


@hooks.Actions.ENV_SAVED.add()
def _vendor_wheel(env_root: str, config: dict[str, Any]) -> None:
    """Copy the ppta wheel into the openedx build context (unless PPTA_PIP_SPEC installs ppta).

    A missing wheel is only a warning here (`tutor plugins enable ppta` saves the environment
    before the operator could set PPTA_WHEEL_DIR); building the image is refused until it is there.
    """
    if config["PPTA_PIP_SPEC"]:
        wheel.remove_vendored(env_root)
        return
    try:
        vendored = wheel.vendor_wheel(env_root, config["PPTA_WHEEL_DIR"])
    except wheel.WheelError as error:
        fmt.echo_alert(f"ppta: {error}")
        return
    fmt.echo_info(f"ppta: wheel {vendored.name} vendored into {vendored.parent}")


@hooks.Filters.DOCKER_BUILD_COMMAND.add()
def _refuse_openedx_build_without_wheel(command: list[str]) -> list[str]:
    """Stop `tutor images build openedx` early when the Dockerfile wants a wheel that is not there."""
    context_dir = Path(command[-1])
    dockerfile = context_dir / "Dockerfile"
    wants_wheel = dockerfile.is_file() and WHEEL_MOUNT in dockerfile.read_text(encoding="utf-8")
    if wants_wheel and not list((context_dir / wheel.BUILD_CONTEXT_DIR).glob(f"{wheel.WHEEL_PREFIX}*.whl")):
        raise TutorError(
            f"ppta: no ppta-openedx wheel in {context_dir / wheel.BUILD_CONTEXT_DIR}: run `make wheel` in the "
            "ppta checkout, then `tutor config save --set PPTA_WHEEL_DIR=/path/to/ppta/dist` "
            "(or install from an index with `--set PPTA_PIP_SPEC=ppta-openedx==VERSION`)."
        )
    return command
