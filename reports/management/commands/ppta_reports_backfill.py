"""``./manage.py lms ppta_reports_backfill``: read the platform's existing enrolments and certificates once.

Idempotent and resumable (see ``reports.backfill``); prints a progress line per batch.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from reports.backfill import DEFAULT_BATCH_SIZE, backfill


class Command(BaseCommand):
    help = "Read the platform's existing enrolments, passing grades and certificates into the ppta reports."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                            help=f"platform rows per transaction (default {DEFAULT_BATCH_SIZE})")
        parser.add_argument("--restart", action="store_true",
                            help="read everything again from the first row (totals stay the same)")

    def handle(self, *args, batch_size: int, restart: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            read = backfill(self.stdout.write, batch_size=batch_size, restart=restart)
        except ImportError:
            raise CommandError("the backfill reads the platform's tables: run it inside the Open edX LMS "
                               "(tutor local run lms ./manage.py lms ppta_reports_backfill)") from None
        self.stdout.write(self.style.SUCCESS("Backfill complete: " + ", ".join(f"{n} {s}" for s, n in read.items())))
