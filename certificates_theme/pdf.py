"""One-page A4-landscape PDF certificate drawn with reportlab.

Text is drawn as plain strings (never reportlab's Paragraph markup), so HTML or script in a name is
printed literally and does nothing. Every text box is measured with the fonts' metrics: long names
and titles shrink, then wrap, and at the smallest size end in "…" rather than leave the page.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

import segno
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from certificates_theme.content import CertificateContent
from certificates_theme.fonts import SERIF, SERIF_BOLD, Typeface, prime_subsets, register_fonts
from certificates_theme.texts import labels

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 64  # text never comes closer to the paper edge than this (points)
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
COLUMN_GAP = 32
NAVY = HexColor("#0b3a66")
GOLD = HexColor("#9a6b12")
INK = HexColor("#1b1b1b")
LEADING = 1.22
ELLIPSIS = "…"
QR_SIZE = 92


@dataclass(frozen=True)
class Box:
    """A text area: left edge, top edge (from the bottom of the page), width, height."""

    x: float
    top: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


def wrap(face: Typeface, text: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the box is broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if face.width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if face.width(current + char, size) > width and current:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines or [""]


def fit(face: Typeface, text: str, box: Box, max_size: float, min_size: float, max_lines: int = 3):
    """The largest size (≥ ``min_size``) at which ``text`` fits the box; returns ``(size, lines)``.

    Wrapping is preferred to shrinking while the box has room for more lines. Widths scale linearly
    with the size, so the text is measured once and wrapped only at sizes where it might fit.
    """
    width_per_point = face.width(text, 1)
    size = max_size
    while size >= min_size:
        if width_per_point * size <= box.width and size * LEADING <= box.height:
            return size, [text]
        allowed = min(max_lines, max(1, int(box.height // (size * LEADING))))
        if allowed > 1 and width_per_point * size <= box.width * allowed:
            lines = wrap(face, text, size, box.width)
            if len(lines) <= allowed:
                return size, lines
        size -= 0.5
    size = min_size
    allowed = min(max_lines, max(1, int(box.height // (size * LEADING))))
    lines = wrap(face, text, size, box.width)[:allowed]
    last = lines[-1]
    while last and face.width(last + ELLIPSIS, size) > box.width:
        last = last[:-1]
    lines[-1] = last + ELLIPSIS
    return size, lines


def printable(text: str) -> str:
    """NFC (one glyph per accented letter), control characters dropped, whitespace runs as one space."""
    text = unicodedata.normalize("NFC", text)
    return " ".join("".join(char for char in text if unicodedata.category(char) != "Cc" or char.isspace()).split())


def draw_fitted(canvas: Canvas, face: Typeface, text: str, box: Box, max_size: float, min_size: float,
                max_lines: int = 3, align: str = "centre") -> None:
    """Draw ``text`` in ``box`` (vertically centred; ``align`` centre, left or right), shrunk and wrapped to fit."""
    size, lines = fit(face, printable(text), box, max_size, min_size, max_lines)
    block = len(lines) * size * LEADING
    baseline = box.top - (box.height - block) / 2 - size * 0.95
    for line in lines:
        if align == "left":
            face.draw(canvas, box.x, baseline, line, size)
        elif align == "right":
            face.draw(canvas, box.x + box.width - face.width(line, size), baseline, line, size)
        else:
            face.draw_centred(canvas, box.centre, baseline, line, size)
        baseline -= size * LEADING


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Vector QR code with its quiet zone: one filled path, a rectangle per run of dark modules."""
    # A fixed mask pattern is as valid as the "best" one and skips segno's 8-way mask scoring,
    # which otherwise costs more than drawing the whole certificate.
    matrix = segno.make(data, error="m", mask=2, boost_error=False).matrix
    border = 4
    modules = len(matrix) + 2 * border
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.saveState()
    canvas.translate(x, y + size)
    canvas.scale(size / modules, -size / modules)  # module grid units, rows going down
    canvas.setFillColor(INK)
    # Integer "re" operators written directly: formatting ~400 rectangles through the path API
    # cost as much as the rest of the certificate.
    operators = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            operators.append(f"{start + border} {row_index + border} {column - start} 1 re")
    canvas.addLiteral("\n".join(operators) + "\nf")
    canvas.restoreState()


def joined(content: CertificateContent, texts: dict[str, dict[str, str]], key: str) -> str:
    return " · ".join(texts[lang][key] for lang in content.languages)


