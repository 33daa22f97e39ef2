"""Settings this app adds to the LMS (edx-django-utils ``plugin_settings``)."""

FILTER_TYPE = "org.openedx.learning.certificate.render.started.v1"
PIPELINE_STEPS = ("certificates_theme.pipeline.AddBilingualContext", "certificates_theme.pipeline.ServePdfCertificate")
CREATION_FILTER_TYPE = "org.openedx.learning.certificate.creation.requested.v1"
CREATION_STEPS = ("certificates_theme.completion.RequireCourseCompletion",)


def plugin_settings(settings) -> None:
    """Add defaults without overriding what the operator set.

    - ``PPTA_CERTIFICATE_LANGUAGE_MODE``: bilingual | en | ru, for courses whose
      ``cert_html_view_overrides`` has no ``ppta_certificate_language``.
    - ``PPTA_CERTIFICATE_STORAGE``: STORAGES alias the rendered PDFs go to.
    - ``PPTA_CELERY_QUEUE``: queue for ``ppta.certificates.render_pdf`` (None = the default queue).
    - Our two steps are appended to the certificate render filter pipeline, and the completion rule
      (``certificates_theme.completion``) to the certificate creation filter, unless already listed.
    """
    defaults = {
        "PPTA_CERTIFICATE_LANGUAGE_MODE": "bilingual",
        "PPTA_CERTIFICATE_STORAGE": "default",
        "PPTA_CELERY_QUEUE": None,
    }
    for name, value in defaults.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
    filters = getattr(settings, "OPEN_EDX_FILTERS_CONFIG", None)
    if filters is None:
        filters = settings.OPEN_EDX_FILTERS_CONFIG = {}
    # fail_silently=False: if our step broke, the theme would render without its keys anyway.
    for filter_type, steps in ((FILTER_TYPE, PIPELINE_STEPS), (CREATION_FILTER_TYPE, CREATION_STEPS)):
        config = filters.setdefault(filter_type, {"fail_silently": False, "pipeline": []})
        pipeline = config.setdefault("pipeline", [])
        for step in steps:
            if step not in pipeline:
                pipeline.append(step)
