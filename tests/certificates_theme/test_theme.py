"""The theme templates rendered with Mako from exactly the platform's context keys plus this app's."""

from __future__ import annotations

import jinja2
import pytest

from certificates_theme.preview import THEME_TEMPLATES, render_certificate_page, template_lookup
from certificates_theme.web import WEB_CONTEXT_KEYS
from tests.certificates_theme.rendering import filters_config, parse, platform_context, render_page, run_pipeline

# The context keys of the platform's render_html_view (certificates reference §4, plus the
# Mako-level names edxmako adds). hours_of_effort/content_language only exist with Discovery data,
# so the theme must not need them.
PLATFORM_KEYS = {
    "accomplishment_copy_name", "username", "accomplishment_copy_username", "accomplishment_user_id", "course_mode",
    "accomplishment_more_title", "accomplishment_banner_opening", "accomplishment_banner_congrats",
    "accomplishment_copy_more_about", "accomplishment_copy_course_name", "course_number",
    "full_course_image_url", "accomplishment_copy_course_description", "idv_enabled_for_certificates", "course_id",
    "organization_long_name", "organization_short_name", "accomplishment_copy_course_org", "organization_logo",
    "certificate_data", "certificate_id_number", "certificate_verify_url", "certificate_date_issued",
    "document_title", "document_meta_description", "accomplishment_copy_description_full",
    "certificate_type_description", "certificate_info_description", "certificate_type", "certificate_title",
    "platform_name", "logo_src", "logo_url", "company_tos_url", "company_privacy_url", "company_about_url",
    "copyright_text", "company_tos_urltext", "company_privacy_urltext", "company_about_urltext",
    "company_about_title", "company_about_description", "logo_subtitle", "accomplishment_copy_about",
    "certificate_id_number_title", "certificate_date_issued_title", "certificate_verify_title",
    "certificate_verify_description", "certificate_verify_urltext", "document_banner",
    "accomplishment_class_append", "company_verified_certificate_url", "facebook_share_enabled",
    "facebook_share_text", "facebook_app_id", "twitter_share_enabled", "twitter_share_text", "twitter_url",
    "share_url", "linked_in_url", "user_language", "company_courselist_urltext", "company_careers_urltext",
    "company_contact_urltext", "certificate_info_title",
    "request", "user", "settings", "LANGUAGE_CODE",
}
OVERRIDE_KEYS = {"course_title_en", "course_title_ru", "ppta_area", "ppta_certificate_language"}
OUR_KEYS = set(WEB_CONTEXT_KEYS) | {"ppta_snapshot"}


@pytest.fixture(autouse=True)
def _our_filter_steps(settings):
    settings.OPEN_EDX_FILTERS_CONFIG = filters_config()


def test_context_holds_exactly_the_platform_keys_the_course_overrides_and_ours(db):
    before = platform_context()
    assert set(before) == PLATFORM_KEYS | OVERRIDE_KEYS
    after = run_pipeline(before)
    assert set(after) == PLATFORM_KEYS | OVERRIDE_KEYS | OUR_KEYS


@pytest.mark.parametrize("missing", sorted(OUR_KEYS - {"ppta_snapshot"}))
def test_a_missing_key_fails_the_render_loudly(db, missing):
    context = run_pipeline(platform_context())
    del context[missing]
    with pytest.raises(NameError, match=missing):
        render_certificate_page(context)


def test_bilingual_page_shows_both_languages_each_marked_with_its_lang(db, fake_platform):
    """An issued certificate, dated 28 November 2026 by the platform: the page does not depend on today."""
    page = parse(render_page(run_pipeline(platform_context("bilingual", issued=fake_platform))))
    html_tag = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_tag["lang"] == "en"
    english, russian = " ".join(page.text_by_lang["en"]), " ".join(page.text_by_lang["ru"])
    for expected in ("Certificate of Completion", "Combatting Trafficking in Human Beings", "28 November 2026",
                     "Download PDF", "Preventing and combating illegal migration"):
        assert expected in english
    for expected in ("Сертификат об окончании курса", "Противодействие торговле людьми", "ноября 2026", "г.",
                     "Скачать PDF", "Предотвращение незаконной миграции"):
        assert expected in russian
    assert "Анна-Мария Ёлкина" in english  # the name is shared by both columns
    assert not [text for text in russian.split() if text in ("Certificate", "Download", "Date")]


