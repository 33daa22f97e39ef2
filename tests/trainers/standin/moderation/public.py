"""TEMPORARY in-memory stand-in for ``moderation.public`` (the contract in the brief) until the real
app is merged into main; tests/trainers/conftest.py puts it on sys.path only when ``moderation`` is
missing. Delete with the merge."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import itertools

import django.dispatch
from django.core.exceptions import PermissionDenied
from django.db import transaction


class Role(str, enum.Enum):  # noqa: UP042 (as the contract declares it)
    SECRETARIAT = "ppta secretariat"
    LIBRARY_MODERATOR = "ppta library moderators"


class Status(str, enum.Enum):  # noqa: UP042
    PENDING = "pending"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class AlreadyDecided(Exception):
    pass


class NotAllowed(PermissionDenied):
    pass


review_changed = django.dispatch.Signal()
_kinds: dict[str, Role] = {}
_reviews: list = []
_ids = itertools.count(1)


@dataclasses.dataclass
class Transition:
    review: object
    actor: object
    at: datetime.datetime
    from_status: str
    to_status: str
    note: str = ""


@dataclasses.dataclass
class Review:
    kind: str
    subject_id: str
    submitted_by: object
    status: Status
    created: datetime.datetime
    pk: int = dataclasses.field(default_factory=lambda: next(_ids))
    steps: list = dataclasses.field(default_factory=list)


def has_role(user, role: Role) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    names = {role.value} | ({Role.SECRETARIAT.value} if role == Role.LIBRARY_MODERATOR else set())
    return user.groups.filter(name__in=names).exists()


def grant_role(user, role: Role) -> None:
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=role.value)[0])


def register_kind(kind, *, moderator_role, label):
    _kinds[kind] = moderator_role


def _move(review, by, to, note=""):
    step = Transition(review, by, datetime.datetime.now(datetime.UTC), review.status.value if review.status else "",
                      to.value, note)
    review.status = to
    review.steps.append(step)
    transaction.on_commit(lambda: review_changed.send(sender=review.kind, review=review, transition=step))
    return review


def submit(kind, subject_id, *, by):
    open_review = next((r for r in _reviews if r.kind == kind and r.subject_id == subject_id
                        and r.status in (Status.PENDING, Status.CHANGES_REQUESTED)), None)
    if open_review:
        return open_review
    review = Review(kind, subject_id, by, None, datetime.datetime.now(datetime.UTC))
    _reviews.append(review)
    return _move(review, by, Status.PENDING)


def review_for(kind, subject_id):
    return next((r for r in reversed(_reviews) if r.kind == kind and r.subject_id == subject_id), None)


def decide(review, *, by, to, note=""):
    if not has_role(by, _kinds[review.kind]):
        raise NotAllowed("not a moderator")
    if review.status == to:
        return review
    if review.status != Status.PENDING:
        raise AlreadyDecided(f"already {review.status.value}")
    if to in (Status.REJECTED, Status.CHANGES_REQUESTED) and not note:
        raise ValueError("note")
    return _move(review, by, to, note)


def resubmit(review, *, by):
    return _move(review, by, Status.PENDING) if review.status == Status.CHANGES_REQUESTED else review


def withdraw(review, *, by):
    return _move(review, by, Status.WITHDRAWN)


def queue(kind, *, status=None):
    return [r for r in _reviews if r.kind == kind and (status is None or r.status == status)]


def history(review):
    return list(review.steps)


def reset():
    _reviews.clear()
