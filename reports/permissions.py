"""Who may see the reports: the secretariat (and global staff, who hold every role)."""

from __future__ import annotations

SECRETARIAT_GROUP = "ppta secretariat"


def can_view_reports(user) -> bool:
    # The integrator switches this to ``moderation.public.has_role(user, Role.SECRETARIAT)`` (the shared
    # permission model, same group name) once that app is merged; this is its stand-in, in one place.
    return bool(
        user.is_authenticated
        and (user.is_staff or user.is_superuser or user.groups.filter(name=SECRETARIAT_GROUP).exists())
    )
