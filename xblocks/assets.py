"""Assets shared by all academy blocks: the base stylesheet (focus ring, buttons, notices)."""

from __future__ import annotations

import functools

from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

SHARED_CSS = "static/css/academy.css"


@functools.cache
def shared_css() -> str:
    return ResourceLoader(__name__).load_unicode(SHARED_CSS)


def add_shared_css(fragment: Fragment) -> Fragment:
    """Inline the shared stylesheet (classes ``ppta-block``, ``ppta-button``, ``ppta-notice``, ``ppta-sr-only``)."""
    fragment.add_css(shared_css())
    return fragment
