"""``ppta certificate render`` as an operator uses it (a subprocess: no Django set up beforehand)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.certificates_theme import pdftools

PPTA = Path(sys.executable).with_name("ppta")
BASE = ["certificate", "render", "--name", "Пётр Ильич Чайковский", "--course-en", "Labour Migration",
        "--course-ru", "Трудовая миграция"]


def ppta(*args):
    """Run ``ppta`` as an operator's shell would: no Django settings module in the environment."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([str(PPTA), *args], capture_output=True, text=True, timeout=120, env=env)


def test_render_writes_the_requested_certificate(tmp_path):
    out = tmp_path / "cert.pdf"
    url = "https://academy.example.org/certificates/0123456789abcdef0123456789abcdef"
    result = ppta(*BASE, "--area", "legal-migration-mobility", "--date", "2026-03-05", "--lang", "ru",
                  "--number", "PPTA-LMM-2026-0001", "--verify-url", url, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "PPTA-LMM-2026-0001" in result.stdout
    text = pdftools.text(out)
    for expected in ("Пётр Ильич Чайковский", "Трудовая миграция", "5 марта 2026 г.", "PPTA-LMM-2026-0001",
                     "Законная миграция и мобильность"):
        assert expected in text
    assert "Labour Migration" not in text
    assert pdftools.qr_codes(out, tmp_path) == [url]


def test_default_number_is_derived_from_area_and_year(tmp_path):
    out = tmp_path / "cert.pdf"
    result = ppta(*BASE, "--area", "integration", "--date", "2025-01-31", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "PPTA-INT-2025-" in pdftools.text(out)


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "2026-13-01"], "'2026-13-01' is not a date in YYYY-MM-DD form"),
    (["--verify-url", "javascript:alert(1)"], "verify URL must be an absolute https://"),
    (["--area", "atlantis"], "'atlantis' is not one of"),
    (["--lang", "de"], "'de' is not one of"),
    (["--name", "   "], "--name': must not be empty"),
])
def test_bad_input_is_a_usage_error_naming_the_option_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "cert.pdf"
    result = ppta(*BASE, *args, "--out", str(out))
    assert result.returncode == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []
