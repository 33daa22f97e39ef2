"""ppta_material and ppta_library in headless Chromium, served by the workbench on pytest-django's live
server: rendering, keyboard use, the remembered language, completion, and axe-core WCAG 2.1 A/AA.

Nothing is faked. The workbench has no course contentstore, so the material's documents are course
assets served by a test URLconf (``course_asset_urls``), and completion is read from the workbench's
state table (its runtime only logs published events).
"""

from __future__ import annotations

import json

import pytest

from tests.browser import assert_accessible, axe_violations
from tests.xblocks.catalog_data import add_material, fresh_catalog_cache  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.urls("tests.xblocks.course_asset_urls"),
    pytest.mark.django_db(transaction=True),
]

ASSET = "/asset-v1:PPTA+ILM101+2026+type@asset+block@"
MATERIAL_SCENARIO = f"""<vertical_demo>
  <ppta_material display_name="Identification handbook" default_language="en"
                 url_en="{ASSET}handbook-en.pdf" url_ru="{ASSET}handbook-ru.pdf"/>
</vertical_demo>"""


@pytest.fixture
def workbench(live_server):
    """The live workbench with the real scenarios plus one material scenario over course assets."""
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import add_xml_scenario

    reset_global_state()
    add_xml_scenario("ppta_material.browser", "Training material over course assets", MATERIAL_SCENARIO)
    yield live_server.url
    reset_global_state()


@pytest.fixture
def browser(chromium):
    chromium.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "deny"})  # keep ~/Downloads clean
    yield chromium
    chromium.delete_all_cookies()
    for handle in chromium.window_handles[1:]:  # tabs opened by "Open in a new tab"
        chromium.switch_to.window(handle)
        chromium.close()
    chromium.switch_to.window(chromium.window_handles[0])


def open_page(driver, url: str, language: str | None = None):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    if language:
        driver.get(url.split("/scenario/")[0] + "/jsi18n/")  # any page of the site, to set its cookie
        driver.add_cookie({"name": "openedx-language-preference", "value": language})
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".ppta-block"))


def wait_for_ajax(driver):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.jQuery && jQuery.active === 0"))


def learner_state(student: str) -> dict:
    from workbench.models import XBlockState

    rows = XBlockState.objects.filter(scope="usage", tag="ppta_material", user_id=student)
    return {key: value for row in rows for key, value in json.loads(row.state).items()}


def pressed(driver) -> str:
    from selenium.webdriver.common.by import By

    buttons = driver.find_elements(By.CSS_SELECTOR, '.ppta-material__switch button[aria-pressed="true"]')
    assert len(buttons) == 1
    return buttons[0].get_attribute("data-language")


def visible_document(driver):
    from selenium.webdriver.common.by import By

    shown = [doc for doc in driver.find_elements(By.CSS_SELECTOR, ".ppta-material__document") if doc.is_displayed()]
    assert len(shown) == 1
    return shown[0]


