"""What may happen to a contribution, and who may do it: one place for the pages, the API and the CLI.

Statuses and decisions are the shared review mechanism's (``moderation.public``, kind ``KIND``); this
module stores the submitted material, opens or re-opens its review, and answers permission questions.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions.models import Contribution, ContributionDocument, Representative
from library_importer.public import CheckedDocument, withdraw_contributed_material
from moderation import public as moderation
from moderation.public import Role, Status
from reports.public import record_contribution

KIND = "library.contribution"
EDITABLE = (Status.PENDING, Status.CHANGES_REQUESTED)


class LimitReached(Exception):
    """The user already submitted ``PPTA_CONTRIBUTIONS_PER_DAY`` contributions in the last 24 hours."""


# -- who -------------------------------------------------------------------------------------------------------


def representative_of(user) -> Representative | None:
    """The user's grant to contribute (None for anonymous, inactive or ungranted users)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Representative.objects.filter(user=user).first()


def is_moderator(user) -> bool:
    return moderation.has_role(user, Role.LIBRARY_MODERATOR)


@dataclass(frozen=True)
class Standing:
    """Where a contribution stands: its status and the moderator's last note."""

    status: str
    note: str = ""


def standings(contributions) -> dict[int, Standing]:
    """The standing of each contribution (by pk), read with two queries whatever their number."""
    contributions = list(contributions)
    reviews = (moderation.queue(KIND).filter(subject_id__in=[str(c.pk) for c in contributions])
               .prefetch_related("transitions"))
    latest = {review.subject_id: review for review in reviews}  # oldest first: the last one wins
    result = {}
    for contribution in contributions:
        review = latest.get(str(contribution.pk))
        notes = [transition.note for transition in review.transitions.all() if transition.note] if review else []
        status = Status.WITHDRAWN.value if contribution.withdrawn else (
            review.status if review else Status.PENDING.value)
        result[contribution.pk] = Standing(status=status, note=notes[-1] if notes else "")
    return result


def status_of(contribution: Contribution) -> str:
    """pending, changes_requested, approved, rejected or withdrawn (an approved one taken back too)."""
    return standings([contribution])[contribution.pk].status


def can_view(user, contribution: Contribution) -> bool:
    """Its contributor and moderators (not other representatives, even of the same country)."""
    if not user.is_authenticated:
        return False
    return contribution.contributor_id == user.pk or is_moderator(user)


_UNKNOWN = object()


def _own_and_granted(user, contribution: Contribution, representative) -> bool:
    if representative is _UNKNOWN:
        representative = representative_of(user)
    return bool(representative is not None and representative.country == contribution.country
                and contribution.contributor_id == user.pk)


def can_change(user, contribution: Contribution, *, representative=_UNKNOWN, status: str | None = None) -> bool:
    """Edit or withdraw: its contributor, while still granted for its country and the review is open.

    ``representative``/``status`` may be given when already known (lists), to save queries.
    """
    return _own_and_granted(user, contribution, representative) and (status or status_of(contribution)) in EDITABLE


def can_take_back(user, contribution: Contribution, *, representative=_UNKNOWN) -> bool:
    """Withdraw an approved, published material: its contributor while still granted for its country."""
    return bool(_own_and_granted(user, contribution, representative)
                and contribution.published and not contribution.withdrawn)


def check_daily_limit(user) -> None:
    limit = int(getattr(settings, "PPTA_CONTRIBUTIONS_PER_DAY", 20))
    since = timezone.now() - datetime.timedelta(days=1)
    if Contribution.objects.filter(contributor=user, created__gte=since).count() >= limit:
        raise LimitReached(_("You have reached the limit of %(limit)s contributions a day; try again tomorrow.")
                           % {"limit": limit})


# -- saving ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInput:
    """One language as submitted: the texts and either a new checked upload, an https URL, or the kept file."""

    title: str
    description: str = ""
    upload: object = None  # a Django UploadedFile that passed ``check_document``
    checked: CheckedDocument | None = None
    url: str = ""


