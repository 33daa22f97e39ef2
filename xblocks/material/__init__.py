"""Training material: one document per language, shown inline with open and download fallbacks.

Documents come from the library catalog (``material_id``) or from author URLs (``url_en``,
``url_ru``: https or a course asset). Which language a learner sees: their own earlier choice
(remembered per learner across all training-material blocks), else the UI language, else the
author's default. Opening or downloading the document completes the block.
"""

from __future__ import annotations

import re

from babel.numbers import format_decimal
from django.utils import translation
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Scope, String
from xblock.validation import ValidationMessage

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES
from xblocks.assets import add_shared_css
from xblocks.catalog import library, search_materials
from xblocks.common import (
    AcademyBlockMixin,
    AuthorEditableMixin,
    AuthoredOlxMixin,
    course_asset_or_https,
    ugettext,
    ui_language,
    ungettext,
)
from xblocks.common import (
    gettext_noop as _,  # marked here, translated where shown
)
from xblocks.material.documents import (
    LANGUAGES,
    LIBRARY_MISSING,
    MATERIAL_MISSING,
    Document,
    catalog_view_url,
    find_documents,
)

MATERIAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")  # the library's SlugField ids
PICKER_RESULTS = 20  # materials listed per picker search: enough to choose from, small enough to stay fast
MAX_QUERY_LENGTH = 200
ACTIONS = {"open": "ppta.material.opened", "download": "ppta.material.downloaded"}


def language_label(code: str) -> str:
    """The language's name in the UI language ("Russian" / "Русский")."""
    return next(term.label(ui_language()) for term in CONTENT_LANGUAGES if term.id == code)


def describe_size(size: int | None, page_count: int | None) -> str:
    """"2.3 MB, 48 pages" in the UI language (Babel number format, Russian plurals)."""
    parts = []
    if size:
        megabytes = size >= 1_000_000
        number = format_decimal(size / (1_000_000 if megabytes else 1_000), format="#,##0.#", locale=ui_language())
        parts.append((ugettext("%(size)s MB") if megabytes else ugettext("%(size)s KB")) % {"size": number})
    if page_count:
        parts.append(ungettext("%(count)s page", "%(count)s pages", page_count) % {"count": page_count})
    return ", ".join(parts)


def picker_item(material) -> dict:
    """One material as the editor's picker lists it: title in the UI language and what an author checks."""
    ui = ui_language()
    title_language = material.title_language(ui)
    type_label = next((term.label(ui) for term in MATERIAL_TYPES if term.id == material.type), material.type)
    languages = [code for code in LANGUAGES if code in material.versions]
    shown = material.versions.get(title_language)
    pages = shown.page_count if shown else None
    details = [type_label, str(material.year or ""), ", ".join(language_label(code) for code in languages),
               ungettext("%(count)s page", "%(count)s pages", pages) % {"count": pages} if pages else ""]
    preview = shown and (catalog_view_url(shown) or "")
    return {
        "id": material.id,
        "title": material.title(ui),
        "title_language": title_language,
        "details": " · ".join(part for part in [material.document_note(ui), *details] if part),
        "preview_url": preview or "",
    }


