"""The only module other apps import: roles (who may do what) and reviews (one approval mechanism).

Roles are Django groups named by ``Role`` values, so the platform's admin grants them; global staff and
superusers hold every role, and the secretariat also holds every moderator role.

A kind of review (``"library.contribution"``, ``"trainers.application"``) is registered once by the app
that owns its subjects (in ``AppConfig.ready``). That app submits, shows the queue, and acts on its own
subject in a ``review_changed`` receiver::

    def on_review_changed(sender, review, transition, **kwargs):
        if sender != KIND:  # connect WITHOUT sender=: Django matches senders by identity, not str equality
            return
"""

from __future__ import annotations

import dataclasses
import functools

import django.dispatch
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation.models import OPEN_STATUSES, Review, Status, Transition

__all__ = [
    "AlreadyDecided", "NotAllowed", "Review", "Role", "Status", "Transition", "decide", "grant_role", "has_role",
    "history", "kind_label", "queue", "register_kind", "resubmit", "review_changed", "review_for", "revoke_role",
    "role_required", "submit", "user_language", "users_with_role", "withdraw", "lms_url",
]


class Role(models.TextChoices):
    """Global roles; each value is the name of the Django group that grants it."""

    SECRETARIAT = "ppta secretariat", gettext_lazy("secretariat")
    LIBRARY_MODERATOR = "ppta library moderators", gettext_lazy("library moderators")


#: Roles held by every member of a role's group besides the role itself.
IMPLIED_ROLES = {Role.SECRETARIAT: (Role.LIBRARY_MODERATOR,)}

#: Decisions a moderator may take on a pending review.
DECISIONS = (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED)
#: Decisions the submitter must be told the reason for.
DECISIONS_NEEDING_A_NOTE = (Status.CHANGES_REQUESTED, Status.REJECTED)

# sender=kind (str), review=Review, transition=Transition (what changed: act on transition.to_status; several
# changes in one transaction each send one, with the same review object). Sent after the commit.
review_changed = django.dispatch.Signal()


class AlreadyDecided(Exception):
    """The review is no longer waiting for this action: someone else decided (or it was withdrawn) first."""

    def __init__(self, review: Review):
        self.review = review
        last = review.transitions.select_related("actor").order_by("-id").first()
        status = Status(review.status).label
        if last is None:
            message = _("This review is already “%(status)s”.") % {"status": status}
        else:
            message = _("This review is already “%(status)s” (%(who)s, %(when)s)") % {
                "status": status,
                "who": last.actor.get_username() if last.actor else _("someone outside the academy"),
                "when": formats.date_format(timezone.localtime(last.at), "DATETIME_FORMAT"),
            }
        super().__init__(message)


class NotAllowed(PermissionDenied):
    """The user may not take this action on this review."""


# -- roles -----------------------------------------------------------------------------------------------------


def _groups_granting(role: Role) -> list[str]:
    """Names of the groups whose members hold ``role``: its own and those of the roles implying it."""
    role = Role(role)
    return [role.value, *(holder.value for holder, implied in IMPLIED_ROLES.items() if role in implied)]


def has_role(user, role: Role) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=_groups_granting(role)).exists()


def users_with_role(role: Role) -> QuerySet:
    """Active users holding ``role`` (group members, the roles implying it, staff and superusers)."""
    holds = Q(groups__name__in=_groups_granting(role)) | Q(is_staff=True) | Q(is_superuser=True)
    return get_user_model().objects.filter(holds, is_active=True).distinct().order_by("username")


