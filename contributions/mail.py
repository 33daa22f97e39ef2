"""E-mail to moderators (a new or updated contribution) and to contributors (each decision).

Each message is written in its recipient's language: the LMS's language preference (the
``pref-lang`` user preference) inside Open edX; elsewhere the language the contributor used to
submit, else the site's default.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from contributions.models import Contribution
from library_importer.public import country_name
from moderation import public as moderation
from moderation.public import Role, lms_url, user_language


def _send(user, language: str, template: str, context: dict) -> None:
    if not user.email:
        return
    with translation.override(language):
        context = {**context, "country": country_name(context["contribution"].country, language)}
        subject = " ".join(render_to_string(f"ppta_contributions/mail/{template}_subject.txt", context).split())
        body = render_to_string(f"ppta_contributions/mail/{template}_body.txt", context)
    send_mail(subject, body, None, [user.email])


def _title(contribution: Contribution, language: str) -> str:
    documents = {document.language: document.title for document in contribution.documents.all()}
    return documents.get(language) or next(iter(documents.values()), contribution.material_id)


def notify_moderators(contribution: Contribution, *, resubmitted: bool) -> None:
    link = lms_url(reverse("ppta_contributions:moderation-detail", args=[contribution.pk]))
    for moderator in moderation.users_with_role(Role.LIBRARY_MODERATOR):
        language = user_language(moderator)
        _send(moderator, language, "moderators", {
            "contribution": contribution, "title": _title(contribution, language), "link": link,
            "resubmitted": resubmitted,
        })


def notify_contributor(contribution: Contribution, transition) -> None:
    user = contribution.contributor
    if user is None:
        return
    language = user_language(user, contribution.language)
    _send(user, language, "decision", {
        "contribution": contribution, "title": _title(contribution, language), "status": transition.to_status,
        "note": transition.note, "link": lms_url(reverse("ppta_contributions:mine")),
    })
