"""Read-only REST endpoints: ``api/v1/materials/`` (filters, search, pagination) and ``…/<id>/``."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission

from library_importer.access import login_required_for_library
from library_importer.forms import LibraryFilterForm
from library_importer.json_renderer import EscapedJSONRenderer
from library_importer.models import canonical_material_id
from library_importer.search import paginable_materials, published_materials
from library_importer.serializers import MaterialSerializer


class LibraryReadPermission(BasePermission):
    """Anyone may read, unless ``PPTA_LIBRARY_REQUIRE_LOGIN`` is True."""

    def has_permission(self, request, view) -> bool:
        return not login_required_for_library() or bool(request.user and request.user.is_authenticated)


class MaterialPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class LibraryAPIView:
    permission_classes = [LibraryReadPermission]
    renderer_classes = [EscapedJSONRenderer]
    serializer_class = MaterialSerializer


class MaterialListView(LibraryAPIView, ListAPIView):
    """Published materials. Query: q, area*, type*, language, year, country, page, page_size (≤ 100)."""

    pagination_class = MaterialPagination

    def get_queryset(self):
        form = LibraryFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
        return paginable_materials(form.filters())


class MaterialDetailView(LibraryAPIView, RetrieveAPIView):
    """One published material by catalog id (404 for unknown or withdrawn ids)."""

    lookup_field = "external_id"
    lookup_url_kwarg = "material_id"

    def get_queryset(self):
        return published_materials()

    def get_object(self):
        self.kwargs[self.lookup_url_kwarg] = canonical_material_id(self.kwargs[self.lookup_url_kwarg])  # any case
        return super().get_object()
