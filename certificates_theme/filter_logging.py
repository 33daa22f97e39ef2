"""Keep openedx-filters from logging ppta's intended answers as errors.

openedx-filters (``tooling.run_pipeline``, 2.x and 3.x) logs every ``OpenEdxFilterException`` a
step raises with ``log.exception`` -- ERROR with a traceback -- before re-raising it, whatever
``fail_silently`` says. Yet raising is the only way a step can answer: ``RenderCustomResponse`` is
how ``?format=pdf`` returns the PDF, ``RenderAlternativeInvalidCertificate`` how a revoked one is
refused, ``PreventCertificateCreation`` how an incomplete learner is refused. So every PDF download
logged an error. This filter turns exactly those records (ppta's steps, those exceptions) into one
INFO line without a traceback; anything else, including ppta's own bugs, still logs as an error.
"""

from __future__ import annotations

import logging

FILTERS_LOGGER = "openedx_filters.tooling"
#: Steps whose raised filter exceptions are answers, not failures.
PPTA_STEPS = frozenset({"AddBilingualContext", "ServePdfCertificate", "RequireCourseCompletion"})
ANSWER_EXCEPTIONS = frozenset({
    "RenderCustomResponse", "RenderAlternativeInvalidCertificate", "RedirectToPage", "PreventCertificateCreation",
})


class IntendedFilterAnswers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        step = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if step in PPTA_STEPS and type(error).__name__ in ANSWER_EXCEPTIONS:
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
            record.exc_info, record.exc_text = None, None
            record.msg, record.args = "ppta filter step %s answered: %s", (step, type(error).__name__)
        return True


def install() -> None:
    """Attach the filter to the openedx-filters logger once (from ``AppConfig.ready``)."""
    logger = logging.getLogger(FILTERS_LOGGER)
    if not any(isinstance(existing, IntendedFilterAnswers) for existing in logger.filters):
        logger.addFilter(IntendedFilterAnswers())
