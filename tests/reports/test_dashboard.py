"""The secretariat dashboard and its exports: who may see them, what they show, what a shared file hides."""

from __future__ import annotations

import csv
import datetime
import io
import re
from html import unescape
from unittest import mock

import pytest
from openpyxl import load_workbook

from course_templates import get_area
from reports import public
from reports.models import MonthlyLearning
from tests.library_importer.catalog_rows import make_material, tiny_pdf

pytestmark = pytest.mark.django_db
URL = "/academy/reports/"
NOW = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    """The default period is the last twelve months, the current one included: January – December 2026."""
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


@pytest.fixture
def activity(db):
    def learning(month, country, area, language, enrolments, completions=0, certificates=0):
        MonthlyLearning.objects.create(month=datetime.date(2026, month, 1), country=country, area=area,
                                       language=language, enrolments=enrolments, completions=completions,
                                       certificates=certificates)

    learning(3, "UA", "illegal-migration", "ru", 40, 12, 3)
    learning(4, "UA", "illegal-migration", "ru", 10, 6, 9)
    learning(4, "GE", "legal-migration-mobility", "en", 4, 2, 1)
    learning(11, "unknown", "integration", "ru", 7, 0, 0)
    learning(1, "AM", "integration", "ru", 99, 0, 0)  # January 2026 … in the period; 2025 rows below are not
    MonthlyLearning.objects.create(month=datetime.date(2025, 6, 1), country="AM", area="integration",
                                   language="ru", enrolments=500)
    public.record_contribution(country="MD", area="asylum-international-protection", when=datetime.date(2026, 5, 2))
    public.record_contribution(country="MD", area="asylum-international-protection", when=datetime.date(2026, 6, 9))
    public.record_training_delivered(country="KZ", area="integration", when=datetime.date(2026, 7, 1), participants=3)


def login(client, users, who):
    if who != "anonymous":
        client.force_login(users[who])


@pytest.mark.parametrize("path", [URL, URL + "export/countries/?format=csv", URL + "export/trend/?format=xlsx"])
@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("learner", 403), ("secretariat", 200),
                                             ("staff", 200)])
def test_permission_matrix(client, users, activity, path, who, status):
    login(client, users, who)
    response = client.get(path)
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/academy/login/?next=/academy/reports/")


def test_the_dashboard_in_russian_shows_totals_tables_and_charts(client, users, activity):
    client.force_login(users["secretariat"])
    client.cookies["openedx-language-preference"] = "ru"
    html = client.get(URL).content.decode()
    assert '<html lang="ru">' in html
    assert "Период: январь 2026 – декабрь 2026." in html
    for text in ("Записи на курсы", "Слушатели по странам", "Украина", "Грузия", "Не указано",
                 "Предотвращение незаконной миграции и борьба с ней", "русский" if "русский" in html else "Русский"):
        assert text in html
    totals = dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", html))
    assert totals["Записи на курсы"] == "160"  # 40+10+4+7+99; June 2025 is outside the period
    assert totals["Передано материалов"] == "2"
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert svgs and all('role="img"' in svg and "aria-labelledby=" in svg for svg in svgs)
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert html.count("<caption") == 7
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S))
    latin = set(re.findall(r"[A-Za-z]{2,}", unescape(text))) - {"CSV", "Excel", "English"}
    assert latin == set(), latin  # a Russian page shows no English (but offers English by its name)


def test_filters_narrow_every_table(client, users, activity):
    client.force_login(users["staff"])
    html = client.get(URL, {"start": "2026-04", "end": "2026-04", "country": "UA"}).content.decode()
    totals = dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", html))
    assert (totals["Enrolments"], totals["Completions"], totals["Certificates"]) == ("10", "6", "9")
    html = client.get(URL, {"area": "legal-migration-mobility", "language": "en"}).content.decode()
    assert dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", html))["Enrolments"] == "4"


def test_bad_filters_are_explained_in_the_page_language(client, users, activity):
    client.force_login(users["secretariat"])
    client.cookies["openedx-language-preference"] = "ru"
    html = client.get(URL, {"start": "2026-09", "end": "2026-02", "area": "atlantis"}).content.decode()
    assert "Последний месяц не может быть раньше первого." in html
    assert 'aria-invalid="true"' in html and "атлантида" not in html.lower()
    assert "Выберите корректный вариант" in html  # Django's own message, in Russian


