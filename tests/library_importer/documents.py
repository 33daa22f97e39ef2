"""Tiny documents for the importer tests, and the generator of the sample library's PDFs.

``python -m tests.library_importer.documents`` regenerates ``library_importer/sample_library/files``
from its manifest (run once; the PDFs are committed).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def minimal_pdf(pages: int = 1, text: str = "ppta") -> bytes:
    """A valid PDF of a few hundred bytes with ``pages`` pages (no font needed)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=1, invariant=1)
    for number in range(pages):
        pdf.drawString(72, 720, f"{text} {number + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def office_package(kind: str) -> bytes:
    """A minimal .docx/.pptx/.xlsx/.odt package: the members the importer checks for."""
    members = {
        "docx": {"[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>"},
        "pptx": {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<presentation/>"},
        "xlsx": {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"},
        "odt": {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"},
    }[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


def sample_pdf(path: Path, title: str, lines: list[str], pages: int, cyrillic: bool) -> None:
    """A small sample PDF; Cyrillic text uses DejaVu Sans (embedded subset), Latin the built-in Helvetica."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "DejaVuSans" if cyrillic else "Helvetica"
    if cyrillic and font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(FONT_PATH)))
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=1, invariant=1)
    pdf.setTitle(title)
    for page in range(pages):
        pdf.setFont(font, 14)
        y = 780
        for chunk in _wrap(title, 70):
            pdf.drawString(56, y, chunk)
            y -= 20
        pdf.setFont(font, 10)
        for line in lines:
            y -= 16
            pdf.drawString(56, y, line)
        pdf.drawString(56, 40, f"{page + 1} / {pages}")
        pdf.showPage()
    pdf.save()


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current]


def generate_sample_library(root: Path) -> None:
    notice = {
        "en": ["Sample placeholder made for the ppta demo and tests.",
               "It is not the original publication; see the library record for its source."],
        "ru": ["Образец-заглушка для демонстрации и тестов ppta.",
               "Это не оригинальная публикация; источник указан в записи библиотеки."],
    }
    with open(root / "manifest.csv", encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            for lang in ("en", "ru"):
                if row[f"file_{lang}"]:
                    pages = 3 if row["type"] == "handbook" else 1
                    sample_pdf(root / row[f"file_{lang}"], row[f"title_{lang}"],
                               [f"ID: {row['id']}", *notice[lang]], pages, cyrillic=lang == "ru")


if __name__ == "__main__":
    generate_sample_library(Path(__file__).resolve().parents[2] / "library_importer" / "sample_library")
