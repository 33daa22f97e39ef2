"""Building a certificate page the way the LMS does: platform context → filter pipeline → Mako theme."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

from django.utils import translation
from openedx_filters.learning.filters import CertificateRenderStarted

from certificates_theme.preview import SampleCertificate, render_certificate_page, sample_platform_context

FILTER_TYPE = "org.openedx.learning.certificate.render.started.v1"
OUR_STEPS = ["certificates_theme.pipeline.AddBilingualContext", "certificates_theme.pipeline.ServePdfCertificate"]
COURSE_OVERRIDES = {
    "course_title_en": "Combatting Trafficking in Human Beings",
    "course_title_ru": "Противодействие торговле людьми",
    "ppta_area": "illegal-migration",
}


def filters_config(steps=OUR_STEPS) -> dict:
    return {FILTER_TYPE: {"fail_silently": False, "pipeline": list(steps)}}


ISSUE_DATE = datetime.date(2026, 11, 28)
COURSE_ID = "course-v1:PPTA+ILM101+2026"


def platform_context(mode: str | None = "bilingual", name: str = "Анна-Мария Ёлкина", issued=None,
                     overrides: dict | None = None, issue_date: datetime.date = ISSUE_DATE,
                     verify_uuid: str = "3f2a9c1d5b7e4f60a1b2c3d4e5f60718") -> dict:
    """The platform's render context, built as ``render_html_view`` builds it.

    Like the platform, the context holds no certificate object: ``issued`` is the ``fake_platform``
    fixture, on which the certificate is issued (a downloadable row with this verify uuid and the
    platform's ``issue_date``); without it the uuid matches no row, as in a Studio preview.
    """
    overrides = dict(COURSE_OVERRIDES if overrides is None else overrides)
    if mode:
        overrides["ppta_certificate_language"] = mode
    if issued is not None:
        issued.issue(7, COURSE_ID, name, verify_uuid, issue_date=issue_date)
    certificate = SampleCertificate(name=name, verify_uuid=verify_uuid, display_date=issue_date)
    return sample_platform_context(learner_name=name, course_display_name="CTHB display name",
                                   overrides=overrides, certificate=certificate, course_id=COURSE_ID)


def run_pipeline(context: dict, viewer_language: str = "en") -> dict:
    """``CertificateRenderStarted`` as ``render_html_view`` runs it: inside the viewer's language."""
    with translation.override(viewer_language):
        context, _template = CertificateRenderStarted.run_filter(context=context, custom_template=None)
    return context


def render_page(context: dict, viewer_language: str = "en") -> str:
    with translation.override(viewer_language):
        return render_certificate_page(context)


class PageParser(HTMLParser):
    """Collects tags with their attributes, and text per ``lang`` in force."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text_by_lang: dict[str, list[str]] = {}
        self._langs: list[tuple[str, str]] = []

    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in self.VOID:
            return
        inherited = self._langs[-1][1] if self._langs else ""
        self._langs.append((tag, attributes.get("lang", inherited)))

    def handle_endtag(self, tag):
        while self._langs:
            open_tag, _lang = self._langs.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if data.strip() and self._langs and self._langs[-1][0] not in ("style", "title"):
            self.text_by_lang.setdefault(self._langs[-1][1], []).append(data.strip())


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser
