"""The secretariat's dashboard and the exports of its tables."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from library_importer.public import designation_note, language_switch_context
from reports import charts, exports
from reports.forms import ReportFilterForm
from reports.permissions import secretariat_only
from reports.tables import TABLES, dimension_values, language_code, month_label, totals

FILTER_NAMES = ("start", "end", "area", "country", "language")


def _filter_form(request, values: dict | None = None) -> tuple[ReportFilterForm, str]:
    lang = language_code(get_language())
    form = ReportFilterForm(request.GET, lang=lang, **(values or dimension_values()))
    form.is_valid()
    return form, lang


CHARTS = {  # table id -> chart kind and the columns drawn
    "trend": ("line", ("enrolments", "completions", "certificates")),
    "countries": ("hbar", ("enrolments", "certificates")),
    "areas": ("hbar", ("enrolments", "completions", "certificates")),
    "languages": ("bar", ("enrolments", "completions", "certificates")),
    "library": ("hbar", ("views", "downloads")),
    "trainings": ("hbar", ("trainings", "participants")),
}


@require_safe
@secretariat_only
def dashboard(request):
    values = dimension_values()
    form, lang = _filter_form(request, values)
    filters = form.filters()
    kept = [(name, request.GET[name]) for name in FILTER_NAMES if request.GET.get(name)] if form.is_valid() else []
    query = urlencode(kept)
    sections = []
    for table_id, build in TABLES.items():
        table = build(filters, lang)
        chart = None
        if table_id in CHARTS and table.rows:
            kind, series = CHARTS[table_id]
            description = _("Chart of the figures in the table “%(caption)s” next to it.") % {"caption": table.caption}
            chart = charts.chart_svg(table, kind=kind, series=series, title=table.caption, description=description)
        base = reverse("ppta_reports:export", args=[table_id])
        sections.append({
            "table": table,
            "chart": chart,
            "exports": [
                (_("CSV for sharing (counts under 5 hidden)"), export_url(base, query, "format=csv&sharing=1")),
                (_("Excel for sharing (counts under 5 hidden)"), export_url(base, query, "format=xlsx&sharing=1")),
                (_("CSV, all counts (internal)"), export_url(base, query, "format=csv")),
                (_("Excel, all counts (internal)"), export_url(base, query, "format=xlsx")),
            ],
        })

    figures = totals(filters)
    context = {
        "form": form,
        "period": (month_label(filters.start, lang), month_label(filters.end, lang)),
        "totals": [
            (_("Enrolments"), figures["enrolments"]), (_("Completions"), figures["completions"]),
            (_("Certificates"), figures["certificates"]), (_("Library views"), figures["views"]),
            (_("Library downloads"), figures["downloads"]), (_("Materials contributed"), figures["contributions"]),
            (_("Trainings delivered"), figures["trainings"]),
        ],
        "sections": sections,
        # Kosovo* is named with its designation footnote wherever a page shows it
        "designation_note": designation_note(values["countries"]),
        **language_switch_context(request),
    }
    response = render(request, "ppta_reports/dashboard.html", context)
    response["Cache-Control"] = "private, no-store"  # the secretariat's figures stay out of shared caches
    return response


def export_url(base: str, query: str, extra: str) -> str:
    return f"{base}?{query}&{extra}" if query else f"{base}?{extra}"


@require_safe
@secretariat_only
def export(request, table_id: str):
    """``?format=csv|xlsx`` of one table with the page's filters; ``sharing=1`` hides counts under 5."""
    if table_id not in TABLES:
        raise Http404("No such report table")
    file_format = request.GET.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    form, lang = _filter_form(request)
    table = TABLES[table_id](form.filters(), lang)
    for_sharing = request.GET.get("sharing") == "1"
    if file_format == "csv":
        body, content_type = exports.to_csv(table, for_sharing=for_sharing), exports.CSV_TYPE
    else:
        body, content_type = exports.to_xlsx(table, for_sharing=for_sharing), exports.XLSX_TYPE
    filters = form.filters()
    name = f"ppta-{table_id}-{filters.start:%Y-%m}-{filters.end:%Y-%m}{'-shared' if for_sharing else ''}.{file_format}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
