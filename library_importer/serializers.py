"""JSON shape of a material (API v1). Field names are stable: add fields, never rename or remove."""

from __future__ import annotations

from dataclasses import asdict

from rest_framework import serializers

from library_importer.public import library_url, version_info


class MaterialSerializer(serializers.Serializer):
    """A published material; ``versions`` maps a language code to that language's version."""

    id = serializers.CharField(source="external_id")
    type = serializers.CharField()
    areas = serializers.SerializerMethodField()
    year = serializers.IntegerField(allow_null=True)
    country = serializers.CharField()
    origin = serializers.CharField()  # "import" (the academy's library) or "contribution" (by ``country``)
    project = serializers.CharField()
    audience = serializers.CharField()
    license = serializers.CharField()
    modified = serializers.DateTimeField()
    detail_url = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()
    # a title (and description) in a language with no document: {"ru": {"title": …, "description": …}}
    titles = serializers.SerializerMethodField()

    def get_areas(self, material) -> list[str]:
        return [link.area for link in material.area_links.all()]

    def get_detail_url(self, material) -> str:
        return self._absolute(library_url("detail", material.external_id))

    def get_versions(self, material) -> dict[str, dict]:
        versions = {}
        for version in material.versions.all():
            data = asdict(version_info(material, version))
            data["download_url"] = self._absolute(data["download_url"])
            data["view_url"] = data["view_url"] and self._absolute(data["view_url"])
            versions[version.language] = data
        return versions

    def get_titles(self, material) -> dict[str, dict]:
        return {title.language: {"title": title.title, "description": title.description}
                for title in material.titles.all()}

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
