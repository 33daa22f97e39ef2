"""Who may do what on the trainer pages: one function per decision, all roles from ``moderation``."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy

from moderation.public import Role, has_role, role_required
from trainers import platform
from trainers.models import APPROVED

PUBLIC_SETTING = "PPTA_TRAINERS_PUBLIC"  # True: the directory and profiles are open to anonymous visitors


def directory_is_public() -> bool:
    return bool(getattr(settings, PUBLIC_SETTING, False))


def may_view_directory(user) -> bool:
    return directory_is_public() or user.is_authenticated


def is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


secretariat_only = role_required(
    Role.SECRETARIAT, gettext_lazy("Trainer applications are decided by the Prague Process secretariat."))


def may_view_profile(user, profile) -> bool:
    """Listed profiles for whoever sees the directory; any profile for its trainer and the secretariat."""
    if profile.user_id is not None and profile.user_id == getattr(user, "id", None):
        return True
    if is_secretariat(user):
        return True
    return profile.is_listed and may_view_directory(user)


def is_approved_trainer(user) -> bool:
    profile = getattr(user, "ppta_trainer_profile", None) if user.is_authenticated else None
    return profile is not None and profile.status == APPROVED


def may_download_kit(user, course_key: str) -> bool:
    """Course staff (and global staff), or an approved trainer enrolled in the course. Outside the LMS
    there are no enrolments: there an approved trainer may download the template courses' kits."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser or platform.is_course_staff(user, course_key):
        return True
    if not is_approved_trainer(user):
        return False
    return platform.is_enrolled(user, course_key) if platform.in_lms() else True
