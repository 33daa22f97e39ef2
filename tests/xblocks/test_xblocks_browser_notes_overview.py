"""Trainer notes and the area overview in headless Chromium, through the demo workbench.

The workbench has no course roles: the demo's ``WorkbenchCourseRoleUserService`` (``?student=staff``
-> course staff, as the LMS would report it) stands in for the LMS user service.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser import assert_accessible, axe_violations
from tests.xblocks.notes_overview_support import use_demo_roles

pytestmark = pytest.mark.browser

NOTES = ".ppta-trainer-notes"
OVERVIEW = ".ppta-area-overview"


@pytest.fixture
def site(live_server, settings, chromium):
    """The demo workbench served live, with demo course roles; yields ``open(path, lang="en")``."""
    from workbench.runtime_util import reset_global_state

    use_demo_roles(settings)
    reset_global_state()  # scenario field data lives in this test's database

    def open_page(path: str, lang: str = "en"):
        chromium.get(f"{live_server.url}/view/ppta_area_overview.0/")  # a page on the site, to set its cookie
        chromium.add_cookie({"name": "openedx-language-preference", "value": lang, "path": "/"})
        chromium.get(f"{live_server.url}{path}")
        return chromium

    yield open_page
    chromium.delete_all_cookies()
    reset_global_state()


# Each live-server test costs a database flush (seconds on MariaDB), so one test walks each block.


def test_trainer_notes_for_the_team_only_accessible_and_keyboard_focusable(site):
    driver = site("/view/ppta_trainer_notes.0/?student=staff")
    notes = driver.find_element(By.CSS_SELECTOR, NOTES)
    assert notes.find_element(By.TAG_NAME, "h3").text == "Notes for trainers: session 1"
    assert "case study" in notes.text
    assert_accessible(driver, NOTES)

    links = notes.find_elements(By.TAG_NAME, "a")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    for _ in range(10):  # tab until the first session-plan link has focus
        if driver.switch_to.active_element == links[0]:
            break
        driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element == links[0]
    outline = driver.execute_script("const s = getComputedStyle(document.activeElement);"
                                    "return [s.outlineStyle, parseFloat(s.outlineWidth)];")
    assert outline[0] != "none" and outline[1] >= 2, outline  # visible focus

    # Negative control: axe does catch a problem inside the block.
    driver.execute_script("arguments[0].textContent = '';", links[0])
    assert "link-name" in {violation["id"] for violation in axe_violations(driver, NOTES)}

    # A learner's page holds nothing of the block.
    driver = site("/view/ppta_trainer_notes.0/?student=learner-1")
    assert driver.find_elements(By.CSS_SELECTOR, NOTES) == []
    wrapper = driver.find_element(By.CSS_SELECTOR, "[data-block-type='ppta_trainer_notes']")
    assert wrapper.get_attribute("innerHTML").strip() == ""

    # An instructor with a Russian interface.
    driver = site("/view/ppta_trainer_notes.0/?student=instructor", lang="ru")
    notes = driver.find_element(By.CSS_SELECTOR, NOTES)
    assert "Видно только сотрудникам и преподавателям курса" in notes.text
    assert notes.find_element(By.TAG_NAME, "h4").text == "Планы занятий"
    assert_accessible(driver, NOTES)


def test_area_overview_languages_and_accessibility(site):
    driver = site("/view/ppta_area_overview.0/")  # English interface, Russian course
    overview = driver.find_element(By.CSS_SELECTOR, OVERVIEW)
    assert overview.find_element(By.TAG_NAME, "h3").get_attribute("lang") == "ru"
    assert overview.find_element(By.CSS_SELECTOR, ".ppta-area-overview__chapter").text == "Глава IV"
    assert overview.find_element(By.TAG_NAME, "h4").text == "Learning objectives"
    assert_accessible(driver, OVERVIEW)

    # Content language "": the interface language decides.
    for lang, chapter, heading in [("en", "Chapter VI", "Learning objectives"), ("ru", "Глава VI", "Цели обучения")]:
        driver = site("/view/ppta_area_overview.1/", lang=lang)
        overview = driver.find_element(By.CSS_SELECTOR, OVERVIEW)
        assert overview.get_attribute("lang") == lang
        assert overview.find_element(By.CSS_SELECTOR, ".ppta-area-overview__chapter").text == chapter
        assert overview.find_element(By.TAG_NAME, "h4").text == heading
        assert_accessible(driver, OVERVIEW)

    # Unknown area: the course team sees why.
    driver = site("/view/ppta_area_overview.2/?student=staff")
    overview = driver.find_element(By.CSS_SELECTOR, OVERVIEW)
    assert "space-migration" in overview.find_element(By.CSS_SELECTOR, ".ppta-area-overview__problem").text
    assert_accessible(driver, OVERVIEW)
