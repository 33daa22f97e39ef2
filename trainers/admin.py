"""The secretariat enters external trainers (no LMS account) and corrects profiles here; decisions on
applications are made on the applications page, through the shared moderation mechanism."""

from django.contrib import admin

from trainers.models import DeliveredTraining, KitBuild, TrainerProfile


class DeliveredTrainingInline(admin.TabularInline):
    model = DeliveredTraining
    extra = 0


@admin.register(TrainerProfile)
class TrainerProfileAdmin(admin.ModelAdmin):
    list_display = ("__str__", "country", "kind", "status", "hidden", "consent_at")
    list_filter = ("status", "kind", "hidden", "country")
    search_fields = ("name_en", "name_ru", "organisation")
    readonly_fields = ("status", "created", "updated")
    raw_id_fields = ("user",)
    inlines = [DeliveredTrainingInline]


@admin.register(KitBuild)
class KitBuildAdmin(admin.ModelAdmin):
    list_display = ("course_key", "language", "state", "progress", "size", "updated")
    list_filter = ("state", "language")
    readonly_fields = [field.name for field in KitBuild._meta.fields]