def role_required(role: Role, refusal):
    """View decorator: anonymous visitors are sent to log in (and back); signed-in people without ``role``
    get 403 with ``refusal`` (a lazy gettext string, read in the page's language)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not has_role(request.user, role):
                raise PermissionDenied(str(refusal))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


LANGUAGE_PREFERENCE_KEY = "pref-lang"  # the LMS's key (openedx.core.djangoapps.lang_pref.LANGUAGE_KEY)


def user_language(user, fallback: str = "") -> str:
    """The language to write to ``user`` in (e-mail): their LMS language preference reduced to a site
    language, else ``fallback`` (e.g. the language they submitted in), else the site's default."""
    preferred = ""
    try:
        from openedx.core.djangoapps.user_api.models import UserPreference
    except ImportError:  # outside Open edX (demo, tests): there is no preference store
        UserPreference = None  # noqa: N806
    if UserPreference is not None and user is not None:
        preferred = UserPreference.get_value(user, LANGUAGE_PREFERENCE_KEY) or ""
    available = [code for code, _name in settings.LANGUAGES]
    for candidate in (preferred, fallback, settings.LANGUAGE_CODE):
        code = (candidate or "").split("-")[0].lower()
        if code in available:
            return code
    return available[0]


def lms_url(path: str) -> str:
    """A link for an e-mail: on the LMS's root URL where there is one, else site-relative."""
    return str(getattr(settings, "LMS_ROOT_URL", "") or "").rstrip("/") + path


def grant_role(user, role: Role) -> None:
    """Add ``user`` to the role's group (created on first use); nothing happens when already a member."""
    user.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])


def revoke_role(user, role: Role) -> None:
    """Remove ``user`` from the role's group. Staff keep every role, secretariat members every moderator role."""
    group = Group.objects.filter(name=Role(role).value).first()
    if group is not None:
        user.groups.remove(group)


# -- kinds of review -------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Kind:
    name: str
    moderator_role: Role
    label: str  # lazy gettext


_KINDS: dict[str, Kind] = {}


def register_kind(kind: str, *, moderator_role: Role, label) -> None:
    """Declare a kind of review and the role that decides it (call from ``AppConfig.ready``; repeatable)."""
    registered = Kind(kind, Role(moderator_role), label)
    existing = _KINDS.get(kind)
    if existing is not None and existing.moderator_role != registered.moderator_role:
        raise ValueError(f"review kind {kind!r} is already registered with {existing.moderator_role.name}")
    _KINDS[kind] = registered


def _kind(kind: str) -> Kind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"unknown review kind {kind!r}: register it with register_kind() first") from None


def kind_label(kind: str) -> str:
    """The kind's human name (the kind itself when no installed app registers it any more)."""
    registered = _KINDS.get(kind)
    return str(registered.label) if registered else kind


# -- reviews ---------------------------------------------------------------------------------------------------


def _record(review: Review, *, by, from_status: str, note: str = "") -> Transition:
    """Write the transition to ``review.status`` and announce it once the transaction commits."""
    transition = Transition.objects.create(
        review=review, actor=by, at=timezone.now(), from_status=from_status, to_status=review.status, note=note
    )
    transaction.on_commit(lambda: review_changed.send(sender=review.kind, review=review, transition=transition))
    return transition


def submit(kind: str, subject_id, *, by) -> Review:
    """Open a pending review of the subject; when one is already open it is returned unchanged.

    ``by`` is the submitting user, or None for a submission from outside the academy's accounts.
    """
    _kind(kind)
    if by is not None and not by.is_authenticated:
        raise NotAllowed(_("Sign in to submit."))
    subject_id = str(subject_id)
    with transaction.atomic():
        open_review = review_for(kind, subject_id)
        if open_review is not None and open_review.is_open:
            return open_review
        try:
            with transaction.atomic():  # a concurrent submit may open it first: the unique constraint says so
                review = Review.objects.create(kind=kind, subject_id=subject_id, submitted_by=by,
                                               created=timezone.now())
        except IntegrityError:
            # A locking read sees the other submit's committed row even where a plain read would not: under
            # REPEATABLE READ (a deployment may set it; Django's MySQL default is READ COMMITTED) a plain
            # read uses this transaction's snapshot, taken before the other submit committed.
            return Review.objects.select_for_update().get(kind=kind, subject_id=subject_id, is_open=True)
        _record(review, by=by, from_status="")
        return review


def review_for(kind: str, subject_id) -> Review | None:
    """The subject's open review, else its latest one, else None."""
    return (
        Review.objects.filter(kind=kind, subject_id=str(subject_id))
        .select_related("submitted_by")
        .order_by(F("is_open").desc(nulls_last=True), "-created", "-id")
        .first()
    )


