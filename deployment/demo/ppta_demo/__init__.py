"""The ppta demo project: the XBlock SDK workbench plus ppta's Django apps, as in the LMS."""

from ppta_demo.celery import app as celery_app

__all__ = ["celery_app"]
