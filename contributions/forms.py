"""The contribution form (pages and API alike) and the moderator's decision form.

Every field error is reported on its field in the page's language; uploads go through the library's
``check_document`` (the importer's own rules). Nothing is stored by a form.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contributions.workflow import DocumentInput
from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES, area_slugs, term_ids
from library_importer.public import (
    DOCUMENT_EXTENSIONS,
    DocumentRefused,
    area_title,
    check_document,
    language_label,
    request_language,
    type_label,
)
from moderation.public import Status

LANGUAGES = term_ids(CONTENT_LANGUAGES)
FIRST_YEAR = 1990
TEXT_LIMITS = {"title": 500, "project": 100, "url": 1000}
LICENCE_TERMS = gettext_lazy(
    "I confirm that my state holds the rights to these documents and allows the Prague Process Training "
    "Academy to publish them in its library, free of charge, for anyone to read and download."
)
LICENCE = "Published by the contributing state for the Prague Process Training Academy library"


def https_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or any(char.isspace() for char in value):
        raise forms.ValidationError(_("Give an address starting with https://."))
    return value


class ContributionForm(forms.Form):
    """Type, areas, year, project; per language a title, description and a document (file or https URL)."""

    def __init__(self, *args, existing: dict | None = None, **kwargs):
        """``existing``: language -> ContributionDocument of the contribution being edited."""
        super().__init__(*args, **kwargs)
        self.existing = existing or {}
        lang = request_language()
        self.fields["type"] = forms.ChoiceField(
            label=_("Type of material"), choices=[("", "—")] + [(t.id, type_label(t.id, lang)) for t in MATERIAL_TYPES])
        self.fields["areas"] = forms.MultipleChoiceField(
            label=_("Thematic areas"), widget=forms.CheckboxSelectMultiple,
            choices=[(slug, area_title(slug, lang)) for slug in area_slugs()])
        last_year = datetime.date.today().year
        self.fields["year"] = forms.IntegerField(label=_("Year of publication"), required=False,
                                                 min_value=FIRST_YEAR, max_value=last_year)
        self.fields["project"] = forms.CharField(label=_("Project (if any)"), required=False,
                                                 max_length=TEXT_LIMITS["project"])
        for code in LANGUAGES:
            language = language_label(code, lang)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": language}, required=False,
                max_length=TEXT_LIMITS["title"])
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": language}, required=False,
                widget=forms.Textarea(attrs={"rows": 4}))
            self.fields[f"file_{code}"] = forms.FileField(
                label=_("Document (%(language)s)") % {"language": language}, required=False,
                help_text=_("%(types)s; or give a link below.") % {"types": ", ".join(DOCUMENT_EXTENSIONS)},
                widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_EXTENSIONS)}))
            self.fields[f"url_{code}"] = forms.CharField(
                label=_("Or a link to the document (%(language)s)") % {"language": language}, required=False,
                max_length=TEXT_LIMITS["url"], validators=[https_url],
                widget=forms.URLInput(attrs={"placeholder": "https://"}))
        self.fields["licence"] = forms.BooleanField(label=LICENCE_TERMS, required=True, error_messages={
            "required": _("Confirm the permission to publish: the library cannot publish without it.")})
        self.checked = {}

    def language_groups(self):
        """(language label, its four fields, the kept document) for the template's fieldsets."""
        lang = request_language()
        return [(code, language_label(code, lang), [self[f"{name}_{code}"] for name in
                                                    ("title", "description", "file", "url")],
                 self.existing.get(code)) for code in LANGUAGES]

    def clean(self):
        data = super().clean()
        given = []
        for code in LANGUAGES:
            title = (data.get(f"title_{code}") or "").strip()
            description = (data.get(f"description_{code}") or "").strip()
            upload, url = data.get(f"file_{code}"), (data.get(f"url_{code}") or "").strip()
            kept = self.existing.get(code)
            if f"file_{code}" in self.errors or f"url_{code}" in self.errors:
                given.append(code)
                continue
            if not (title or description or upload or url):
                continue
            given.append(code)
            if not title:
                self.add_error(f"title_{code}", _("Give the title in this language, or leave the language empty."))
            if upload and url:
                self.add_error(f"url_{code}", _("Give a file or a link, not both."))
            elif not (upload or url or kept):
                self.add_error(f"file_{code}", _("Attach the document in this language, or give a link to it."))
            if upload:
                try:
                    self.checked[code] = check_document(upload.name, upload, upload.size)
                except DocumentRefused as refusal:
                    self.add_error(f"file_{code}", str(refusal))
        if not given:
            self.add_error(f"title_{LANGUAGES[0]}", _("Describe the material in at least one language."))
        return data

    def material_fields(self) -> dict:
        data = self.cleaned_data
        chosen = set(data["areas"])
        return {"type": data["type"], "areas": [slug for slug in area_slugs() if slug in chosen],
                "year": data.get("year"), "project": (data.get("project") or "").strip(), "license": LICENCE}

    def documents(self) -> dict[str, DocumentInput]:
        data = self.cleaned_data
        documents = {}
        for code in LANGUAGES:
            title = (data.get(f"title_{code}") or "").strip()
            if not title:
                continue
            upload = data.get(f"file_{code}")
            documents[code] = DocumentInput(
                title=title, description=(data.get(f"description_{code}") or "").strip(),
                upload=upload or None, checked=self.checked.get(code), url=(data.get(f"url_{code}") or "").strip())
        return documents


def initial_for(contribution) -> dict:
    """The form's initial values for editing ``contribution``."""
    initial = {"type": contribution.type, "areas": contribution.areas, "year": contribution.year,
               "project": contribution.project, "licence": True}
    for document in contribution.documents.all():
        initial[f"title_{document.language}"] = document.title
        initial[f"description_{document.language}"] = document.description
        initial[f"url_{document.language}"] = document.url
    return initial


DECISIONS = (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), widget=forms.RadioSelect, choices=[
        (Status.APPROVED.value, gettext_lazy("Approve and publish")),
        (Status.CHANGES_REQUESTED.value, gettext_lazy("Request changes")),
        (Status.REJECTED.value, gettext_lazy("Reject")),
    ])
    note = forms.CharField(label=gettext_lazy("Note to the representative"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                           help_text=gettext_lazy("Required when you request changes or reject."))

    def clean(self):
        data = super().clean()
        if data.get("decision") in (Status.CHANGES_REQUESTED, Status.REJECTED) and not (data.get("note") or "").strip():
            self.add_error("note", _("Write what should change, or why the contribution is rejected."))
        return data
