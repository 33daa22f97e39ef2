"""`ppta doctor --platform` inside the LMS: it says when completion tracking is off (issue 10 item 7)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from waffle.models import Switch

from tutor_config.doctor import doctor

pytestmark = pytest.mark.django_db


def test_doctor_reports_completion_tracking_off():
    result = CliRunner().invoke(doctor, ["--platform"])
    assert result.exit_code == 1
    assert "completion.enable_completion_tracking is off" in result.output
    assert "tutor local do init --limit ppta" in result.output


def test_doctor_is_content_once_the_switch_is_on():
    Switch.objects.create(name="completion.enable_completion_tracking", active=True)
    result = CliRunner().invoke(doctor, ["--platform"])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output
