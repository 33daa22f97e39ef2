"""Thematic-area overview (``ppta_area_overview``): an area's chapter, title and description plus the
author's learning objectives and estimated effort.

Contract (docs: ``xblocks/area_overview/README.md``):

* Fields: ``display_name``; ``area`` (registry slug, ``course_templates.area_slugs()``);
  ``language`` ("" = the learner's UI language, or "en"/"ru"); ``objectives`` (list of strings);
  ``effort`` (free text).
* The chapter, title and description come from the registry (``course_templates.get_area``) in the
  content language; the block's own labels follow the UI language. Content carries ``lang``.
* An unknown area is an author-facing validation error; learners still see the objectives and effort.
* ``student_view_data()`` feeds the mobile apps (the Blocks API collects it once for all users, so
  with ``language=""`` it carries both languages).
"""

from __future__ import annotations

from xblock.core import XBlock
from xblock.fields import List, Scope, String
from xblock.validation import ValidationMessage

from course_templates import LANGUAGES, Area, UnknownAreaError, all_areas, area_slugs, get_area
from xblocks.common import (
    AcademyBlockMixin,
    AuthorEditableMixin,
    AuthoredOlxMixin,
    translations,
    ugettext,
    ui_language,
)
from xblocks.common import (
    gettext_noop as _,  # marked here, translated where shown
)
from xblocks.editor import RowsEditor

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}  # each in its own language, as language pickers show them


def chapter_label(area: Area, language: str) -> str:
    """"Chapter IV" / "Глава IV": part of the area's content, so in the content language."""
    return translations(language).gettext("Chapter {chapter}").format(chapter=area.chapter)


def _area_choices(block) -> list[dict]:
    """The editor's area options, labelled in the UI language ("IV. Title")."""
    language = ui_language()
    choices = [{"display_name": ugettext("Choose a thematic area"), "value": ""}]
    choices += [{"display_name": f"{area.chapter}. {area.title(language)}", "value": area.slug} for area in all_areas()]
    return choices


def _language_choices(block) -> list[dict]:
    choices = [{"display_name": ugettext("The learner's interface language"), "value": ""}]
    return choices + [{"display_name": LANGUAGE_NAMES[code], "value": code} for code in LANGUAGES]


