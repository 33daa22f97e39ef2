"""The fonts shipped with the package, for the PDF (reportlab) and the web theme (static files).

PT Serif regular and bold (ParaType Free Font License) carry the design and full Cyrillic; DejaVu
Sans (Bitstream Vera licence) stands in, character by character, for anything they lack, so a name
in Georgian or Armenian script still prints. Licences sit next to the files. One family on purpose:
every embedded font is subset and compressed per PDF, so each extra face costs about a third more
rendering time.

Making and compressing those subsets was half the rendering time, so the design faces reuse them
(``SubsetCachingFont``): each PDF first claims a fixed alphabet (``prime_subsets``) that fills the
font's first subset of 256 characters, which is then the same in every certificate and is made and
compressed once per process. Characters outside that alphabet (a rare letter in a name) go to a
second, small subset made per PDF as before. The page shows the same glyphs either way.
"""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

FONT_DIR = Path(__file__).resolve().parent / "static" / "ppta-certificates" / "fonts"
FONT_STATIC_PREFIX = "ppta-certificates/fonts/"  # the same files through Django's static files
FONT_FILES = {
    "PPTA-Serif": "PTSerif-Regular.ttf",
    "PPTA-Serif-Bold": "PTSerif-Bold.ttf",
    "PPTA-Fallback": "DejaVuSans.ttf",
}
FALLBACK = "PPTA-Fallback"
DESIGN_FONTS = ("PPTA-Serif", "PPTA-Serif-Bold")  # primed and cached; the fallback is rare, left as it is
# The characters a certificate is written in, most needed first: what fits of them after ASCII
# (which reportlab always puts first) becomes the fixed first subset of each design font.
PRIMED_CHARACTERS = "".join(
    [chr(code) for code in range(0x0400, 0x0460)]  # Cyrillic, incl. Ukrainian, Belarusian, Serbian letters
    + list("Ґґ«»„“”‘’–—…·№")
    + [chr(code) for code in range(0x00C0, 0x0180) if code not in (0x00D7, 0x00F7)]  # Latin-1 and Extended-A letters
)
SUBSET_SIZE = 256  # characters per embedded subset in reportlab


class _CachedFlate:
    """reportlab's FlateDecode filter, remembering the output for the same input (zlib is deterministic)."""

    pdfname = "FlateDecode"

    @staticmethod
    @functools.lru_cache(maxsize=16)
    def encode(data: bytes) -> bytes:
        return zlib.compress(data)


class _SubsetCachingFace(TTFontFace):
    """A font face that makes (and compresses) each distinct subset once per process."""

    @functools.lru_cache(maxsize=16)  # noqa: B019 - faces live as long as the process (registered fonts)
    def _subset(self, codes: tuple[int, ...]) -> bytes:
        return super().makeSubset(list(codes))

    def makeSubset(self, subset) -> bytes:  # noqa: N802 - reportlab's name
        return self._subset(tuple(subset))

    def addSubsetObjects(self, doc, fontname, subset):  # noqa: N802 - reportlab's name
        reference = super().addSubsetObjects(doc, fontname, subset)
        font_file = doc.idToObject[f"fontFile:{self.filename}({fontname})"]  # the stream reportlab just added
        if font_file.filters:
            font_file.filters = [_CachedFlate]
        return reference


class SubsetCachingFont(TTFont):
    """A TrueType font whose subsets are cached (see the module docstring); otherwise reportlab's TTFont."""

    def __init__(self, name: str, filename: str):
        super().__init__(name, filename)
        self.face.__class__ = _SubsetCachingFace  # TTFont builds its face itself; the subclass adds no state


@functools.cache
def register_fonts() -> None:
    """Register the TTFs with reportlab once per process (parsing a TTF is the slow part)."""
    for name, filename in FONT_FILES.items():
        font_class = SubsetCachingFont if name in DESIGN_FONTS else TTFont
        pdfmetrics.registerFont(font_class(name, str(FONT_DIR / filename)))


@functools.cache
def _primed_alphabet(font_name: str) -> str:
    """The characters of ``PRIMED_CHARACTERS`` that fill this font's first subset, in order."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    trial = _TrialDocument()
    claimed = []
    for char in PRIMED_CHARACTERS:
        if font.state.get(trial) and font.state[trial].nextCode >= SUBSET_SIZE:
            break
        if ord(char) in font.face.charToGlyph:
            font.splitString(char, trial)
            claimed.append(char)
    del font.state[trial]
    return "".join(claimed)


class _TrialDocument:
    """A stand-in document for ``_primed_alphabet``: reportlab keeps subset state per document object."""


def prime_subsets(doc) -> None:
    """Claim the fixed alphabet in a new PDF document before anything is drawn, so its first subsets match."""
    for font_name in DESIGN_FONTS:
        pdfmetrics.getFont(font_name).splitString(_primed_alphabet(font_name), doc)


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
