from django.urls import path

from reports import views

app_name = "ppta_reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:table_id>/", views.export, name="export"),
]
