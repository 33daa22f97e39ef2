"""The kit's words in the kit's language (whatever the language of the page that asked for it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

KIT_LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class KitTexts:
    language: str
    academy: str
    kit_title: str
    agenda: str
    session: str
    attendance: str
    attendance_details: str
    column_name: str
    column_organisation: str
    column_gender: str
    column_signature: str
    notes_heading: str
    session_plans: str
    other_language_mark: str  # appended to a document only available in the other language
    readme: str  # with {course}, {agenda}, {attendance}, {notes}, {documents}


def kit_texts(language: str) -> KitTexts:
    with translation.override(language):
        return KitTexts(
            language=language,
            academy=_("Prague Process Training Academy"),
            kit_title=_("Training kit"),
            agenda=_("Agenda"),
            session=_("Session"),
            attendance=_("Attendance sheet"),
            attendance_details=_("Training: ____________________  Dates: ____________  City and country: "
                                 "____________________  Trainer: ____________________"),
            column_name=_("Name"),
            column_organisation=_("Organisation"),
            column_gender=_("Gender"),
            column_signature=_("Signature"),
            notes_heading=_("Trainer notes"),
            session_plans=_("Session plans"),
            other_language_mark=_("only in English") if language == "ru" else _("only in Russian"),
            readme=_("Training kit: {course}\n\n"
                     "This kit helps you deliver the course as a face-to-face training at national or local level.\n\n"
                     "- {agenda}: the course outline as a training agenda.\n"
                     "- {attendance}: print one per day and ask participants to sign.\n"
                     "- {notes}: every trainer note and session plan of the course (open in a web browser).\n"
                     "- {documents}: the course documents in this kit's language; a document marked "
                     "\"{mark}\" has no version in this language.\n\n"
                     "After the training, record it on your trainer profile: "
                     "it counts in the Prague Process reports.\n"),
        )
