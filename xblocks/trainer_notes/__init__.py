"""Trainer notes (``ppta_trainer_notes``): facilitator notes and session plans for the course team only.

Contract (docs: ``xblocks/trainer_notes/README.md``):

* Fields: ``display_name``; ``notes`` (author HTML, sanitised with nh3 when saved, imported and
  rendered); ``session_plans`` (list of ``{"title": str, "url": str}``, URLs https:// or a course
  file ``/static/…`` / ``/asset-v1:…``, checked when saved and when rendered).
* Who sees them: course staff, instructors and global staff, as the LMS user service reports them
  (in Studio, whoever may edit the course). Everyone else gets an **empty fragment**; the notes are
  never in ``student_view_data()`` (collected once for all users by the Blocks API) nor in
  ``index_dictionary()`` (course search is open to learners).
* Excluded from completion (``XBlockCompletionMode.EXCLUDED``): learners cannot see it.
"""

from __future__ import annotations

from django.utils.safestring import mark_safe
from web_fragments.fragment import Fragment
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.fields import List, Scope, String
from xblock.validation import ValidationMessage

from xblocks.common import (
    AcademyBlockMixin,
    AuthorEditableMixin,
    AuthoredOlxMixin,
    course_asset_or_https,
    sanitize_html,
    ugettext,
)
from xblocks.common import (
    gettext_noop as _,  # marked here, translated where shown
)
from xblocks.editor import Column, RowsEditor


@XBlock.wants("user", "studio_user_permissions", "i18n")  # i18n: the editor then translates labels
class TrainerNotesBlock(AuthoredOlxMixin, AuthorEditableMixin, AcademyBlockMixin, XBlock):
    """Notes and session plans for trainers; rendered only for the course team."""

    display_name = String(
        display_name=_("Display name"),
        help=_("The component's name in the course outline (course staff only see it)."),
        default=_("Trainer notes"),
        scope=Scope.settings,
    )
    notes = String(
        display_name=_("Notes"),
        help=_("Guidance for trainers. Formatting, lists, tables and https:// links are kept; "
               "scripts, styles and embedded content are removed when you save."),
        default="",
        scope=Scope.content,
        multiline_editor="html",
    )
    session_plans = List(
        display_name=_("Session plans"),
        help=_("One plan per row: a title and a link that starts with https:// or is a course file (/static/…)."),
        default=[],
        scope=Scope.content,
    )

    editable_fields = ("display_name", "notes", "session_plans")
    editor_rows = {"session_plans": RowsEditor(_("Session plan %(number)s"), _("Add a session plan"), (
        Column("title", _("Title")), Column("url", _("Link (https://… or /static/…)"), url=True)))}
    completion_mode = XBlockCompletionMode.EXCLUDED
    icon_class = "other"

    # ----- who may see the notes -----

    def may_read_notes(self) -> bool:
        """Course staff/instructors/global staff (LMS), or whoever may edit the course (Studio)."""
        return self.is_course_staff() or self.can_edit()

    # ----- views -----

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The notes for the course team; for anyone else an empty fragment (no markup, CSS or JS)."""
        if not self.may_read_notes():
            return Fragment("")
        html = self.render_template("templates/trainer_notes.html", {
            "heading_id": self.html_id("heading"),
            "title": self.display_title(),
            "notes_html": mark_safe(sanitize_html(self.notes)),  # noqa: S308 - nh3 allow-list output
            "plans": self.safe_session_plans(),
        })
        return self.make_fragment(html, css=("static/trainer_notes.css",))

    def student_view_data(self, context=None):
        """Nothing: the Blocks API collects this once for every user, learners included."""
        return {}

    def index_dictionary(self):
        """Nothing: course search results are shown to learners."""
        return {}

    def safe_session_plans(self) -> list[dict]:
        """Session plans that are safe to link to (unsafe or malformed entries are left out)."""
        plans = []
        for plan in self.session_plans if isinstance(self.session_plans, list) else []:
            if not isinstance(plan, dict):
                continue
            url, title = course_asset_or_https(str(plan.get("url") or "")), str(plan.get("title") or "").strip()
            if url and title:
                plans.append({"title": title, "url": url})
        return plans

    # ----- authoring -----

    def clean_studio_edits(self, data):
        """Sanitise the notes and trim plan titles/links before validation and saving."""
        if isinstance(data.get("notes"), str):
            data["notes"] = sanitize_html(data["notes"])
        if isinstance(data.get("session_plans"), list):
            data["session_plans"] = [
                {key: value.strip() if isinstance(value, str) else value for key, value in plan.items()}
                if isinstance(plan, dict) else plan
                for plan in data["session_plans"]
            ]
            # A row the author added but left empty is not a plan.
            data["session_plans"] = [plan for plan in data["session_plans"]
                                     if not (isinstance(plan, dict) and not any(plan.values()))]

    def validate_field_data(self, validation, data):
        for message in session_plan_errors(data.session_plans):
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """Import the attribute form; notes imported from OLX are sanitised like notes saved in Studio."""
        block = super().parse_xml(node, runtime, keys)
        if block.notes:
            block.notes = sanitize_html(block.notes)
        return block

    @staticmethod
    def workbench_scenarios():
        return [
            (
                "Trainer notes (course team only: add ?student=staff to the address to see them)",
                """<vertical_demo>
                  <ppta_trainer_notes display_name="Notes for trainers: session 1"
                    notes="&lt;p&gt;Open with the &lt;strong&gt;case study&lt;/strong&gt; (20 min), then split
                      the group in three.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Check the national strategy handouts.&lt;/li&gt;
                      &lt;li lang=&quot;ru&quot;&gt;Раздайте глоссарий терминов.&lt;/li&gt;&lt;/ul&gt;"
                    session_plans='[{"title": "Session 1 plan", "url": "https://www.pragueprocess.eu/en/"},
                                    {"title": "Handout: case study", "url": "/static/case-study.pdf"}]'/>
                </vertical_demo>""",
            ),
        ]


def session_plan_errors(plans) -> list[str]:
    """Author-facing problems with a ``session_plans`` value (empty when it is fine)."""
    if not isinstance(plans, list):
        return [ugettext('Session plans must be a list such as [{"title": "…", "url": "https://…"}].')]
    errors = []
    for number, plan in enumerate(plans, start=1):
        if not isinstance(plan, dict) or not isinstance(plan.get("title", ""), str) \
                or not isinstance(plan.get("url", ""), str):
            errors.append(ugettext('Session plan {number}: write it as {{"title": "…", "url": "…"}}.').format(
                number=number))
            continue
        if not plan.get("title", "").strip():
            errors.append(ugettext("Session plan {number}: the title is missing.").format(number=number))
        if not course_asset_or_https(plan.get("url", "")):
            errors.append(ugettext(
                "Session plan {number}: the link must start with https:// or be a course file (/static/…)."
            ).format(number=number))
    return errors
