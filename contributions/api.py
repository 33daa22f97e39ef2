"""REST API v1 for contributions: the pages' actions with the pages' permissions (``contributions.workflow``).

``GET contributions/`` lists the caller's own (moderators: ``?scope=queue`` for everyone's, oldest first,
``status``/``country``/``type`` filters); ``POST contributions/`` creates one (multipart, the form's fields);
``GET contributions/<id>/``; ``POST …/decision/`` {decision, note} (moderators); ``POST …/withdraw/``.
Responses are escaped as the library's API escapes them.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from rest_framework import status as http
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from contributions import workflow
from contributions.forms import ContributionForm, DecisionForm
from contributions.models import Contribution
from library_importer.public import EscapedJSONRenderer, request_language
from moderation import public as moderation
from moderation.public import AlreadyDecided, Status


def contribution_data(request, contribution: Contribution, standing: workflow.Standing | None = None) -> dict:
    standing = standing or workflow.standings([contribution])[contribution.pk]
    return {
        "id": contribution.pk,
        "material_id": contribution.material_id,
        "country": contribution.country,
        "type": contribution.type,
        "areas": contribution.areas,
        "year": contribution.year,
        "project": contribution.project,
        "status": standing.status,
        "note": standing.note,
        "submitted": contribution.created.isoformat(),
        "documents": {
            document.language: {
                "title": document.title, "description": document.description, "mime_type": document.mime_type,
                "size": document.size, "url": request.build_absolute_uri(
                    reverse("ppta_contributions:document", args=[contribution.pk, document.language]))
                if document.file else document.url,
            }
            for document in contribution.documents.all()
        },
    }


class ContributionAPIView(APIView):
    permission_classes = [IsAuthenticated]
    renderer_classes = [EscapedJSONRenderer]

    def visible(self, pk: int) -> Contribution:
        contribution = get_object_or_404(Contribution, pk=pk)
        if not workflow.can_view(self.request.user, contribution):
            raise PermissionDenied()
        return contribution


class ContributionListView(ContributionAPIView):
    def get(self, request):
        contributions = Contribution.objects.prefetch_related("documents")
        if request.query_params.get("scope") == "queue":
            if not workflow.is_moderator(request.user):
                raise PermissionDenied()
            wanted = request.query_params.get("status")
            reviews = moderation.queue(workflow.KIND, status=Status(wanted) if wanted in Status.values else None)
            order = [int(subject) for subject in reviews.values_list("subject_id", flat=True)]
            contributions = contributions.filter(pk__in=order)
            for field in ("country", "type"):
                if request.query_params.get(field):
                    contributions = contributions.filter(**{field: request.query_params[field].strip()[:32]})
            position = {pk: index for index, pk in enumerate(order)}
            ordered = sorted(contributions, key=lambda contribution: position[contribution.pk])
        else:
            ordered = contributions.filter(contributor=request.user).order_by("-created", "-pk")
        ordered = list(ordered)
        standings = workflow.standings(ordered)
        return Response({"results": [contribution_data(request, c, standings[c.pk]) for c in ordered]})

    def post(self, request):
        representative = workflow.representative_of(request.user)
        if representative is None:
            raise PermissionDenied()
        form = ContributionForm(request.data, request.FILES)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        try:
            contribution = workflow.save_contribution(
                user=request.user, representative=representative, fields=form.material_fields(),
                documents=form.documents(), language=request_language())
        except workflow.LimitReached as limit:
            return Response({"detail": str(limit)}, status=http.HTTP_429_TOO_MANY_REQUESTS)
        return Response(contribution_data(request, contribution), status=http.HTTP_201_CREATED)


class ContributionDetailView(ContributionAPIView):
    def get(self, request, pk: int):
        return Response(contribution_data(request, self.visible(pk)))


class DecisionView(ContributionAPIView):
    def post(self, request, pk: int):
        contribution = get_object_or_404(Contribution, pk=pk)
        if not workflow.is_moderator(request.user):
            raise PermissionDenied()
        form = DecisionForm(request.data)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        try:
            workflow.decide(request.user, contribution, form.cleaned_data["decision"], form.cleaned_data["note"])
        except AlreadyDecided as decided:
            return Response({"detail": str(decided)}, status=http.HTTP_409_CONFLICT)
        return Response(contribution_data(request, contribution))


class WithdrawView(ContributionAPIView):
    def post(self, request, pk: int):
        contribution = self.visible(pk)
        try:
            workflow.withdraw(request.user, contribution)
        except moderation.NotAllowed as refusal:
            raise PermissionDenied(str(refusal)) from refusal
        except AlreadyDecided as decided:
            return Response({"detail": str(decided)}, status=http.HTTP_409_CONFLICT)
        return Response(contribution_data(request, contribution))
