"""Trainer applications through the shared moderation mechanism (kind ``trainers.application``).

The secretariat decides in ``moderation``; this app only mirrors the review's status onto the profile
(in the ``review_changed`` receiver, after the decision commits), which is what lists or unlists it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from moderation.public import Role, Status, decide, register_kind, resubmit, review_changed, review_for, submit
from trainers.models import TrainerProfile

KIND = "trainers.application"
MODERATOR_ROLE = Role.SECRETARIAT


def connect() -> None:
    register_kind(KIND, moderator_role=MODERATOR_ROLE, label=_("Trainer applications"))
    review_changed.connect(mirror_review_status, dispatch_uid="ppta_trainers_mirror_review_status")


def mirror_review_status(sender, review, transition=None, **kwargs) -> None:
    """Lists or unlists the profile as its review now stands, and tells the people concerned."""
    if sender != KIND:  # every kind's changes arrive here (kinds are strings: no sender= matching)
        return
    TrainerProfile.objects.filter(pk=int(review.subject_id)).update(status=Status(review.status).value)
    profile = TrainerProfile.objects.filter(pk=int(review.subject_id)).select_related("user").first()
    if profile is None or transition is None:
        return
    from trainers import mail

    if transition.to_status == Status.PENDING:
        mail.notify_secretariat(profile)
    else:
        mail.notify_applicant(profile, transition)


def review_of(profile: TrainerProfile):
    return review_for(KIND, str(profile.pk))


@transaction.atomic
def submit_application(profile: TrainerProfile, *, by) -> None:
    """Send a new or edited application to the secretariat (an approved profile stays approved)."""
    review = review_of(profile)
    if review is None or review.status in (Status.REJECTED, Status.WITHDRAWN):
        review = submit(KIND, str(profile.pk), by=by)
    elif review.status == Status.CHANGES_REQUESTED:
        review = resubmit(review, by=by)
    TrainerProfile.objects.filter(pk=profile.pk).update(status=Status(review.status).value)
    profile.status = Status(review.status).value


def decide_application(profile: TrainerProfile, *, by, to: Status, note: str = ""):
    """The secretariat's decision (raises ``PermissionDenied``, ``AlreadyDecided`` or ``ValueError``)."""
    review = review_of(profile)
    if review is None:
        raise LookupError("no application to decide")
    return decide(review, by=by, to=to, note=note)
