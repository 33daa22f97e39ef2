"""The JSON renderer of every ppta API (the library's and those built on it)."""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer


class EscapedJSONRenderer(JSONRenderer):
    """JSON with ``<``, ``>`` and ``&`` written as \\u escapes (as Django's ``json_script`` does).

    The decoded values are unchanged, but no markup from catalog metadata ever appears in the
    response body, so a response mistaken for HTML (or pasted into a page) cannot run a script.
    """

    ESCAPES = ((b"&", b"\\u0026"), (b"<", b"\\u003c"), (b">", b"\\u003e"))

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        body = super().render(data, accepted_media_type, renderer_context)
        for raw, escaped in self.ESCAPES:  # these bytes can only occur inside JSON strings
            body = body.replace(raw, escaped)
        return body
