"""The demo's area page (/academy/areas/): list in the request language, archive downloads, setup."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from course_templates import all_areas, demo
from course_templates.archive import course_archive
from course_templates.builder import build_course
from course_templates.catalogue import catalogue_spec, catalogue_specs
from tests.browser import assert_accessible

PAGE = "/academy/areas/"
FILE_NAME = re.compile(r"PPTA-[A-Z0-9]+-2026\.tar\.gz")


def main_text(html: str) -> str:
    main = html.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", main)


def test_area_list_in_english_offers_every_template(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    for area in all_areas():
        assert area.title_en in html
    links = re.findall(r'href="([^"]+\.tar\.gz)"', html)
    assert len(links) == len(set(links)) == 24
    assert "Training of trainers" in html and "Russian" in html


def test_area_list_in_russian_has_no_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    html = client.get(PAGE).content.decode()
    assert '<html lang="ru">' in html
    for area in all_areas():
        assert area.title_ru in html
    text = FILE_NAME.sub(" ", main_text(html))
    words = [word for word in re.findall(r"[A-Za-z]+", text) if word not in {"I", "II", "III", "IV", "V", "VI"}]
    assert words == []
    assert "Подготовка тренеров" in text and "Скачать" in text


def test_download_serves_the_reproducible_archive(client):
    spec = catalogue_spec("asylum-international-protection", "ru", "tot")
    response = client.get(f"{PAGE}download/{spec.slug}.tar.gz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/gzip"
    assert f'filename="{spec.slug}.tar.gz"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == course_archive(build_course(spec))


@pytest.mark.parametrize("name", ["nope.tar.gz", "..%2F..%2Fsettings.py", "PPTA-ILM101EN-2026"])
def test_download_of_anything_else_is_not_found(client, name):
    assert client.get(f"{PAGE}download/{name}").status_code == 404


def test_pages_reject_posts(client):
    assert client.post(PAGE).status_code == 405
    assert client.post(f"{PAGE}download/PPTA-ILM101EN-2026.tar.gz").status_code == 405


def test_demo_setup_builds_all_archives_once():
    messages = []
    demo.setup(messages.append)
    folder = demo.archive_dir()
    archives = sorted(folder.glob("*.tar.gz"))
    assert [path.name for path in archives] == sorted(f"{spec.slug}.tar.gz" for spec in catalogue_specs())
    stamps = {path: path.stat().st_mtime_ns for path in archives}
    demo.setup(messages.append)
    assert "0 of 24 archives written" in messages[-1]
    assert {path: path.stat().st_mtime_ns for path in archives} == stamps
    archives[0].write_bytes(b"stale")
    demo.setup(messages.append)
    assert "1 of 24 archives written" in messages[-1] and archives[0].read_bytes().startswith(b"\x1f\x8b")


@pytest.mark.django_db(transaction=True)  # the live server thread shares the test database
def test_area_page_is_accessible_in_both_languages(live_server, chromium):
    """Both languages in one test, so that the live server's request threads end within it."""
    try:
        for lang in ("en", "ru"):
            chromium.get(live_server.url + PAGE)
            chromium.add_cookie({"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "path": "/"})
            chromium.get(live_server.url + PAGE)
            assert chromium.find_element("tag name", "html").get_attribute("lang") == lang
            assert_accessible(chromium)
            links = chromium.find_elements("css selector", "main a[download]")
            assert len(links) == 24 and all(link.text.endswith(".tar.gz") for link in links)
    finally:
        chromium.delete_all_cookies()
