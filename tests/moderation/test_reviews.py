"""Reviews: every transition a submitter or moderator can make, every refusal, and the history kept."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from moderation.public import (
    AlreadyDecided,
    NotAllowed,
    Status,
    decide,
    history,
    kind_label,
    queue,
    register_kind,
    resubmit,
    review_for,
    submit,
    withdraw,
)
from moderation.public import Role as PublicRole
from tests.moderation.conftest import APPLICATION, CONTRIBUTION

pytestmark = pytest.mark.django_db


def steps(review):
    """The review's history as (actor username or None, from, to, note)."""
    return [(t.actor.username if t.actor else None, t.from_status, t.to_status, t.note) for t in history(review)]


def test_submit_opens_a_pending_review_and_records_it(people):
    review = submit(CONTRIBUTION, 42, by=people["author"])
    assert (review.kind, review.subject_id, review.status) == (CONTRIBUTION, "42", Status.PENDING)
    assert review.submitted_by == people["author"]
    assert steps(review) == [("author", "", "pending", "")]
    assert review_for(CONTRIBUTION, "42") == review


def test_submitting_an_open_subject_again_returns_its_review_unchanged(people):
    first = submit(CONTRIBUTION, "m-1", by=people["author"])
    again = submit(CONTRIBUTION, "m-1", by=people["author"])
    assert again == first and len(history(first)) == 1
    assert submit(APPLICATION, "m-1", by=people["author"]) != first, "kinds do not share subjects"


def test_a_subject_decided_can_be_submitted_afresh(people):
    old = submit(CONTRIBUTION, "m-1", by=people["author"])
    decide(old, by=people["moderator"], to=Status.REJECTED, note="Not a migration document.")
    new = submit(CONTRIBUTION, "m-1", by=people["author"])
    assert new != old and new.status == Status.PENDING
    assert review_for(CONTRIBUTION, "m-1") == new
    assert list(queue(CONTRIBUTION)) == [old, new]


def test_review_for_an_unknown_subject_is_none(people):
    assert review_for(CONTRIBUTION, "nothing") is None


def test_an_external_submission_has_no_submitter(people):
    review = submit(APPLICATION, "applicant-7", by=None)
    assert review.submitted_by is None and steps(review) == [(None, "", "pending", "")]


def test_anonymous_visitors_cannot_submit(people):
    with pytest.raises(NotAllowed):
        submit(CONTRIBUTION, "m-1", by=people["anonymous"])
    assert review_for(CONTRIBUTION, "m-1") is None


def test_unregistered_kinds_are_refused(people):
    with pytest.raises(LookupError, match="tests.typo"):
        submit("tests.typo", 1, by=people["author"])


def test_a_kind_cannot_change_its_moderator_role():
    register_kind(CONTRIBUTION, moderator_role=PublicRole.LIBRARY_MODERATOR, label="again")  # repeatable
    with pytest.raises(ValueError, match=CONTRIBUTION):
        register_kind(CONTRIBUTION, moderator_role=PublicRole.SECRETARIAT, label="x")
    assert kind_label(CONTRIBUTION) == "again"
    register_kind(CONTRIBUTION, moderator_role=PublicRole.LIBRARY_MODERATOR, label="test contribution")
    assert kind_label("gone.kind") == "gone.kind"


@pytest.mark.parametrize(("to", "note"), [
    (Status.APPROVED, ""),
    (Status.CHANGES_REQUESTED, "Add the Russian version."),
    (Status.REJECTED, "Out of scope."),
])
def test_a_moderator_decides_a_pending_review(people, to, note):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    decided = decide(review, by=people["moderator"], to=to, note=note)
    assert decided.status == to and review_for(CONTRIBUTION, "m-1").status == to
    assert steps(decided)[-1] == ("moderator", "pending", to.value, note)


@pytest.mark.parametrize("to", [Status.CHANGES_REQUESTED, Status.REJECTED])
@pytest.mark.parametrize("note", ["", "   "])
def test_requesting_changes_or_rejecting_needs_a_note(people, to, note):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    with pytest.raises(ValueError, match="note"):
        decide(review, by=people["moderator"], to=to, note=note)
    assert review_for(CONTRIBUTION, "m-1").status == Status.PENDING and len(history(review)) == 1


@pytest.mark.parametrize("to", [Status.PENDING, Status.WITHDRAWN, "published"])
def test_only_decisions_can_be_decided(people, to):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    with pytest.raises(ValueError):
        decide(review, by=people["moderator"], to=to, note="x")
    assert len(history(review)) == 1


def test_approving_twice_is_one_transition(people):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    decide(review, by=people["moderator"], to=Status.APPROVED)
    again = decide(review, by=people["other_moderator"], to=Status.APPROVED)
    assert again.status == Status.APPROVED
    assert steps(review) == [("author", "", "pending", ""), ("moderator", "pending", "approved", "")]


