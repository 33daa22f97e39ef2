"""The inline PDF view may be framed by the LMS and the origins it trusts (the Learning MFE), nobody else.

In Open edX the Learning MFE (its own origin) frames the LMS's unit, which frames this view;
``X-Frame-Options: SAMEORIGIN`` alone makes browsers refuse it there (every ancestor must match).
"""

from __future__ import annotations

from tests.library_importer.catalog_rows import make_material

VIEW = "/academy/library/materials/handbook/view/en/"


def test_the_view_may_be_framed_by_the_site_and_the_trusted_mfe_origins(client, db, settings):
    settings.CORS_ORIGIN_WHITELIST = ["https://apps.academy.example.org", "http://apps.local.openedx.io:1996"]
    make_material("handbook")
    response = client.get(VIEW)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == (
        "frame-ancestors 'self' https://apps.academy.example.org http://apps.local.openedx.io:1996")
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # browsers without CSP: the LMS's own pages only


def test_without_trusted_origins_only_the_site_may_frame_it(client, db, settings):
    settings.CORS_ORIGIN_WHITELIST = []
    make_material("handbook")
    assert client.get(VIEW)["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_a_malformed_origin_never_reaches_the_header(client, db, settings):
    settings.CORS_ORIGIN_WHITELIST = ["https://ok.example.org", "https://x.example.org; script-src *", "*", "data:"]
    make_material("handbook")
    assert client.get(VIEW)["Content-Security-Policy"] == "frame-ancestors 'self' https://ok.example.org"