def save_contribution(*, user, representative: Representative, fields: Mapping, documents: Mapping[str, DocumentInput],
                      language: str, contribution: Contribution | None = None) -> Contribution:
    """Create a contribution (and its pending review), or update one and send it back to the moderators.

    ``documents`` maps each language kept to its input; languages left out are removed. New files are
    written to storage first, the rows in one transaction: if anything fails the new files are deleted
    again, so nothing is left half-written. Replaced files are deleted once the change is committed.
    """
    new = contribution is None
    stored: list = []
    try:
        with transaction.atomic():
            if new:
                # the grant's row lock makes one user's simultaneous submissions count one after the other
                Representative.objects.select_for_update().filter(pk=representative.pk).first()
                check_daily_limit(user)
                contribution = Contribution.objects.create(contributor=user, country=representative.country,
                                                           language=language, **fields)
            else:
                contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
                if not can_change(user, contribution):
                    raise moderation.NotAllowed(_("This contribution can no longer be changed."))
                for name, value in fields.items():
                    setattr(contribution, name, value)
                contribution.save()
            replaced = _save_documents(contribution, documents, stored)
            review = moderation.review_for(KIND, contribution.pk)
            if new or review is None:
                moderation.submit(KIND, contribution.pk, by=user)
            else:
                moderation.resubmit(review, by=user)
            transaction.on_commit(lambda: [file.storage.delete(file.name) for file in replaced])
    except BaseException:
        for file in stored:
            file.storage.delete(file.name)
        raise
    return contribution


def _save_documents(contribution: Contribution, documents: Mapping[str, DocumentInput], stored: list) -> list:
    existing = {document.language: document for document in contribution.documents.all()}
    replaced = []
    for language, document in existing.items():
        if language not in documents:
            if document.file:
                replaced.append(document.file)
            document.delete()
    for language, given in documents.items():
        document = existing.get(language) or ContributionDocument(contribution=contribution, language=language)
        document.title, document.description = given.title, given.description
        if given.upload is not None:
            if document.file:
                replaced.append(document.file)
            checked = given.checked
            document.extension, document.mime_type = checked.extension, checked.mime_type
            document.sha256, document.size, document.page_count = checked.sha256, checked.size, checked.page_count
            document.original_name = _display_name(given.upload.name)
            document.url = ""
            given.upload.seek(0)
            document.file.save(given.upload.name, given.upload, save=False)
            stored.append(document.file)
        elif given.url:
            if document.file:
                replaced.append(document.file)
            document.file = ""
            document.url = given.url
            document.original_name = document.extension = document.sha256 = document.mime_type = ""
            document.size = document.page_count = None
        document.save()
    return replaced


def _display_name(name: str) -> str:
    """The uploader's file name, for showing only: no path, no control characters, at most 255 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in base if char.isprintable())[:255] or "document"


# -- actions ---------------------------------------------------------------------------------------------------


def withdraw(user, contribution: Contribution) -> None:
    """The contributor takes the contribution back: an open review is withdrawn; an approved material
    leaves the library (and the reports count one contribution less)."""
    if can_change(user, contribution):
        moderation.withdraw(moderation.review_for(KIND, contribution.pk), by=user)
        return
    if not can_take_back(user, contribution):
        raise moderation.NotAllowed(_("This contribution can no longer be withdrawn."))
    with transaction.atomic():
        updated = Contribution.objects.filter(pk=contribution.pk, withdrawn__isnull=True).update(
            withdrawn=timezone.now())
        if updated:
            moderation.withdraw(moderation.review_for(KIND, contribution.pk), by=user, approved_too=True)
            withdraw_contributed_material(contribution.material_id)
            transaction.on_commit(lambda: record(contribution, count=-1))


def decide(user, contribution: Contribution, decision: str, note: str = ""):
    """A moderator's decision (approved, changes_requested, rejected); see ``moderation.public.decide``."""
    review = moderation.review_for(KIND, contribution.pk)
    return moderation.decide(review, by=user, to=Status(decision), note=note)


def record(contribution: Contribution, *, count: int) -> None:
    """Count the contribution in the reports, once, under its first thematic area."""
    area = contribution.areas[0] if contribution.areas else ""
    record_contribution(country=contribution.country, area=area, when=timezone.now().date(), count=count)
