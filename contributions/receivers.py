"""Acting on this app's reviews: publish on approval, and tell the people concerned by e-mail."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from contributions import mail
from contributions.models import Contribution
from contributions.workflow import KIND, record
from library_importer.public import ContributedVersion, publish_contributed_material
from moderation import public as moderation
from moderation.public import Role, Status

log = logging.getLogger(__name__)


def connect_receivers() -> None:
    from django.utils.translation import gettext_lazy as _

    moderation.register_kind(KIND, moderator_role=Role.LIBRARY_MODERATOR, label=_("library contribution"))
    # No sender=: the kind is a str and Django matches senders by identity (see moderation.public).
    moderation.review_changed.connect(on_review_changed, dispatch_uid="ppta_contributions.review_changed")


def on_review_changed(sender, review, transition, **kwargs) -> None:
    if sender != KIND:
        return
    contribution = Contribution.objects.filter(pk=int(review.subject_id)).first()
    if contribution is None:
        return
    if transition.to_status == Status.APPROVED:
        try:
            publish(contribution)
        except Exception:  # the decision stands; the moderator's page offers to publish again
            log.exception("approved contribution %s could not be published", contribution.pk)
            return
    if transition.to_status == Status.PENDING:
        mail.notify_moderators(contribution, resubmitted=bool(transition.from_status))
    elif transition.to_status in (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED):
        mail.notify_contributor(contribution, transition)


def publish(contribution: Contribution) -> None:
    """Publish the approved contribution in the library (idempotent) and count it in the reports once.

    Runs when a moderator approves; if it fails (storage unreachable…), the moderator's page offers
    to run it again.
    """
    versions = [
        ContributedVersion(
            language=document.language, title=document.title, description=document.description, url=document.url,
            open_file=(lambda document=document: document.file.storage.open(document.file.name, "rb"))
            if document.file else None,
            extension=document.extension, sha256=document.sha256, size=document.size,
            mime_type=document.mime_type, page_count=document.page_count,
        )
        for document in contribution.documents.all()
    ]
    publish_contributed_material(
        material_id=contribution.material_id, type=contribution.type, areas=contribution.areas,
        year=contribution.year, project=contribution.project, country=contribution.country,
        license=contribution.license, versions=versions,
    )
    with transaction.atomic():
        if Contribution.objects.filter(pk=contribution.pk, published__isnull=True).update(published=timezone.now()):
            record(contribution, count=1)
