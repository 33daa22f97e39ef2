"""The Studio editor in headless Chromium through the workbench (``/scenario/<id>/studio_view/``), as a
Russian-speaking author uses it: pick a library material by search, write objectives, reorder, save.

Studio hosts the same fragment in its XBlock editor modal; here the workbench's runtime stands in
(its ``notify`` only logs, so the editor's own status line is what the author sees). Course roles:
the demo user service (``?student=staff`` -> course staff).
"""

from __future__ import annotations

import io

import pytest

from tests.browser import assert_accessible, axe_violations
from tests.xblocks.catalog_data import add_material, fresh_catalog_cache  # noqa: F401 (fixture)
from tests.xblocks.notes_overview_support import use_demo_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The block is the scenario's root: the workbench then renders its studio_view on the full page
# (which defines the runtime's handler settings; ``/view/`` pages do not).
MATERIAL = '<ppta_material display_name="Пособие"/>'
OVERVIEW = '<ppta_area_overview area="integration" language="ru"/>'
NOTES = ('<ppta_trainer_notes session_plans=\'[{"title": "План 1", "url": "/static/p1.pdf"}, '
         '{"title": "План 2", "url": "https://example.org/p2.pdf"}]\'/>')
OBJECTIVES = ["Объяснить модели интеграции", "Сравнить национальные программы", "Применить контрольный список"]


@pytest.fixture
def site(live_server, settings, chromium):
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import add_xml_scenario

    use_demo_roles(settings)
    reset_global_state()
    add_xml_scenario("ppta_editor.material", "Material editor", MATERIAL)
    add_xml_scenario("ppta_editor.overview", "Overview editor", OVERVIEW)
    add_xml_scenario("ppta_editor.notes", "Notes editor", NOTES)

    def open_page(path: str, lang: str = "ru"):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        chromium.get(f"{live_server.url}/jsi18n/")  # a page on the site, to set its cookie
        chromium.add_cookie({"name": "openedx-language-preference", "value": lang, "path": "/"})
        chromium.get(f"{live_server.url}{path}")
        shown = ".ppta-block, .ppta-editor, .ppta-area-overview"
        WebDriverWait(chromium, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, shown))
        return chromium

    yield open_page
    chromium.delete_all_cookies()
    reset_global_state()


@pytest.fixture
def catalog(transactional_db):
    add_material("trafficking-handbook", titles={"en": "Handbook on trafficking in human beings",
                                                 "ru": "Пособие по борьбе с торговлей людьми"}, year=2019, page_count=3)
    add_material("trade-report", titles={"ru": "Доклад о торговле людьми"}, type="report", year=2021)
    for number in range(5):
        add_material(f"other-{number}", titles={"en": f"Border management guide {number}"})


def wait(driver, condition, seconds=10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def saved(driver):
    """Wait for the editor's status line to say the save went through (its requests are not jQuery-global)."""
    from selenium.webdriver.common.by import By

    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".ppta-editor__status").text == "Сохранено.")


def scenario_block(scenario_id: str):
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import get_scenarios

    runtime = WorkbenchRuntime("staff")
    return runtime.get_block(get_scenarios()[scenario_id].usage_id)


def test_author_picks_a_handbook_by_search_and_saves(catalog, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = site("/scenario/ppta_editor.material/studio_view/?student=staff")
    search = driver.find_element(By.CSS_SELECTOR, ".ppta-picker__search")
    search.send_keys("торговл")
    options = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".ppta-picker__option"))
    assert len(options) == 2
    assert driver.find_element(By.CSS_SELECTOR, ".ppta-picker__summary").text == "Найдено 2 материала."
    titles = [option.find_element(By.CSS_SELECTOR, ".ppta-picker__option-title").text for option in options]
    assert "Пособие по борьбе с торговлей людьми" in titles
    assert search.get_attribute("aria-expanded") == "true"
    assert_accessible(driver, ".ppta-editor")  # with the result list open

    handbook = titles.index("Пособие по борьбе с торговлей людьми")
    for _ in range(handbook + 1):
        search.send_keys(Keys.ARROW_DOWN)
    assert search.get_attribute("aria-activedescendant") == options[handbook].get_attribute("id")
    search.send_keys(Keys.ENTER)
    chosen = driver.find_element(By.CSS_SELECTOR, ".ppta-picker__chosen-title")
    assert chosen.text == "Пособие по борьбе с торговлей людьми"
    assert "Пособие · 2019 · Английский, Русский · 3 страницы" in driver.find_element(
        By.CSS_SELECTOR, ".ppta-picker__chosen-details").text
    preview = driver.find_element(By.CSS_SELECTOR, ".ppta-picker__preview")
    assert preview.is_displayed() and preview.get_attribute("src").endswith("trafficking-handbook-ru.pdf")

    driver.find_element(By.CSS_SELECTOR, ".save-button").click()
    saved(driver)
    block = scenario_block("ppta_editor.material")
    assert block.material_id == "trafficking-handbook"
    assert not block.fields["url_en"].is_set_on(block)  # untouched fields are not written (nor exported)


