"""The academy's certificate rule: a certificate of completion, not only of a passing grade.

A course opts in with ``ppta_completion_threshold`` in its ``cert_html_view_overrides`` (Advanced
Settings; the course templates write 0.8): the share of completable blocks the learner must have
completed, in addition to the platform's passing grade. Two pieces:

* ``RequireCourseCompletion``: a step of the platform's ``CertificateCreationRequested`` filter
  (``org.openedx.learning.certificate.creation.requested.v1``) refusing below the threshold;
* ``request_when_complete``: after each completion the platform records, a learner of such a course
  who crossed the threshold and has no certificate yet is put through the platform's own generation
  (which checks the grade, then runs the filter) -- the platform itself re-checks only on grade changes.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _
from openedx_filters import PipelineStep
from openedx_filters.learning.filters import CertificateCreationRequested

from certificates_theme import platform

log = logging.getLogger(__name__)

THRESHOLD_KEY = "ppta_completion_threshold"
DEFAULT_THRESHOLD = 0.8
FILTER_TYPE = "org.openedx.learning.certificate.creation.requested.v1"
STEP = "certificates_theme.completion.RequireCourseCompletion"


def course_threshold(course_key: str) -> float | None:
    """The course's required completion share, or None when the course keeps the platform's rule."""
    try:
        overrides = platform.course_certificate_settings(course_key).overrides
    except LookupError:
        return None
    if THRESHOLD_KEY not in overrides:
        return None
    try:
        value = float(overrides[THRESHOLD_KEY])
    except (TypeError, ValueError):
        log.warning("course %s: %s=%r is not a number; using %s", course_key, THRESHOLD_KEY,
                    overrides[THRESHOLD_KEY], DEFAULT_THRESHOLD)
        return DEFAULT_THRESHOLD
    return min(max(value, 0.0), 1.0)


class IncompleteCourse(CertificateCreationRequested.PreventCertificateCreation):
    """The refusal of this rule (the platform catches it as its parent, PreventCertificateCreation)."""


def completion_message(share: float, threshold: float) -> str:
    """What the learner reads (the platform returns it from its certificate request, on the progress page)."""
    return _("A certificate of completion needs {required} of the course completed; you have completed "
             "{done}. Complete more of the course and it will be issued automatically.").format(
        required=f"{round(threshold * 100)}%", done=f"{int(share * 100)}%")


class RequireCourseCompletion(PipelineStep):
    """Refuses certificate creation while the learner's completion is below the course's threshold."""

    def run_filter(self, user, course_key, mode, status, grade, generation_mode):  # noqa: D102 (fixed signature)
        threshold = course_threshold(str(course_key))
        if threshold is not None:
            share = platform.course_completion_share(user.id, str(course_key))
            if share < threshold:
                raise IncompleteCourse(completion_message(share, threshold))
        return {"user": user, "course_key": course_key, "mode": mode, "status": status, "grade": grade,
                "generation_mode": generation_mode}


def request_when_complete(user_id: int, course_key: str) -> None:
    """After a completion: request the certificate once the learner's completion crosses the threshold."""
    threshold = course_threshold(course_key)
    if threshold is None or platform.has_downloadable_certificate(user_id, course_key):
        return
    if platform.course_completion_share(user_id, course_key) >= threshold:
        transaction.on_commit(lambda: platform.request_certificate(user_id, course_key))
