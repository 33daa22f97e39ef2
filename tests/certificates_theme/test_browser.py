"""The web certificate in headless Chromium: each language mode looks right, prints on one A4 page, passes axe."""

from __future__ import annotations

import base64
import io
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from certificates_theme.texts import LANGUAGE_MODES
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]  # live server shares the test DB

SCREENSHOTS = Path(tempfile.mkdtemp(prefix="ppta-certificate-screens-"))


@pytest.mark.parametrize("mode", list(LANGUAGE_MODES))
def test_certificate_page_in_each_mode(chromium, live_server, mode):
    chromium.set_window_size(1400, 1000)
    chromium.get(f"{live_server.url}/academy/certificates/{mode}/")
    chromium.save_screenshot(str(SCREENSHOTS / f"certificate-{mode}.png"))
    expected_lang = "en" if mode == "bilingual" else mode
    assert chromium.execute_script("return document.documentElement.lang") == expected_lang
    # the shipped fonts are served and used (not a system fallback)
    loaded = chromium.execute_async_script(
        "const done = arguments[0]; document.fonts.ready.then(() => done("
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)))")
    assert {family.strip('"') for family in loaded} == {"PPTA Serif"}, loaded  # no fallback needed here
    sheet = chromium.find_element("css selector", ".ppta-sheet")
    assert sheet.size["width"] > sheet.size["height"] > 0.6 * sheet.size["width"]  # landscape, A4-like
    title = chromium.find_element("css selector", "h1").text
    assert ("Certificate of Completion" in title) == (mode != "ru")
    assert ("Сертификат об окончании курса" in title) == (mode != "en")
    assert_accessible(chromium)


@pytest.mark.parametrize("mode", list(LANGUAGE_MODES))
def test_printing_the_certificate_gives_one_a4_landscape_page_without_the_buttons(chromium, live_server, mode):
    chromium.get(f"{live_server.url}/academy/certificates/{mode}/")
    printed = chromium.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    pdf = PdfReader(io.BytesIO(base64.b64decode(printed["data"])))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = pdf.pages[0].extract_text()
    assert "Download PDF" not in text and "Скачать PDF" not in text


def test_download_pdf_button_gives_the_pdf(chromium, live_server):
    chromium.get(f"{live_server.url}/academy/certificates/ru/")
    href = chromium.find_element("css selector", ".ppta-banner a").get_attribute("href")
    assert href.endswith("/academy/certificates/ru/?format=pdf")
    pdf = chromium.execute_async_script(
        "const done = arguments[1]; fetch(arguments[0]).then(r => r.arrayBuffer().then(b => "
        "done([r.headers.get('content-type'), new TextDecoder('latin1').decode(new Uint8Array(b).slice(0, 5))])))",
        href)
    assert pdf == ["application/pdf", "%PDF-"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_demo_index_lists_every_mode_and_is_accessible(chromium, live_server, lang):
    chromium.get(f"{live_server.url}/academy/")
    chromium.add_cookie({"name": "openedx-language-preference", "value": lang})
    chromium.get(f"{live_server.url}/academy/certificates/")
    links = chromium.find_elements("css selector", "main table a")
    assert len(links) == 2 * len(LANGUAGE_MODES)
    heading = chromium.find_element("css selector", "h1").text
    assert heading == ("Сертификаты" if lang == "ru" else "Certificates")
    assert_accessible(chromium)
    chromium.delete_cookie("openedx-language-preference")


def test_invalid_certificate_page_is_bilingual_and_accessible(chromium, live_server):
    chromium.get(f"{live_server.url}/academy/certificates/invalid/")
    headings = [element.text for element in chromium.find_elements("css selector", "h1")]
    assert headings == ["This certificate is not valid", "Сертификат недействителен"]
    assert_accessible(chromium)
