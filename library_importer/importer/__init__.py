"""The library importer: open a source, read its manifest, validate, plan, apply (see docs/importing.md).

Entry points: ``run.run_import`` (used by the CLI, the management command, the celery task and the
demo) and ``commandline.execute_import`` (the command behaviour shared by both front ends).
"""
