"""Server-rendered SVG charts (pygal), accessible: role="img", a <title> and a <desc> naming the data table.

No JavaScript and nothing from a CDN: pygal's tooltip script is switched off and any <script> removed.
The chart is a picture of the table beside it, which carries the figures for screen readers.
"""

from __future__ import annotations

import re

import pygal
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from reports.tables import Table

# Dark enough on white for WCAG 1.4.11 (non-text contrast ≥ 3:1).
COLOURS = ("#1f5f99", "#b35900", "#2e7d32", "#6a1b9a", "#c62828")
STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1a1a1a", foreground_strong="#1a1a1a",
    foreground_subtle="#595959", colors=COLOURS, font_family="system-ui, sans-serif",
    label_font_size=13, major_label_font_size=13, legend_font_size=14, value_font_size=12, tooltip_font_size=12,
)
SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
PYGAL_TITLE = re.compile(r"<title>Pygal</title>")
MAX_BARS = 15
LABEL_LIMIT = 26


def _config(**options) -> pygal.Config:
    defaults = {"js": [], "disable_xml_declaration": True, "style": STYLE, "width": 720, "height": 360,
                "show_legend": True, "legend_at_bottom": True, "truncate_label": -1, "truncate_legend": 40,
                "print_values": False}
    return pygal.Config(**{**defaults, **options})


_rendered: dict[tuple, SafeString] = {}  # identical tables draw identical charts: keep the latest few
RENDERED_KEPT = 256


def chart_svg(table: Table, *, title: str, description: str, kind: str = "bar",
              series: tuple[str, ...] | None = None) -> SafeString:
    """An inline SVG of ``table``'s numeric columns (``series`` keys), labelled by its first column.

    Drawing is most of the dashboard's time, and the counts change only when events arrive, so an SVG
    is reused while its table's content, captions and language are the same.
    """
    key = (table.id, title, description, kind, series, tuple((c.key, c.label) for c in table.columns),
           tuple(tuple(row) for row in table.rows))
    svg = _rendered.get(key)
    if svg is None:
        if len(_rendered) >= RENDERED_KEPT:
            _rendered.pop(next(iter(_rendered)), None)  # the oldest first
        svg = _rendered[key] = _draw(table, title=title, description=description, kind=kind, series=series)
    return svg


def _draw(table: Table, *, title: str, description: str, kind: str, series: tuple[str, ...] | None) -> SafeString:
    columns = [column for column in table.columns if column.numeric and (series is None or column.key in series)]
    rows = table.rows[:MAX_BARS] if kind == "hbar" else table.rows
    if kind == "hbar":
        rows = rows[::-1]  # pygal draws the first bar at the bottom: the largest goes on top
    chart_class = {"bar": pygal.Bar, "line": pygal.Line, "hbar": pygal.HorizontalBar}[kind]
    height = max(280, 90 + 30 * len(rows)) if kind == "hbar" else 360  # room for every bar's label
    chart = chart_class(_config(height=height, x_label_rotation=0 if kind == "hbar" else 30))
    labels = [shorten(str(row[0])) for row in rows]  # the table beside the chart has the full names
    chart.x_labels = labels
    index = {column.key: position for position, column in enumerate(table.columns)}
    for column in columns:
        chart.add(column.label, [row[index[column.key]] for row in rows])
    return accessible(chart.render(is_unicode=True), f"ppta-chart-{table.id}", title, description)


def shorten(label: str, limit: int = LABEL_LIMIT) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def accessible(svg: str, chart_id: str, title: str, description: str) -> SafeString:
    svg = PYGAL_TITLE.sub("", COMMENT.sub("", SCRIPT.sub("", svg)))  # our own <title> replaces pygal's
    opening = SVG_OPEN.search(svg)
    attributes = (f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false"'
                  f' width="100%"')
    head = (f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(description)}</desc>')
    tag = opening.group(0)[:-1] + attributes + ">"
    return mark_safe(svg[: opening.start()] + tag + head + svg[opening.end():])  # noqa: S308 (escaped above)
