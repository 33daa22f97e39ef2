"""``ppta_reports_backfill`` / ``ppta reports backfill``: reads the platform once, resumable and idempotent.

The platform's tables are the ``fake_platform`` stand-in for ``reports.platform`` (see conftest).
"""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command

from reports.models import BackfillCheckpoint, MonthlyLearning
from tests.reports.conftest import ILM_RU, LEG_EN, UTC

pytestmark = pytest.mark.django_db


def totals() -> dict:
    return {(row.month.isoformat(), row.country, row.area, row.language): (row.enrolments, row.completions,
                                                                          row.certificates)
            for row in MonthlyLearning.objects.all() if row.enrolments or row.completions or row.certificates}


@pytest.fixture
def history(courses):
    """A platform with 25 enrolments, 10 passed grades and 8 certificates (one unavailable)."""
    for user_id in range(1, 26):
        courses.countries[user_id] = ("UA", "GE", "")[user_id % 3]
        key = (ILM_RU, LEG_EN)[user_id % 2]
        created = datetime.datetime(2026, 1 + user_id % 6, 10, tzinfo=UTC)
        courses.enrol(user_id, key, created, is_active=user_id != 13)
        if user_id % 5 < 2:
            courses.pass_course(user_id, key, created + datetime.timedelta(days=40))
        if user_id % 5 == 0 or user_id % 5 == 1 and user_id < 12:
            courses.certify(user_id, key, created + datetime.timedelta(days=41),
                            status="unavailable" if user_id == 5 else "downloadable")
    return courses


def run(*args) -> str:
    out = io.StringIO()
    call_command("ppta_reports_backfill", *args, stdout=out)
    return out.getvalue()


def test_backfill_twice_gives_the_same_totals(history):
    run("--batch-size=7")
    first = totals()
    assert sum(value[0] for value in first.values()) == 24  # one of 25 enrolments is inactive
    assert sum(value[1] for value in first.values()) == 10
    assert sum(value[2] for value in first.values()) == 7  # 8 certificates, one unavailable
    run("--batch-size=7")
    assert totals() == first
    run("--restart", "--batch-size=3")  # reads every row again
    assert totals() == first


def test_backfill_shows_progress_and_resumes_after_the_last_row_read(history):
    output = run("--batch-size=10")
    assert "enrolments: 10 read so far (up to platform id 10)" in output
    assert "enrolments: 25 read so far (up to platform id 25)" in output
    assert "Backfill complete: 25 enrolments, 10 completions, 8 certificates" in output
    history.reads.clear()
    history.enrol(99, ILM_RU, datetime.datetime(2026, 6, 1, tzinfo=UTC))
    output = run("--batch-size=10")
    assert ("enrolments", 25) in history.reads and ("enrolments", 0) not in history.reads
    assert "Backfill complete: 1 enrolments, 0 completions, 0 certificates" in output
    assert BackfillCheckpoint.objects.get(stream="enrolments").last_pk == 26


def test_an_interrupted_backfill_keeps_the_batches_done(history, monkeypatch):
    from reports import platform

    real = platform.certificates_after
    monkeypatch.setattr(platform, "certificates_after", lambda pk, limit: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        run("--batch-size=10")
    assert BackfillCheckpoint.objects.get(stream="enrolments").last_pk == 25
    monkeypatch.setattr(platform, "certificates_after", real)
    history.reads.clear()
    run("--batch-size=10")
    assert [read for read in history.reads if read[0] == "enrolments"] == [("enrolments", 25)]
    assert sum(value[2] for value in totals().values()) == 7


def test_outside_the_lms_the_command_says_where_to_run(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="inside the Open edX LMS"):
        run()


def test_the_ppta_cli_runs_the_backfill(history):
    from click.testing import CliRunner

    from ppta.cli import main

    result = CliRunner().invoke(main, ["reports", "backfill", "--batch-size", "50"])
    assert result.exit_code == 0, result.output
    assert sum(value[0] for value in totals().values()) == 24


def test_an_enrolment_without_creation_date_counts_in_the_month_it_is_read(courses):
    courses.enrol(1, ILM_RU, None)  # CourseEnrollment.created is nullable on old rows
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 3, 9, tzinfo=UTC)):
        run()
    assert totals() == {("2026-12-01", "unknown", "illegal-migration", "ru"): (1, 0, 0)}


def test_the_ppta_cli_says_where_the_backfill_runs(db):
    from click.testing import CliRunner

    from ppta.cli import main

    result = CliRunner().invoke(main, ["reports", "backfill"])
    assert result.exit_code == 1 and "Error: the backfill reads the platform's tables" in result.output
    assert "Traceback" not in result.output
