"""Test URLconf: the demo's URLs plus course assets (``/asset-v1:…``) as the LMS serves them.

The workbench has no contentstore, so browser tests of ``ppta_material`` point its ``url_en``/``url_ru``
at these small generated PDFs.
"""

from __future__ import annotations

import functools
import io

from django.http import HttpResponse
from django.urls import re_path

from ppta_demo.urls import urlpatterns as demo_urlpatterns


@functools.cache
def sample_pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    output = io.BytesIO()
    page = canvas.Canvas(output)
    page.drawString(72, 720, text)
    page.save()
    return output.getvalue()


def course_asset(request, key: str):
    response = HttpResponse(sample_pdf(key), content_type="application/pdf")
    response["Content-Disposition"] = "inline"
    return response


urlpatterns = [re_path(r"^asset-v1:(?P<key>[\w.+@-]+)$", course_asset), *demo_urlpatterns]
