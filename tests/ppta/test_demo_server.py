"""`make demo`'s two steps on a fresh var dir: `ppta demo setup`, then `ppta demo serve` answers over HTTP."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PPTA = Path(sys.executable).with_name("ppta")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, language: str = "en") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": language})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local test server)
        return response.status, response.read().decode("utf-8")


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """The demo served from a fresh directory, as `make demo` does on a fresh clone."""
    workdir = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PPTA_", "DJANGO_"))}
    env["PPTA_VAR_DIR"] = str(workdir / "var")
    subprocess.run([PPTA, "demo", "setup"], cwd=workdir, env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    server = subprocess.Popen(
        [PPTA, "demo", "serve", "--port", str(port)], cwd=workdir, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            fetch(base + "/academy/")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("demo server did not start:\n" + (server.stdout.read() if server.stdout else ""))
            time.sleep(0.3)
    yield base, workdir
    server.terminate()
    server.wait(timeout=10)


def test_demo_setup_creates_the_sqlite_database_under_var(demo_site):
    _base, workdir = demo_site
    assert (workdir / "var" / "ppta-demo.sqlite3").stat().st_size > 0


def test_workbench_index_is_served(demo_site):
    base, _ = demo_site
    status, body = fetch(base + "/")
    assert status == 200 and "XBlock" in body


def test_academy_home_in_english_and_russian(demo_site):
    base, _ = demo_site
    status, english = fetch(base + "/academy/", "en")
    assert status == 200 and '<html lang="en">' in english and "Prague Process Training Academy" in english
    status, russian = fetch(base + "/academy/", "ru")
    assert status == 200 and '<html lang="ru">' in russian
    assert "Учебная академия Пражского процесса" in russian and "Training Academy" not in russian


def test_setup_is_safe_to_rerun(demo_site):
    _base, workdir = demo_site
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PPTA_", "DJANGO_"))}
    env["PPTA_VAR_DIR"] = str(workdir / "var")
    rerun = subprocess.run([PPTA, "demo", "setup"], cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "Demo data ready." in rerun.stdout


def test_demo_serves_every_part_with_its_sample_data(demo_site):
    base, _ = demo_site
    status, library = fetch(base + "/academy/library/", "ru")
    assert status == 200 and "Найдено 12 материалов" in library  # the sample library was imported
    status, areas = fetch(base + "/academy/areas/", "en")
    assert status == 200 and areas.count(".tar.gz") >= 24  # 6 areas x en/ru x standard/tot
    with urllib.request.urlopen(base + "/academy/areas/download/PPTA-ILM101RU-2026.tar.gz", timeout=10) as archive:
        assert archive.read(2) == b"\x1f\x8b"  # gzip
    status, certificates = fetch(base + "/academy/certificates/", "ru")
    assert status == 200 and '<html lang="ru">' in certificates
    status, workbench = fetch(base + "/", "en")
    for block_type in ("ppta_material", "ppta_library", "ppta_trainer_notes", "ppta_area_overview"):
        assert f"/scenario/{block_type}." in workbench
