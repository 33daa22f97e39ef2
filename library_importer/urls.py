"""Library URLs (namespace ``ppta_library``; the LMS mounts them at ``/academy/library/``)."""

from django.urls import path

from library_importer import api_views, views

app_name = "ppta_library"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("materials/<slug:material_id>/", views.detail, name="detail"),
    path("materials/<slug:material_id>/download/<slug:lang>/", views.download, name="download"),
    path("materials/<slug:material_id>/view/<slug:lang>/", views.view, name="view"),
    path("api/v1/materials/", api_views.MaterialListView.as_view(), name="api-material-list"),
    path("api/v1/materials/<slug:material_id>/", api_views.MaterialDetailView.as_view(), name="api-material-detail"),
]
