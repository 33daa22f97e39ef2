"""Contributions inside the LMS: the pages at the LMS's URLs behind the LMS's own login, a representative
submits, a moderator approves, the library search of the LMS finds the material; e-mail in the
recipient's LMS language preference (``pref-lang``)."""

from __future__ import annotations

import pytest
from common.djangoapps.student.tests.factories import UserFactory
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openedx.core.djangoapps.user_api.preferences.api import set_user_preference

from contributions.models import Contribution, Representative
from moderation.public import Role, grant_role

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]
TITLE = "Национальная стратегия Молдовы по миграции"
PAGES = ("/academy/library/contribute/", "/academy/library/contributions/", "/academy/library/moderation/")


def pdf() -> SimpleUploadedFile:
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")
    return SimpleUploadedFile("strategy.pdf", body, content_type="application/pdf")


def signed_in(user) -> Client:
    client = Client()
    client.login(username=user.username, password="test")
    return client


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_go_to_the_lms_login_and_come_back(path):
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{settings.LOGIN_URL}?next={path}"


def test_a_representative_submits_a_moderator_approves_the_library_finds_it(django_capture_on_commit_callbacks):
    representative = UserFactory.create(username="md-rep", email="md-rep@example.org", password="test")
    Representative.objects.create(user=representative, country="MD")
    set_user_preference(representative, "pref-lang", "ru")
    moderator = UserFactory.create(username="moderator", email="moderator@example.org", password="test")
    grant_role(moderator, Role.LIBRARY_MODERATOR)
    set_user_preference(moderator, "pref-lang", "en")
    learner = UserFactory.create(username="learner", password="test")

    assert signed_in(learner).get("/academy/library/contribute/").status_code == 403
    assert signed_in(learner).get("/academy/library/moderation/").status_code == 403

    client = signed_in(representative)
    client.cookies["openedx-language-preference"] = "ru"
    assert "Внести материал" in client.get("/academy/library/contribute/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/academy/library/contribute/", {
            "type": "national_strategy", "areas": ["asylum-international-protection"], "year": "2025",
            "title_ru": TITLE, "file_ru": pdf(), "licence": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    contribution = Contribution.objects.get()
    to_moderator = [message for message in mail.outbox if message.to == ["moderator@example.org"]]
    assert to_moderator and to_moderator[0].subject.startswith("New contribution to review")
    document = f"/academy/library/contributions/{contribution.pk}/documents/ru/"
    assert signed_in(learner).get(document).status_code == 403
    assert signed_in(moderator).get(document).status_code == 200

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(moderator).post(f"/academy/library/moderation/{contribution.pk}/",
                                             {"decision": "approved"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["md-rep@example.org"] and message.subject.startswith("Ваш материал опубликован")

    found = Client().get("/academy/library/", {"q": "стратегия МОЛДОВЫ"}).content.decode()
    assert f"contribution-md-{contribution.pk}" in found
    api = Client().get("/academy/library/api/v1/materials/", {"q": "молдовы", "country": "MD"}).json()
    assert [row["id"] for row in api["results"]] == [f"contribution-md-{contribution.pk}"]
