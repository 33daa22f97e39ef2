from django.urls import path

from trainers import views

app_name = "ppta_trainers"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile, name="profile"),
    path("me/", views.my_profile, name="mine"),
    path("me/visibility/", views.my_visibility, name="visibility"),
    path("me/export/", views.my_export, name="export"),
    path("me/delete/", views.my_delete, name="delete"),
    path("me/trainings/new/", views.training_new, name="training_new"),
    path("me/trainings/<int:pk>/delete/", views.training_delete, name="training_delete"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("kits/", views.kits, name="kits"),
    path("kits/<str:course_key>/<slug:language>/", views.kit, name="kit"),
    path("kits/<str:course_key>/<slug:language>/status/", views.kit_status, name="kit_status"),
    path("kits/<str:course_key>/<slug:language>/download/", views.kit_download, name="kit_download"),
]
