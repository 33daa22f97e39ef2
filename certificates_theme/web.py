"""The context keys this app adds for the theme templates (all prefixed ``ppta_``)."""

from __future__ import annotations

import segno
from django.utils.html import escape

from certificates_theme.content import CertificateContent
from certificates_theme.texts import labels

PDF_QUERY = "?format=pdf"

# Every key ``web_context`` adds; the theme uses only these plus the platform's own keys.
WEB_CONTEXT_KEYS = (
    "ppta_content",
    "ppta_languages",
    "ppta_page_language",
    "ppta_texts",
    "ppta_learner_name",
    "ppta_certificate_number",
    "ppta_verify_url",
    "ppta_pdf_url",
    "ppta_qr_svg",
    "ppta_document_title",
)


def qr_svg(url: str, label: str) -> str:
    """Inline SVG QR code for ``url`` with an accessible name (markup: insert unescaped)."""
    svg = segno.make(url, error="m").svg_inline(scale=4, omitsize=True, svgclass="ppta-qr", lineclass=None)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def web_context(content: CertificateContent, pdf_url: str = PDF_QUERY) -> dict:
    """Keys for the theme: per-language texts (labels, course title, area, date) and the shared ones.

    A fixed-language certificate gets texts in that language only, so it reads the same for every
    viewer; ``ppta_page_language`` is the language of the page (the first of a bilingual pair).
    """
    texts = {}
    for lang in content.languages:
        area = content.area
        texts[lang] = {
            **labels(lang),
            "course_title": content.course_title(lang),
            "area_title": f"{area.chapter}. {area.title(lang)}" if area else "",
            "issue_date": content.issue_date_text(lang),
        }
    page_language = content.languages[0]
    title = " · ".join(texts[lang]["title"] for lang in content.languages)
    return {
        "ppta_content": content,
        "ppta_languages": content.languages,
        "ppta_page_language": page_language,
        "ppta_texts": texts,
        "ppta_learner_name": content.learner_name,
        "ppta_certificate_number": content.number,
        "ppta_verify_url": content.verify_url,
        "ppta_pdf_url": pdf_url,
        "ppta_qr_svg": qr_svg(content.verify_url, texts[page_language]["qr_alt"]) if content.verify_url else "",
        "ppta_document_title": f"{title}: {content.learner_name}",
    }
