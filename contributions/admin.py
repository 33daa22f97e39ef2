"""Admin: the secretariat grants representatives here; contributions are readable (decisions: the moderation pages)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from contributions.models import Contribution, ContributionDocument, Representative
from library_importer.public import country_codes


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ["user", "country"]

    def clean_country(self):
        code = (self.cleaned_data["country"] or "").strip().upper()
        if code not in country_codes():
            raise forms.ValidationError(_("Unknown country code; use ISO 3166 alpha-2, e.g. MD."))
        return code


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    form = RepresentativeForm
    list_display = ["user", "country", "created"]
    list_filter = ["country"]
    search_fields = ["user__username", "user__email", "country"]
    raw_id_fields = ["user"]


class DocumentInline(admin.StackedInline):
    model = ContributionDocument
    extra = 0
    can_delete = False
    readonly_fields = ["language", "title", "description", "original_name", "url", "mime_type", "size", "sha256"]
    exclude = ["file", "extension", "page_count"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "country", "type", "contributor", "created", "published", "withdrawn"]
    list_filter = ["country", "type"]
    readonly_fields = ["contributor", "country", "type", "areas", "year", "project", "license", "created",
                       "modified", "published", "withdrawn"]
    inlines = [DocumentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
