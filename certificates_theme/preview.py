"""Render the theme outside the LMS (demo pages, tests, benchmark) the way the LMS does.

The LMS renders ``certificates/valid.html`` from the comprehensive theme with edxmako (Mako,
UTF-8, templates opting into HTML escaping with ``<%page expression_filter="h"/>``). Here the same
templates are looked up from the package, plus a stand-in for the platform's ``static_content.html``.
``sample_platform_context`` gives the keys the platform's ``render_html_view`` provides.
"""

from __future__ import annotations

import datetime
import functools
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from mako.lookup import TemplateLookup

PACKAGE_DIR = Path(__file__).resolve().parent
THEME_DIR = PACKAGE_DIR / "theme" / "ppta"
THEME_TEMPLATES = THEME_DIR / "lms" / "templates"
STANDIN_TEMPLATES = PACKAGE_DIR / "preview_templates"
CERTIFICATE_TEMPLATE = "certificates/valid.html"


def static_url(path: str) -> str:
    """Like the platform's ``static.url``: the static files storage URL of ``path``."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url(path)


@functools.cache
def template_lookup(strict: bool = True) -> TemplateLookup:
    """Mako lookup over the theme; ``strict`` makes a missing context key raise NameError."""
    return TemplateLookup(
        directories=[str(THEME_TEMPLATES), str(STANDIN_TEMPLATES)],
        input_encoding="utf-8",
        default_filters=["decode.utf8"],  # as edxmako
        strict_undefined=strict,
    )


def render_certificate_page(context: dict, strict: bool = True) -> str:
    """The HTML of the certificate page for a full render context (platform keys + ppta keys)."""
    return template_lookup(strict).get_template(CERTIFICATE_TEMPLATE).render(**context)


@dataclass
class SampleCertificate:
    """Stand-in for the platform's ``GeneratedCertificate`` (the attributes ``render_html_view`` reads).

    The platform puts none of the certificate object into the render context, only values taken
    from it (its verify uuid, mode and displayed date); whether it is an issued certificate or a
    Studio preview is known only by looking its uuid up (``certificates_theme.platform``).
    """

    name: str
    verify_uuid: str = field(default_factory=lambda: uuid.uuid4().hex)
    mode: str = "honor"
    display_date: datetime.date = datetime.date(2026, 11, 28)


def sample_platform_context(*, learner_name: str, course_display_name: str, overrides: dict,
                            certificate: SampleCertificate | None = None, user_id: int = 7,
                            course_id: str = "course-v1:PPTA+ILM101+2026", request=None) -> dict:
    """The keys ``render_html_view`` puts in the context (certificates reference §4), sample values.

    ``overrides`` stands for the course's ``cert_html_view_overrides``, merged last as the platform does.
    ``PLATFORM_CONTEXT_KEYS`` lists the keys; the platform tier checks them against the real view.
    """
    certificate = certificate or SampleCertificate(name=learner_name)
    verify_url = f"http://localhost:8000/certificates/{certificate.verify_uuid}"
    context = {
        "user_language": "en",
        "platform_name": "Prague Process Training Academy",
        "accomplishment_copy_name": learner_name,
        "username": "learner",
        "accomplishment_copy_username": "learner",
        "accomplishment_user_id": user_id,
        "course_mode": certificate.mode,
        "accomplishment_more_title": f"More Information About {learner_name}'s Certificate:",
        "accomplishment_banner_opening": f"{learner_name}, you earned a certificate!",
        "accomplishment_banner_congrats": "Congratulations! This page summarizes what you accomplished.",
        "accomplishment_copy_more_about": "More about this course",
        "accomplishment_copy_course_name": course_display_name,
        "course_number": "ILM101",
        "full_course_image_url": "http://localhost:8000/asset-v1:PPTA+ILM101+2026+type@asset+block@images_course_image.jpg",
        "accomplishment_copy_course_description": "a course of study offered by PPTA, an online learning initiative.",
        "idv_enabled_for_certificates": False,
        "course_id": course_id,
        "organization_long_name": "International Centre for Migration Policy Development",
        "organization_short_name": "ICMPD",
        "accomplishment_copy_course_org": "ICMPD",
        "organization_logo": None,
        "certificate_data": {"id": 1, "name": "Certificate", "is_active": True, "signatories": []},
        "certificate_id_number": certificate.verify_uuid,
        "certificate_verify_url": verify_url,
        # strftime_localized(display date, CERTIFICATE_DATE_FORMAT): a string in the viewer's language
        "certificate_date_issued": certificate.display_date.strftime("%B %-d, %Y"),
        "document_title": "Prague Process Training Academy Honor Code Certificate",
        "document_meta_description": "This is a valid Prague Process Training Academy certificate.",
        "accomplishment_copy_description_full": (
            "successfully completed, received a passing grade, and was awarded "
            "a Prague Process Training Academy Honor Code Certificate of Completion in "
        ),
        "certificate_type_description": "An Honor Code Certificate signifies that a learner has agreed to abide by "
                                        "the honor code and completed all of the required tasks for this course.",
        "certificate_info_description": "Prague Process Training Academy acknowledges achievements.",
        "certificate_type": "Honor Code",
        "certificate_title": "Certificate of Achievement",
        "logo_src": "/static/images/logo.png",
        "logo_url": "http://localhost:8000",
        "logo_subtitle": "Certificate Validation",
        "company_tos_url": "/tos",
        "company_tos_urltext": "Terms of Service & Honor Code",
        "company_privacy_url": "/privacy",
        "company_privacy_urltext": "Privacy Policy",
        "company_about_url": "/about",
        "company_about_urltext": "Learn more about Prague Process Training Academy",
        "company_about_title": "About Prague Process Training Academy",
        "company_about_description": "Prague Process Training Academy offers interactive online classes.",
        "company_courselist_urltext": "Learn with Prague Process Training Academy",
        "company_careers_urltext": "Work at Prague Process Training Academy",
        "company_contact_urltext": "Contact Prague Process Training Academy",
        "certificate_info_title": "About Prague Process Training Academy Certificates",
        "accomplishment_copy_about": "About Prague Process Training Academy Certificates",
        "copyright_text": "© 2026 Prague Process Training Academy. All rights reserved except where noted.",
        "certificate_id_number_title": "Certificate ID Number",
        "certificate_date_issued_title": "Issued On:",
        "certificate_verify_title": "How Prague Process Training Academy Validates Student Certificates",
        "certificate_verify_description": "Certificates issued by Prague Process Training Academy are signed.",
        "certificate_verify_urltext": "Validate this certificate for yourself",
        "document_banner": "Prague Process Training Academy acknowledges the following student accomplishment",
        "accomplishment_class_append": "accomplishment-certificate",
        "company_verified_certificate_url": "",
        "facebook_share_enabled": False,
        "facebook_share_text": "",
        "facebook_app_id": "",
        "twitter_share_enabled": False,
        "twitter_share_text": "",
        "twitter_url": "",
        "share_url": verify_url,
        "linked_in_url": None,
        # Mako-level names edxmako adds for every template
        "request": request,
        "user": None,
        "settings": None,
        "LANGUAGE_CODE": "en",
    }
    context.update(overrides)
    return context


#: The keys of the platform's render context that the sample gives (edxmako's Mako names included).
PLATFORM_CONTEXT_KEYS = frozenset(sample_platform_context(learner_name="-", course_display_name="-", overrides={}))
