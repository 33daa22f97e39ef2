"""CSV and XLSX files of a report table; ``for_sharing`` hides learner counts below 5."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from reports.tables import Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # spreadsheet formula injection (a label is never a formula)


def _cells(table: Table, for_sharing: bool) -> list[list]:
    rows = table.shared_rows() if for_sharing else table.rows
    return [[column.label for column in table.columns], *rows]


def _safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(table: Table, *, for_sharing: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _cells(table, for_sharing):
        writer.writerow([_safe_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8 (Cyrillic)


def to_xlsx(table: Table, *, for_sharing: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.id[:31]
    for row in _cells(table, for_sharing):
        sheet.append([_safe_text(value) for value in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
