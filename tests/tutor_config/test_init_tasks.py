"""The init tasks (`tutor local|k8s do init`) that ppta adds, rendered by the real Tutor."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess

import pytest

from tests.init_script_calls import run_script
from tests.tutor_config.conftest import TutorRoot
from tutor_config.plugin import TASKS_DIR


@pytest.fixture(scope="module")
def tasks(ppta_root) -> list[dict]:
    return ppta_root.init_tasks()


@pytest.fixture(scope="module")
def courses_root(make_root, wheel_dir) -> TutorRoot:
    return make_root({
        "PLUGINS": ["ppta"], "PPTA_WHEEL_DIR": str(wheel_dir), "PPTA_CREATE_TEMPLATE_COURSES": True,
        "PPTA_TEMPLATE_COURSE_ORG": "PPTA", "PPTA_TEMPLATE_COURSE_KINDS": ["standard", "tot"],
        "PPTA_TEMPLATE_COURSE_AREAS": ["integration"], "PPTA_LIBRARY_SOURCE": "/openedx/data/ppta library",
        "PPTA_RELEASED_LANGUAGES": ["en", "ru", "uk"],
    }, "courses-root")


@pytest.fixture(scope="module")
def courses_tasks(courses_root) -> list[dict]:
    return courses_root.init_tasks()


def ppta_tasks(tasks: list[dict]) -> list[dict]:
    return [task for task in tasks if task["plugin"] == "ppta"]


def index_of(tasks: list[dict], service: str, text: str) -> int:
    return next(i for i, task in enumerate(tasks) if task["service"] == service and text in task["script"])


def test_ppta_adds_three_tasks_that_pass_sh_n(tasks, courses_tasks):
    sh = shutil.which("sh")
    for task in ppta_tasks(tasks) + ppta_tasks(courses_tasks):
        result = subprocess.run([sh, "-n", "-c", task["script"]], capture_output=True, text=True)
        assert result.returncode == 0, f"{task['service']} task: {result.stderr}"
    assert [task["service"] for task in ppta_tasks(tasks)] == ["lms", "cms", "lms"]


def test_ppta_tasks_run_after_core_migrations_and_course_modes_after_courses(courses_tasks):
    lms_migrate = index_of(courses_tasks, "lms", "./manage.py lms migrate")
    cms_migrate = index_of(courses_tasks, "cms", "./manage.py cms migrate")
    configure = index_of(courses_tasks, "lms", "PPTA_THEME_DOMAINS")
    create = index_of(courses_tasks, "cms", "PPTA_TEMPLATE_COURSES_STEP=create")
    modes = index_of(courses_tasks, "lms", "PPTA_TEMPLATE_COURSES_STEP=modes")
    assert lms_migrate < configure
    assert cms_migrate < create < modes
    core = [i for i, task in enumerate(courses_tasks) if task["plugin"] != "ppta"]
    assert modes > max(core), "course modes come after every core task"


def test_lms_task_passes_the_configure_script_and_settings_to_the_lms_shell(tasks, tmp_path):
    calls = run_script(ppta_tasks(tasks)[0]["script"], tmp_path)
    assert len(calls) == 1, "no library import without PPTA_LIBRARY_SOURCE"
    argv, environment = calls[0]["argv"], calls[0]["env"]
    assert argv[:3] == ["lms", "shell", "-c"]
    assert argv[3].strip() == (TASKS_DIR / "lms" / "configure.py").read_text(encoding="utf-8").strip()
    assert environment["PPTA_THEME_DOMAINS"].split() == [
        "local.openedx.io", "local.openedx.io:8000", "studio.local.openedx.io", "studio.local.openedx.io:8001"]
    assert environment["PPTA_RELEASED_LANGUAGES"] == "en,ru"


def test_configure_script_covers_theme_languages_completion_and_certificates():
    tree = ast.parse((TASKS_DIR / "lms" / "configure.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert {"Site", "DarkLangConfig", "CertificateGenerationConfiguration",
            "CertificateHtmlViewConfiguration", "Switch"} <= imported
    assert "certificates.auto_certificate_generation" in ast.unparse(tree)
    assert "completion.enable_completion_tracking" in ast.unparse(tree)


def test_library_import_runs_when_a_source_is_set(courses_tasks, tmp_path):
    calls = run_script(ppta_tasks(courses_tasks)[0]["script"], tmp_path)
    assert calls[1]["argv"] == ["lms", "import_materials", "/openedx/data/ppta library"]
    assert calls[0]["env"]["PPTA_RELEASED_LANGUAGES"] == "en,ru,uk"


def test_template_course_tasks_pass_the_plan_to_cms_then_lms(courses_tasks, tmp_path):
    _configure, create_task, modes_task = ppta_tasks(courses_tasks)
    [create] = run_script(create_task["script"], tmp_path / "create")
    [modes] = run_script(modes_task["script"], tmp_path / "modes")
    assert create["argv"][:3] == ["cms", "shell", "-c"] and modes["argv"][:3] == ["lms", "shell", "-c"]
    script = (TASKS_DIR / "template_courses.py").read_text(encoding="utf-8").strip()
    assert create["argv"][3].strip() == script == modes["argv"][3].strip()
    assert (create["env"]["PPTA_TEMPLATE_COURSES_STEP"], modes["env"]["PPTA_TEMPLATE_COURSES_STEP"]) == (
        "create", "modes")
    assert create["env"]["PPTA_TEMPLATE_COURSE_KINDS"] == "standard tot"
    assert create["env"]["PPTA_TEMPLATE_COURSE_AREAS"] == "integration"
    assert create["env"]["PPTA_TEMPLATE_COURSE_LANGUAGES"] == "en ru"


def test_template_course_script_uses_the_contracted_commands_and_guards_existing_courses():
    source = (TASKS_DIR / "template_courses.py").read_text(encoding="utf-8")
    ast.parse(source)
    assert re.search(r'\["ppta", "course", "new", "--area"', source)
    assert 'call_command("import"' in source
    assert "has_course" in source
    assert 'mode_slug="honor"' in source


def test_template_courses_are_off_by_default(tasks, tmp_path):
    for number, task in enumerate(ppta_tasks(tasks)[1:]):
        assert run_script(task["script"], tmp_path / str(number)) == []
