"""Who may see the reports: the secretariat (and global staff, who hold every role)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from moderation.public import Role, has_role, role_required


def can_view_reports(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


# Anonymous visitors are sent to log in (and back); signed-in people without the role get 403.
secretariat_only = role_required(Role.SECRETARIAT, gettext_lazy("Reports are for the Prague Process secretariat."))
