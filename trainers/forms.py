"""Forms of the trainer pages. Choice labels are computed in the page language when a form is built;
a form that does not validate stores nothing and shows each problem next to its field."""

from __future__ import annotations

import nh3
from django import forms
from django.utils.translation import gettext_lazy as _

from trainers import choices
from trainers.models import DeliveredTraining, TrainerProfile, joined

CONSENT_VERSION = "2026-12"  # bump when the consent text below changes: the profile records which one
CONSENT_TEXT = _("I agree that the Prague Process secretariat lists my trainer profile (name, country, kind, "
                 "organisation, areas, languages, bio and trainings delivered) in the academy's trainer "
                 "directory, visible to signed-in academy users. I can hide, edit, download or delete it "
                 "at any time.")
BIO_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
BIO_LIMIT = 2000
MAX_PARTICIPANTS = 10_000


def clean_bio(value: str) -> str:
    """Author HTML reduced to a few inline/list tags; links only to https:// (nh3 allow-lists)."""
    return nh3.clean(value or "", tags=BIO_TAGS, attributes={"a": {"href"}}, url_schemes={"https"},
                     link_rel="noopener noreferrer nofollow").strip()


class _ChoiceLabels:
    def set_choices(self, lang: str) -> None:
        for name, build in (("country", choices.country_choices), ("areas", choices.area_choices),
                            ("languages", choices.language_choices), ("language", choices.language_choices)):
            if name in self.fields:
                self.fields[name].choices = ([] if name in ("areas", "languages") else [("", "—")]) + build(lang)


class ProfileForm(_ChoiceLabels, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"))
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.KINDS, widget=forms.RadioSelect)
    areas = forms.MultipleChoiceField(label=_("Thematic areas"), widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages of delivery"), widget=forms.CheckboxSelectMultiple)
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True,
                                 error_messages={"required": _("Your consent is needed to list your profile.")})

    class Meta:
        model = TrainerProfile
        fields = ["name_en", "name_ru", "country", "kind", "organisation", "areas", "languages", "bio_en", "bio_ru",
                  "contact_email"]
        labels = {"name_en": _("Name in English"), "name_ru": _("Name in Russian"),
                  "organisation": _("Organisation"), "bio_en": _("Short bio in English"),
                  "bio_ru": _("Short bio in Russian"), "contact_email": _("Contact e-mail (shown on your profile)")}
        help_texts = {"bio_en": _("Up to 2,000 characters. Paragraphs, lists and https:// links are kept."),
                      "bio_ru": _("Up to 2,000 characters. Paragraphs, lists and https:// links are kept.")}
        widgets = {"bio_en": forms.Textarea(attrs={"rows": 5}), "bio_ru": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, lang: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices(lang)
        if self.instance.pk:
            self.initial["areas"] = self.instance.area_list
            self.initial["languages"] = self.instance.language_list
            self.initial["consent"] = self.instance.consent_at is not None

    def clean(self):
        data = super().clean()
        if not (data.get("name_en") or "").strip() and not (data.get("name_ru") or "").strip():
            self.add_error("name_en", _("Enter your name in English or in Russian (or both)."))
        return data

    def _clean_bio(self, name: str) -> str:
        value = clean_bio(self.cleaned_data.get(name, ""))
        if len(value) > BIO_LIMIT:
            raise forms.ValidationError(_("Keep the bio under 2,000 characters."))
        return value

    def clean_bio_en(self) -> str:
        return self._clean_bio("bio_en")

    def clean_bio_ru(self) -> str:
        return self._clean_bio("bio_ru")

    def clean_areas(self) -> str:
        return joined(self.cleaned_data["areas"])

    def clean_languages(self) -> str:
        return joined(self.cleaned_data["languages"])


class TrainingForm(_ChoiceLabels, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"))
    language = forms.ChoiceField(label=_("Language"))
    areas = forms.MultipleChoiceField(label=_("Thematic areas"), widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = DeliveredTraining
        fields = ["title", "start", "end", "city", "country", "language", "areas", "course_key", "participants_women",
                  "participants_men", "participants_other", "organiser"]
        labels = {"title": _("Title"), "start": _("First day"), "end": _("Last day"), "city": _("City"),
                  "course_key": _("Academy course it was based on (optional)"),
                  "participants_women": _("Participants: women"), "participants_men": _("Participants: men"),
                  "participants_other": _("Participants: other or not stated"), "organiser": _("Organiser")}
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, lang: str = "en", course_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices(lang)
        self.fields["course_key"] = forms.ChoiceField(
            label=self.fields["course_key"].label, required=False, choices=[("", "—"), *course_choices])
        for name in ("participants_women", "participants_men", "participants_other"):
            self.fields[name].widget.attrs.update({"min": 0, "max": MAX_PARTICIPANTS})
            self.fields[name].validators.append(_max_participants)

    def clean_areas(self) -> str:
        return joined(self.cleaned_data["areas"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day cannot be before the first day."))
        counts = [data.get(name) or 0 for name in ("participants_women", "participants_men", "participants_other")]
        if not self.errors and sum(counts) == 0:
            self.add_error("participants_women", _("Enter how many people took part."))
        return data


def _max_participants(value: int) -> None:
    if value is not None and value > MAX_PARTICIPANTS:
        raise forms.ValidationError(_("Enter at most %(limit)s.") % {"limit": MAX_PARTICIPANTS})


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=(
        ("approved", _("Approve")), ("changes_requested", _("Ask for changes")), ("rejected", _("Decline"))))
    note = forms.CharField(label=_("Note to the applicant"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Needed when you ask for changes or decline."))

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("changes_requested", "rejected") and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what should change or why the application is declined."))
        return data


class DirectoryFilterForm(_ChoiceLabels, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.ChoiceField(label=_("Thematic area"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Language of delivery"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, lang: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        any_label = _("Any")
        self.fields["area"].choices = [("", any_label), *choices.area_choices(lang)]
        self.fields["country"].choices = [("", any_label), *choices.country_choices(lang)]
        self.fields["language"].choices = [("", any_label), *choices.language_choices(lang)]
        self.fields["kind"].choices = [("", any_label), *choices.KINDS]
