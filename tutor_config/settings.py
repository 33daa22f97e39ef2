"""The plugin's ``PPTA_`` settings: defaults, allowed values and the checks on them.

Pure Python on purpose: the Tutor plugin refuses invalid values with these checks, and
``ppta doctor`` runs the same checks on a Tutor root's ``config.yml`` without importing Tutor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

#: Every setting the plugin adds, with its default (``tutor config save --set PPTA_...=...``).
DEFAULTS: dict[str, Any] = {
    # Image: "" installs the ppta-openedx wheel vendored into the build context (see wheel.py);
    # anything else is a pip requirement, e.g. "ppta-openedx==0.1.0".
    "PPTA_PIP_SPEC": "",
    # Folder holding ppta_openedx-<version>.whl; "" = dist/ of the checkout the plugin runs from.
    "PPTA_WHEEL_DIR": "",
    # Languages offered in the header language selector; LANGUAGE_CODE (core) must be one of them.
    "PPTA_RELEASED_LANGUAGES": ["en", "ru"],
    "PPTA_OPEN_REGISTRATION": True,
    "PPTA_CERTIFICATE_LANGUAGE_MODE": "bilingual",
    # Where library files and certificate PDFs live: "local" (media volume of a single server),
    # "s3" (a bucket of your own, AWS or MinIO) or "platform" (STORAGES["default"], e.g. tutor-minio).
    "PPTA_STORAGE": "local",
    "PPTA_S3_BUCKET": "",
    "PPTA_S3_ENDPOINT_URL": "",
    "PPTA_S3_REGION": "",
    "PPTA_S3_ACCESS_KEY": "",
    "PPTA_S3_SECRET_KEY": "",
    "PPTA_S3_ADDRESSING_STYLE": "auto",
    # Celery: both ppta tasks go to this queue, consumed by the ppta worker.
    "PPTA_CELERY_QUEUE": "edx.lms.core.ppta",
    "PPTA_WORKER_CONCURRENCY": 2,
    # Kubernetes worker scaling (HorizontalPodAutoscaler on CPU). PPTA_WORKER_HPA=false leaves
    # scaling to you (tutor k8s scale, tutor-contrib-pod-autoscaling, KEDA).
    "PPTA_WORKER_HPA": True,
    "PPTA_WORKER_MIN_REPLICAS": 1,
    "PPTA_WORKER_MAX_REPLICAS": 4,
    "PPTA_WORKER_CPU_TARGET": 75,
    "PPTA_WORKER_CPU_REQUEST": "250m",
    "PPTA_WORKER_MEMORY_REQUEST": "512Mi",
    "PPTA_WORKER_MEMORY_LIMIT": "2Gi",
    # Init: a library source to import on every launch ("" = none), path inside the lms-job container.
    "PPTA_LIBRARY_SOURCE": "",
    # Init: thematic-area template courses (created once; existing courses are left alone).
    "PPTA_CREATE_TEMPLATE_COURSES": False,
    "PPTA_TEMPLATE_COURSE_ORG": "PPTA",
    "PPTA_TEMPLATE_COURSE_RUN": "template",
    "PPTA_TEMPLATE_COURSE_LANGUAGES": ["en", "ru"],
    "PPTA_TEMPLATE_COURSE_KINDS": ["standard"],
    "PPTA_TEMPLATE_COURSE_AREAS": [],  # [] = all six areas
}

ACADEMY_LANGUAGES = ("en", "ru")
CERTIFICATE_LANGUAGE_MODES = ("bilingual", "en", "ru")
STORAGE_KINDS = ("local", "s3", "platform")
S3_ADDRESSING_STYLES = ("auto", "path", "virtual")
TEMPLATE_COURSE_KINDS = ("standard", "tot")

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Course key parts (org, run) and Celery queue names: no spaces, quotes or shell syntax.
_KEY_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_QUEUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_QUANTITY = re.compile(r"^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$")  # Kubernetes resource quantity
_HTTP_URL = re.compile(r"^https?://[^\s'\"]+$")
_SAFE_TEXT = re.compile(r"^[^'\"\n\\`$]*$")  # values rendered inside Python/shell string literals


def with_defaults(config: Mapping[str, Any]) -> dict[str, Any]:
    """``config`` completed with the plugin's defaults (the user's values win)."""
    return {**DEFAULTS, **config}


def unknown_settings(config: Mapping[str, Any]) -> list[str]:
    """``PPTA_`` keys the plugin does not know (typos: they would be silently ignored)."""
    return sorted(key for key in config if key.startswith("PPTA_") and key not in DEFAULTS)


def problems(config: Mapping[str, Any]) -> list[str]:
    """Every invalid ``PPTA_`` value (and ppta-relevant core value) in ``config``, as sentences.

    ``config`` is a Tutor configuration; missing ``PPTA_`` keys take their defaults.
    """
    values = with_defaults(config)
    return list(_value_problems(values)) + list(_language_problems(values, config.get("LANGUAGE_CODE", "en")))


def _value_problems(values: Mapping[str, Any]) -> Iterator[str]:
    yield from _choice(values, "PPTA_CERTIFICATE_LANGUAGE_MODE", CERTIFICATE_LANGUAGE_MODES)
    yield from _choice(values, "PPTA_STORAGE", STORAGE_KINDS)
    yield from _choice(values, "PPTA_S3_ADDRESSING_STYLE", S3_ADDRESSING_STYLES)
    for name in ("PPTA_OPEN_REGISTRATION", "PPTA_WORKER_HPA", "PPTA_CREATE_TEMPLATE_COURSES"):
        if not isinstance(values[name], bool):
            yield f"{name} must be true or false, not {values[name]!r}."
    for name in ("PPTA_PIP_SPEC", "PPTA_WHEEL_DIR", "PPTA_LIBRARY_SOURCE", "PPTA_S3_BUCKET", "PPTA_S3_REGION",
                 "PPTA_S3_ACCESS_KEY", "PPTA_S3_SECRET_KEY"):
        yield from _safe_text(values, name)
    yield from _s3_problems(values)
    yield from _worker_problems(values)
    yield from _template_course_problems(values)


def _choice(values: Mapping[str, Any], name: str, allowed: tuple[str, ...]) -> Iterator[str]:
    if values[name] not in allowed:
        yield f"{name}={values[name]!r} is not allowed: use one of {', '.join(allowed)}."


def _safe_text(values: Mapping[str, Any], name: str) -> Iterator[str]:
    value = values[name]
    if not isinstance(value, str) or not _SAFE_TEXT.match(value):
        yield f"{name}={value!r} must be text without quotes, backslashes, backticks, '$' or line breaks."


def _s3_problems(values: Mapping[str, Any]) -> Iterator[str]:
    if values["PPTA_STORAGE"] == "s3" and not values["PPTA_S3_BUCKET"]:
        yield "PPTA_STORAGE=s3 needs PPTA_S3_BUCKET (and PPTA_S3_ENDPOINT_URL for MinIO or another non-AWS store)."
    endpoint = values["PPTA_S3_ENDPOINT_URL"]
    if endpoint and not (isinstance(endpoint, str) and _HTTP_URL.match(endpoint)):
        yield f"PPTA_S3_ENDPOINT_URL={endpoint!r} must be an http(s) URL such as https://minio.example.org."


def _worker_problems(values: Mapping[str, Any]) -> Iterator[str]:
    queue = values["PPTA_CELERY_QUEUE"]
    if not (isinstance(queue, str) and _QUEUE.match(queue)):
        yield f"PPTA_CELERY_QUEUE={queue!r} must be a Celery queue name such as edx.lms.core.ppta."
    integers = {"PPTA_WORKER_CONCURRENCY": 1, "PPTA_WORKER_MIN_REPLICAS": 1, "PPTA_WORKER_MAX_REPLICAS": 1}
    for name, minimum in integers.items():
        if not _is_int(values[name]) or values[name] < minimum:
            yield f"{name} must be a whole number of at least {minimum}, not {values[name]!r}."
    low, high = values["PPTA_WORKER_MIN_REPLICAS"], values["PPTA_WORKER_MAX_REPLICAS"]
    if _is_int(low) and _is_int(high) and low > high:
        yield f"PPTA_WORKER_MIN_REPLICAS ({low}) is larger than PPTA_WORKER_MAX_REPLICAS ({high})."
    target = values["PPTA_WORKER_CPU_TARGET"]
    if not _is_int(target) or not 1 <= target <= 100:
        yield f"PPTA_WORKER_CPU_TARGET must be a percentage from 1 to 100, not {target!r}."
    for name in ("PPTA_WORKER_CPU_REQUEST", "PPTA_WORKER_MEMORY_REQUEST", "PPTA_WORKER_MEMORY_LIMIT"):
        if not _QUANTITY.match(str(values[name])):
            yield f"{name}={values[name]!r} is not a Kubernetes quantity such as 250m, 512Mi or 2Gi."


def _template_course_problems(values: Mapping[str, Any]) -> Iterator[str]:
    for name in ("PPTA_TEMPLATE_COURSE_ORG", "PPTA_TEMPLATE_COURSE_RUN"):
        value = values[name]
        if not (isinstance(value, str) and _KEY_PART.match(value)):
            yield f"{name}={value!r} must be letters, digits, '.', '_' or '-' (it becomes part of course keys)."
    yield from _list_of(values, "PPTA_TEMPLATE_COURSE_LANGUAGES", ACADEMY_LANGUAGES, allow_empty=False)
    yield from _list_of(values, "PPTA_TEMPLATE_COURSE_KINDS", TEMPLATE_COURSE_KINDS, allow_empty=False)
    areas = values["PPTA_TEMPLATE_COURSE_AREAS"]
    if not isinstance(areas, list) or not all(isinstance(slug, str) and _SLUG.match(slug) for slug in areas):
        yield f"PPTA_TEMPLATE_COURSE_AREAS={areas!r} must be a list of area slugs (see `ppta areas`), or [] for all."


def _list_of(values: Mapping[str, Any], name: str, allowed: tuple[str, ...], allow_empty: bool) -> Iterator[str]:
    items = values[name]
    if not isinstance(items, list) or (not items and not allow_empty) or any(item not in allowed for item in items):
        yield f"{name}={items!r} must be a list of {', '.join(allowed)}."


def _language_problems(values: Mapping[str, Any], language_code: Any) -> Iterator[str]:
    released = values["PPTA_RELEASED_LANGUAGES"]
    if not isinstance(released, list) or not all(isinstance(code, str) and _LANGUAGE_CODE.match(code)
                                                  for code in released):
        yield f"PPTA_RELEASED_LANGUAGES={released!r} must be a list of language codes such as [en, ru]."
        return
    missing = [code for code in ACADEMY_LANGUAGES if code not in released]
    if missing:
        yield (f"PPTA_RELEASED_LANGUAGES={released!r} does not release {', '.join(missing)}: "
               "the academy teaches in English and Russian.")
    if language_code not in released:
        yield (f"LANGUAGE_CODE={language_code!r} is not a released language ({', '.join(released)}): "
               "learners would get a default language they cannot select.")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
