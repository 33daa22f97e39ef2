"""Course texts per language, read from ``text_data/<lang>.yaml`` and ``text_data/materials.yaml``.

Texts are data so that translators work on YAML, not on Python; the builder only arranges them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from babel import Locale
from babel.numbers import format_decimal

from course_templates.areas import LANGUAGES, all_areas


@dataclass(frozen=True)
class Texts:
    """The texts of one course language; ``get("module.chapter", n=1, topic=...)`` formats one."""

    lang: str
    data: dict[str, Any]

    def raw(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            node = node[part]
        return node

    def get(self, key: str, **values: Any) -> str:
        return self.raw(key).format(**values)

    def paragraphs(self, key: str, **values: Any) -> list[str]:
        return [text.format(**values) for text in self.raw(key)]

    def plural(self, key: str, n: int) -> str:
        """``n`` with the noun ``plural.<key>`` in the CLDR plural form of this language."""
        forms = self.raw(f"plural.{key}")
        category = Locale.parse(self.lang).plural_form(n)
        return forms.get(category, forms["other"]).format(n=n)

    def percent(self, fraction: float) -> str:
        """``fraction`` as a percentage written the way this language writes numbers (75,5 % in Russian)."""
        return self.get("percent", percent=format_decimal(round(fraction * 100, 4), locale=self.lang))

    def topics(self, area_slug: str) -> list[str]:
        return list(self.raw(f"areas.{area_slug}.topics"))

    def objectives(self, area_slug: str) -> list[str]:
        return list(self.raw(f"areas.{area_slug}.objectives"))


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath("text_data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@functools.cache
def texts(lang: str) -> Texts:
    """The texts for ``lang`` (one of ``LANGUAGES``); every area must have topics and objectives."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    data = _read_yaml(f"{lang}.yaml")
    for area in all_areas():
        if not data.get("areas", {}).get(area.slug, {}).get("topics"):
            raise ValueError(f"text_data/{lang}.yaml: no topics for area {area.slug!r}")
    return Texts(lang, data)


@dataclass(frozen=True)
class Material:
    """A library material a module reads: its catalogue id and its title per language."""

    id: str
    titles: dict[str, str]

    def title(self, lang: str) -> str:
        return self.titles[lang]


@functools.cache
def area_materials(area_slug: str) -> tuple[Material, ...]:
    """The library materials an area's modules point at, in the order modules use them."""
    data = _read_yaml("materials.yaml")
    return tuple(Material(material_id, data["titles"][material_id]) for material_id in data["by_area"][area_slug])