@XBlock.wants("user", "studio_user_permissions", "i18n")  # i18n: the editor then translates labels
class AreaOverviewBlock(AuthoredOlxMixin, AuthorEditableMixin, AcademyBlockMixin, XBlock):
    """Presents one of the six thematic areas at the start of a course or section."""

    display_name = String(
        display_name=_("Display name"),
        help=_("The component's name in the course outline."),
        default=_("Thematic area overview"),
        scope=Scope.settings,
    )
    area = String(
        display_name=_("Thematic area"),
        help=_("The thematic area this overview presents; its chapter, title and description come from the "
               "academy's registry."),
        default="",
        scope=Scope.settings,
        values_provider=_area_choices,
    )
    language = String(
        display_name=_("Content language"),
        help=_("The language of the area's title and description. The learner's interface language fits "
               "bilingual courses; choose a language for a course taught in one language."),
        default="",
        scope=Scope.settings,
        values_provider=_language_choices,
    )
    objectives = List(
        display_name=_("Learning objectives"),
        help=_("One objective per row, e.g. “Explain the readmission procedure”. Learners see them in this order."),
        default=[],
        scope=Scope.content,
    )
    effort = String(
        display_name=_("Estimated effort"),
        help=_('Free text, e.g. "4 hours" or "2 sessions of 90 minutes".'),
        default="",
        scope=Scope.content,
    )

    editable_fields = ("display_name", "area", "language", "objectives", "effort")
    editor_rows = {"objectives": RowsEditor(_("Objective %(number)s"), _("Add an objective"))}
    icon_class = "other"

    # ----- content -----

    def content_language(self) -> str:
        """The language of the registry texts: the author's choice, else the learner's UI language."""
        return self.language if self.language in LANGUAGES else ui_language()

    def registry_area(self) -> Area | None:
        try:
            return get_area(self.area)
        except UnknownAreaError:
            return None

    def clean_objectives(self) -> list[str]:
        objectives = self.objectives if isinstance(self.objectives, list) else []
        return [str(item).strip() for item in objectives if str(item).strip()]

    # ----- views -----

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        area, language = self.registry_area(), self.content_language()
        html = self.render_template("templates/area_overview.html", {
            "heading_id": self.html_id("heading"),
            "ui_language": ui_language(),
            "content_language": language,
            # The author's objectives and effort are in the course language when the author chose one.
            "author_language": self.language if self.language in LANGUAGES else "",
            "area": area,
            "chapter": chapter_label(area, language) if area else "",
            "area_title": area.title(language) if area else self.display_title(),
            "description": area.description(language) if area else "",
            "objectives": self.clean_objectives(),
            "effort": self.effort.strip(),
            # Only the course team learns why the registry part is missing.
            "problem": self.area_problem() if area is None and self.can_edit() else "",
        })
        return self.make_fragment(html, css=("static/area_overview.css",))

    def student_view_data(self, context=None):
        """For the mobile apps: registry texts in the content language (both languages when it is the UI's)."""
        area = self.registry_area()
        languages = (self.language,) if self.language in LANGUAGES else LANGUAGES
        data = {
            "display_name": self.display_name,
            "area": self.area,
            "language": self.language,
            "objectives": self.clean_objectives(),
            "effort": self.effort.strip(),
            "area_known": area is not None,
        }
        if area is not None:
            data.update({
                "chapter": area.chapter,
                "code": area.code,
                "chapter_label": {lang: chapter_label(area, lang) for lang in languages},
                "title": {lang: area.title(lang) for lang in languages},
                "description": {lang: area.description(lang) for lang in languages},
            })
        return data

    def index_dictionary(self):
        """Course search: the area's title and description, the objectives and the effort."""
        index = super().index_dictionary()
        area = self.registry_area()
        languages = (self.language,) if self.language in LANGUAGES else LANGUAGES
        content = index.setdefault("content", {})
        if area is not None:
            content["area_title"] = " / ".join(area.title(lang) for lang in languages)
            content["description"] = " ".join(area.description(lang) for lang in languages)
        content["objectives"] = " ".join(self.clean_objectives())
        content["effort"] = self.effort.strip()
        return index

    # ----- authoring -----

    def area_problem(self) -> str:
        """Why the area cannot be shown, in the author's words ("" when it can)."""
        return area_problem(self.area)

    def clean_studio_edits(self, data):
        for name in ("area", "effort", "display_name"):
            if isinstance(data.get(name), str):
                data[name] = data[name].strip()
        if isinstance(data.get("objectives"), list):
            data["objectives"] = [item.strip() if isinstance(item, str) else item for item in data["objectives"]]
            data["objectives"] = [item for item in data["objectives"] if item != ""]

    def validate_field_data(self, validation, data):
        problem = area_problem(data.area)
        if problem:
            validation.add(ValidationMessage(ValidationMessage.ERROR, problem))
        if data.language not in ("", *LANGUAGES):
            validation.add(ValidationMessage(ValidationMessage.ERROR, ugettext(
                "Content language must be empty (the learner's interface language), en or ru.")))
        objectives = data.objectives
        if not isinstance(objectives, list) or not all(isinstance(item, str) for item in objectives):
            validation.add(ValidationMessage(ValidationMessage.ERROR, ugettext(
                'Learning objectives must be a JSON list of texts, e.g. ["…", "…"].')))
        if not isinstance(data.effort, str):
            validation.add(ValidationMessage(ValidationMessage.ERROR, ugettext("Estimated effort must be text.")))

    @staticmethod
    def workbench_scenarios():
        return [
            (
                "Thematic-area overview: Integration, in Russian",
                """<vertical_demo>
                  <ppta_area_overview display_name="Обзор тематической области" area="integration" language="ru"
                    effort="4 часа"
                    objectives='["Объяснить основные модели интеграции мигрантов",
                                 "Сравнить национальные программы интеграции"]'/>
                </vertical_demo>""",
            ),
            (
                "Thematic-area overview: Asylum, in the learner's interface language",
                """<vertical_demo>
                  <ppta_area_overview area="asylum-international-protection" language="" effort="2 x 90 min"
                    objectives='["Describe a fair and efficient asylum procedure",
                                 "Use country-of-origin information"]'/>
                </vertical_demo>""",
            ),
            (
                "Thematic-area overview: unknown area (author sees the problem)",
                """<vertical_demo>
                  <ppta_area_overview area="space-migration" effort="1 hour" objectives='["Read the handbook"]'/>
                </vertical_demo>""",
            ),
        ]


def area_problem(slug) -> str:
    """Author-facing message for an unset or unknown area slug ("" when the slug is known)."""
    if not slug:
        return ugettext("Choose the thematic area this overview presents.")
    if slug in area_slugs():
        return ""
    return ugettext("Unknown thematic area “{area}”. Choose one of: {known}.").format(
        area=slug, known=", ".join(area_slugs()))
