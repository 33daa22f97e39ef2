"""The closed vocabularies of a trainer profile, each defined once (labels translated where shown)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from course_templates import all_areas, area_slugs  # noqa: F401 (area_slugs: the one list of areas)

# Kinds of trainer the academy's network counts: state officials and the three non-state groups.
KINDS = (
    ("state", _("State")),
    ("international-organisation", _("Non-state: international organisation")),
    ("academia", _("Non-state: academia")),
    ("civil-society", _("Non-state: civil society")),
)

# Languages trainings are delivered in across the Prague Process region (ISO 639-1); names come
# from CLDR in the page language, so none of them needs a translation here.
DELIVERY_LANGUAGES = ("ru", "en", "uk", "ro", "ka", "hy", "az", "kk", "ky", "uz", "tg", "tk", "tr", "sr", "mk",
                      "sq", "bs", "hr", "cs", "pl", "de", "fr", "lt", "lv", "et", "bg", "hu", "sk", "sl", "el")

# The Prague Process participating states (domain-fixtures.yaml, ISO 3166 alpha-2; XK = Kosovo*).
COUNTRIES = ("AL", "AM", "AT", "AZ", "BY", "BE", "BA", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "GE", "DE",
             "GR", "HU", "IE", "IT", "KZ", "XK", "KG", "LV", "LI", "LT", "LU", "MK", "MT", "ME", "NL", "NO", "PL",
             "PT", "MD", "RO", "RU", "RS", "SK", "SI", "ES", "SE", "CH", "TJ", "TR", "TM", "UA", "UZ")

GENDERS = (("women", _("Women")), ("men", _("Men")), ("other", _("Other or not stated")))


def area_choices(lang: str) -> list[tuple[str, str]]:
    return [(area.slug, area.title(lang)) for area in all_areas()]


def country_choices(lang: str) -> list[tuple[str, str]]:
    from library_importer.public import country_name

    return sorted(((code, country_name(code, lang)) for code in COUNTRIES), key=lambda choice: choice[1])


def language_name(code: str, lang: str) -> str:
    from babel import Locale

    name = Locale.parse(lang).languages.get(code, code)
    return name[:1].upper() + name[1:]


def language_choices(lang: str) -> list[tuple[str, str]]:
    return [(code, language_name(code, lang)) for code in DELIVERY_LANGUAGES]


def kind_label(kind: str) -> str:
    return str(dict(KINDS).get(kind, kind))
