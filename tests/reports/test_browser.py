"""The dashboard in headless Chromium, in Russian: axe (WCAG 2.1 AA) finds nothing; charts sit next to
their tables; the CSV a reader downloads holds exactly the table's cells."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client

from reports import demo
from tests.browser import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
PERIOD = "?start=2026-01&end=2026-12"


@pytest.fixture
def dashboard(live_server, chromium):
    """The dashboard over the demo's year, opened by a signed-in secretariat member with Russian chosen."""
    demo.generate(datetime.date(2026, 12, 3))
    demo.ensure_demo_secretariat()
    client = Client()
    client.login(username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD)
    url = live_server.url + "/academy/reports/" + PERIOD
    chromium.get(live_server.url + "/academy/reports/export/trend/")  # any page of the host, to set cookies on
    chromium.add_cookie({"name": "sessionid", "value": client.cookies["sessionid"].value, "path": "/"})
    chromium.add_cookie({"name": "openedx-language-preference", "value": "ru", "path": "/"})
    chromium.get(url)
    return chromium


def table_cells(driver, table_id: str) -> list[list[str]]:
    rows = driver.find_elements("css selector", f"#table-{table_id} tr")
    return [[cell.text.strip() for cell in row.find_elements("css selector", "th, td")] for row in rows]


def test_the_russian_dashboard_is_accessible_with_charts_beside_tables(dashboard):
    assert dashboard.find_element("css selector", "html").get_attribute("lang") == "ru"
    assert dashboard.find_element("css selector", "h1").text.startswith("Отчёты")
    charts = dashboard.find_elements("css selector", ".ppta-chart svg[role=img]")
    assert len(charts) >= 5
    for chart in charts:
        title_id, desc_id = chart.get_attribute("aria-labelledby").split()
        assert dashboard.find_element("id", title_id).get_attribute("textContent")
        assert "рядом" in dashboard.find_element("id", desc_id).get_attribute("textContent")
        assert chart.size["width"] > 200  # drawn, not collapsed
    assert "Слушатели по странам" in dashboard.find_element("css selector", "#table-countries caption").text
    assert_accessible(dashboard)


def test_a_downloaded_csv_holds_the_cells_of_the_table(dashboard):
    link = dashboard.find_element("css selector", "#report-countries .ppta-exports a[href*='format=csv']")
    assert "sharing=1" in link.get_attribute("href")  # the first offer is the one safe to share
    internal = dashboard.find_elements("css selector", "#report-countries .ppta-exports a[href*='format=csv']")[1]
    text = dashboard.execute_async_script(
        "const done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done);",
        internal.get_attribute("href"),
    )
    downloaded = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert downloaded == table_cells(dashboard, "countries")
    assert downloaded[0][0] == "Страна" and len(downloaded) > 10
