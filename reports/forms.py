"""The dashboard's filters: period (months), thematic area, country, course language."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from course_templates import all_areas
from reports.tables import ReportFilters, area_label, country_label, language_label

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_MONTHS = 120


class MonthField(forms.CharField):
    """A month as ``YYYY-MM`` (what ``<input type="month">`` sends), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "pattern": r"\d{4}-\d{2}", "placeholder": "2026-01"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
            raise forms.ValidationError(_("Enter a month as year and month, for example 2026-03."), code="invalid")
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, the current one included."""
    end = datetime.date(today.year, today.month, 1)
    start = datetime.date(end.year - 1, end.month, 1)
    start = datetime.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, end


class ReportFilterForm(forms.Form):
    start = MonthField(label=_("From month"), required=False)
    end = MonthField(label=_("To month"), required=False)
    area = forms.ChoiceField(label=pgettext_lazy("report dimension", "Thematic area"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Course language"), required=False)

    def __init__(self, data, *, lang: str, countries: list[str], languages: list[str]):
        super().__init__(data)
        everything = [("", _("All"))]
        areas = [(area.slug, area_label(area.slug, lang)) for area in all_areas()]
        self.fields["area"].choices = [*everything, *areas, ("unknown", area_label("unknown", lang))]
        self.fields["country"].choices = everything + sorted(
            ((code, country_label(code, lang)) for code in countries), key=lambda choice: choice[1])
        self.fields["language"].choices = everything + [(code, language_label(code, lang)) for code in languages]

    def clean(self):
        cleaned = super().clean()
        default_start, default_end = default_period(timezone.now().date())
        start, end = cleaned.get("start"), cleaned.get("end")
        if "start" in cleaned and start is None:
            cleaned["start"] = start = default_period(end)[0] if end else default_start
        if "end" in cleaned and end is None:
            cleaned["end"] = end = default_end
        if start and end:
            if start > end:
                self.add_error("end", _("The last month must not be before the first month."))
            elif (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
                self.add_error("start", _("Choose a period of at most ten years."))
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:  # screen readers announce the error with its field
            if name in self.fields:
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}-error"})

    def filters(self) -> ReportFilters:
        """The valid filters, or the defaults (last twelve months, everything) while the form has errors."""
        if self.is_valid():
            data = self.cleaned_data
            return ReportFilters(data["start"], data["end"], data["area"], data["country"], data["language"])
        return ReportFilters(*default_period(timezone.now().date()))
