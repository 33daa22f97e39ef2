"""The fonts shipped with the package, for the PDF (reportlab) and the web theme (static files).

PT Serif regular and bold (ParaType Free Font License) carry the design and full Cyrillic; DejaVu
Sans (Bitstream Vera licence) stands in, character by character, for anything they lack, so a name
in Georgian or Armenian script still prints. Licences sit next to the files. One family on purpose:
every embedded font is subset and compressed per PDF, so each extra face costs about a third more
rendering time.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "static" / "ppta-certificates" / "fonts"
FONT_STATIC_PREFIX = "ppta-certificates/fonts/"  # the same files through Django's static files
FONT_FILES = {
    "PPTA-Serif": "PTSerif-Regular.ttf",
    "PPTA-Serif-Bold": "PTSerif-Bold.ttf",
    "PPTA-Fallback": "DejaVuSans.ttf",
}
FALLBACK = "PPTA-Fallback"


@functools.cache
def register_fonts() -> None:
    """Register the TTFs with reportlab once per process (parsing a TTF is the slow part)."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))


@functools.cache
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


@functools.lru_cache(maxsize=4096)
def _runs(font_name: str, text: str) -> tuple[tuple[str, str], ...]:
    primary = _coverage(font_name)
    runs: list[tuple[str, str]] = []
    for char in text:
        font = font_name if ord(char) in primary or char.isspace() else FALLBACK
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return tuple(runs)


@dataclass(frozen=True)
class Typeface:
    """A design font plus the fallback; text is split into runs each font can draw."""

    name: str

    def runs(self, text: str) -> tuple[tuple[str, str], ...]:
        """``(font name, text)`` pieces in order; characters the design font lacks use the fallback."""
        return _runs(self.name, text)

    def width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(run, font, size) for font, run in self.runs(text))

    def draw(self, canvas, x: float, y: float, text: str, size: float) -> None:
        """Draw ``text`` with its left end at ``x`` on baseline ``y``."""
        for font, run in self.runs(text):
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, size)

    def draw_centred(self, canvas, x_centre: float, y: float, text: str, size: float) -> None:
        self.draw(canvas, x_centre - self.width(text, size) / 2, y, text, size)


SERIF = Typeface("PPTA-Serif")
SERIF_BOLD = Typeface("PPTA-Serif-Bold")
