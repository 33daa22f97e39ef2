"""The kit's PDFs (agenda, attendance sheet) in the certificates' house style: the same fonts (PT Serif
with the DejaVu fallback, subset-embedded, full Cyrillic), colours and text fitting, through
``certificates_theme.public``. Text is drawn as plain strings, never as markup.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from certificates_theme.public import (
    GOLD,
    INK,
    LEADING,
    NAVY,
    SERIF,
    SERIF_BOLD,
    Box,
    Typeface,
    draw_fitted,
    printable,
    register_fonts,
    wrap,
)
from trainers.content import Outline
from trainers.kittexts import KitTexts

MARGIN = 56


class _Flow:
    """Top-to-bottom text on as many pages as it takes, each page framed and numbered."""

    def __init__(self, canvas: Canvas, size: tuple[float, float], header: str):
        self.canvas, (self.width, self.height), self.header = canvas, size, header
        self.page = 0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.canvas.setStrokeColor(NAVY)
        self.canvas.setLineWidth(1.5)
        self.canvas.rect(20, 20, self.width - 40, self.height - 40, stroke=1, fill=0)
        self.canvas.setFillColor(NAVY)
        draw_fitted(self.canvas, SERIF, self.header.upper(), Box(MARGIN, self.height - 28, self.width - 2 * MARGIN, 18),
                    8, 6, max_lines=1)
        self.canvas.setFillColor(INK)
        draw_fitted(self.canvas, SERIF, str(self.page), Box(MARGIN, 40, self.width - 2 * MARGIN, 14), 8, 6,
                    max_lines=1, align="right")
        self.y = self.height - MARGIN

    def room(self, needed: float) -> None:
        if self.y - needed < MARGIN:
            self._new_page()

    def text(self, text: str, *, face: Typeface = SERIF, size: float = 10.5, indent: float = 0,
             colour=INK, after: float = 4) -> None:
        width = self.width - 2 * MARGIN - indent
        self.canvas.setFillColor(colour)
        for line in wrap(face, printable(text), size, width):
            self.room(size * LEADING)
            self.y -= size * LEADING
            face.draw(self.canvas, MARGIN + indent, self.y + size * 0.2, line, size)
        self.y -= after

    def rule(self) -> None:
        self.room(10)
        self.canvas.setStrokeColor(GOLD)
        self.canvas.setLineWidth(0.8)
        self.canvas.line(MARGIN, self.y - 4, self.width - MARGIN, self.y - 4)
        self.y -= 12


def _canvas(buffer, size, title: str, texts: KitTexts) -> Canvas:
    register_fonts()
    # invariant=1: no timestamps or random ids, so the same course gives the same bytes.
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1, initialFontName=SERIF.name)
    canvas.setTitle(title)
    canvas.setAuthor(texts.academy)
    canvas.setCreator("ppta trainers")
    canvas.setSubject(texts.kit_title)
    return canvas


def agenda_pdf(course_title: str, outline: Outline, texts: KitTexts) -> bytes:
    """The course outline as a training agenda: sections, subsections and their units."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, A4, f"{texts.agenda}: {course_title}", texts)
    flow = _Flow(canvas, A4, texts.academy)
    flow.text(texts.agenda, face=SERIF_BOLD, size=20, colour=NAVY, after=6)
    flow.text(course_title, face=SERIF_BOLD, size=13, after=10)
    flow.rule()
    for number, section in enumerate(outline.sections, start=1):
        flow.room(40)
        flow.text(f"{texts.session} {number}. {section.title}", face=SERIF_BOLD, size=12, colour=NAVY, after=3)
        for sequence_title, units in section.sequences:
            flow.text(sequence_title, face=SERIF_BOLD, size=10.5, indent=12, after=1)
            for unit in units:
                flow.text(f"• {unit}", size=10, indent=24, after=0)
            flow.y -= 4
        flow.y -= 6
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


ATTENDANCE_ROWS = 20


def attendance_pdf(course_title: str, texts: KitTexts) -> bytes:
    """A landscape sign-in sheet: training details to fill in, then numbered rows."""
    size = landscape(A4)
    width, height = size
    buffer = io.BytesIO()
    canvas = _canvas(buffer, size, f"{texts.attendance}: {course_title}", texts)
    flow = _Flow(canvas, size, texts.academy)
    flow.text(texts.attendance, face=SERIF_BOLD, size=18, colour=NAVY, after=4)
    flow.text(course_title, face=SERIF_BOLD, size=12, after=6)
    flow.text(texts.attendance_details, size=10, after=8)
    columns = [("№", 30), (texts.column_name, 220), (texts.column_organisation, 200), (texts.column_gender, 90),
               (texts.column_signature, width - 2 * MARGIN - 540)]
    row_height = 17
    top = flow.y
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    x = MARGIN
    for label, column_width in columns:
        canvas.setFillColor(NAVY)
        draw_fitted(canvas, SERIF_BOLD, label, Box(x + 3, top, column_width - 6, row_height), 9, 6, max_lines=1,
                    align="left")
        x += column_width
    canvas.setFillColor(INK)
    bottom = top - (ATTENDANCE_ROWS + 1) * row_height  # the heading row, then the numbered rows
    for row in range(ATTENDANCE_ROWS + 2):
        canvas.line(MARGIN, top - row * row_height, width - MARGIN, top - row * row_height)
    for row in range(1, ATTENDANCE_ROWS + 1):
        draw_fitted(canvas, SERIF, str(row), Box(MARGIN + 3, top - row * row_height, 24, row_height), 9, 6,
                    max_lines=1)
    x = MARGIN
    for _label, column_width in [*columns, ("", 0)]:
        canvas.line(x, top, x, bottom)
        x += column_width
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
