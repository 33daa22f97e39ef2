"""What can go wrong in an import, as data (``Problem``) and as exceptions that stop the import."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One reason a manifest row (or the source as a whole) cannot be imported.

    ``row`` is the CSV line number (the header is line 1) or the record number (1-based) in a
    YAML/JSON manifest; ``None`` for a problem with the source itself.
    """

    row: int | None
    column: str
    message: str
    id: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = [f"row {self.row}"] if self.row is not None else []
        if self.id:
            where.append(f"id {self.id}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportFailure(Exception):
    """The import cannot go on; nothing (more) is written. The message is for the operator."""


class SourceError(ImportFailure):
    """The source as a whole is refused: unreadable manifest, unsafe or oversized archive."""


class ImportBusy(ImportFailure):
    """Another import holds the lock."""


class LockLost(ImportFailure):
    """This import stopped heart-beating for too long and another one took the lock over."""
