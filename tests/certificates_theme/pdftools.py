"""Reading rendered PDFs back with poppler (pdftotext, pdffonts, pdftoppm) and zxing-cpp."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from tests.services import executable


def write(tmp_path: Path, pdf: bytes, name: str = "certificate.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text(path: Path) -> str:
    """Extracted text with whitespace runs (incl. no-break spaces) collapsed to one space."""
    raw = subprocess.run([executable("pdftotext", "poppler-utils"), "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True).stdout.decode()
    return " ".join(raw.replace("\u00a0", " ").split())


def fonts(path: Path) -> list[dict]:
    """``pdffonts`` rows as dicts: name, type, emb, sub, uni."""
    out = subprocess.run([executable("pdffonts", "poppler-utils"), str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type [type…] encoding emb sub uni object generation
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5], "sub": parts[-4],
                     "uni": parts[-3]})
    return rows


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Layout:
    pages: int
    width: float
    height: float
    words: list[Word]


def layout(path: Path) -> Layout:
    """Pages and word boxes (points, origin top-left) from ``pdftotext -bbox``."""
    html = subprocess.run([executable("pdftotext", "poppler-utils"), "-bbox", str(path), "-"],
                          capture_output=True, check=True).stdout.decode()
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    root = ElementTree.fromstring(html)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = root.findall(".//x:page", ns)
    words = [
        Word(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")))
        for w in root.findall(".//x:word", ns)
    ]
    return Layout(len(pages), float(pages[0].get("width")), float(pages[0].get("height")), words)


def qr_codes(path: Path, tmp_path: Path) -> list[str]:
    """Texts of the QR codes found on the page rendered at 150 dpi."""
    import zxingcpp
    from PIL import Image

    prefix = tmp_path / "page"
    subprocess.run([executable("pdftoppm", "poppler-utils"), "-r", "150", "-png", "-singlefile", str(path),
                    str(prefix)], check=True)
    return [result.text for result in zxingcpp.read_barcodes(Image.open(f"{prefix}.png"))]
