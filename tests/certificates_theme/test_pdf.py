"""The PDF certificate: one A4-landscape page, embedded fonts, readable text, a QR code that verifies."""

from __future__ import annotations

import dataclasses
import datetime
import io

import pytest
from pypdf import PdfReader

from certificates_theme.pdf import MARGIN, render_pdf
from tests.certificates_theme import pdftools

A4_LANDSCAPE = (841.89, 595.28)


def test_bilingual_pdf_prints_both_languages_number_date_and_area(content, tmp_path):
    path = pdftools.write(tmp_path, render_pdf(content))
    text = pdftools.text(path)
    for expected in (
        "Certificate of Completion", "Сертификат об окончании курса", "Анна-Мария Ёлкина",
        "Combatting Trafficking in Human Beings", "Противодействие торговле людьми",
        "Preventing and combating illegal migration", "Предотвращение незаконной миграции",
        "28 November 2026", "28 ноября 2026 г.", "PPTA-ILM-2026-3F2A9C1D", content.verify_url,
    ):
        assert expected in text, f"{expected!r} missing from the PDF text:\n{text}"
    layout = pdftools.layout(path)
    assert layout.pages == 1
    assert (round(layout.width, 2), round(layout.height, 2)) == A4_LANDSCAPE


@pytest.mark.parametrize(("mode", "present", "absent"), [
    ("en", "Certificate of Completion", "Сертификат об окончании курса"),
    ("ru", "Сертификат об окончании курса", "Certificate of Completion"),
])
def test_single_language_pdf_has_no_text_in_the_other_language(content, tmp_path, mode, present, absent):
    text = pdftools.text(pdftools.write(tmp_path, render_pdf(dataclasses.replace(content, language_mode=mode))))
    assert present in text
    assert absent not in text
    other_title = content.course_title_ru if mode == "en" else content.course_title_en
    assert other_title not in text


def test_fonts_are_embedded_subset_truetype_with_unicode_maps(content, tmp_path):
    rows = pdftools.fonts(pdftools.write(tmp_path, render_pdf(content)))
    assert rows, "no fonts in the PDF"
    for row in rows:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row
        assert "TrueType" in row["type"], row
        assert "Helvetica" not in row["name"] and "Times" not in row["name"], row


def test_qr_code_decodes_to_the_verify_url(content, tmp_path):
    path = pdftools.write(tmp_path, render_pdf(content))
    assert pdftools.qr_codes(path, tmp_path) == [content.verify_url]


def test_without_a_verify_url_there_is_no_qr_code(content, tmp_path):
    path = pdftools.write(tmp_path, render_pdf(dataclasses.replace(content, verify_url="")))
    assert pdftools.qr_codes(path, tmp_path) == []


@pytest.mark.parametrize("name", [
    "Пётр Ильич Чайковский-Ёжиков",
    "Łukasz Żółć-Brzęczyszczykiewicz",
    "Seán O’Connor-Ströbele",
    "D'Artagnan Ñúñez-Çelik",
    "Ağaoğlu İsmayıl Şükürov",
    "Nguyễn Thị Minh Khai",
    "ნინო ბერიძე",
    "Արամ Խաչատրյան",
    "Jean‐Luc Hyphenated",  # U+2010 HYPHEN, not in PT Serif: drawn by the fallback font
])
def test_any_unicode_name_survives_a_pdftotext_round_trip(content, tmp_path, name):
    path = pdftools.write(tmp_path, render_pdf(dataclasses.replace(content, learner_name=name)))
    assert name in pdftools.text(path)


LONG_CYRILLIC = ("Александра-Екатерина Константиновна Преображенская-Верхнеднепровская "
                 "Ёлкина-Щербатова Жемчужникова-Юрьева Богдановна-Ким")
LONG_WORD = "Щербатова" * 13 + "Ёжи"  # no space to break at


@pytest.mark.parametrize("name", [LONG_CYRILLIC, LONG_WORD], ids=["words", "one-word"])
def test_a_120_character_cyrillic_name_stays_on_one_page_inside_the_margins(content, tmp_path, name):
    assert len(name) == 120
    path = pdftools.write(tmp_path, render_pdf(dataclasses.replace(content, learner_name=name)))
    layout = pdftools.layout(path)
    assert layout.pages == 1
    for word in layout.words:
        assert MARGIN - 0.5 <= word.x_min and word.x_max <= layout.width - MARGIN + 0.5, word
        assert word.y_min >= 0 and word.y_max <= layout.height, word
    assert name in pdftools.text(path).replace(" ", "") or name in pdftools.text(path)


def test_an_absurdly_long_title_is_shortened_with_an_ellipsis_but_never_leaves_the_page(content, tmp_path):
    title = "Очень длинное название курса " * 40
    path = pdftools.write(tmp_path, render_pdf(dataclasses.replace(content, course_title_ru=title)))
    layout = pdftools.layout(path)
    assert layout.pages == 1
    assert all(MARGIN - 0.5 <= w.x_min and w.x_max <= layout.width - MARGIN + 0.5 for w in layout.words)
    assert "…" in pdftools.text(path)


def test_html_and_script_in_name_and_title_are_printed_literally_and_do_nothing(content, tmp_path):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    pdf = render_pdf(dataclasses.replace(content, learner_name=f"Eve {payload}", course_title_en=f"Course {payload}"))
    text = pdftools.text(pdftools.write(tmp_path, pdf))
    assert '<script>alert("x")</script>' in text
    for active in (b"/JavaScript", b"/JS ", b"/JS(", b"/OpenAction", b"/Launch", b"javascript:"):
        assert active not in pdf
    # the only link is the verification page
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    links = [annotation.get_object()["/A"] for annotation in page.get("/Annots", [])]
    assert [(link["/S"], link["/URI"]) for link in links] == [("/URI", content.verify_url)]


def test_the_same_content_gives_the_same_bytes_and_hash_changes_with_the_content(content):
    assert render_pdf(content) == render_pdf(content)
    later = dataclasses.replace(content, issue_date=datetime.date(2026, 11, 29))
    assert later.content_hash() != content.content_hash()
    assert dataclasses.replace(content).content_hash() == content.content_hash()


def test_a_certificate_does_not_depend_on_the_certificates_rendered_before_it(content):
    """Font subsets are cached across PDFs: a name with letters outside the cached subset changes nothing later."""
    first = render_pdf(content)
    render_pdf(dataclasses.replace(content, learner_name="Nguyễn Thị Minh Khai Ștefănescu"))
    assert render_pdf(content) == first


def test_letters_beyond_the_shared_font_subset_are_embedded_and_extractable_too(content, tmp_path):
    name = "Nguyễn Ștefănescu Ёлкина"  # ễ and Ș are outside the alphabet every certificate shares
    path = pdftools.write(tmp_path, render_pdf(dataclasses.replace(content, learner_name=name)))
    assert name in pdftools.text(path)
    rows = pdftools.fonts(path)
    assert len(rows) > 2, rows  # the design fonts' second subsets, made for this certificate
    for row in rows:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row


def test_decomposed_accents_tabs_and_control_characters_print_cleanly(content, tmp_path):
    name = "Zoe\u0301\tMu\u0308ller\x00-Ёлкина\n"  # é and ü as letter + combining mark
    text = pdftools.text(pdftools.write(tmp_path, render_pdf(dataclasses.replace(content, learner_name=name))))
    assert "Zoé Müller-Ёлкина" in text
