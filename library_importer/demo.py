"""Sample data for ``ppta demo setup``: the bundled sample library, imported like any other source."""

from __future__ import annotations


def setup(echo) -> None:
    """Import the sample library (idempotent: an unchanged sample is recognised and nothing is written)."""
    from library_importer.importer.run import ImportOptions, run_import
    from library_importer.public import SAMPLE_LIBRARY

    result = run_import(ImportOptions(source=str(SAMPLE_LIBRARY), wait=True))
    counts = result.report["counts"]
    if not result.ok:
        problems = "; ".join(problem["message"] for problem in result.report["problems"])
        raise RuntimeError(f"the sample library did not import: {problems}")
    echo(f"Materials library: {counts['create']} created, {counts['update']} updated, "
         f"{counts['unchanged']} unchanged (sample library).")