def test_author_adds_reorders_and_saves_cyrillic_objectives_learners_see_them_in_order(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = site("/scenario/ppta_editor.overview/studio_view/?student=staff")
    add = driver.find_element(By.CSS_SELECTOR, '[data-field-name="objectives"] .ppta-editor__add')
    assert add.text == "Добавить цель"
    for text in OBJECTIVES:
        add.send_keys(Keys.ENTER)  # keyboard: focus lands in the new row
        driver.switch_to.active_element.send_keys(text)
    rows = driver.find_elements(By.CSS_SELECTOR, ".ppta-editor__rows .ppta-editor__row")
    assert [row.find_element(By.CSS_SELECTOR, ".ppta-editor__row-label").text for row in rows] == [
        "Цель 1", "Цель 2", "Цель 3"]

    # Move the third objective to the top with the keyboard; focus follows the row.
    rows[2].find_element(By.CSS_SELECTOR, ".ppta-editor__up").send_keys(Keys.ENTER)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.find_element(By.CSS_SELECTOR, ".ppta-editor__status").text == "Цель 2: перемещено на позицию 1."
    values = [field.get_attribute("value") for field in driver.find_elements(
        By.CSS_SELECTOR, ".ppta-editor__rows .ppta-editor__cell-input")]
    expected = [OBJECTIVES[2], OBJECTIVES[0], OBJECTIVES[1]]
    assert values == expected
    assert_accessible(driver, ".ppta-editor")

    driver.find_element(By.CSS_SELECTOR, ".save-button").send_keys(Keys.ENTER)
    saved(driver)

    driver = site("/scenario/ppta_editor.overview/?student=learner")
    shown = [item.text for item in driver.find_elements(By.CSS_SELECTOR, ".ppta-area-overview li")]
    assert shown == expected

    block = scenario_block("ppta_editor.overview")
    output = io.BytesIO()
    block.runtime.export_to_xml(block, output)
    olx = output.getvalue().decode("utf-8")
    assert all(f"<item>{text}</item>" in olx for text in expected) and "\\u04" not in olx
    assert olx.index(expected[0]) < olx.index(expected[1]) < olx.index(expected[2])


def test_session_plan_link_is_checked_per_row_and_nothing_is_saved(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = site("/scenario/ppta_editor.notes/studio_view/?student=staff")
    rows = driver.find_elements(By.CSS_SELECTOR, ".ppta-editor__rows .ppta-editor__row")
    link = rows[1].find_element(By.CSS_SELECTOR, 'input[data-key="url"]')
    link.clear()
    link.send_keys("javascript:alert(1)")
    driver.find_element(By.CSS_SELECTOR, ".save-button").send_keys(Keys.ENTER)
    error = rows[1].find_element(By.CSS_SELECTOR, ".ppta-editor__row-error")
    assert error.is_displayed() and "https://" in error.text and link.get_attribute("aria-invalid") == "true"
    assert driver.switch_to.active_element == link  # the author lands on the link to fix
    assert link.get_attribute("aria-describedby") == error.get_attribute("id")
    assert "https://" in driver.find_element(By.CSS_SELECTOR, ".ppta-editor__problems").text
    assert rows[0].find_element(By.CSS_SELECTOR, ".ppta-editor__row-error").is_displayed() is False
    assert_accessible(driver, ".ppta-editor")
    # Negative control: the audit notices a row input that loses its name.
    driver.execute_script("document.querySelector('.ppta-editor__cell-input').removeAttribute('aria-labelledby');"
                          "document.querySelector('.ppta-editor__cell').replaceWith("
                          "document.querySelector('.ppta-editor__cell-input'))")
    assert "label" in {violation["id"] for violation in axe_violations(driver, ".ppta-editor")}


def test_library_and_material_editors_are_accessible_in_english_and_presets_save_by_keyboard(catalog, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = site("/scenario/ppta_library.0/studio_view/?student=staff", lang="en")
    assert_accessible(driver, ".ppta-editor")
    integration = driver.find_element(By.CSS_SELECTOR, '[data-field-name="preset_areas"] input[value="integration"]')
    label = driver.find_element(By.CSS_SELECTOR, f'label[for="{integration.get_attribute("id")}"]')
    assert "integration" in label.text.lower() and label.text != "integration"  # a name, not a slug
    if not integration.is_selected():
        integration.send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, ".save-button").send_keys(Keys.ENTER)
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".ppta-editor__status").text == "Saved.")

    driver = site("/scenario/ppta_editor.material/studio_view/?student=staff", lang="en")
    assert_accessible(driver, ".ppta-editor")
