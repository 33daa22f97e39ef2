"""Celery app of the demo (the LMS has its own). Without ``PPTA_BROKER_URL`` tasks run eagerly."""

from celery import Celery

app = Celery("ppta_demo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
