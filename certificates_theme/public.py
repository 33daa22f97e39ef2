"""What other ppta parts may use of the certificates' PDF house style (the only module they import).

Re-exports only: the kit documents of the trainers app (agenda, attendance sheet) are drawn with the
same fonts (PT Serif + DejaVu fallback, subset-embedded, full Cyrillic), colours and text fitting as
the certificates, so an academy PDF looks and prints the same whatever produced it.
"""

from certificates_theme.fonts import SERIF, SERIF_BOLD, Typeface, register_fonts
from certificates_theme.pdf import GOLD, INK, LEADING, NAVY, Box, draw_fitted, printable, wrap

__all__ = [
    "GOLD",
    "INK",
    "LEADING",
    "NAVY",
    "SERIF",
    "SERIF_BOLD",
    "Box",
    "Typeface",
    "draw_fitted",
    "printable",
    "register_fonts",
    "wrap",
]
