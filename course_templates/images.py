"""The course card image: a plain PNG in the area's colour, written without an imaging library so
that the bytes never change between machines or library versions."""

from __future__ import annotations

import struct
import zlib

from course_templates.areas import Area

WIDTH, HEIGHT = 378, 225  # Studio's recommended course card size
# One dark (white text reads on it) and one light shade per Action Plan chapter, I..VI.
AREA_COLOURS = {
    "I": ((11, 58, 102), (140, 176, 209)),
    "II": ((0, 94, 84), (128, 196, 186)),
    "III": ((120, 63, 4), (230, 182, 120)),
    "IV": ((92, 33, 110), (196, 160, 212)),
    "V": ((28, 87, 31), (158, 206, 150)),
    "VI": ((140, 23, 38), (232, 150, 160)),
}


def course_image_png(area: Area) -> bytes:
    """A WIDTH×HEIGHT PNG: the area's dark colour with a light band across the lower third."""
    dark, light = AREA_COLOURS[area.chapter]
    band_top, band_bottom = HEIGHT * 2 // 3, HEIGHT * 2 // 3 + 12
    rows = bytearray()
    for y in range(HEIGHT):
        rows.append(0)  # PNG filter type "none"
        rows += bytes(light if band_top <= y < band_bottom else dark) * WIDTH
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + _chunk(
        b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
