"""Reviews of submitted things (library contributions, trainer applications) and their history.

A ``Review`` says where one submission stands; each change of its status is a ``Transition`` (who,
when, from, to, why). Both are written only by ``moderation.public``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("pending")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


#: Statuses in which the submitter may still act (edit and resubmit, withdraw).
OPEN_STATUSES = (Status.PENDING, Status.CHANGES_REQUESTED)


class Review(models.Model):
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    subject_id = models.CharField(_("subject"), max_length=100)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ppta_reviews",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # True while the review is open, NULL once closed: the unique constraint below then allows one open
    # review per subject on every database (MariaDB has no partial indexes; NULLs never collide).
    is_open = models.BooleanField(null=True, default=True, editable=False)
    created = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ("created", "id")
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_id", "is_open"], name="ppta_moderation_one_open_review"),
        ]
        indexes = [models.Index(fields=["kind", "status", "created"], name="ppta_moderation_queue")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id} ({self.status})"


class Transition(models.Model):
    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    # Empty for the submission that opened the review.
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ("id",)  # the order they happened: written one at a time under the review's lock

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"
