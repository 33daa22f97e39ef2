"""Celery task ``ppta.trainers.build_kit`` and the one place that decides build-or-reuse."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from trainers.content import course_source
from trainers.kit import build_kit
from trainers.models import KitBuild

log = logging.getLogger(__name__)
TASK_NAME = "ppta.trainers.build_kit"
# A build whose row has not moved for this long lost its worker (a kit takes seconds): queue it again.
STALE_AFTER = datetime.timedelta(minutes=15)


def _documents(material_id: str, language: str):
    from library_importer.public import stored_document

    return stored_document(material_id, language)


@shared_task(name=TASK_NAME, ignore_result=True)
def build_kit_task(build_id: int) -> str:
    """Build the kit recorded as KitBuild ``build_id`` (nothing to do when it is already built)."""
    with transaction.atomic():
        build = KitBuild.objects.select_for_update().get(pk=build_id)
        if build.state == KitBuild.State.DONE:
            return build.state
        build.state, build.progress, build.error = KitBuild.State.RUNNING, 0, ""
        build.save(update_fields=["state", "progress", "error", "updated"])
    try:
        source = course_source()
        course = source.course(build.course_key)
        if course is None:
            raise LookupError(f"course {build.course_key} does not exist")

        def progress(percent: int) -> None:  # a build that moves is not one that lost its worker (STALE_AFTER)
            KitBuild.objects.filter(pk=build.pk).update(progress=min(99, percent), updated=timezone.now())

        kit = build_kit(course, build.language, documents=_documents, progress=progress,
                        course_files=lambda url: source.course_file(build.course_key, url))
    except Exception as error:  # recorded for the page; the next request starts a fresh build
        log.exception("training kit %s failed", build)
        KitBuild.objects.filter(pk=build.pk).update(state=KitBuild.State.FAILED, error=str(error)[:2000])
        return KitBuild.State.FAILED
    build.file.save(f"{build.pk}-{kit.filename}", ContentFile(kit.content), save=False)
    KitBuild.objects.filter(pk=build.pk).update(state=KitBuild.State.DONE, progress=100, file=build.file.name,
                                                filename=kit.filename, size=len(kit.content))
    log.info("training kit %s built (%s bytes)", kit.filename, len(kit.content))
    return KitBuild.State.DONE


def request_kit(course_key: str, language: str) -> KitBuild | None:
    """The kit of the course's current content: the finished one, the one being built, or a new build
    queued now (a failed build is retried). None when the course does not exist."""
    version = course_source().content_version(course_key)
    if version is None:
        return None
    key = {"course_key": course_key, "language": language, "content_version": version}
    build = KitBuild.objects.filter(**key).first()
    if build is None:
        try:
            with transaction.atomic():
                build = KitBuild.objects.create(**key)
        except IntegrityError:  # another request queued it first
            build = KitBuild.objects.get(**key)
    elif build.state == KitBuild.State.FAILED or (
            build.state != KitBuild.State.DONE and build.updated < timezone.now() - STALE_AFTER):
        KitBuild.objects.filter(pk=build.pk).update(state=KitBuild.State.QUEUED, progress=0, error="",
                                                    updated=timezone.now())
    else:
        return build
    routing = {"queue": settings.PPTA_CELERY_QUEUE} if getattr(settings, "PPTA_CELERY_QUEUE", None) else {}
    transaction.on_commit(lambda: build_kit_task.apply_async(args=[build.pk], **routing))
    return build


def current_kit(course_key: str, language: str) -> KitBuild | None:
    """The kit of the course's current content if one was requested (no build is started)."""
    version = course_source().content_version(course_key)
    if version is None:
        return None
    return KitBuild.objects.filter(course_key=course_key, language=language, content_version=version).first()