@pytest.mark.parametrize(("first", "second"), [
    (Status.APPROVED, Status.REJECTED),
    (Status.REJECTED, Status.APPROVED),
    (Status.CHANGES_REQUESTED, Status.APPROVED),
    (Status.APPROVED, Status.CHANGES_REQUESTED),
])
def test_a_second_different_decision_is_refused_saying_who_decided_and_when(people, first, second):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    moment = datetime.datetime(2026, 12, 3, 9, 30, tzinfo=datetime.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        decide(review, by=people["moderator"], to=first, note="first")
    with pytest.raises(AlreadyDecided) as refused:
        decide(review, by=people["other_moderator"], to=second, note="second")  # stale object: still "pending"
    assert str(refused.value) == f"This review is already “{first.label}” (moderator, Dec. 3, 2026, 9:30 a.m.)"
    assert refused.value.review.status == first
    assert len(history(review)) == 2


def test_a_withdrawn_review_cannot_be_decided(people):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    withdraw(review, by=people["author"])
    with pytest.raises(AlreadyDecided, match="author"):
        decide(review, by=people["moderator"], to=Status.APPROVED)


@pytest.mark.parametrize("who", ["anonymous", "learner", "author", "inactive_moderator"])
def test_people_without_the_role_cannot_decide(people, who):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    with pytest.raises(NotAllowed):
        decide(review, by=people[who], to=Status.APPROVED)
    assert issubclass(NotAllowed, PermissionDenied)
    assert review_for(CONTRIBUTION, "m-1").status == Status.PENDING and len(history(review)) == 1


@pytest.mark.parametrize(("kind", "who", "allowed"), [
    (CONTRIBUTION, "moderator", True),
    (CONTRIBUTION, "secretary", True),  # the secretariat holds every moderator role
    (CONTRIBUTION, "staff", True),
    (CONTRIBUTION, "superuser", True),
    (APPLICATION, "moderator", False),  # library moderators do not decide trainer applications
    (APPLICATION, "secretary", True),
    (APPLICATION, "staff", True),
])
def test_the_kinds_moderator_role_decides(people, kind, who, allowed):
    review = submit(kind, "s-1", by=people["author"])
    if allowed:
        assert decide(review, by=people[who], to=Status.APPROVED).status == Status.APPROVED
    else:
        with pytest.raises(NotAllowed):
            decide(review, by=people[who], to=Status.APPROVED)


def test_the_submitter_resubmits_after_changes_and_the_moderator_approves(people):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    decide(review, by=people["moderator"], to=Status.CHANGES_REQUESTED, note="Add the year.")
    assert resubmit(review, by=people["author"]).status == Status.PENDING
    decide(review, by=people["other_moderator"], to=Status.APPROVED)
    assert steps(review) == [
        ("author", "", "pending", ""),
        ("moderator", "pending", "changes_requested", "Add the year."),
        ("author", "changes_requested", "pending", ""),
        ("other_moderator", "pending", "approved", ""),
    ]


def test_resubmitting_a_pending_review_changes_nothing(people):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    assert resubmit(review, by=people["author"]).status == Status.PENDING
    assert len(history(review)) == 1


@pytest.mark.parametrize("decision", [Status.APPROVED, Status.REJECTED])
def test_a_decided_review_cannot_be_resubmitted_or_withdrawn(people, decision):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    decide(review, by=people["moderator"], to=decision, note="because")
    for action in (resubmit, withdraw):
        with pytest.raises(AlreadyDecided, match="moderator"):
            action(review, by=people["author"])
    assert review_for(CONTRIBUTION, "m-1").status == decision and len(history(review)) == 2


@pytest.mark.parametrize("opened_as", [Status.PENDING, Status.CHANGES_REQUESTED])
def test_the_submitter_withdraws_an_open_review_once(people, opened_as):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    if opened_as == Status.CHANGES_REQUESTED:
        decide(review, by=people["moderator"], to=opened_as, note="Add the year.")
    assert withdraw(review, by=people["author"]).status == Status.WITHDRAWN
    assert withdraw(review, by=people["author"]).status == Status.WITHDRAWN
    assert steps(review)[-1] == ("author", opened_as.value, "withdrawn", "")
    assert len(history(review)) == (2 if opened_as == Status.PENDING else 3)
    with pytest.raises(AlreadyDecided):
        resubmit(review, by=people["author"])


@pytest.mark.parametrize("who", ["anonymous", "learner", "moderator", "staff"])
@pytest.mark.parametrize("action", [resubmit, withdraw])
def test_only_the_submitter_resubmits_or_withdraws(people, who, action):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    with pytest.raises(NotAllowed):
        action(review, by=people[who])
    assert review_for(CONTRIBUTION, "m-1").status == Status.PENDING


def test_an_approval_is_taken_back_only_where_the_app_allows_it(people):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    decide(review, by=people["moderator"], to=Status.APPROVED)
    with pytest.raises(NotAllowed):
        withdraw(review, by=people["moderator"], approved_too=True)
    assert withdraw(review, by=people["author"], approved_too=True).status == Status.WITHDRAWN
    assert steps(review)[-1] == ("author", "approved", "withdrawn", "")
    rejected = submit(CONTRIBUTION, "m-2", by=people["author"])
    decide(rejected, by=people["moderator"], to=Status.REJECTED, note="Out of scope.")
    with pytest.raises(AlreadyDecided):
        withdraw(rejected, by=people["author"], approved_too=True)


def test_an_external_submission_is_withdrawn_by_its_app_not_by_a_user(people):
    review = submit(APPLICATION, "applicant-7", by=None)
    with pytest.raises(NotAllowed):
        withdraw(review, by=people["author"])
    assert withdraw(review, by=None).status == Status.WITHDRAWN


def test_the_queue_is_oldest_first_and_filters_by_status(people):
    start = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    reviews = []
    for hours, subject in [(0, "a"), (2, "b"), (1, "c")]:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda hours=hours: start + datetime.timedelta(hours=hours))
            reviews.append(submit(CONTRIBUTION, subject, by=people["author"]))
    a, b, c = reviews
    decide(c, by=people["moderator"], to=Status.APPROVED)
    submit(APPLICATION, "z", by=people["author"])
    assert list(queue(CONTRIBUTION)) == [a, c, b]
    assert list(queue(CONTRIBUTION, status=Status.PENDING)) == [a, b]
    assert list(queue(CONTRIBUTION, status="approved")) == [c]


