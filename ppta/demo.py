"""``ppta demo``: prepare and serve the local demo site (workbench + ppta's Django apps)."""

from __future__ import annotations

import importlib
import os

import click

from ppta.django_env import setup_django

# Each component contributes its sample data through a ``setup(echo)`` function.
DEMO_SETUP_STEPS = (
    "course_templates.demo:setup",
    "library_importer.demo:setup",
    "certificates_theme.demo:setup",
    "reports.demo:setup",
    "contributions.demo:setup",
    "trainers.demo:setup",  # after reports: its sample trainings are counted in the rebuilt report tables
)


@click.group()
def demo() -> None:
    """Set up and serve the local demo site."""


@demo.command()
def setup() -> None:
    """Migrate the demo database and load the sample data (safe to re-run)."""
    setup_django()
    for step in DEMO_SETUP_STEPS:
        module_name, function = step.split(":")
        getattr(importlib.import_module(module_name), function)(click.echo)
    click.echo("Demo data ready.")


@demo.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=lambda: int(os.environ.get("PORT", 8000)),
              show_default="8000 or $PORT")
def serve(host: str, port: int) -> None:
    """Serve the demo site (Ctrl+C stops it)."""
    setup_django()
    from django.core.management import call_command

    click.echo(f"XBlock workbench:   http://{host}:{port}/")
    click.echo(f"Academy pages:      http://{host}:{port}/academy/")
    call_command("runserver", f"{host}:{port}", use_reloader=False)
