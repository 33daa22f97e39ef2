"""The report tables: aggregates over the monthly counts, with labels in the page language.

Every figure is a count over many learners; no table has a row per person. The same ``Table`` feeds
the page, its chart and the CSV/XLSX exports, so an export always equals what the page shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date
from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from course_templates import CONTENT_LANGUAGES, UnknownAreaError, get_area
from library_importer.public import country_name, get_material
from reports.models import (
    UNKNOWN,
    LibraryMaterialArea,
    LibraryUse,
    MonthlyContribution,
    MonthlyLearning,
    MonthlyTraining,
)

SUPPRESSED = "<5"
SMALLEST_SHARED_COUNT = 5  # shared exports hide learner counts below this (small numbers identify people)


@dataclass(frozen=True)
class ReportFilters:
    start: datetime.date  # first day of the first month
    end: datetime.date  # first day of the last month (inclusive)
    area: str = ""
    country: str = ""
    language: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    learners: bool = False  # a count of learners: suppressed below 5 in shared exports
    numeric: bool = True


@dataclass
class Table:
    id: str
    caption: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    note: str = ""  # shown under the table on the page

    def shared_rows(self) -> list[list]:
        """The rows with learner counts 1–4 replaced by "<5" (for exports meant for sharing)."""
        return [
            [SUPPRESSED if column.learners and isinstance(value, int) and 0 < value < SMALLEST_SHARED_COUNT else value
             for column, value in zip(self.columns, row, strict=True)]
            for row in self.rows
        ]


def language_code(lang: str) -> str:
    return "ru" if (lang or "").lower().startswith("ru") else "en"


def month_label(month: datetime.date, lang: str) -> str:
    return format_date(month, "LLLL y", locale=language_code(lang))


def country_label(code: str, lang: str) -> str:
    if code == UNKNOWN:
        return pgettext("report value", "Unknown")
    return country_name(code, language_code(lang))


def area_label(slug: str, lang: str) -> str:
    if slug == UNKNOWN:
        return pgettext("report value", "Unknown")
    try:
        return get_area(slug).title(language_code(lang))
    except UnknownAreaError:
        return slug


def language_label(code: str, lang: str) -> str:
    if code == UNKNOWN:
        return pgettext("report value", "Unknown")
    term = next((term for term in CONTENT_LANGUAGES if term.id == code), None)
    if term is not None:
        return term.label(language_code(lang))
    name = Locale.parse(language_code(lang)).languages.get(code, code)
    return name[:1].upper() + name[1:]


def area_heading() -> str:
    # Own context: another app's catalogue translates the bare "Thematic area" differently.
    return pgettext("report dimension", "Thematic area")


def _dimension_filter(filters: ReportFilters, *, country=True, area=True, language=True) -> Q:
    query = Q(month__gte=filters.start, month__lte=filters.end)
    if country and filters.country:
        query &= Q(country=filters.country)
    if area and filters.area:
        query &= Q(area=filters.area)
    if language and filters.language:
        query &= Q(language=filters.language)
    return query


def _learning_columns(first: Column) -> list[Column]:
    return [first, Column("enrolments", _("Enrolments"), learners=True),
            Column("completions", _("Completions"), learners=True),
            Column("certificates", _("Certificates"), learners=True)]


def _learning_by(dimension: str, filters: ReportFilters) -> list[dict]:
    return list(
        MonthlyLearning.objects.filter(_dimension_filter(filters)).values(dimension)
        .annotate(enrolments=Sum("enrolments"), completions=Sum("completions"), certificates=Sum("certificates"))
        .order_by(dimension)
    )


def trend_table(filters: ReportFilters, lang: str) -> Table:
    counts = {row["month"]: row for row in _learning_by("month", filters)}
    table = Table("trend", _("Enrolments, completions and certificates by month"),
                  _learning_columns(Column("month", _("Month"), numeric=False)))
    for month in months_between(filters.start, filters.end):  # every month, also those with nothing
        row = counts.get(month, {})
        table.rows.append([month_label(month, lang), *(row.get(name) or 0 for name in ("enrolments", "completions",
                                                                                       "certificates"))])
    return table


def _ranked_learning(dimension: str, table: Table, filters: ReportFilters, label) -> Table:
    rows = sorted(_learning_by(dimension, filters), key=lambda row: (-(row["enrolments"] or 0), row[dimension]))
    for row in rows:
        table.rows.append([label(row[dimension]), row["enrolments"] or 0, row["completions"] or 0,
                           row["certificates"] or 0])
    return table


def country_table(filters: ReportFilters, lang: str) -> Table:
    table = Table("countries", _("Learners by country"), _learning_columns(Column("country", _("Country"),
                                                                                 numeric=False)))
    return _ranked_learning("country", table, filters, lambda code: country_label(code, lang))


def area_table(filters: ReportFilters, lang: str) -> Table:
    table = Table("areas", _("Learners by thematic area"), _learning_columns(Column("area", area_heading(),
                                                                                   numeric=False)))
    return _ranked_learning("area", table, filters, lambda slug: area_label(slug, lang))


def language_table(filters: ReportFilters, lang: str) -> Table:
    table = Table("languages", _("Learners by course language"),
                  _learning_columns(Column("language", _("Course language"), numeric=False)))
    return _ranked_learning("language", table, filters, lambda code: language_label(code, lang))


LIBRARY_ROWS = 20


def library_table(filters: ReportFilters, lang: str) -> Table:
    """The most used library materials (views and downloads); readers' countries are not recorded."""
    query = Q(month__gte=filters.start, month__lte=filters.end)
    if filters.language:
        query &= Q(language=filters.language)
    if filters.area:
        query &= Q(material_id__in=LibraryMaterialArea.objects.filter(area=filters.area).values("material_id"))
    rows = (
        LibraryUse.objects.filter(query).values("material_id", "language")
        .annotate(views=Sum("views"), downloads=Sum("downloads"))
        .order_by("-downloads", "-views", "material_id", "language")[:LIBRARY_ROWS]
    )
    table = Table("library", _("Most used library materials"), [
        Column("material", _("Material"), numeric=False), Column("language", _("Language"), numeric=False),
        Column("views", _("Views")), Column("downloads", _("Downloads"))])
    for row in rows:
        table.rows.append([material_title(row["material_id"], lang), language_label(row["language"], lang),
                           row["views"] or 0, row["downloads"] or 0])
    return table