@XBlock.needs("i18n")
@XBlock.wants("user", "replace_urls", "studio_user_permissions")
class TrainingMaterialBlock(
    AuthoredOlxMixin, AuthorEditableMixin, AcademyBlockMixin, CompletableXBlockMixin, XBlock
):
    """A document in Russian and/or English, for learners in the LMS and the mobile apps."""

    display_name = String(
        display_name=_("Display name"), default="Training material", scope=Scope.settings,
        help=_("The name learners see for this component."),
    )
    material_id = String(
        display_name=_("Library material"), default="", scope=Scope.settings,
        help=_("Type part of a title to search the academy library; the chosen material's language versions "
               "are the documents."),
    )
    url_en = String(
        display_name=_("English document URL"), default="", scope=Scope.settings,
        help=_("An https URL or a course file (/static/…). Replaces the library's English version."),
    )
    url_ru = String(
        display_name=_("Russian document URL"), default="", scope=Scope.settings,
        help=_("An https URL or a course file (/static/…). Replaces the library's Russian version."),
    )
    default_language = String(
        display_name=_("Default language"), default="en", scope=Scope.settings,
        values_provider=lambda block: [{"display_name": ugettext("English"), "value": "en"},
                                       {"display_name": ugettext("Russian"), "value": "ru"}],
        help=_("Shown when the learner's interface language has no document and they have not chosen one."),
    )
    preferred_language = String(default="", scope=Scope.preferences)  # the learner's last explicit choice
    completed = Boolean(default=False, scope=Scope.user_state)

    editable_fields = ("display_name", "material_id", "url_en", "url_ru", "default_language")
    material_picker_fields = ("material_id",)  # edited with the library search picker (xblocks.editor)
    icon_class = "other"
    has_custom_completion = True

    # ---- what to show ----

    def documents(self):
        return find_documents(
            material_id=(self.material_id or "").strip(),
            urls={"en": self.url_en, "ru": self.url_ru},
            fallback_title=self.display_title(),
            ui=ui_language(),
        )

    def chosen_language(self, available: tuple[str, ...]) -> str:
        """Learner's remembered choice, else the UI language (or account language), else the author's default."""
        for candidate in (self.preferred_language, self.interface_language(), self.default_language):
            if candidate in available:
                return candidate
        return available[0]

    def interface_language(self) -> str | None:
        """The request's UI language if it is one of the document languages, else the account language."""
        for language in (translation.get_language(), self.user_language_preference()):
            code = (language or "").lower()[:2]
            if code in LANGUAGES:
                return code
        return None

    def asset_url(self, url: str) -> str:
        """A course-asset URL (``/static/…``) as the LMS serves it, for data outside the HTML.

        (In ``student_view`` the LMS rewrites ``/static/`` URLs in the fragment itself.) The
        replace_urls service only rewrites quoted URLs, as they appear in HTML attributes.
        """
        service = self.runtime.service(self, "replace_urls")
        if service is None or not url.startswith("/static/"):
            return url
        return service.replace_urls(f'"{url}"').strip('"')

    # ---- views ----

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        documents = self.documents()
        available = documents.languages
        active = self.chosen_language(available) if available else ""
        uid = self.html_id("material")
        html = self.render_template("templates/material.html", {
            "uid": uid,
            "display_name": self.display_title(),
            "documents": [self.document_context(documents.by_language[code], code == active) for code in available],
            "switch": len(available) > 1,
            "ui_language": ui_language(),
            "problem": self.problem_message(documents.problem),
        })
        return add_shared_css(self.make_fragment(
            html, css=("static/css/material.css",), js=("static/js/material.js",), init="PptaMaterialBlock",
        ))

    def document_context(self, document: Document, active: bool) -> dict:
        return {
            "language": document.language,
            "language_label": language_label(document.language),
            "title": document.title,
            "title_language": document.title_language or document.language,
            "note": document.note,
            "view_url": document.view_url,
            "download_url": document.download_url,
            "details": describe_size(document.size, document.page_count),
            "active": active,
        }

    def problem_message(self, problem: str) -> str:
        if problem == LIBRARY_MISSING:
            return ugettext("The materials library is not available on this site.")
        if problem == MATERIAL_MISSING:
            return ugettext("This material is not available in the library.")
        if problem:
            return ugettext("No document has been added to this component yet.")
        return ""

    def student_view_data(self, context=None):
        """For the mobile apps: the documents and the language this learner would see first."""
        documents = self.documents()
        available = documents.languages
        return {
            "display_name": self.display_title(),
            "material_id": self.material_id,
            "language": self.chosen_language(available) if available else None,
            "documents": {
                code: {
                    "title": document.title,
                    "url": self.asset_url(document.view_url or document.download_url),
                    "download_url": self.asset_url(document.download_url),
                    "size": document.size,
                    "page_count": document.page_count,
                }
                for code, document in documents.by_language.items()
            },
        }

    def index_dictionary(self):
        """Course search: the document titles in every language."""
        index = super().index_dictionary() if hasattr(super(), "index_dictionary") else {}
        titles = " ".join(document.title for document in self.documents().by_language.values())
        index.setdefault("content", {}).update({"display_name": self.display_title(), "titles": titles})
        index["content_type"] = "Training material"
        return index

    # ---- learner handlers (POST JSON; the runtime checks CSRF) ----

    def _requested_language(self, data) -> tuple[str, Document]:
        language = data.get("language") if isinstance(data, dict) else None
        documents = self.documents().by_language
        if language not in documents:
            raise JsonHandlerError(400, "Unknown document language.")
        return language, documents[language]

    @XBlock.json_handler
    def select_language(self, data, suffix=""):
        """Remember the learner's document language (for every training-material block)."""
        language, _document = self._requested_language(data)
        self.preferred_language = language
        self.runtime.publish(self, "ppta.material.language_selected", {
            "material_id": self.material_id, "language": language,
        })
        return {"language": language}

    @XBlock.json_handler
    def record_access(self, data, suffix=""):
        """The learner opened or downloaded a document: publish the event and complete the block."""
        action = data.get("action") if isinstance(data, dict) else None
        if action not in ACTIONS:
            raise JsonHandlerError(400, "Unknown action.")
        language, document = self._requested_language(data)
        url = document.download_url if action == "download" else document.view_url
        if not url:
            raise JsonHandlerError(400, "This document cannot be opened inline.")
        self.runtime.publish(self, ACTIONS[action], {"material_id": self.material_id, "language": language, "url": url})
        self.emit_completion(1.0)
        self.completed = True
        return {"completed": True}

    # ---- Studio ----

    def picker_chosen(self, material_id: str) -> dict | None:
        """The picker's description of the chosen material (None when none is chosen)."""
        material_id = (material_id or "").strip()
        if not material_id:
            return None
        public = library()
        material = public.get_material(material_id) if public else None
        if material is None:
            return {"id": material_id, "title": ugettext("%(id)s (not in the library)") % {"id": material_id},
                    "title_language": ui_language(), "details": "", "preview_url": ""}
        return picker_item(material)

    @XBlock.json_handler
    def material_search(self, data, suffix=""):
        """The editor's search-as-you-type over the library: up to 20 materials, described in the UI language."""
        if not self.can_edit():
            raise JsonHandlerError(403, ugettext("Only course staff can edit this component."))
        q = data.get("q", "") if isinstance(data, dict) else None
        if not isinstance(q, str) or len(q) > MAX_QUERY_LENGTH:
            raise JsonHandlerError(400, f"q: a text of at most {MAX_QUERY_LENGTH} characters")
        public = library()
        if public is None:
            raise JsonHandlerError(503, ugettext("The materials library is not available on this site."))
        page = search_materials(public, q=q.strip(), page=1, page_size=PICKER_RESULTS)
        if not page.total:
            summary = ugettext("No materials match your search.")
        elif page.total > len(page.results):
            summary = ungettext("%(count)s material found; the first %(shown)s are listed. Type more to narrow "
                                "the search.", "%(count)s materials found; the first %(shown)s are listed. Type "
                                "more to narrow the search.", page.total) % {"count": page.total,
                                                                              "shown": len(page.results)}
        else:
            summary = ungettext("%(count)s material found.", "%(count)s materials found.", page.total) % {
                "count": page.total}
        return {"results": [picker_item(material) for material in page.results], "summary": summary,
                "total": page.total}

    def validate_field_data(self, validation, data):
        def error(text):
            validation.add(ValidationMessage(ValidationMessage.ERROR, text))

        for field_name, label in (("url_en", ugettext("English document URL")),
                                  ("url_ru", ugettext("Russian document URL"))):
            url = (getattr(data, field_name) or "").strip()
            if url and not course_asset_or_https(url):
                error(ugettext("%(field)s must be an https:// URL or a course file (/static/…).") % {"field": label})
        material_id = (data.material_id or "").strip()
        if material_id and not MATERIAL_ID.match(material_id):
            error(ugettext("The library material id may contain only letters, digits, hyphens and underscores."))
        elif material_id:
            public = library()
            # Uncached: the author may have imported the material a moment ago.
            if public is not None and public.get_material(material_id) is None:
                error(ugettext("There is no published library material with the id %(id)s.") % {"id": material_id})
        if data.default_language not in LANGUAGES:
            error(ugettext("The default language must be English or Russian."))
        if not material_id and not (data.url_en or "").strip() and not (data.url_ru or "").strip():
            error(ugettext("Choose a library material or enter a document URL."))

    @staticmethod
    def workbench_scenarios():
        from xblocks.material.scenarios import SCENARIOS

        return SCENARIOS
