"""The ``ppta`` command: one entry point, one subcommand group per component.

Groups are imported only when used, so ``ppta --help`` stays fast and a component's
dependencies are loaded only by its own commands.
"""

from __future__ import annotations

import importlib

import click

# name -> (module, attribute, one-line help shown by ``ppta --help``)
COMMAND_GROUPS = {
    "areas": ("course_templates.cli", "areas", "The six thematic areas and Studio taxonomies."),
    "course": ("course_templates.cli", "course", "Build and validate OLX course templates."),
    "library": ("library_importer.cli", "library", "Import and browse the materials library."),
    "certificate": ("certificates_theme.cli", "certificate", "Render bilingual PDF certificates."),
    "reports": ("reports.cli", "reports", "Secretariat reports: backfill from the platform."),
    "roles": ("moderation.cli", "roles", "Grant, revoke and list academy roles (secretariat, moderators)."),
    "demo": ("ppta.demo", "demo", "Set up and serve the local demo site."),
    "doctor": ("tutor_config.doctor", "doctor", "Check a Tutor root's configuration for ppta."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_GROUPS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMAND_GROUPS:
            return None
        module_name, attribute, _help = COMMAND_GROUPS[name]
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short_help) for name, (_module, _attribute, short_help) in COMMAND_GROUPS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ppta-openedx", prog_name="ppta")
def main() -> None:
    """ppta: the Prague Process Training Academy on Open edX.

    Outside Open edX, commands that need a database use the demo project
    (DJANGO_SETTINGS_MODULE=ppta_demo.settings) with PPTA_DATABASE_URL
    (default: var/ppta-demo.sqlite3) and media under PPTA_MEDIA_ROOT.
    """