def export_rows(client, table, **params) -> list[list[str]]:
    response = client.get(f"{URL}export/{table}/", {"format": "csv", **params})
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def page_rows(html: str, table: str) -> list[list[str]]:
    body = re.search(rf'<table class="ppta-table" id="table-{table}">(.*?)</table>', html, re.S).group(1)
    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row,
                                                                                   re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.mark.parametrize("table", ["trend", "countries", "areas", "languages", "contributions", "trainings"])
def test_the_internal_csv_equals_the_table_on_the_page(client, users, activity, table):
    client.force_login(users["secretariat"])
    html = client.get(URL, {"start": "2026-01", "end": "2026-12"}).content.decode()
    assert export_rows(client, table, start="2026-01", end="2026-12") == page_rows(html, table)


def test_shared_exports_hide_learner_counts_under_five(client, users, activity):
    client.force_login(users["secretariat"])
    rows = export_rows(client, "countries", sharing="1")
    assert rows[0] == ["Country", "Enrolments", "Completions", "Certificates"]
    assert ["Ukraine", "50", "18", "12"] in rows
    assert ["Georgia", "<5", "<5", "<5"] in rows  # 4, 2, 1 learners
    assert ["Unknown", "7", "0", "0"] in rows  # zero identifies nobody
    trainings = export_rows(client, "trainings", sharing="1")
    # one training is not a count of learners; three participants are
    assert trainings[1] == ["Kazakhstan", get_area("integration").title("en"), "1", "<5"]
    internal = export_rows(client, "countries")
    assert ["Georgia", "4", "2", "1"] in internal


def test_xlsx_export_has_the_same_cells(client, users, activity):
    client.force_login(users["secretariat"])
    response = client.get(f"{URL}export/countries/", {"format": "xlsx", "sharing": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="ppta-countries-2026-01-2026-12-shared.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [[str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == export_rows(client, "countries", sharing="1")


def test_unknown_table_or_format_is_not_found(client, users):
    client.force_login(users["staff"])
    assert client.get(f"{URL}export/people/?format=csv").status_code == 404
    assert client.get(f"{URL}export/countries/?format=pdf").status_code == 404


def test_library_views_and_downloads_are_counted_without_the_reader(client, users):
    make_material("pp-handbook", areas=("illegal-migration",),
                  versions={"ru": {"title": "Пособие", "content": tiny_pdf("Пособие")}})
    client.get("/academy/library/materials/pp-handbook/")
    for _ in range(2):
        response = client.get("/academy/library/materials/pp-handbook/download/ru/")
        b"".join(response.streaming_content)
    client.head("/academy/library/materials/pp-handbook/download/ru/")  # not a download
    client.force_login(users["secretariat"])
    rows = export_rows(client, "library", area="illegal-migration")
    assert rows[1:] == [["Пособие", "Russian", "1", "2"]]  # the English page viewed the only (Russian) version
    assert export_rows(client, "library", area="integration")[1:] == []


def test_charts_follow_new_counts(client, users, activity):
    """Charts are reused while a table is unchanged, so a new count must still redraw its chart."""
    client.force_login(users["secretariat"])

    def trend_chart() -> str:
        html = client.get(URL).content.decode()
        return re.search(r'<div class="ppta-chart"><svg.*?</svg>', html, re.S).group(0)

    before = trend_chart()
    assert trend_chart() == before
    row = MonthlyLearning.objects.get(month=datetime.date(2026, 3, 1))
    row.enrolments += 400
    row.save()
    assert trend_chart() != before


def test_kosovo_is_named_with_its_designation_footnote(client, users, activity):
    MonthlyLearning.objects.create(month=datetime.date(2026, 5, 1), country="XK", area="integration",
                                   language="en", enrolments=6)
    client.force_login(users["secretariat"])
    html = client.get(URL).content.decode()
    assert "Kosovo*" in html and "UNSCR 1244/1999" in html
