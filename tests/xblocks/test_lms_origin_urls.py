"""Issue 10 item 4: on an HTTP deployment the blocks still show the library's documents and links.

With an ``http://`` LMS root (Tutor without HTTPS, ``tutor dev``, the platform's test settings),
the library's own URLs are absolute on that root where the library is not mounted (Studio). URLs
on the LMS's own origin, whatever its scheme, and course files are accepted; foreign URLs stay
https-only.
"""

from __future__ import annotations

import pytest

from tests.xblocks.catalog_data import add_material, fresh_catalog_cache  # noqa: F401 (fixture)
from tests.xblocks.html_query import select
from tests.xblocks.test_material import render as render_material
from tests.xblocks.test_material import studio_submit
from xblocks.common import course_asset_or_https, safe_url, sanitize_html

HTTP_LMS = "http://localhost:8000"
MATERIAL = "handbook-stored"
urlpatterns: list = []  # a project that does not mount the library, as Studio (used with pytest.mark.urls)


@pytest.fixture
def http_lms(settings):
    settings.LMS_ROOT_URL = HTTP_LMS
    return settings


@pytest.fixture
def stored_handbook(db):
    return add_material(MATERIAL, titles={"en": "Handbook", "ru": "Пособие"}, stored_file=True)


@pytest.mark.urls(__name__)
def test_material_shows_the_library_pdf_where_the_lms_root_is_http(make_block, http_lms, stored_handbook):
    page = render_material(make_block(f'<ppta_material material_id="{MATERIAL}"/>'))
    assert "No document has been added" not in page.text_content()
    assert select(page, "iframe")[0].get("src") == f"{HTTP_LMS}/academy/library/materials/{MATERIAL}/view/en/"
    assert f"{HTTP_LMS}/academy/library/materials/{MATERIAL}/download/en/" in {
        link.get("href") for link in select(page, 'a[data-action="download"]')}


@pytest.mark.urls(__name__)
def test_library_results_link_to_the_http_lms(make_block, http_lms, stored_handbook):
    block = make_block('<ppta_library preset_areas=\'["illegal-migration"]\'/>')
    links = {link.get("href") for link in select(render_material(block), ".ppta-library__list a")}
    assert links == {
        f"{HTTP_LMS}/academy/library/materials/{MATERIAL}/",
        f"{HTTP_LMS}/academy/library/materials/{MATERIAL}/download/en/",
        f"{HTTP_LMS}/academy/library/materials/{MATERIAL}/download/ru/",
    }


@pytest.mark.parametrize("url", [
    f"{HTTP_LMS}/academy/library/materials/x/download/en/", "HTTP://LOCALHOST:8000/asset-v1:a+b+c+type@asset+block/x.pdf",
    "https://docs.example.org/x.pdf", "/static/x.pdf",
])
def test_the_lms_origin_https_and_course_files_are_accepted(http_lms, url):
    assert safe_url(url) == url
    assert course_asset_or_https(url) == url


@pytest.mark.parametrize("url", [
    "http://docs.example.org/x.pdf",            # foreign http
    "http://localhost:8001/x.pdf",              # another port on the same host
    "http://localhost/x.pdf",                   # the default port is another origin
    "http://localhost:8000@evil.example/x.pdf",  # the host is evil.example
    "http://user@localhost:8000/x.pdf",         # credentials in a URL are never ours
    "//localhost:8000/x.pdf",                   # protocol-relative
    "http://[::1/x.pdf", "https://[docs.example.org/x.pdf",  # unparsable: refused, never a crash
])
def test_foreign_http_urls_stay_refused(http_lms, url):
    assert safe_url(url) is None
    assert course_asset_or_https(url) is None


def test_an_https_lms_accepts_no_http_url_at_all(settings):
    settings.LMS_ROOT_URL = "https://academy.example.org"
    assert safe_url("http://academy.example.org/academy/library/") is None
    assert safe_url("https://academy.example.org/academy/library/") == "https://academy.example.org/academy/library/"


def test_author_may_save_a_document_url_on_the_http_lms_but_not_a_foreign_http_one(make_block, http_lms, db):
    block = make_block('<ppta_material url_en="/static/x.pdf"/>', role="staff")
    own = f"{HTTP_LMS}/academy/library/materials/x/download/en/"
    assert studio_submit(block, url_en=own).status_code == 200
    assert block.url_en == own
    assert studio_submit(block, url_en="http://docs.example.org/x.pdf").status_code == 400
    assert block.url_en == own


def test_author_html_keeps_links_to_the_http_lms_and_drops_foreign_http_links(http_lms):
    html = sanitize_html(f'<a href="{HTTP_LMS}/academy/library/">library</a> <a href="http://evil.example/">x</a> '
                         '<a href=" HTTP://evil.example/">y</a> <a href="https://docs.example.org/">z</a> '
                         '<a href="http://[evil.example/">w</a>')
    assert f'href="{HTTP_LMS}/academy/library/"' in html
    assert "evil.example" not in html
    assert 'href="https://docs.example.org/"' in html


def test_lms_and_studio_answers_are_cached_apart(settings, stored_handbook, http_lms):
    """Open edX gives the LMS and Studio one cache (Tutor: the same Redis); their library URLs differ."""
    from xblocks.catalog import get_material, library

    settings.PPTA_XBLOCKS_CATALOG_CACHE_SECONDS = 60
    lms_answer = get_material(library(), MATERIAL)
    settings.ROOT_URLCONF = __name__  # Studio: the library is not mounted
    studio_answer = get_material(library(), MATERIAL)
    assert lms_answer.detail_url == f"/academy/library/materials/{MATERIAL}/"
    assert studio_answer.detail_url == f"{HTTP_LMS}/academy/library/materials/{MATERIAL}/"
