"""Trainer profiles, the trainings they delivered, and the training kits built for courses.

Multi-valued vocabularies (areas, languages) are stored as ``",a,b,"`` so one ``contains`` on the
delimited value filters them the same on SQLite and MariaDB; ``*_list`` gives them back as a list.
"""

from __future__ import annotations

import html

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from trainers.choices import KINDS

# Application states mirrored from the shared moderation review (values equal moderation's Status).
DRAFT = "draft"  # saved, never submitted (an external trainer entered by the secretariat starts approved)
PENDING = "pending"
CHANGES_REQUESTED = "changes_requested"
APPROVED = "approved"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
STATUSES = (
    (DRAFT, _("Not submitted")),
    (PENDING, _("Waiting for the secretariat")),
    (CHANGES_REQUESTED, _("Changes requested")),
    (APPROVED, _("Approved")),
    (REJECTED, _("Declined")),
    (WITHDRAWN, _("Withdrawn")),
)


def joined(values) -> str:
    values = [value for value in values if value]
    return f",{','.join(values)}," if values else ""


def split(value: str) -> list[str]:
    return [part for part in value.split(",") if part]


class ListedManager(models.Manager):
    def listed(self):
        """Profiles the directory shows: approved, with recorded consent, not hidden by the trainer."""
        return self.filter(status=APPROVED, consent_at__isnull=False, hidden=False)


class TrainerProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="ppta_trainer_profile")  # None: an external trainer
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("kind"), max_length=32, choices=KINDS)
    organisation = models.CharField(_("organisation"), max_length=300)
    areas = models.CharField(_("thematic areas"), max_length=500)
    languages = models.CharField(_("languages of delivery"), max_length=300)
    bio_en = models.TextField(_("short bio in English"), blank=True)  # sanitised HTML (nh3)
    bio_ru = models.TextField(_("short bio in Russian"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)  # None: no consent, never listed
    consent_version = models.CharField(max_length=32, blank=True)
    hidden = models.BooleanField(default=False)
    status = models.CharField(max_length=24, choices=STATUSES, default=DRAFT)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # names, organisation and bios folded (library_importer.public.fold_for_search): the directory's search is
    # case-insensitive in Cyrillic on every database (SQLite's LIKE folds ASCII only)
    search_text = models.TextField(blank=True, editable=False)

    objects = ListedManager()

    class Meta:
        ordering = ["name_en", "name_ru", "pk"]
        indexes = [models.Index(fields=["status", "hidden", "country"], name="ppta_trainer_listing")]

    def __str__(self) -> str:
        return self.name_en or self.name_ru or f"trainer {self.pk}"

    SEARCHED_FIELDS = ("name_en", "name_ru", "organisation", "bio_en", "bio_ru")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(self.SEARCHED_FIELDS):
            self.search_text = profile_search_text(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def name(self, lang: str) -> str:
        """The name in ``lang``, else the other one."""
        first, second = (self.name_ru, self.name_en) if lang == "ru" else (self.name_en, self.name_ru)
        return first or second

    def bio(self, lang: str) -> str:
        first, second = (self.bio_ru, self.bio_en) if lang == "ru" else (self.bio_en, self.bio_ru)
        return first or second

    @property
    def area_list(self) -> list[str]:
        return split(self.areas)

    @property
    def language_list(self) -> list[str]:
        return split(self.languages)

    @property
    def is_listed(self) -> bool:
        return self.status == APPROVED and self.consent_at is not None and not self.hidden


class DeliveredTraining(models.Model):
    """A training a trainer delivered at national or local level (reported without names)."""

    profile = models.ForeignKey(TrainerProfile, on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField(_("title"), max_length=300)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(_("country"), max_length=2)
    language = models.CharField(_("language"), max_length=8)
    areas = models.CharField(_("thematic areas"), max_length=500)
    course_key = models.CharField(_("academy course it was based on"), max_length=255, blank=True)
    participants_women = models.PositiveIntegerField(_("women"), default=0)
    participants_men = models.PositiveIntegerField(_("men"), default=0)
    participants_other = models.PositiveIntegerField(_("other or not stated"), default=0)
    organiser = models.CharField(_("organiser"), max_length=300)
    created = models.DateTimeField(auto_now_add=True)
    # the areas the reports count it under (its areas; only the first for trainings recorded before they
    # counted every area), so that deleting it takes it out of exactly those counts
    reported_areas = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["-start", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%Y-%m-%d}, {self.city})"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.reported_areas:
            self.reported_areas = self.areas
        super().save(*args, **kwargs)

    @property
    def participants(self) -> int:
        return self.participants_women + self.participants_men + self.participants_other

    @property
    def area_list(self) -> list[str]:
        return split(self.areas)

    def report_facts(self) -> dict:
        """What the reports count of it (``reports.public.record_training_delivered``): no personal data."""
        return {"country": self.country, "areas": split(self.reported_areas or self.areas), "when": self.start,
                "participants": self.participants}


def kit_storage():
    """Where kits are kept: ``STORAGES[PPTA_TRAINERS_STORAGE]`` (default: "default"). A kit holds trainer
    notes only the course team may read, so in Open edX this is a private store (the Tutor patch sets it);
    kits are served only through the permission-checked download view."""
    return storages[getattr(settings, "PPTA_TRAINERS_STORAGE", "default")]


class KitBuild(models.Model):
    """One training kit: a course's content version in one language (built once, then reused)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    course_key = models.CharField(max_length=255)
    language = models.CharField(max_length=8)
    content_version = models.CharField(max_length=128)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file = models.FileField(storage=kit_storage, upload_to="ppta-trainers/kits/", max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course_key", "language", "content_version"],
                                               name="ppta_trainers_one_kit_per_version")]

    def __str__(self) -> str:
        return f"kit {self.course_key} {self.language} @{self.content_version[:12]} ({self.state})"


def profile_search_text(profile: TrainerProfile) -> str:
    from library_importer.public import fold_for_search

    texts = (html.unescape(strip_tags(getattr(profile, name) or "")) for name in TrainerProfile.SEARCHED_FIELDS)
    return fold_for_search(" ".join(texts))
