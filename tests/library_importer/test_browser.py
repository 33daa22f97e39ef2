"""Library pages in headless Chromium: axe (WCAG 2.1 AA) finds nothing; the filter form works by keyboard."""

from __future__ import annotations

import pytest

from tests.browser import assert_accessible
from tests.library_importer.catalog_rows import build_catalog, make_hostile_material

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, chromium):
    """The live library with the test catalog (``chromium`` comes without cookies, in English)."""
    build_catalog()
    make_hostile_material()
    return live_server.url + "/academy/library/"


def open_in(chromium, url: str, lang: str) -> None:
    chromium.get(url)
    chromium.add_cookie({"name": "openedx-language-preference", "value": lang, "path": "/"})
    chromium.get(url)
    assert chromium.find_element("css selector", "html").get_attribute("lang") == lang


def wait_for_url(chromium, part: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(chromium, 15).until(lambda driver: part in driver.current_url)


def assert_no_alert(chromium) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        chromium.switch_to.alert.dismiss()


def tab_to(chromium, element, limit: int = 80) -> None:
    """Press Tab until ``element`` has the focus (failing if the keyboard cannot reach it)."""
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        if focused(chromium) == element:
            return
        focused(chromium).send_keys(Keys.TAB)
    raise AssertionError(f"Tab never reached {element.get_attribute('outerHTML')[:80]}")


def focused(chromium):
    return chromium.switch_to.active_element


def focus_is_visible(chromium) -> bool:
    style = chromium.execute_script(
        "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];"
    )
    return style[0] != "none" and style[1] not in ("0px", "")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pages_pass_axe(site, chromium, lang):
    for url in (
        site,
        site + "?q=manual&area=illegal-migration&language=ru&page=1",
        site + "?area=atlantis&year=soon",  # with validation errors shown
        site + "materials/pp-handbook-readmission/",
        site + "materials/ge-labour-migration-strategy/",
        site + "materials/hostile-markup/",
    ):
        open_in(chromium, url, lang)
        assert_no_alert(chromium)  # the hostile material's <script>alert()</script> stayed text
        assert_accessible(chromium)


def test_filter_form_works_with_the_keyboard_alone(site, chromium):
    from selenium.webdriver.common.keys import Keys

    open_in(chromium, site, "ru")
    body = chromium.find_element("css selector", "body")
    body.send_keys(Keys.TAB)
    skip = focused(chromium)
    assert skip.get_attribute("class") == "ppta-skip-link"
    assert skip.rect["y"] >= 0 and focus_is_visible(chromium)  # shown on screen when focused
    skip.send_keys(Keys.ENTER)
    assert focused(chromium).get_attribute("id") == "main"

    search = chromium.find_element("id", "id_q")
    tab_to(chromium, search)
    assert focus_is_visible(chromium)
    search.send_keys("РУКОВОДСТВО", Keys.ENTER)
    wait_for_url(chromium, "q=")
    assert "Найдено 2 материала" in chromium.page_source

    # the facets narrow the current search down
    checkbox = chromium.find_element("css selector", 'input[name="area"][value="integration"]')
    tab_to(chromium, checkbox)
    assert focus_is_visible(chromium)
    checkbox.send_keys(Keys.SPACE)
    apply_button = chromium.find_element("css selector", ".ppta-facets__actions button")
    tab_to(chromium, apply_button)
    assert focus_is_visible(chromium)
    apply_button.send_keys(Keys.ENTER)
    wait_for_url(chromium, "area=integration")
    titles = [link.text for link in chromium.find_elements("css selector", ".ppta-card__title a")]
    assert titles == ["Совместное руководство по интеграционной политике"]
