"""The library's query parameters, validated once for the pages and the REST API.

Parameters (stable, documented in README): ``q`` text, ``area`` and ``type`` (repeatable),
``language``, ``year``, ``country``. Choice labels are computed when the form is rendered, so
they follow the request language.
"""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES, all_areas
from library_importer import display
from library_importer.models import Material
from library_importer.search import MaterialFilters


def _area_choices():
    lang = display.request_language()
    return [(area.slug, area.title(lang)) for area in all_areas()]


def _type_choices():
    lang = display.request_language()
    return [(term.id, term.label(lang)) for term in MATERIAL_TYPES]


def _language_choices():
    lang = display.request_language()
    return [("", _("Any language"))] + [(term.id, term.label(lang)) for term in CONTENT_LANGUAGES]


def _published_values(field: str, **exclude) -> list:
    """Distinct values of ``field`` among published materials (for the year and country menus)."""
    published = Material.objects.filter(status=Material.Status.PUBLISHED).exclude(**exclude)
    return list(published.order_by().values_list(field, flat=True).distinct())


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    area = forms.MultipleChoiceField(
        label=_("Thematic area"), required=False, choices=_area_choices, widget=forms.CheckboxSelectMultiple
    )
    type = forms.MultipleChoiceField(
        label=_("Type of material"), required=False, choices=_type_choices, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=_language_choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200, widget=forms.Select)
    country = forms.CharField(
        label=_("Country"),
        required=False,
        widget=forms.Select,
        validators=[RegexValidator(r"^[A-Za-z]{2}$", _("Enter a two-letter ISO 3166 country code."))],
    )

    def __init__(self, *args, with_catalog_choices: bool = False, **kwargs):
        """``with_catalog_choices`` fills the year and country menus from the published catalog (pages)."""
        super().__init__(*args, **kwargs)
        self.country_codes: list[str] = []
        if with_catalog_choices:
            lang = display.request_language()
            self.fields["year"].widget.choices = [("", _("Any year"))] + [
                (year, str(year)) for year in sorted(_published_values("year", year__isnull=True), reverse=True)
            ]
            self.country_codes = _published_values("country", country="")
            countries = [(code, display.country_name(code, lang)) for code in self.country_codes]
            self.fields["country"].widget.choices = [("", _("Any country"))] + sorted(countries, key=lambda c: c[1])

    def filters(self) -> MaterialFilters:
        """The validated query as search filters (call after ``is_valid()``)."""
        data = self.cleaned_data
        return MaterialFilters(
            q=data.get("q") or "",
            areas=tuple(data.get("area") or ()),
            types=tuple(data.get("type") or ()),
            language=data.get("language") or None,
            years=(data["year"],) if data.get("year") else (),
            countries=(data["country"].upper(),) if data.get("country") else (),
        )
