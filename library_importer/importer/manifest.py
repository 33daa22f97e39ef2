"""Reading the manifest (``manifest.csv``, ``manifest.yaml`` or ``manifest.json``) into normalised rows.

Every value becomes NFC-normalised, trimmed text; lists (``areas`` in YAML/JSON) become the same
``;``-separated text a CSV cell holds, so validation sees one shape whatever the format.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from library_importer.importer.problems import SourceError

MANIFEST_NAMES = ("manifest.csv", "manifest.yaml", "manifest.yml", "manifest.json")
LANGUAGE_FIELDS = ("title", "description", "file", "url")
COLUMNS = (
    "id", "type", "areas", "year", "project", "country", "audience", "license",
    "title_en", "title_ru", "description_en", "description_ru", "file_en", "file_ru", "url_en", "url_ru",
)


@dataclass(frozen=True, slots=True)
class ManifestRow:
    number: int  # CSV line number (header = 1) or YAML/JSON record number (from 1)
    values: dict[str, str]  # every column of COLUMNS, "" when absent
    unknown: tuple[str, ...] = ()  # keys that are not columns (reported by validation)


@dataclass(frozen=True)
class Manifest:
    name: str
    rows: list[ManifestRow]


def normalise_text(value) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def read_manifest(root: Path, encoding: str | None = None) -> Manifest:
    """Find and parse the one manifest in ``root``; ``SourceError`` when missing, ambiguous or unreadable."""
    found = [name for name in MANIFEST_NAMES if (root / name).is_file()]
    if not found:
        raise SourceError(f"no manifest found: the source needs one of {', '.join(MANIFEST_NAMES)}")
    if len(found) > 1:
        raise SourceError(f"more than one manifest ({', '.join(found)}); keep exactly one")
    name = found[0]
    text = _decode(root / name, encoding)
    if name.endswith(".csv"):
        rows = _csv_rows(text)
    else:
        try:
            data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as error:
            raise SourceError(f"{name} cannot be parsed: {error}") from error
        rows = _record_rows(name, data)
    if not rows:  # also protects the catalog from --prune with a truncated manifest
        raise SourceError(f"{name} lists no materials")
    return Manifest(name, rows)


def _decode(path: Path, encoding: str | None) -> str:
    data = path.read_bytes()
    try:
        if encoding is None or encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            return data.decode("utf-8-sig")  # with or without a byte-order mark (Excel writes one)
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding:
            raise SourceError(f"{path.name} cannot be decoded as {encoding}: {error.reason} "
                              f"at byte {error.start}") from error
        bad = data[error.start]
        raise SourceError(
            f"{path.name} is not UTF-8 (byte 0x{bad:02x} at position {error.start}); if it was saved in "
            f"another encoding, name it with --encoding, e.g. --encoding cp1251"
        ) from error


def _csv_rows(text: str) -> list[ManifestRow]:
    lines = text.splitlines()
    header = lines[0] if lines else ""
    # Excel with a Russian or German locale writes ';'-separated CSV; the areas cell is then quoted.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_cells = [normalise_text(cell).lower() for cell in next(reader, [])]
    except csv.Error as error:
        raise SourceError(f"manifest.csv line 1: {error}") from error
    if not any(header_cells):
        raise SourceError("manifest.csv is empty: the first line must name the columns (id, type, areas, …)")
    duplicates = sorted({cell for cell in header_cells if cell and header_cells.count(cell) > 1})
    if duplicates:
        raise SourceError(f"manifest.csv names the column(s) {', '.join(duplicates)} more than once")
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, as spreadsheets leave them
            if len(cells) > len(header_cells):
                raise SourceError(f"manifest.csv line {reader.line_num}: {len(cells)} cells but only "
                                  f"{len(header_cells)} column names (a value with an unquoted {delimiter!r}?)")
            record = dict(zip(header_cells, cells, strict=False))
            rows.append(_row(reader.line_num, record))
    except csv.Error as error:
        raise SourceError(f"manifest.csv line {reader.line_num}: {error}") from error
    return rows


def _record_rows(name: str, data) -> list[ManifestRow]:
    if isinstance(data, dict) and "materials" in data:
        data = data["materials"]
    if not isinstance(data, list):
        raise SourceError(f"{name} must hold a list of materials (or a mapping with a 'materials' list)")
    rows = []
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise SourceError(f"{name} record {number} is not a mapping of column names to values")
        rows.append(_row(number, {str(key).strip().lower(): _cell(value) for key, value in record.items()}))
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # YAML 1.1 reads a bare NO (Norway) or yes as a boolean
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ";".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)  # reported as an invalid value by validation
    return str(value)


def _row(number: int, record: dict[str, str]) -> ManifestRow:
    values = {column: normalise_text(value) if (value := record.get(column)) else "" for column in COLUMNS}
    unknown = tuple(key for key, value in record.items() if key not in COLUMNS and key and (value or "").strip())
    return ManifestRow(number=number, values=values, unknown=unknown)
