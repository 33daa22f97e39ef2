"""State representatives (who may contribute, for which country) and their contributions.

A contribution's status is its review's (``moderation.public``): this app keeps only what was
submitted. Documents wait in storage under an unguessable folder until a moderator approves; they
are served only through this app's views, which check who is asking.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES


def contribution_storage():
    """``STORAGES[PPTA_CONTRIBUTIONS_STORAGE]`` (default: "default"); pending documents live here."""
    return storages[getattr(settings, "PPTA_CONTRIBUTIONS_STORAGE", "default")]


def document_path(document: ContributionDocument, filename: str) -> str:
    """``ppta-contributions/<random>/<lang><ext>``: the uploader's file name never reaches storage."""
    return f"ppta-contributions/{secrets.token_hex(16)}/{document.language}{document.extension}"


class Representative(models.Model):
    """An LMS user the secretariat allowed to contribute materials for one country (ISO 3166 alpha-2)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ppta_representative",
                                verbose_name=_("user"))
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 alpha-2 code, e.g. MD."))
    created = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("state representative")
        verbose_name_plural = _("state representatives")
        ordering = ["country", "user__username"]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.country})"


class Contribution(models.Model):
    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="ppta_contributions", verbose_name=_("contributor"))
    country = models.CharField(_("country"), max_length=2)
    type = models.CharField(_("type"), max_length=32, choices=[(t.id, t.en) for t in MATERIAL_TYPES])
    areas = models.JSONField(_("thematic areas"), default=list)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    project = models.CharField(_("source project"), max_length=100, blank=True)
    license = models.CharField(_("licence"), max_length=200, blank=True)
    # The page language at submission: the contributor's e-mail language where the platform keeps none.
    language = models.CharField(max_length=8, blank=True, editable=False)
    created = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)
    published = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # Set when the contributor takes an approved material back out of the library.
    withdrawn = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["contributor", "created"])]

    def __str__(self) -> str:
        return self.material_id

    @property
    def material_id(self) -> str:
        """The stable catalog id the material gets when approved."""
        return f"contribution-{self.country.lower()}-{self.pk}"


class ContributionDocument(models.Model):
    """The contribution in one language: title, description and a checked file or an https URL."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=8, choices=[(t.id, t.en) for t in CONTENT_LANGUAGES])
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), storage=contribution_storage, upload_to=document_path, max_length=300,
                            blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    extension = models.CharField(max_length=8, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    mime_type = models.CharField(max_length=127, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["contribution", "language"],
                                               name="ppta_contributions_unique_document_language")]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.contribution_id}/{self.language}"
