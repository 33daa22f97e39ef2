"""Certificate wording and dates in each language."""

from __future__ import annotations

import datetime

import pytest

from certificates_theme.content import CertificateContent, certificate_number, check_verify_url
from certificates_theme.texts import LABELS, format_issue_date, labels


def test_every_label_has_a_russian_translation():
    english, russian = labels("en"), labels("ru")
    assert set(english) == set(russian) == set(LABELS)
    untranslated = [key for key in LABELS if russian[key] == english[key] and key != "download_pdf"]
    assert untranslated == []
    assert russian["download_pdf"] == "Скачать PDF"


@pytest.mark.parametrize(("day", "lang", "expected"), [
    (datetime.date(2026, 11, 28), "en", "28 November 2026"),
    (datetime.date(2026, 11, 28), "ru", "28 ноября 2026\u00a0г."),
    (datetime.date(2026, 3, 5), "ru", "5 марта 2026\u00a0г."),
    (datetime.date(2026, 5, 1), "ru", "1 мая 2026\u00a0г."),
])
def test_issue_dates_are_long_dates_without_the_narrow_no_break_space(day, lang, expected):
    assert format_issue_date(day, lang) == expected
    assert "\u202f" not in format_issue_date(day, lang)


def test_certificate_number_uses_area_code_year_and_uuid():
    uuid = "3f2a9c1d5b7e4f60a1b2c3d4e5f60718"
    assert certificate_number(uuid, "asylum-international-protection", datetime.date(2027, 1, 2)) == \
        "PPTA-AIP-2027-3F2A9C1D"
    assert certificate_number(uuid, "", datetime.date(2027, 1, 2)) == "PPTA-GEN-2027-3F2A9C1D"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "/certificates/x", "ftp://x.org/a",
                                 "https://exa mple.org/x", "https://"])
def test_only_absolute_http_urls_can_be_printed_and_encoded(url):
    with pytest.raises(ValueError, match="verify URL"):
        check_verify_url(url)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("learner_name", " ", "learner_name must not be empty"),
    ("language_mode", "de", "unknown certificate language mode 'de'"),
    ("area_slug", "atlantis", "unknown thematic area 'atlantis'"),
])
def test_content_refuses_bad_values(field, value, message):
    values = dict(learner_name="A", course_title_en="B", course_title_ru="В", issue_date=datetime.date(2026, 1, 1))
    values[field] = value
    with pytest.raises(ValueError, match=message):
        CertificateContent(**values)