def _change(review: Review, to: Status) -> Review:
    review.status = to
    review.is_open = True if to in OPEN_STATUSES else None
    review.save(update_fields=["status", "is_open", "updated"])
    return review


def _locked(review: Review) -> Review:
    """Lock the review's row and bring the caller's object up to date with it (the caller keeps using it)."""
    # No select_related: MariaDB would lock the joined user row too (it has no FOR UPDATE OF).
    row = Review.objects.select_for_update().get(pk=review.pk)
    for field in ("status", "is_open", "updated"):
        setattr(review, field, getattr(row, field))
    return review


def decide(review: Review, *, by, to: Status, note: str = "") -> Review:
    """A moderator's decision on a pending review; returns the review as it now is.

    Raises NotAllowed unless ``by`` holds the kind's moderator role, ValueError for a decision that is not
    one or lacks its note, AlreadyDecided when the review stopped being pending (another moderator, the
    submitter withdrawing). Taking the decision the review already carries changes nothing.
    """
    to = Status(to)
    if to not in DECISIONS:
        raise ValueError(f"{to.value!r} is not a decision; use one of {', '.join(d.value for d in DECISIONS)}")
    if not has_role(by, _kind(review.kind).moderator_role):
        raise NotAllowed(_("Only moderators may decide on this submission."))
    note = (note or "").strip()
    if to in DECISIONS_NEEDING_A_NOTE and not note:
        raise ValueError(_("Write a note: the submitter needs to know why (%(decision)s).") % {"decision": to.label})
    with transaction.atomic():
        current = _locked(review)  # a second moderator waits here until the first one's decision is committed
        if current.status == to:
            return current
        if current.status != Status.PENDING:
            raise AlreadyDecided(current)
        from_status = current.status
        _record(_change(current, to), by=by, from_status=from_status, note=note)
        return current


def _check_submitter(review: Review, by) -> None:
    """Only the submitter acts on a submission (None: the owning app vouches for an outside submitter)."""
    if by is None:
        allowed = review.submitted_by_id is None
    else:
        allowed = by.is_authenticated and by.pk == review.submitted_by_id
    if not allowed:
        raise NotAllowed(_("Only the person who submitted this may do that."))


def resubmit(review: Review, *, by) -> Review:
    """Send an edited submission back to the moderators (CHANGES_REQUESTED → PENDING; PENDING stays)."""
    _check_submitter(review, by)
    with transaction.atomic():
        current = _locked(review)
        if current.status == Status.PENDING:
            return current
        if current.status != Status.CHANGES_REQUESTED:
            raise AlreadyDecided(current)
        _record(_change(current, Status.PENDING), by=by, from_status=Status.CHANGES_REQUESTED)
        return current


def withdraw(review: Review, *, by, approved_too: bool = False) -> Review:
    """The submitter takes an open submission back (withdrawing a withdrawn one changes nothing).

    ``approved_too``: an approved one too, for an app whose approvals can be taken back (a published
    contribution leaves the library); the app undoes the approval's effects in the same transaction.
    """
    _check_submitter(review, by)
    with transaction.atomic():
        current = _locked(review)
        if current.status == Status.WITHDRAWN:
            return current
        if current.status not in OPEN_STATUSES and not (approved_too and current.status == Status.APPROVED):
            raise AlreadyDecided(current)
        from_status = current.status
        _record(_change(current, Status.WITHDRAWN), by=by, from_status=from_status)
        return current


def queue(kind: str, *, status: Status | None = None) -> QuerySet:
    """Reviews of ``kind``, oldest first; all statuses unless ``status`` is given."""
    reviews = Review.objects.filter(kind=kind).select_related("submitted_by").order_by("created", "id")
    return reviews if status is None else reviews.filter(status=Status(status))


def history(review: Review) -> list[Transition]:
    """Every transition of the review in the order they happened (written one at a time under its lock)."""
    return list(review.transitions.select_related("actor").order_by("id"))
