"""Keep openedx-filters from logging ppta's intended answers as errors.

openedx-filters (``tooling.run_pipeline``, 2.x and 3.x) logs every ``OpenEdxFilterException`` a
step raises with ``log.exception`` -- ERROR with a traceback -- before re-raising it, whatever
``fail_silently`` says. Yet raising is the only way a step can answer: ``RenderCustomResponse`` is
how ``?format=pdf`` returns the PDF, ``RenderAlternativeInvalidCertificate`` how a revoked one is
refused, ``PreventCertificateCreation`` how an incomplete learner is refused. So every PDF download
logged an error. This filter turns exactly those records (ppta's steps, those exceptions) into one
INFO line without a traceback; anything else, including ppta's own bugs, still logs as an error.

The platform's certificate receivers and its "Request certificate" view log the same refusal once
more (``log.exception("Certificate generation not allowed ...")``); for a refusal of ppta's
completion rule (``completion.IncompleteCourse``) those records become INFO as well.
"""

from __future__ import annotations

import logging

FILTERS_LOGGER = "openedx_filters.tooling"
#: Platform loggers that log a refused certificate generation with ``log.exception``.
PLATFORM_LOGGERS = ("lms.djangoapps.certificates.signals", "edx.courseware")
#: Steps whose raised filter exceptions are answers, not failures.
PPTA_STEPS = frozenset({"AddBilingualContext", "ServePdfCertificate", "RequireCourseCompletion"})


def _answers() -> tuple[type, ...]:
    from openedx_filters.learning.filters import CertificateCreationRequested, CertificateRenderStarted

    return (CertificateRenderStarted.RenderCustomResponse, CertificateRenderStarted.RenderAlternativeInvalidCertificate,
            CertificateRenderStarted.RedirectToPage, CertificateCreationRequested.PreventCertificateCreation)


def _as_info(record: logging.LogRecord, message: str, *args) -> None:
    record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
    record.exc_info, record.exc_text = None, None
    record.msg, record.args = message, args


class IntendedFilterAnswers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from certificates_theme.completion import IncompleteCourse

        error = record.exc_info[1] if record.exc_info else None
        step = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if record.name == FILTERS_LOGGER and step in PPTA_STEPS and isinstance(error, _answers()):
            _as_info(record, "ppta filter step %s answered: %s", step, type(error).__name__)
        elif record.name in PLATFORM_LOGGERS and isinstance(getattr(error, "__cause__", None), IncompleteCourse):
            _as_info(record, "certificate not generated (ppta completion rule): %s", str(error))
        return True


def install() -> None:
    """Attach the filter to the openedx-filters and platform loggers once (from ``AppConfig.ready``)."""
    for name in (FILTERS_LOGGER, *PLATFORM_LOGGERS):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, IntendedFilterAnswers) for existing in logger.filters):
            logger.addFilter(IntendedFilterAnswers())