def render_pdf(content: CertificateContent) -> bytes:
    """The certificate as PDF bytes (one A4-landscape page, subset-embedded TrueType fonts)."""
    register_fonts()
    texts = {lang: labels(lang) for lang in content.languages}
    buffer = io.BytesIO()
    # invariant=1: no timestamps or random ids, so the same content gives the same bytes.
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1,
                    initialFontName=SERIF.name)
    prime_subsets(canvas._doc)  # the fonts' first subsets the same in every certificate: made once, reused
    canvas.setTitle(f"{joined(content, texts, 'title')}: {content.learner_name}")
    canvas.setAuthor(joined(content, texts, "academy"))
    canvas.setSubject(" · ".join(content.course_title(lang) for lang in content.languages))
    canvas.setCreator("ppta certificates")

    _draw_frame(canvas)
    _draw_header(canvas, content, texts)
    canvas.setFillColor(INK)
    draw_fitted(canvas, SERIF_BOLD, content.learner_name, Box(MARGIN, 392, CONTENT_WIDTH, 72), 34, 9, max_lines=2)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.line(PAGE_WIDTH / 2 - 180, 316, PAGE_WIDTH / 2 + 180, 316)
    _draw_course_columns(canvas, content, texts)
    _draw_footer(canvas, content, texts)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(3)
    canvas.rect(20, 20, PAGE_WIDTH - 40, PAGE_HEIGHT - 40, stroke=1, fill=0)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.rect(29, 29, PAGE_WIDTH - 58, PAGE_HEIGHT - 58, stroke=1, fill=0)


def _draw_header(canvas: Canvas, content: CertificateContent, texts) -> None:
    canvas.setFillColor(NAVY)
    academy = joined(content, texts, "academy").upper()
    draw_fitted(canvas, SERIF, academy, Box(MARGIN, 548, CONTENT_WIDTH, 20), 11, 6, max_lines=1)
    title_box = Box(MARGIN, 520, CONTENT_WIDTH, 76)
    if len(content.languages) == 1:
        draw_fitted(canvas, SERIF_BOLD, texts[content.languages[0]]["title"], title_box, 32, 12, max_lines=1)
    else:
        upper, lower = (texts[lang]["title"] for lang in content.languages)
        draw_fitted(canvas, SERIF_BOLD, upper, Box(MARGIN, 520, CONTENT_WIDTH, 40), 28, 12, max_lines=1)
        draw_fitted(canvas, SERIF_BOLD, lower, Box(MARGIN, 480, CONTENT_WIDTH, 34), 22, 10, max_lines=1)
    canvas.setFillColor(INK)
    draw_fitted(canvas, SERIF, joined(content, texts, "certify"), Box(MARGIN, 438, CONTENT_WIDTH, 22), 14, 7,
                max_lines=1)


def _draw_course_columns(canvas: Canvas, content: CertificateContent, texts) -> None:
    count = len(content.languages)
    width = (CONTENT_WIDTH - COLUMN_GAP * (count - 1)) / count
    for index, lang in enumerate(content.languages):
        x = MARGIN + index * (width + COLUMN_GAP)
        label = texts[lang]
        canvas.setFillColor(INK)
        draw_fitted(canvas, SERIF, label["completed"], Box(x, 306, width, 22), 13, 7, max_lines=1)
        draw_fitted(canvas, SERIF_BOLD, content.course_title(lang), Box(x, 282, width, 66), 19, 7)
        canvas.setFillColor(NAVY)
        if content.area:
            area = f"{label['area']}: {content.area.chapter}. {content.area_title(lang)}"
            draw_fitted(canvas, SERIF, area, Box(x, 210, width, 28), 11, 6, max_lines=2)
        issued = f"{label['issued']}: {content.issue_date_text(lang)}"
        draw_fitted(canvas, SERIF, issued, Box(x, 176, width, 18), 12, 6, max_lines=1)


def _draw_footer(canvas: Canvas, content: CertificateContent, texts) -> None:
    qr_x = PAGE_WIDTH - MARGIN - QR_SIZE
    caption_width = 120
    text_width = qr_x - MARGIN - caption_width - 24
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, 152, PAGE_WIDTH - MARGIN, 152)
    canvas.setFillColor(INK)
    if content.number:
        number = f"{joined(content, texts, 'number')} {content.number}"
        draw_fitted(canvas, SERIF, number, Box(MARGIN, 136, text_width, 18), 12, 6, max_lines=1, align="left")
    if not content.verify_url:
        return
    verify = joined(content, texts, "verify") + ":"
    draw_fitted(canvas, SERIF, verify, Box(MARGIN, 110, text_width, 16), 10, 6, max_lines=1, align="left")
    canvas.setFillColor(NAVY)
    url_box = Box(MARGIN, 94, text_width, 30)
    draw_fitted(canvas, SERIF, content.verify_url, url_box, 10, 6, max_lines=2, align="left")
    canvas.linkURL(content.verify_url, (MARGIN, url_box.top - url_box.height, MARGIN + text_width, url_box.top),
                   relative=0)
    qr_y = MARGIN - 12
    draw_qr(canvas, content.verify_url, qr_x, qr_y, QR_SIZE)
    canvas.setFillColor(INK)
    caption = Box(qr_x - caption_width - 8, qr_y + QR_SIZE / 2 + 18, caption_width, 36)
    draw_fitted(canvas, SERIF, joined(content, texts, "scan"), caption, 8, 5, max_lines=3, align="right")
