"""Who may see the reports: the secretariat (and global staff, who hold every role)."""

from __future__ import annotations

from moderation.public import Role, has_role


def can_view_reports(user) -> bool:
    return has_role(user, Role.SECRETARIAT)
