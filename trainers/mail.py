"""E-mail about applications: to the secretariat when one waits for a decision, to the applicant on
each decision. Each message is in its recipient's language (the LMS preference, else the site's)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from moderation.public import Role, Status, lms_url, user_language, users_with_role
from trainers.models import TrainerProfile


def _link(name: str, *args) -> str:
    return lms_url(reverse(f"ppta_trainers:{name}", args=args))


def notify_secretariat(profile: TrainerProfile) -> None:
    link = _link("application", profile.pk)
    for member in users_with_role(Role.SECRETARIAT):
        if not member.email:
            continue
        with translation.override(user_language(member)):
            name = profile.name(translation.get_language())
            subject = _("Trainer application: %(name)s") % {"name": name}
            body = _("%(name)s applied to join the trainer network. Decide here: %(link)s") % {
                "name": name, "link": link}
        send_mail(subject, body, None, [member.email])


def notify_applicant(profile: TrainerProfile, transition) -> None:
    user = profile.user
    if user is None or not user.email:
        return
    with translation.override(user_language(user)):
        texts = {
            Status.APPROVED: _("Your trainer application is approved: your profile is listed in the directory."),
            Status.CHANGES_REQUESTED: _("The secretariat asks you to change your trainer application."),
            Status.REJECTED: _("Your trainer application is declined."),
        }
        text = texts.get(Status(transition.to_status))
        if text is None:
            return
        note = (_("Note from the secretariat:") + " " + transition.note + "\n\n") if transition.note else ""
        body = f"{text}\n\n{note}{_link('mine')}\n"
        send_mail(_("Your trainer application"), body, None, [user.email])