def material_title(material_id: str, lang: str) -> str:
    """The material's title in the page language; its catalog id once it is withdrawn."""
    material = get_material(material_id)
    return material.title(language_code(lang)) if material else material_id


def contribution_table(filters: ReportFilters, lang: str) -> Table:
    rows = (
        MonthlyContribution.objects.filter(_dimension_filter(filters, language=False)).values("country", "area")
        .annotate(total=Sum("contributions")).order_by("-total", "country", "area")
    )
    table = Table("contributions", _("Materials contributed by states"), [
        Column("country", _("Country"), numeric=False), Column("area", area_heading(), numeric=False),
        Column("contributions", _("Materials contributed"))])
    for row in rows:
        if row["total"]:
            table.rows.append([country_label(row["country"], lang), area_label(row["area"], lang), row["total"]])
    return table


def training_table(filters: ReportFilters, lang: str) -> Table:
    rows = (
        MonthlyTraining.objects.filter(_dimension_filter(filters, language=False)).values("country", "area")
        .annotate(trainings=Sum("trainings"), participants=Sum("participants"))
        .order_by("-trainings", "country", "area")
    )
    table = Table("trainings", _("Trainings delivered by trainers"), [
        Column("country", _("Country"), numeric=False), Column("area", area_heading(), numeric=False),
        Column("trainings", _("Trainings")), Column("participants", _("Participants"), learners=True)],
        note=_("A training that covered several thematic areas is counted under each of them; "
               "the totals count it once."))
    for row in rows:
        table.rows.append([country_label(row["country"], lang), area_label(row["area"], lang),
                           row["trainings"] or 0, row["participants"] or 0])
    return table


TABLES = {
    "trend": trend_table,
    "countries": country_table,
    "areas": area_table,
    "languages": language_table,
    "library": library_table,
    "contributions": contribution_table,
    "trainings": training_table,
}


def totals(filters: ReportFilters) -> dict[str, int]:
    learning = MonthlyLearning.objects.filter(_dimension_filter(filters)).aggregate(
        enrolments=Sum("enrolments"), completions=Sum("completions"), certificates=Sum("certificates"))
    library_query = Q(month__gte=filters.start, month__lte=filters.end)
    if filters.language:
        library_query &= Q(language=filters.language)
    if filters.area:
        library_query &= Q(material_id__in=LibraryMaterialArea.objects.filter(area=filters.area).values("material_id"))
    library = LibraryUse.objects.filter(library_query).aggregate(views=Sum("views"), downloads=Sum("downloads"))
    contributions = MonthlyContribution.objects.filter(_dimension_filter(filters, language=False)).aggregate(
        contributions=Sum("contributions"))
    # a training covering several areas is in each of their rows: over all areas it counts once
    once = "" if filters.area else "_once"
    trainings = MonthlyTraining.objects.filter(_dimension_filter(filters, language=False)).aggregate(
        trainings=Sum("trainings" + once), participants=Sum("participants" + once))
    return {name: value or 0 for name, value in {**learning, **library, **contributions, **trainings}.items()}


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start
    while month <= end:
        months.append(month)
        month = datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def dimension_values() -> dict[str, list[str]]:
    """Countries and languages present in the data (the filter choices)."""
    countries = set(MonthlyLearning.objects.values_list("country", flat=True).distinct())
    countries |= set(MonthlyContribution.objects.values_list("country", flat=True).distinct())
    countries |= set(MonthlyTraining.objects.values_list("country", flat=True).distinct())
    languages = set(MonthlyLearning.objects.values_list("language", flat=True).distinct())
    return {"countries": sorted(countries), "languages": sorted(languages)}