def test_material_language_switch_by_keyboard_is_remembered_after_reload(workbench, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url = f"{workbench}/scenario/ppta_material.browser/?student=keyboard-learner"
    open_page(browser, url)
    assert pressed(browser) == "en"
    frame = visible_document(browser).find_element(By.TAG_NAME, "iframe")
    assert frame.get_attribute("src").endswith("handbook-en.pdf") and frame.get_attribute("title")

    russian = browser.find_element(By.CSS_SELECTOR, '.ppta-material__switch button[data-language="ru"]')
    russian.send_keys(Keys.SPACE)  # a real <button>: keyboard works without extra code
    wait_for_ajax(browser)
    assert pressed(browser) == "ru"
    document = visible_document(browser)
    assert document.get_attribute("data-language") == "ru"
    frame = document.find_element(By.TAG_NAME, "iframe")
    assert frame.get_attribute("src").endswith("handbook-ru.pdf") and frame.get_attribute("lang") == "ru"

    browser.refresh()
    open_page(browser, url)
    assert pressed(browser) == "ru" and visible_document(browser).get_attribute("data-language") == "ru"
    open_page(browser, f"{workbench}/scenario/ppta_material.browser/?student=someone-else")
    assert pressed(browser) == "en"


@pytest.mark.parametrize("action", ["open", "download"])
def test_material_open_or_download_completes(workbench, browser, action):
    from selenium.webdriver.common.by import By

    student = f"{action}-learner"
    open_page(browser, f"{workbench}/scenario/ppta_material.browser/?student={student}")
    assert not learner_state(student).get("completed")
    visible_document(browser).find_element(By.CSS_SELECTOR, f'a[data-action="{action}"]').click()
    browser.switch_to.window(browser.window_handles[0])
    wait_for_ajax(browser)
    assert learner_state(student).get("completed") is True


def test_material_is_accessible_in_both_languages(workbench, browser):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{workbench}/scenario/ppta_material.browser/?student=axe", language="ru")
    assert browser.find_element(By.CSS_SELECTOR, ".ppta-material__switch button").text == "Английский"
    assert_accessible(browser, ".ppta-material")
    open_page(browser, f"{workbench}/scenario/ppta_material.browser/?student=axe", language="en")
    assert browser.find_element(By.CSS_SELECTOR, ".ppta-material__switch button").text == "English"
    assert_accessible(browser, ".ppta-material")
    # Negative control: the same audit flags a viewer that loses its title.
    browser.execute_script(
        "document.querySelector('.ppta-material__document:not([hidden]) iframe').removeAttribute('title')"
    )
    assert "frame-title" in {violation["id"] for violation in axe_violations(browser, ".ppta-material")}


@pytest.fixture
def catalog(transactional_db):
    for number in range(9):
        add_material(f"handbook-{number}", titles={"en": f"Handbook {number} on identification",
                                                    "ru": f"Пособие {number} по идентификации"}, year=2010 + number)
    for number in range(3):
        add_material(f"report-{number}", titles={"en": f"Report {number} on borders"}, type="report", year=2000)


def result_titles(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [title.text for title in driver.find_elements(By.CSS_SELECTOR, ".ppta-library__title")]


def summary(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, ".ppta-library__summary").text


def test_library_search_filters_and_pages_by_keyboard(catalog, workbench, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{workbench}/scenario/ppta_library.0/")
    assert summary(browser) == "12 materials found, page 1 of 3." and len(result_titles(browser)) == 5

    box = browser.find_element(By.CSS_SELECTOR, ".ppta-library input[type=search]")
    box.send_keys("borders", Keys.ENTER)
    wait_for_ajax(browser)
    assert summary(browser) == "3 materials found." and all("borders" in t for t in result_titles(browser))

    box.clear()
    box.send_keys(Keys.ENTER)
    wait_for_ajax(browser)
    handbook_box = browser.find_element(By.CSS_SELECTOR, '.ppta-library input[value="handbook"]')
    handbook_box.send_keys(Keys.SPACE)  # checkbox toggled from the keyboard -> results follow
    wait_for_ajax(browser)
    assert summary(browser) == "9 materials found, page 1 of 2."

    next_page = browser.find_element(By.CSS_SELECTOR, '.ppta-library__pager button[data-page="2"]')
    next_page.send_keys(Keys.ENTER)
    wait_for_ajax(browser)
    assert summary(browser) == "9 materials found, page 2 of 2."
    assert len(result_titles(browser)) == 4
    focused = browser.switch_to.active_element
    assert "ppta-library__list" in focused.get_attribute("class")  # keyboard users land on the new results


def test_library_in_russian_is_accessible(catalog, workbench, browser):
    open_page(browser, f"{workbench}/scenario/ppta_library.0/", language="ru")
    assert summary(browser) == "Найдено 12 материалов, страница 1 из 3."
    assert result_titles(browser)[0] == "Пособие 8 по идентификации"
    assert_accessible(browser, ".ppta-library")
