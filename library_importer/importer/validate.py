"""Checking every manifest row before anything is written, and turning valid rows into ``MaterialSpec``s.

All problems of all rows are collected (row, column, message), so one run shows the operator
everything to fix. Files are checked here too (safe path, size, content matching the extension)
and hashed; the hashes go into each material's ``checksum``, which is how an unchanged material is
recognised on the next import.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES, area_slugs, term_ids
from library_importer.importer.files import DOCUMENT_KINDS, content_mismatch, document_kind, suffix
from library_importer.importer.hash_cache import FileHashCache
from library_importer.importer.limits import Limits, human_size
from library_importer.importer.manifest import COLUMNS, LANGUAGE_FIELDS, ManifestRow
from library_importer.importer.problems import Problem
from library_importer.importer.source import Source, UnsafePath
from library_importer.importer.threads import map_in_order
from library_importer.models import canonical_material_id

# Bump when the meaning of a stored material changes, so every material is re-applied once.
CHECKSUM_FORMAT = 1
# What json.dumps(data, ensure_ascii=False, sort_keys=True) uses, made once rather than per material.
_CHECKSUM_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
FIRST_YEAR = 1990
# Any case in the manifest (HB-RETURN-2014); stored in lower case (``canonical_material_id``).
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", re.ASCII | re.IGNORECASE)
ID_MAX_LENGTH = 100
LANGUAGES = term_ids(CONTENT_LANGUAGES)
LANGUAGE_COLUMN = re.compile("({})_(.+)".format("|".join(LANGUAGE_FIELDS)))
TEXT_LIMITS = {"title": 500, "project": 100, "audience": 200, "license": 200, "url": 1000}
# (column, limit) for each manifest column TEXT_LIMITS applies to (title_en, title_ru, project, …)
TEXT_COLUMNS = tuple((name, limit) for column, limit in TEXT_LIMITS.items()
                     for name in ([column] if column in COLUMNS else [f"{column}_{lang}" for lang in LANGUAGES]))
MATERIAL_TYPE_IDS = term_ids(MATERIAL_TYPES)
# Region codes Babel lists that are not countries.
NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}


@functools.cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (plus XK, used for Kosovo*), from Babel's territory list."""
    from babel import Locale

    return frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha()) - NOT_COUNTRIES


@dataclass(slots=True)
class VersionSpec:
    language: str
    title: str
    description: str
    url: str = ""
    file_name: str = ""  # as written in the manifest
    path: str = ""  # absolute path of a checked file (a str: thousands of Path objects cost memory)
    found: tuple[int, int] = (0, 0)  # (size, mtime_ns) of the file when the source was asked for it
    sha256: str = ""
    size: int | None = None
    mime_type: str = ""


@dataclass(slots=True)
class MaterialSpec:
    row: int
    id: str
    type: str
    areas: tuple[str, ...]
    year: int | None
    project: str
    country: str
    audience: str
    license: str
    versions: dict[str, VersionSpec] = field(default_factory=dict)
    # language -> (title, description) given in a language that has no document
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    checksum: str = ""

    def compute_checksum(self) -> str:
        """sha256 over the normalised row and the files' sha256s (not their names or locations)."""
        data = {
            "format": CHECKSUM_FORMAT, "id": self.id, "type": self.type, "areas": self.areas, "year": self.year,
            "project": self.project, "country": self.country, "audience": self.audience, "license": self.license,
            "versions": {
                lang: {"title": v.title, "description": v.description, "url": v.url, "sha256": v.sha256,
                       "extension": suffix(v.file_name).lower()}
                for lang, v in sorted(self.versions.items())
            },
        }
        if self.titles:  # only when given, so the checksums of materials without such titles stay the same
            data["titles"] = {lang: list(text) for lang, text in sorted(self.titles.items())}
        return hashlib.sha256(_CHECKSUM_JSON.encode(data).encode()).hexdigest()


@dataclass(slots=True)
class Validation:
    specs: list[MaterialSpec]
    problems: list[Problem]
    invalid_ids: set[str]  # ids of rows with problems (not withdrawn by --prune)


