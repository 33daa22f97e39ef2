"""The completion rule's filter step, run through the real openedx-filters ``CertificateCreationRequested``."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import translation
from openedx_filters.learning.filters import CertificateCreationRequested

from certificates_theme import completion, platform

COURSE = "course-v1:PPTA+CMP101+2026"


@pytest.fixture
def creation_filter(settings, fake_platform, monkeypatch):
    settings.OPEN_EDX_FILTERS_CONFIG = {completion.FILTER_TYPE: {"fail_silently": False,
                                                                 "pipeline": [completion.STEP]}}
    shares = {}
    monkeypatch.setattr(platform, "course_completion_share", lambda user_id, course_key: shares[user_id])
    return SimpleNamespace(platform=fake_platform, shares=shares)


def request(user_id: int = 7):
    return CertificateCreationRequested.run_filter(user=SimpleNamespace(id=user_id), course_key=COURSE, mode="honor",
                                                   status=None, grade=0.9, generation_mode="batch")


@pytest.mark.parametrize(("threshold", "share", "allowed"), [
    (0.8, 0.79, False), (0.8, 0.8, True), (0.8, 1.0, True), ("0.5", 0.5, True), (1, 0.99, False),
    ("not a number", 0.79, False),  # a broken value falls back to the default 0.8
])
def test_step_refuses_below_the_courses_threshold(creation_filter, threshold, share, allowed):
    creation_filter.platform.add_course(COURSE, "Course", ppta_completion_threshold=threshold)
    creation_filter.shares[7] = share
    if allowed:
        assert request()[1] == COURSE
    else:
        with pytest.raises(CertificateCreationRequested.PreventCertificateCreation):
            request()


def test_a_course_without_a_threshold_keeps_the_platforms_rule(creation_filter):
    creation_filter.platform.add_course(COURSE, "Course")
    creation_filter.shares[7] = 0.0
    assert request()[1] == COURSE


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "A certificate of completion needs 80% of the course completed; you have completed 45%."),
    ("ru", "Для сертификата об окончании курса нужно пройти 80% курса; вы прошли 45%."),
])
def test_the_refusal_is_in_the_learners_language(creation_filter, language, expected):
    creation_filter.platform.add_course(COURSE, "Course", ppta_completion_threshold=0.8)
    creation_filter.shares[7] = 0.456
    refused = CertificateCreationRequested.PreventCertificateCreation
    with translation.override(language), pytest.raises(refused) as error:
        request()
    assert str(error.value).startswith(expected)
