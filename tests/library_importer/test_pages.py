"""Library pages: browse/search with facets, paginated results, detail with per-language downloads, i18n."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import include, path

from course_templates import get_area
from tests.library_importer.catalog_rows import HTML_PAYLOAD, build_catalog, make_hostile_material, make_material

pytestmark = pytest.mark.django_db
LIBRARY = "/academy/library/"
# Used by test_language_switch_is_left_out_without_set_language: the library mounted alone.
urlpatterns = [path("academy/library/", include("library_importer.urls"))]


@pytest.fixture
def catalog():
    return build_catalog()


def page(client, url, lang="en", **params):
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class UIText(HTMLParser):
    """Visible text and accessible labels of a page, leaving out parts marked as another language."""

    LABEL_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
    VOID = {"meta", "link", "input", "img", "br", "hr", "source"}

    def __init__(self, page_lang: str):
        super().__init__()
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []  # (tag, inside content of another language or script)
        self.chunks: list[str] = []

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = self._skipping() or tag in ("script", "style") or attrs.get("lang", self.page_lang) != self.page_lang
        if not skip:
            self.chunks += [attrs[name] for name in self.LABEL_ATTRIBUTES if attrs.get(name)]
        if tag not in self.VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skipping():
            self.chunks.append(data)


def latin_words(html: str, lang: str, data: tuple[str, ...] = ()) -> set[str]:
    """Latin-script words a reader sees in ``lang`` parts of the page, after removing catalog data."""
    parser = UIText(lang)
    parser.feed(html)
    text = " ".join(parser.chunks)
    for value in data:
        text = text.replace(value, " ")
    return set(re.findall(r"[A-Za-z]{2,}", text)) - {"PDF"}  # format names are the same in Russian


def test_english_browse_page(client, catalog):
    html = page(client, LIBRARY)
    assert '<html lang="en">' in html
    assert "<h1>Materials library</h1>" in html
    assert "5 materials found" in html
    assert get_area("asylum-international-protection").title_en in html
    assert "Georgia" in html and "National strategy" in html


def test_russian_browse_page_has_no_english_ui_text(client, catalog):
    html = page(client, LIBRARY, lang="ru")
    assert '<html lang="ru">' in html
    assert "Найдено 5 материалов" in html
    assert get_area("integration").title_ru in html
    assert "Грузия" in html and "Национальная стратегия" in html
    # the English-only material keeps its English title, marked lang="en"
    assert '<a href="/academy/library/materials/asylum-training-guidelines/" lang="en">' in html
    assert latin_words(html, "ru") == set()


def test_russian_detail_and_empty_result_pages_have_no_english_ui_text(client, catalog):
    detail = page(client, f"{LIBRARY}materials/pp-handbook-readmission/", lang="ru")
    assert latin_words(detail, "ru", data=("PP TI", "PP1", "Migration officials", "CC BY-NC 4.0")) == set()
    empty = page(client, LIBRARY, lang="ru", q="nothing-like-this", year="1999")
    assert "Найдено 0 материалов" in empty
    assert latin_words(empty, "ru", data=("nothing-like-this",)) == set()
    external = page(client, f"{LIBRARY}materials/ge-labour-migration-strategy/", lang="ru")
    assert "Открыть: Английский (внешний сайт)" in external
    assert latin_words(external, "ru") == set()


def test_search_box_finds_cyrillic_in_any_case(client, catalog):
    html = page(client, LIBRARY, q="ТОРГОВЛЯ", lang="ru")
    assert "Найден 1 материал" in html
    assert "Что такое торговля людьми? Пособие для тренеров" in html
    assert 'value="ТОРГОВЛЯ"' in html  # the query stays in the box


def test_facets_filter_and_show_what_is_selected(client, catalog):
    html = page(client, LIBRARY, area="illegal-migration", type="training_material")
    assert "1 material found" in html
    # a new text search keeps the chosen facets
    assert '<input type="hidden" name="area" value="illegal-migration">' in html
    assert 'value="illegal-migration" id="id_area_0" checked' in html
    assert "thb-trainers-manual" in html and "pp-handbook-readmission" not in html
    html = page(client, LIBRARY, country="GE", year="2021")
    assert "1 material found" in html and "ge-labour-migration-strategy" in html
    assert '<option value="2021" selected>2021</option>' in html
    assert '<option value="GE" selected>Georgia</option>' in html
    html = page(client, LIBRARY, language="ru")
    assert "4 materials found" in html and "asylum-training-guidelines" not in html


def test_year_and_country_menus_list_only_what_the_catalog_has(client, catalog):
    html = page(client, LIBRARY)
    years = re.findall(r'<option value="(\d{4})"', html)
    assert years == ["2021", "2019", "2015", "2014"]  # 2016 belongs to the withdrawn brief
    assert re.findall(r'<option value="([A-Z]{2})"', html) == ["GE"]


def test_invalid_filters_are_explained_in_the_request_language(client, catalog):
    html = page(client, LIBRARY, lang="ru", area="atlantis")
    assert "Найдено 0 материалов" in html
    assert 'class="ppta-field-errors" role="alert"' in html
    assert latin_words(html, "ru", data=("atlantis",)) == set()


def test_results_are_paginated_keeping_the_query(client, db):
    for number in range(25):
        make_material(f"series-{number:02d}", areas=("integration",), versions={"en": {"title": f"Series {number}"}})
    first = page(client, LIBRARY, q="series", area="integration")
    assert "25 materials found" in first
    assert first.count('class="ppta-card"') == 20
    assert 'href="?q=series&amp;area=integration&amp;page=2" rel="next"' in first
    assert 'aria-current="page">Page 1</a>' in first
    second = page(client, LIBRARY, q="series", area="integration", page="2")
    assert second.count('class="ppta-card"') == 5
    assert '<ol class="ppta-results__list" start="21">' in second
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_detail_page_offers_each_language_with_type_size_and_pages(client, catalog):
    url = f"{LIBRARY}materials/pp-handbook-readmission/"
    english = page(client, url)
    assert 'href="/academy/library/materials/pp-handbook-readmission/download/ru/" hreflang="ru"' in english
    assert "(PDF, 1.2 MB, 124 pages)" in english and "(PDF, 1.2 MB, 121 pages)" in english
    russian = page(client, url, lang="ru")
    assert "(PDF, 1,2 МБ, 124 страницы)" in russian and "(PDF, 1,2 МБ, 121 страница)" in russian
    assert '<h1 lang="ru">Пособие по заключению соглашений о реадмиссии и организации возвращения</h1>' in russian
    assert '<p class="ppta-version__title" lang="en">Handbook on Concluding' in russian
    assert re.search(r"<dd>\d{1,2}\s[а-я]+\s\d{4}\sг\.</dd>", russian)  # Babel's long Russian date


def test_metadata_markup_is_shown_as_text(client, db):
    make_hostile_material()
    escaped = "&lt;script&gt;alert(&quot;ppta&quot;)&lt;/script&gt;"
    for url in (LIBRARY, f"{LIBRARY}materials/hostile-markup/"):
        for lang in ("en", "ru"):
            html = page(client, url, lang=lang)
            assert escaped in html
            assert "<script>" not in html and "<img src=x" not in html
    assert HTML_PAYLOAD.startswith("<script>")


@pytest.mark.parametrize("material_id", ["withdrawn-brief", "no-such-material"])
def test_withdrawn_and_unknown_materials_are_not_found(client, catalog, material_id):
    assert client.get(f"{LIBRARY}materials/{material_id}/").status_code == 404


def test_language_switch_changes_the_page_language(client, catalog):
    html = page(client, LIBRARY)
    assert 'action="/i18n/setlang/" method="post"' in html
    response = client.post("/i18n/setlang/", {"language": "ru", "next": LIBRARY})
    assert response.status_code == 302 and response["Location"] == LIBRARY
    assert '<html lang="ru">' in client.get(LIBRARY).content.decode()


@pytest.mark.urls(__name__)
def test_language_switch_is_left_out_without_set_language(client, catalog):
    html = page(client, LIBRARY)
    assert "setlang" not in html and "<h1>Materials library</h1>" in html


def test_back_link_to_the_platform_follows_the_setting(client, catalog, settings):
    assert '<a href="/">Back to the learning platform</a>' in page(client, LIBRARY)
    settings.PPTA_LIBRARY_BACK_URL = "/dashboard"
    assert '<a href="/dashboard">Back to the learning platform</a>' in page(client, LIBRARY)


def test_login_setting_sends_anonymous_visitors_to_log_in(client, catalog, settings, django_user_model):
    settings.PPTA_LIBRARY_REQUIRE_LOGIN = True
    response = client.get(LIBRARY)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert "5 materials found" in page(client, LIBRARY)


def test_pages_refuse_post(client, catalog):
    assert client.post(LIBRARY).status_code == 405


@pytest.mark.parametrize(
    ("size", "english", "russian"),
    [(None, "", ""), (999, "999 byte", "999 Б"), (532_400, "532 kB", "532 кБ"), (12_345_678, "12.3 MB", "12,3 МБ")],
)
def test_file_sizes_are_written_the_way_each_language_writes_them(size, english, russian):
    from library_importer.display import file_size

    assert (file_size(size, "en"), file_size(size, "ru")) == (english, russian)


def test_kosovo_is_named_with_the_designation_footnote(client, catalog):
    make_material("xk-strategy", type="national_strategy", country="XK", versions={"en": {"title": "Strategy XK"}})
    english = page(client, LIBRARY)
    assert '<option value="XK">Kosovo*</option>' in english
    assert "in line with UNSCR 1244/1999" in english
    russian = page(client, f"{LIBRARY}materials/xk-strategy/", lang="ru")
    assert "<dd>Косово*</dd>" in russian and "1244/1999" in russian
    assert latin_words(russian, "ru", data=("UNSCR", "Strategy XK")) == set()  # the title is in <title> too
    assert "1244/1999" not in page(client, f"{LIBRARY}materials/ge-labour-migration-strategy/")