def validate_rows(rows: list[ManifestRow], source: Source, limits: Limits, cache: FileHashCache,
                  tick: Callable[[], None] = lambda: None,
                  on_row: Callable[[int], None] = lambda done: None) -> Validation:
    """Check every row and file; ``on_row(done)`` reports progress, ``tick`` is called while hashing."""
    problems: list[Problem] = []
    candidates: list[tuple[MaterialSpec, list[Problem]]] = []
    first_row_of: dict[str, tuple[int, str]] = {}  # canonical id -> (row, the id as written there)
    last_year = datetime.date.today().year + 1
    for row in rows:
        spec, row_problems = _check_fields(row, source, limits, last_year)
        if spec.id:
            if spec.id in first_row_of:
                first_row, first_written = first_row_of[spec.id]
                same = "" if first_written == row.values["id"] else f" as {first_written!r}: ids ignore case"
                row_problems.append(Problem(row.number, "id", f"duplicate id {row.values['id']!r} "
                                            f"(first used in row {first_row}{same})", spec.id))
            else:
                first_row_of[spec.id] = (row.number, row.values["id"])
        candidates.append((spec, row_problems))

    cache.preload(v.path for spec, _ in candidates for v in spec.versions.values() if v.path)
    seen_files: dict[str, int] = {}

    def check_files(candidate: tuple[MaterialSpec, list[Problem]]) -> list[Problem]:  # in a worker thread
        spec = candidate[0]
        return [problem for version in spec.versions.values() if version.path
                for problem in _check_file(spec, version, limits, cache)]

    # Rows whose files must be read go to worker threads; the others (every file unchanged since an
    # import checked it) are checked here, without a thread's round trip.
    to_read = [any(version.path and not cache.remembered(version.path, *version.found)
                   for version in spec.versions.values()) for spec, _ in candidates]
    with contextlib.closing(map_in_order(check_files, itertools.compress(candidates, to_read), tick)) as read:
        for done, ((spec, row_problems), reading) in enumerate(zip(candidates, to_read, strict=True), start=1):
            row_problems.extend(next(read) if reading else check_files((spec, row_problems)))
            seen_files.update((v.path, v.size) for v in spec.versions.values() if v.path and v.size is not None)
            spec.checksum = spec.compute_checksum()
            problems.extend(row_problems)
            on_row(done)

    total = sum(seen_files.values())
    if not source.is_archive and total > limits.max_total_size:
        problems.append(Problem(None, "", f"the files add up to {human_size(total)}, over the limit of "
                                          f"{human_size(limits.max_total_size)} (PPTA_LIBRARY_MAX_TOTAL_SIZE)"))
    invalid_rows = {problem.row for problem in problems}
    specs = [spec for spec, _ in candidates if spec.row not in invalid_rows]
    invalid_ids = {spec.id for spec, _ in candidates if spec.row in invalid_rows and spec.id}
    return Validation(specs=specs, problems=problems, invalid_ids=invalid_ids)


def _check_fields(row: ManifestRow, source: Source, limits: Limits, last_year: int,
                  ) -> tuple[MaterialSpec, list[Problem]]:
    values = row.values
    problems: list[Problem] = []
    material_id = values["id"]

    def problem(column: str, message: str) -> None:
        problems.append(Problem(row.number, column, message, material_id))

    for key in row.unknown:
        match = LANGUAGE_COLUMN.fullmatch(key)
        if match:
            problem(key, f"unknown language {match.group(2)!r}; languages are: {', '.join(LANGUAGES)}")
        else:
            problem(key, f"unknown column {key!r}; columns are: {', '.join(COLUMNS)}")

    if not material_id:
        problem("id", "id is required")
    elif len(material_id) > ID_MAX_LENGTH or not ID_PATTERN.match(material_id):
        problem("id", f"id {material_id!r} must be latin letters, digits, '-' or '_' "
                      f"(at most {ID_MAX_LENGTH} characters)")
        material_id = ""
    material_id = canonical_material_id(material_id)

    material_type = values["type"]
    types = MATERIAL_TYPE_IDS
    if material_type not in types:
        problem("type", f"unknown type {material_type!r}; choose one of: {', '.join(types)}"
                if material_type else f"type is required; choose one of: {', '.join(types)}")

    areas = tuple(dict.fromkeys(slug.strip() for slug in values["areas"].split(";") if slug.strip()))
    known_areas = area_slugs()
    for slug in areas:
        if slug not in known_areas:
            problem("areas", f"unknown thematic area {slug!r}; choose from: {', '.join(known_areas)}")

    year = None
    if values["year"]:
        if not values["year"].isdigit():
            problem("year", f"year {values['year']!r} is not a number")
        elif not FIRST_YEAR <= int(values["year"]) <= last_year:
            problem("year", f"year {values['year']} is outside {FIRST_YEAR}–{last_year}")
        else:
            year = int(values["year"])

    country = values["country"].upper()
    if country and country not in country_codes():
        problem("country", f"unknown country {values['country']!r}; use an ISO 3166 alpha-2 code such as MD or KZ")

    for name, limit in TEXT_COLUMNS:
        if len(values[name]) > limit:
            problem(name, f"{name} is longer than {limit} characters")

    spec = MaterialSpec(row=row.number, id=material_id, type=material_type, areas=areas, year=year,
                        project=values["project"], country=country, audience=values["audience"],
                        license=values["license"])
    if not any(values[f"title_{lang}"] for lang in LANGUAGES):
        problem("title_en", "no title in any language: give title_en, title_ru or both")
        return spec, problems
    for lang in LANGUAGES:
        version = _check_version(lang, values, source, limits, problem)
        if version:
            spec.versions[lang] = version
        elif values[f"title_{lang}"] and not (values[f"file_{lang}"] or values[f"url_{lang}"]):
            spec.titles[lang] = (values[f"title_{lang}"], values[f"description_{lang}"])
    if spec.titles and not any(values[f"{kind}_{lang}"] for kind in ("file", "url") for lang in LANGUAGES):
        lang = next(iter(spec.titles))
        problem(f"file_{lang}", f"no document in any language: give file_{lang} or url_{lang} (a title without "
                                f"a document names in another language a document the material has)")
    return spec, problems