@pytest.mark.parametrize("mode", ["en", "ru"])
def test_a_fixed_language_certificate_is_identical_for_every_viewer(db, mode):
    pages = {viewer: render_page(run_pipeline(platform_context(mode), viewer), viewer) for viewer in ("en", "ru")}
    assert pages["en"] == pages["ru"]
    page = parse(pages["en"])
    assert next(attrs for tag, attrs in page.tags if tag == "html")["lang"] == mode
    assert set(page.text_by_lang) == {mode}
    if mode == "ru":
        text = " ".join(page.text_by_lang["ru"])
        assert "Сертификат об окончании курса" in text and "Скачать PDF" in text
        assert "Certificate of Completion" not in text and "Combatting" not in text


def test_course_without_overrides_uses_display_name_and_site_default_mode(db, settings):
    settings.PPTA_CERTIFICATE_LANGUAGE_MODE = "ru"
    context = run_pipeline(platform_context(mode=None, overrides={}))
    assert context["ppta_languages"] == ("ru",)
    assert context["ppta_texts"]["ru"]["course_title"] == "CTHB display name"
    assert context["ppta_texts"]["ru"]["area_title"] == ""


def test_unknown_area_and_mode_in_overrides_do_not_break_the_certificate(db, settings):
    settings.PPTA_CERTIFICATE_LANGUAGE_MODE = "en"
    context = run_pipeline(platform_context(mode="klingon", overrides={"ppta_area": "no-such-area"}))
    assert context["ppta_languages"] == ("en",)
    assert "Certificate of Completion" in render_page(context)


PAYLOAD = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def test_html_and_script_in_name_and_titles_are_escaped(db):
    overrides = {"course_title_en": f"EN {PAYLOAD}", "course_title_ru": f"RU {PAYLOAD}"}
    html = render_page(run_pipeline(platform_context(name=f"Eve {PAYLOAD}", overrides=overrides)))
    page = parse(html)
    assert not [tag for tag, _attrs in page.tags if tag in ("script", "img")]
    assert not [attrs for _tag, attrs in page.tags if "onerror" in attrs]
    assert html.count("&lt;script&gt;") >= 4  # name in body and title, both course titles


def test_pdf_link_and_verify_link_point_where_they_should(db):
    page = parse(render_page(run_pipeline(platform_context())))
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert links == ["?format=pdf", "http://localhost:8000/certificates/3f2a9c1d5b7e4f60a1b2c3d4e5f60718"]
    qr = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert qr and qr[0]["role"] == "img" and qr[0]["aria-label"]


INVALID_PAGE_KEYS = {"platform_name": "PPTA", "document_title": "Invalid Certificate", "request": None, "user": None,
                     "settings": None, "LANGUAGE_CODE": "ru"}


def test_invalid_page_renders_in_both_languages_from_the_platforms_few_keys():
    html = template_lookup().get_template("certificates/invalid.html").render(**INVALID_PAGE_KEYS)
    page = parse(html)
    assert "This certificate is not valid" in " ".join(page.text_by_lang["en"])
    assert "Сертификат недействителен" in " ".join(page.text_by_lang["ru"])


def test_platform_pages_inheriting_the_base_render_without_our_keys():
    """The platform's server-error.html inherits accomplishment-base.html with only basic keys."""
    from mako.template import Template

    page = Template('<%inherit file="/certificates/accomplishment-base.html"/><p>Server error</p>',
                    lookup=template_lookup(), strict_undefined=True)
    html = page.render(**INVALID_PAGE_KEYS)
    assert '<html lang="ru"' in html and "<title>Invalid Certificate</title>" in html and "Server error" in html


THEME_FILES = sorted(THEME_TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", THEME_FILES, ids=[p.name for p in THEME_FILES])
def test_theme_files_pass_through_tutors_jinja2_rendering_unchanged(path):
    source = path.read_text(encoding="utf-8")
    for sequence in ("{{", "{%", "{#"):
        assert sequence not in source, f"{path.name}: Jinja2 would interpret {sequence!r}"
    rendered = jinja2.Environment(keep_trailing_newline=True).from_string(source).render(LMS_HOST="x")
    assert rendered == source


def test_theme_has_the_templates_the_platform_looks_up():
    names = {path.relative_to(THEME_TEMPLATES).as_posix() for path in THEME_FILES}
    assert {"certificates/accomplishment-base.html", "certificates/_accomplishment-rendering.html",
            "certificates/_accomplishment-banner.html", "certificates/valid.html", "certificates/invalid.html"} <= names


@pytest.mark.parametrize("path", THEME_FILES, ids=[p.name for p in THEME_FILES])
def test_every_theme_template_compiles(path):
    """A Mako syntax error in any theme file fails here rather than on the LMS."""
    template_lookup().get_template(path.relative_to(THEME_TEMPLATES).as_posix())
