"""``manage.py import_materials SOURCE [options]``: the library import inside the LMS/CMS.

Same options and behaviour as ``ppta library import`` (both call ``execute_import``).
"""

from django.core.management.base import BaseCommand, CommandError

from library_importer.importer.commandline import execute_import
from library_importer.importer.options import IMPORT_OPTIONS, UsageProblem, add_argparse_import_options


class Command(BaseCommand):
    help = "Import training materials from a folder or .zip with a manifest (csv, yaml or json) and the files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="Folder or .zip holding manifest.csv/.yaml/.json and the files.")
        add_argparse_import_options(parser)

    def handle(self, *args, source: str, **options) -> None:
        def echo(message: str, err: bool = False) -> None:
            (self.stderr if err else self.stdout).write(message)

        import_options = {spec.dest: options[spec.dest] for spec in IMPORT_OPTIONS}
        try:
            code = execute_import(source, echo=echo, interactive=self.stdout.isatty(), **import_options)
        except UsageProblem as error:
            raise CommandError(str(error), returncode=2) from error
        if code:
            raise CommandError("the import did not complete (see above)", returncode=code)
