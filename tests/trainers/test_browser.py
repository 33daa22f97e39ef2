"""The acceptance story in headless Chromium, in Russian, with axe (WCAG 2.1 AA) on every page: a learner
holding a training-of-trainers certificate is invited, applies, is approved by the secretariat,
appears in the directory filtered by country and area, records a delivered training, hides the
profile and disappears from the directory."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from library_importer.public import SAMPLE_LIBRARY
from tests.browser import assert_accessible, wait_for_next_page, wait_until
from tests.trainers.conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def sign_in(driver, live_server, user) -> None:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    driver.get(live_server.url + "/academy/")  # any page of the host, to set cookies on
    driver.delete_all_cookies()
    driver.add_cookie({"name": "sessionid", "value": client.cookies["sessionid"].value, "path": "/"})
    driver.add_cookie({"name": "openedx-language-preference", "value": "ru", "path": "/"})


def names_listed(driver) -> list[str]:
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#ppta-trainers .ppta-card__name")]


def message(driver) -> str:
    """The confirmation the next page shows (waits for that page: submit() does not)."""
    return WebDriverWait(driver, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".ppta-messages")).text


def submit(driver, form_id: str) -> None:
    wait_for_next_page(driver, driver.find_element(By.ID, form_id).submit)


def follow(driver, link) -> None:
    wait_for_next_page(driver, link.click)


def check(driver, css: str) -> None:
    driver.find_element(By.CSS_SELECTOR, css).click()


def test_a_tot_graduate_applies_is_approved_is_listed_records_a_training_and_hides(
        live_server, chromium, users, tot_holder):
    driver, learner = chromium, users["learner"]
    tot_holder.add(learner.id)
    directory = live_server.url + "/academy/trainers/"

    sign_in(driver, live_server, learner)
    driver.get(directory)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    invitation = driver.find_element(By.ID, "ppta-invitation-heading").text
    assert invitation == "Приглашаем вас в сеть тренеров"
    assert_accessible(driver)

    follow(driver, driver.find_element(By.LINK_TEXT, "Подать заявку на включение в каталог тренеров"))
    submit(driver, "ppta-profile-form")  # empty: every problem shown at its field
    assert driver.find_element(By.CSS_SELECTOR, ".ppta-error-summary").is_displayed()
    assert "Укажите имя" in driver.find_element(By.ID, "id_name_en-error").text
    assert_accessible(driver)
    driver.find_element(By.ID, "id_name_ru").send_keys("Нино Беридзе")
    driver.find_element(By.ID, "id_name_en").send_keys("Nino Beridze")
    Select(driver.find_element(By.ID, "id_country")).select_by_value("GE")
    check(driver, "input[name=kind][value=civil-society]")
    driver.find_element(By.ID, "id_organisation").send_keys("Тбилисский центр миграции")
    check(driver, "input[name=areas][value=integration]")
    check(driver, "input[name=languages][value=ka]")
    check(driver, "input[name=languages][value=ru]")
    check(driver, "#id_consent")
    submit(driver, "ppta-profile-form")
    assert "Заявка отправлена в секретариат." in message(driver)
    assert "Ожидает решения секретариата" in driver.find_element(By.ID, "ppta-status").text
    assert_accessible(driver)

    sign_in(driver, live_server, users["secretariat"])
    driver.get(directory + "applications/")
    assert_accessible(driver)
    follow(driver, driver.find_element(By.LINK_TEXT, "Нино Беридзе"))
    check(driver, "input[name=decision][value=approved]")
    assert_accessible(driver)
    submit(driver, "ppta-decision-form")
    assert "Решение записано." in message(driver)

    sign_in(driver, live_server, learner)
    driver.get(directory + "?country=GE&area=integration")
    assert names_listed(driver) == ["Нино Беридзе"]
    assert_accessible(driver)
    driver.get(directory + "?country=MD&area=integration")
    assert names_listed(driver) == []

    driver.get(directory + "me/trainings/new/")
    form = {"id_title": "Основы интеграции", "id_city": "Кутаиси", "id_organiser": "Министерство",
            "id_participants_women": "12", "id_participants_men": "9"}
    for element_id, value in form.items():
        field = driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(value)
    for element_id, value in (("id_start", "2026-10-05"), ("id_end", "2026-10-07")):
        driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, element_id), value)
    Select(driver.find_element(By.ID, "id_country")).select_by_value("GE")
    Select(driver.find_element(By.ID, "id_language")).select_by_value("ka")
    check(driver, "input[name=areas][value=integration]")
    assert_accessible(driver)
    submit(driver, "ppta-training-form")
    assert "Обучение записано." in message(driver)
    assert "Основы интеграции" in driver.find_element(By.ID, "ppta-trainings").text
    assert_accessible(driver)

    wait_for_next_page(driver, driver.find_element(By.CSS_SELECTOR, "button[value=hide]").click)
    assert "Профиль скрыт из каталога." in message(driver)
    driver.get(directory + "?country=GE")
    assert "Нино Беридзе" not in names_listed(driver)


def test_the_directory_pages_through_more_than_fifty_trainers_keeping_the_filter(live_server, chromium, users):
    from tests.trainers.conftest import make_profile

    for number in range(52):
        make_profile(name_en=f"Trainer {number:02d}", name_ru=f"Тренер {number:02d}", country="GE")
    driver = chromium
    sign_in(driver, live_server, users["learner"])
    driver.get(live_server.url + "/academy/trainers/?country=GE")
    assert len(names_listed(driver)) == 50
    assert_accessible(driver)  # the page links too: names, current page, contrast
    follow(driver, driver.find_element(By.LINK_TEXT, "Следующая страница"))
    assert names_listed(driver) == ["Тренер 50", "Тренер 51"]
    assert "country=GE" in driver.current_url
    current = driver.find_element(By.CSS_SELECTOR, ".ppta-pagination [aria-current=page]")
    assert current.text == "Страница 2"
    assert_accessible(driver)


def test_an_approved_trainer_builds_and_downloads_a_kit(live_server, chromium, users):
    driver = chromium
    call_command("import_materials", str(SAMPLE_LIBRARY))
    sign_in(driver, live_server, users["trainer"])
    driver.get(live_server.url + "/academy/trainers/kits/")
    assert_accessible(driver)
    follow(driver, driver.find_elements(By.LINK_TEXT, "Комплект на русском")[-1])
    assert driver.find_element(By.ID, "ppta-kit-state").text == "Ещё не собран"
    assert_accessible(driver)
    wait_for_next_page(driver, driver.find_element(By.CSS_SELECTOR, "#ppta-kit-build button").click)
    wait_until(driver, lambda d: d.find_element(By.ID, "ppta-kit-state").text == "Готов")
    link = driver.find_element(By.ID, "ppta-kit-download")
    assert link.is_displayed() and link.get_attribute("href").endswith("/download/")
    assert_accessible(driver)
    size = driver.execute_async_script(
        "const done = arguments[1]; fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(b.byteLength));",
        link.get_attribute("href"))
    assert size > 10_000


def test_the_kit_page_follows_a_build_in_progress_until_the_download_is_ready(live_server, chromium, users):
    """A worker elsewhere builds the kit: the page polls its status, shows progress, then the link."""
    from django.core.files.base import ContentFile

    from trainers.content import TemplateCourses
    from trainers.models import KitBuild

    course = "course-v1:PPTA+AIP201RU+2026"
    build = KitBuild.objects.create(course_key=course, language="ru", state=KitBuild.State.RUNNING, progress=40,
                                    content_version=TemplateCourses().content_version(course))
    driver = chromium
    sign_in(driver, live_server, users["trainer"])
    driver.get(f"{live_server.url}/academy/trainers/kits/{course}/ru/")
    bar = driver.find_element(By.ID, "ppta-kit-progress")
    assert bar.is_displayed() and bar.get_attribute("value") == "40"
    assert driver.find_element(By.ID, "ppta-kit-state").text == "Собирается"
    assert_accessible(driver)

    build.file.save("kit.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    KitBuild.objects.filter(pk=build.pk).update(state=KitBuild.State.DONE, progress=100, file=build.file.name,
                                                filename="kit.zip")
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "ppta-kit-download").is_displayed())
    assert driver.find_element(By.ID, "ppta-kit-state").text == "Готов"
    assert not bar.is_displayed()
