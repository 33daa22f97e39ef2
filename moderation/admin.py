"""Django admin: reviews and their history, read-only (decisions are taken in each app's own pages).

Roles are the platform's groups ("ppta secretariat", "ppta library moderators"): granted in the
admin's users and groups pages or with ``ppta roles grant``.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from moderation.models import Review, Transition
from moderation.public import kind_label


class ReadOnlyAdminMixin:
    """The record of what happened: nobody adds, edits or deletes it here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Transition
    fields = ("at", "actor", "from_status", "to_status", "note")
    readonly_fields = fields
    ordering = ("id",)
    extra = 0


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("subject_id", "kind_name", "status", "submitted_by", "created", "updated")
    list_filter = ("status", "kind")
    search_fields = ("subject_id", "submitted_by__username", "submitted_by__email")
    fields = ("kind_name", "subject_id", "submitted_by", "status", "created", "updated")
    readonly_fields = fields
    inlines = (TransitionInline,)
    list_select_related = ("submitted_by",)

    @admin.display(description=_("kind"), ordering="kind")
    def kind_name(self, review: Review) -> str:
        return kind_label(review.kind)
