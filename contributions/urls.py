"""Contribution URLs (namespace ``ppta_contributions``; mounted beside the library at ``/academy/library/``)."""

from django.urls import path

from contributions import api, views

app_name = "ppta_contributions"
urlpatterns = [
    path("contribute/", views.contribute, name="contribute"),
    path("contributions/", views.mine, name="mine"),
    path("contributions/<int:pk>/edit/", views.edit, name="edit"),
    path("contributions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("contributions/<int:pk>/documents/<slug:lang>/", views.document, name="document"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/<int:pk>/", views.moderation_detail, name="moderation-detail"),
    path("api/v1/contributions/", api.ContributionListView.as_view(), name="api-list"),
    path("api/v1/contributions/<int:pk>/", api.ContributionDetailView.as_view(), name="api-detail"),
    path("api/v1/contributions/<int:pk>/decision/", api.DecisionView.as_view(), name="api-decision"),
    path("api/v1/contributions/<int:pk>/withdraw/", api.WithdrawView.as_view(), name="api-withdraw"),
]
