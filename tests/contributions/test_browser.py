"""The acceptance story in headless Chromium, in Russian, signing in through the demo's sign-in page.

A representative of Moldova submits a national strategy in Russian with a PDF; a moderator requests a
change; the representative edits; the moderator approves; a Russian search of the library finds it,
and so does the API, with country MD. Every page is axe-clean (WCAG 2.1 AA) and shows no English.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from selenium.webdriver.support.ui import WebDriverWait

from contributions.models import Representative
from moderation.public import Role, grant_role
from tests.browser import assert_accessible, wait_for_next_page
from tests.contributions.conftest import PASSWORD, make_user
from tests.library_importer.documents import minimal_pdf

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
TITLE = "Национальная стратегия Республики Молдова в области миграции"
ENGLISH_WORDS = re.compile(r"\b(Contribut\w*|Moderation|Status|Submitted|Edit|Withdraw|Decision|Send|Title)\b")


@pytest.fixture
def site(live_server, chromium):
    representative = make_user("md-rep")
    Representative.objects.create(user=representative, country="MD")
    grant_role(make_user("moderator"), Role.LIBRARY_MODERATOR)
    chromium.get(live_server.url + "/academy/")
    chromium.add_cookie({"name": "openedx-language-preference", "value": "ru", "path": "/"})
    return live_server.url


def sign_in(driver, base: str, path: str, username: str) -> None:
    """Open ``path``; being signed out, land on the sign-in page and come back after signing in."""
    driver.delete_cookie("sessionid")
    driver.get(base + path)
    assert "/academy/login/" in driver.current_url and "next=" in driver.current_url
    driver.find_element("id", "id_username").send_keys(username)
    driver.find_element("id", "id_password").send_keys(PASSWORD)
    driver.find_element("css selector", "main button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: d.current_url == base + path)


def click_and_wait(driver, by: str, what: str) -> None:
    """Click a link or button and wait until the next page has replaced this one."""
    wait_for_next_page(driver, driver.find_element(by, what).click)


def russian_page(driver) -> str:
    assert driver.find_element("css selector", "html").get_attribute("lang") == "ru"
    text = driver.find_element("tag name", "main").text
    assert not ENGLISH_WORDS.search(text), text
    assert_accessible(driver)
    return text


def test_a_moldovan_strategy_from_submission_to_the_library(site, chromium, tmp_path):
    pdf = tmp_path / "стратегия.pdf"
    pdf.write_bytes(minimal_pdf(3, "strategy"))

    sign_in(chromium, site, "/academy/library/contribute/", "md-rep")
    russian_page(chromium)
    chromium.find_element("css selector", "#id_type option[value=national_strategy]").click()
    chromium.find_element("css selector", "input[name=areas][value=legal-migration-mobility]").click()
    chromium.find_element("id", "id_year").send_keys("2024")
    chromium.find_element("id", "id_title_ru").send_keys(TITLE)
    chromium.find_element("id", "id_file_ru").send_keys(str(pdf))
    click_and_wait(chromium, "css selector", ".ppta-contrib-form button[type=submit]")
    # the permission checkbox was left unticked: an error on that field, in Russian, nothing stored
    assert "Подтвердите разрешение" in chromium.find_element("css selector", "main").text
    russian_page(chromium)
    chromium.find_element("id", "id_file_ru").send_keys(str(pdf))  # browsers never keep a chosen file
    chromium.find_element("id", "id_licence").click()
    click_and_wait(chromium, "css selector", ".ppta-contrib-form button[type=submit]")
    assert chromium.current_url.endswith("/academy/library/contributions/")
    assert TITLE in russian_page(chromium)

    sign_in(chromium, site, "/academy/library/moderation/", "moderator")
    russian_page(chromium)
    click_and_wait(chromium, "link text", TITLE)
    assert "Молдова" in russian_page(chromium)
    chromium.find_element("css selector", "input[name=decision][value=changes_requested]").click()
    chromium.find_element("id", "id_note").send_keys("Укажите год принятия стратегии в названии.")
    click_and_wait(chromium, "css selector", ".ppta-decision button[type=submit]")
    assert "Ваше решение сохранено" in russian_page(chromium)

    sign_in(chromium, site, "/academy/library/contributions/", "md-rep")
    assert "Укажите год принятия стратегии в названии." in russian_page(chromium)
    click_and_wait(chromium, "partial link text", "Изменить")
    title = chromium.find_element("id", "id_title_ru")
    title.send_keys(" (2024)")
    click_and_wait(chromium, "css selector", ".ppta-contrib-form button[type=submit]")
    assert f"{TITLE} (2024)" in russian_page(chromium)

    sign_in(chromium, site, "/academy/library/moderation/", "moderator")
    click_and_wait(chromium, "link text", f"{TITLE} (2024)")
    chromium.find_element("css selector", "input[name=decision][value=approved]").click()
    click_and_wait(chromium, "css selector", ".ppta-decision button[type=submit]")
    assert "Опубликованный материал в библиотеке" in russian_page(chromium)

    chromium.get(site + "/academy/library/?q=стратегия+молдова")
    result = chromium.find_element("css selector", ".ppta-card__title a")
    assert result.text == f"{TITLE} (2024)"
    chromium.get(site + "/academy/library/api/v1/materials/?q=стратегия&country=MD")
    api = json.loads(chromium.find_element("tag name", "body").text)
    assert [(item["country"], item["versions"]["ru"]["title"]) for item in api["results"]] == [
        ("MD", f"{TITLE} (2024)")]
    # moderators (new, updated) and the representative (changes requested, approved) were told
    assert sorted(message.to[0] for message in mail.outbox) == [
        "md-rep@example.org", "md-rep@example.org", "moderator@example.org", "moderator@example.org"]
