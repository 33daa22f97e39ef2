"""The materials library: catalog models, importer, celery tasks, REST API and library pages."""
