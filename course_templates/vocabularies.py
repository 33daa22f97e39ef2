"""Controlled vocabularies shared by the library, the blocks and the Studio taxonomies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A vocabulary entry with its English and Russian labels."""

    id: str
    en: str
    ru: str

    def label(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


MATERIAL_TYPES = (
    Term("handbook", "Handbook", "Пособие"),
    Term("training_material", "Training material", "Учебный материал"),
    Term("curriculum", "Curriculum", "Учебная программа"),
    Term("national_strategy", "National strategy", "Национальная стратегия"),
    Term("brief", "Brief", "Аналитическая записка"),
    Term("report", "Report", "Доклад"),
    Term("other", "Other", "Другое"),
)

CONTENT_LANGUAGES = (
    Term("en", "English", "Английский"),
    Term("ru", "Russian", "Русский"),
)


def term_ids(vocabulary: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.id for term in vocabulary)
