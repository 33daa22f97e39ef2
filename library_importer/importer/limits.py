"""The configurable limits an import source must respect (Django settings, defaults in settings/common.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from library_importer.settings.common import DEFAULTS


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


@dataclass(frozen=True)
class Limits:
    max_file_size: int  # bytes, per referenced file (and per zip member)
    max_total_size: int  # bytes, all files of a source together (a zip's uncompressed content)
    max_compression_ratio: float  # uncompressed / compressed size of a zip member
    lock_timeout: int  # seconds without heartbeat after which an import's lock may be taken over
    batch_size: int = DEFAULTS["PPTA_LIBRARY_IMPORT_BATCH_SIZE"]  # materials per transaction (see ``apply``)

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_file_size=int(setting("PPTA_LIBRARY_MAX_FILE_SIZE")),
            max_total_size=int(setting("PPTA_LIBRARY_MAX_TOTAL_SIZE")),
            max_compression_ratio=float(setting("PPTA_LIBRARY_MAX_COMPRESSION_RATIO")),
            lock_timeout=int(setting("PPTA_LIBRARY_IMPORT_LOCK_TIMEOUT")),
            batch_size=max(1, int(setting("PPTA_LIBRARY_IMPORT_BATCH_SIZE"))),
        )


def human_size(size: int) -> str:
    """``1536`` → ``"1.5 KiB"``: sizes in messages."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