def _check_version(lang: str, values: dict[str, str], source: Source, limits: Limits, problem) -> VersionSpec | None:
    title, description = values[f"title_{lang}"], values[f"description_{lang}"]
    file_name, url = values[f"file_{lang}"], values[f"url_{lang}"]
    if not (title or file_name or url):
        if description:
            problem(f"description_{lang}", f"description_{lang} is given but title_{lang} is empty")
        return None
    if not title:
        problem(f"title_{lang}", f"title_{lang} is required: file_{lang} or url_{lang} is given")
        return None
    if file_name and url:
        problem(f"url_{lang}", f"give file_{lang} or url_{lang}, not both")
        return None
    if not (file_name or url):
        return None  # a title without a document (``MaterialSpec.titles``)
    version = VersionSpec(language=lang, title=title, description=description)
    if url:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or any(char.isspace() for char in url):
            problem(f"url_{lang}", f"url_{lang} must be an https:// address (got {url!r})")
            return None
        version.url = url
        return version
    version.file_name = file_name
    kind = document_kind(file_name)
    if kind is None:
        problem(f"file_{lang}", f"{file_name}: unsupported file type; allowed: {', '.join(DOCUMENT_KINDS)}")
        return None
    version.mime_type = kind.mime_type
    try:
        version.path, status = source.locate(file_name)
    except UnsafePath as error:
        problem(f"file_{lang}", str(error))
        return None
    except FileNotFoundError:
        if file_name in source.oversized:
            problem(f"file_{lang}", _too_large(file_name, source.oversized[file_name], limits, at_least=True))
        else:
            problem(f"file_{lang}", f"file {file_name!r} is missing from the source")
        return None
    version.found = (status.st_size, status.st_mtime_ns)
    return version


def _too_large(name: str, size: int, limits: Limits, at_least: bool = False) -> str:
    return (f"file {name!r} is {'over ' if at_least else ''}{human_size(size)}, larger than the limit of "
            f"{human_size(limits.max_file_size)} (PPTA_LIBRARY_MAX_FILE_SIZE)")


def _check_file(spec: MaterialSpec, version: VersionSpec, limits: Limits, cache: FileHashCache) -> list[Problem]:
    """Size, content and sha256 of one version's file (in a worker thread when the file is read: it touches
    no database)."""
    column = f"file_{version.language}"
    size = version.found[0]
    if size > limits.max_file_size:  # the limit may have been lowered since
        return [Problem(spec.row, column, _too_large(version.file_name, size, limits), spec.id)]
    remembered = cache.remembered(version.path, *version.found)  # unchanged since an import checked it
    if remembered:
        version.sha256, version.size = remembered
        return []
    path = Path(version.path)
    mismatch = content_mismatch(path, document_kind(path.name))
    if mismatch:
        return [Problem(spec.row, column, f"content does not match the extension: {mismatch}", spec.id)]
    version.sha256, version.size = cache.sha256(path)
    return []
