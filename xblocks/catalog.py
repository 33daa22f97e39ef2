"""The materials catalog as the blocks see it: ``library_importer.public``, imported lazily, with
answers cached briefly.

The blocks also run where the library app is not installed (a bare workbench, another Open edX
site); they then show a clear notice instead of failing.

Caching: a unit page renders the same material or the same preset search for every learner, and a
catalog read costs several database queries (more than the rest of the render). Answers are kept in
Django's default cache for ``PPTA_XBLOCKS_CATALOG_CACHE_SECONDS`` (default 60; 0 turns caching
off), so a withdrawn or re-imported material shows its new state within that time. Keys are per
URL configuration (LMS or Studio), as the answers' URLs are.
"""

from __future__ import annotations

import hashlib
import json
from types import ModuleType

DEFAULT_CACHE_SECONDS = 60
CACHE_PREFIX = "ppta.xblocks.catalog."


def library() -> ModuleType | None:
    """``library_importer.public``, or None when the library app is not installed on this site."""
    from django.apps import apps

    if not apps.is_installed("library_importer"):
        return None
    try:
        from library_importer import public
    except ImportError:
        return None
    return public


def get_material(public: ModuleType, material_id: str):
    """``public.get_material(material_id)`` (a ``MaterialInfo`` or None), cached."""
    return _cached(["material", material_id], lambda: public.get_material(material_id))


def search_materials(public: ModuleType, **query):
    """``public.search_materials(**query)`` (a ``MaterialPage``), cached per distinct query."""
    return _cached(["search", query], lambda: public.search_materials(**query))


def _cached(key_parts: list, compute):
    from django.conf import settings
    from django.core.cache import cache

    seconds = getattr(settings, "PPTA_XBLOCKS_CATALOG_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
    if not seconds:
        return compute()
    # The LMS and Studio share one cache in Open edX (Tutor: the same Redis), but the catalog's URLs
    # differ between them (site-relative in the LMS, absolute on the LMS root in Studio, where the
    # library is not mounted): the URL configuration is part of the key.
    key_parts = [str(getattr(settings, "ROOT_URLCONF", "")), *key_parts]
    # A digest keeps keys short and free of spaces/Cyrillic, as memcached requires.
    digest = hashlib.sha256(json.dumps(key_parts, sort_keys=True, default=list).encode()).hexdigest()
    key = CACHE_PREFIX + digest
    hit = cache.get(key)
    if hit is not None:
        return hit[0]
    value = compute()
    cache.set(key, (value,), seconds)  # wrapped: a cached "no such material" (None) is a hit too
    return value
