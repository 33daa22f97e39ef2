"""Demo pages: the thematic areas in the request language and a download of each template archive.

Mounted at ``/academy/areas/`` (namespace ``ppta_demo_areas``). Archives live in
``VAR_DIR/course-templates`` (``ppta demo setup`` builds them); a missing one is built on request.
"""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from course_templates import CONTENT_LANGUAGES, all_areas
from course_templates.catalogue import catalogue_spec, catalogue_specs
from course_templates.demo import archive_dir
from course_templates.output import write_archive
from course_templates.spec import KINDS

app_name = "ppta_demo_areas"

KIND_LABELS = {"standard": _("Standard course"), "tot": _("Training of trainers")}


def _page_language() -> str:
    return "ru" if (get_language() or "").startswith("ru") else "en"


def _archive_name(spec) -> str:
    return f"{spec.slug}.tar.gz"


@require_safe
def area_list(request):
    lang = _page_language()
    rows = []
    for area in all_areas():
        templates = []
        for course_lang in CONTENT_LANGUAGES:
            for kind in KINDS:
                spec = catalogue_spec(area.slug, course_lang.id, kind)
                name = _archive_name(spec)
                templates.append({
                    "kind": KIND_LABELS[kind],
                    "language": course_lang.label(lang),
                    "course_id": spec.course_id,
                    "file_name": name,
                    "url": reverse("ppta_demo_areas:download", args=[name]),
                })
        rows.append({"area": area, "title": area.title(lang), "description": area.description(lang),
                     "templates": templates})
    return render(request, "ppta_demo/areas.html", {"rows": rows})


@require_safe
def download(request, name: str):
    """Serve one catalogue archive; any other name is a 404 (no paths from the request reach the disk)."""
    specs = {_archive_name(spec): spec for spec in catalogue_specs()}
    if name not in specs:
        raise Http404("unknown course template")
    archive, _changed = write_archive(specs[name], archive_dir())
    return FileResponse(archive.open("rb"), as_attachment=True, filename=name, content_type="application/gzip")


urlpatterns = [
    path("", area_list, name="list"),
    path("download/<str:name>", download, name="download"),
]
