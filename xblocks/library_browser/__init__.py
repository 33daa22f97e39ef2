"""Library browser: search and filter the academy's materials catalog inside a course unit.

Results come from ``library_importer.public.search_materials`` and link to the library's detail
and download pages. The author presets the filters (e.g. the course's thematic area); learners can
change them. Every visible string is rendered on the server, in the UI language: the ``search``
handler returns the result list as HTML plus a translated summary, so JavaScript shows no
untranslated text.
"""

from __future__ import annotations

from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Integer, List, Scope, String
from xblock.validation import ValidationMessage

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES, all_areas, area_slugs, term_ids
from xblocks.assets import add_shared_css
from xblocks.catalog import library
from xblocks.common import AcademyBlockMixin, AuthorEditableMixin, AuthoredOlxMixin, ugettext, ui_language
from xblocks.common import gettext_noop as _  # marked here, translated where shown
from xblocks.library_browser.results import SearchRequest, render_results

MAX_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200


def _area_choices(block) -> list[dict]:
    return [{"display_name": area.title(ui_language()), "value": area.slug} for area in all_areas()]


def _type_choices(block) -> list[dict]:
    return [{"display_name": term.label(ui_language()), "value": term.id} for term in MATERIAL_TYPES]


@XBlock.needs("i18n")
@XBlock.wants("user", "studio_user_permissions")
class LibraryBrowserBlock(AuthoredOlxMixin, AuthorEditableMixin, AcademyBlockMixin, XBlock):
    """Search box, filters (area, type, language) and paginated results from the materials library."""

    display_name = String(
        display_name=_("Display name"), default="Materials library", scope=Scope.settings,
        help=_("The name learners see for this component."),
    )
    preset_areas = List(
        display_name=_("Preset thematic areas"), default=[], scope=Scope.settings,
        help=_("Areas selected when the component opens (learners can change them)."),
        list_style="set", list_values_provider=_area_choices,
    )
    preset_types = List(
        display_name=_("Preset material types"), default=[], scope=Scope.settings,
        help=_("Material types selected when the component opens (learners can change them)."),
        list_style="set", list_values_provider=_type_choices,
    )
    preset_language = String(
        display_name=_("Preset language"), default="", scope=Scope.settings,
        values_provider=lambda block: [{"display_name": ugettext(label), "value": value} for value, label in (
            ("", "Any language"), ("en", "English"), ("ru", "Russian"))],
        help=_("Show only materials available in this language when the component opens."),
    )
    page_size = Integer(
        display_name=_("Results per page"), default=10, scope=Scope.settings,
        values={"min": 1, "max": MAX_PAGE_SIZE, "step": 1},
        help=_("How many materials one page of results lists (1–50)."),
    )

    editable_fields = ("display_name", "preset_areas", "preset_types", "preset_language", "page_size")
    icon_class = "other"
    has_custom_completion = False  # nothing to complete: a search tool completes on view (LMS default)

    def preset_request(self) -> SearchRequest:
        """The search the component opens with; presets are filtered to known values (OLX may hold anything)."""
        language = self.preset_language if self.preset_language in term_ids(CONTENT_LANGUAGES) else ""
        return SearchRequest(
            q="",
            areas=tuple(slug for slug in self.preset_areas or () if slug in area_slugs()),
            types=tuple(type_id for type_id in self.preset_types or () if type_id in term_ids(MATERIAL_TYPES)),
            language=language,
            page=1,
        )

    def effective_page_size(self) -> int:
        try:
            return min(max(int(self.page_size), 1), MAX_PAGE_SIZE)
        except (TypeError, ValueError):
            return self.fields["page_size"].default

    # ---- views ----

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        public = library()
        request = self.preset_request()
        ui = ui_language()
        uid = self.html_id("library")
        results = render_results(self, public, request, self.effective_page_size()) if public else None
        html = self.render_template("templates/library.html", {
            "uid": uid,
            "ui_language": ui,
            "display_name": self.display_title(),
            "available": public is not None,
            "request": request,
            "areas": [{"value": area.slug, "label": area.title(ui), "checked": area.slug in request.areas}
                      for area in all_areas()],
            "types": [{"value": term.id, "label": term.label(ui), "checked": term.id in request.types}
                      for term in MATERIAL_TYPES],
            "languages": [{"value": term.id, "label": term.label(ui), "selected": term.id == request.language}
                          for term in CONTENT_LANGUAGES],
            "results_html": results.html if results else "",
            "summary": results.summary if results else "",
        })
        fragment = self.make_fragment(
            html, css=("static/css/library.css",), js=("static/js/library.js",) if public else (),
            init="PptaLibraryBlock" if public else None,
            init_args={"error": ugettext("The search failed. Please try again.")},
        )
        return add_shared_css(fragment)

    def student_view_data(self, context=None):
        """For the mobile apps: the presets (the apps search the library's REST API themselves)."""
        request = self.preset_request()
        return {
            "display_name": self.display_title(),
            "preset_areas": list(request.areas),
            "preset_types": list(request.types),
            "preset_language": request.language,
            "page_size": self.effective_page_size(),
        }

    # ---- learner handler (read-only; POST JSON so that the runtime's CSRF check applies) ----

    @XBlock.json_handler
    def search(self, data, suffix=""):
        """One page of results as server-rendered HTML plus a translated summary for the live region."""
        public = library()
        if public is None:
            raise JsonHandlerError(503, ugettext("The materials library is not available on this site."))
        request = parse_search(data)
        results = render_results(self, public, request, self.effective_page_size())
        return {"html": results.html, "summary": results.summary, "total": results.page.total,
                "page": results.page.page, "num_pages": results.page.num_pages}

    # ---- Studio ----

    def validate_field_data(self, validation, data):
        def error(text):
            validation.add(ValidationMessage(ValidationMessage.ERROR, text))

        unknown_areas = [slug for slug in data.preset_areas or () if slug not in area_slugs()]
        if unknown_areas:
            error(ugettext("Unknown thematic areas: %(values)s.") % {"values": ", ".join(map(str, unknown_areas))})
        unknown_types = [value for value in data.preset_types or () if value not in term_ids(MATERIAL_TYPES)]
        if unknown_types:
            error(ugettext("Unknown material types: %(values)s.") % {"values": ", ".join(map(str, unknown_types))})
        if data.preset_language not in ("", *term_ids(CONTENT_LANGUAGES)):
            error(ugettext("The preset language must be English, Russian or any language."))
        if not isinstance(data.page_size, int) or not 1 <= data.page_size <= MAX_PAGE_SIZE:
            error(ugettext("Results per page must be a whole number from 1 to 50."))

    @staticmethod
    def workbench_scenarios():
        from xblocks.library_browser.scenarios import SCENARIOS

        return SCENARIOS


def parse_search(data) -> SearchRequest:
    """Check a learner's search request; anything unexpected is a 400 naming the field."""
    if not isinstance(data, dict):
        raise JsonHandlerError(400, "Expected a JSON object.")
    q = data.get("q", "")
    if not isinstance(q, str) or len(q) > MAX_QUERY_LENGTH:
        raise JsonHandlerError(400, f"q: a text of at most {MAX_QUERY_LENGTH} characters")
    lists = {}
    for name, allowed in (("areas", area_slugs()), ("types", term_ids(MATERIAL_TYPES))):
        values = data.get(name, [])
        if not isinstance(values, list) or any(value not in allowed for value in values):
            raise JsonHandlerError(400, f"{name}: a list of {', '.join(allowed)}")
        lists[name] = tuple(dict.fromkeys(values))
    language = data.get("language", "")
    if language not in ("", *term_ids(CONTENT_LANGUAGES)):
        raise JsonHandlerError(400, "language: '', 'en' or 'ru'")
    page = data.get("page", 1)
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= 10_000:
        raise JsonHandlerError(400, "page: a whole number from 1")
    return SearchRequest(q=q.strip(), areas=lists["areas"], types=lists["types"], language=language, page=page)