def test_every_change_is_announced_once_with_its_transition(people, announcements,
                                                            django_capture_on_commit_callbacks):
    def committed(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    review = committed(submit, CONTRIBUTION, "m-1", by=people["author"])
    committed(submit, CONTRIBUTION, "m-1", by=people["author"])  # unchanged: no announcement
    committed(decide, review, by=people["moderator"], to=Status.CHANGES_REQUESTED, note="Add the year.")
    committed(resubmit, review, by=people["author"])
    committed(resubmit, review, by=people["author"])  # unchanged
    committed(decide, review, by=people["moderator"], to=Status.APPROVED)
    committed(decide, review, by=people["moderator"], to=Status.APPROVED)  # unchanged
    assert announcements == [
        (CONTRIBUTION, "pending", "", "pending", ""),
        (CONTRIBUTION, "changes_requested", "pending", "changes_requested", "Add the year."),
        (CONTRIBUTION, "pending", "changes_requested", "pending", ""),
        (CONTRIBUTION, "approved", "pending", "approved", ""),
    ]


@pytest.mark.django_db(transaction=True)
def test_the_announcement_comes_after_the_commit_and_never_after_a_rollback(people, announcements):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    announcements.clear()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        decide(review, by=people["moderator"], to=Status.APPROVED)
        raise Undone
    assert announcements == []
    assert review_for(CONTRIBUTION, "m-1").status == Status.PENDING and len(history(review)) == 1

    with transaction.atomic():
        decide(review, by=people["moderator"], to=Status.APPROVED)
        assert announcements == [], "not while the decision can still be rolled back"
    assert announcements == [(CONTRIBUTION, "approved", "pending", "approved", "")]


def test_refusals_are_told_in_russian(people):
    from django.utils import translation

    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    with translation.override("ru"):
        with pytest.raises(NotAllowed, match="^Решение по этой заявке могут принять только модераторы.$"):
            decide(review, by=people["learner"], to=Status.APPROVED)
        with pytest.raises(ValueError, match="^Напишите примечание: автору нужно знать причину \\(«отклонено»\\)\\.$"):
            decide(review, by=people["moderator"], to=Status.REJECTED)
        decide(review, by=people["moderator"], to=Status.APPROVED)
        with pytest.raises(AlreadyDecided, match="^Это рассмотрение уже в статусе «одобрено» \\(moderator, "):
            decide(review, by=people["secretary"], to=Status.REJECTED, note="нет")


def test_the_callers_review_object_follows_the_changes(people):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    stale = review_for(CONTRIBUTION, "m-1")
    decide(review, by=people["moderator"], to=Status.CHANGES_REQUESTED, note="Add the year.")
    assert review.status == Status.CHANGES_REQUESTED
    with pytest.raises(AlreadyDecided):
        decide(stale, by=people["other_moderator"], to=Status.APPROVED)
    assert stale.status == Status.CHANGES_REQUESTED, "refreshed by the refusal too"
    resubmit(review, by=people["author"])
    assert review.status == Status.PENDING and review.is_open
    withdraw(review, by=people["author"])
    assert review.status == Status.WITHDRAWN and review.is_open is None
