"""E-mail goes to the right people in their own language (the LMS's ``pref-lang`` where it exists)."""

from __future__ import annotations

import sys
import types

import pytest
from django.core import mail

from contributions.models import Contribution
from moderation.public import user_language
from tests.contributions.conftest import pdf_upload, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_preferences(monkeypatch):
    """A stand-in for the platform's UserPreference store: {username: language}."""
    preferences = {}

    class UserPreference:
        @staticmethod
        def get_value(user, key):
            assert key == "pref-lang"
            return preferences.get(user.username)

    module = types.ModuleType("openedx.core.djangoapps.user_api.models")
    module.UserPreference = UserPreference
    for name in ("openedx", "openedx.core", "openedx.core.djangoapps", "openedx.core.djangoapps.user_api"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "openedx.core.djangoapps.user_api.models", module)
    return preferences


def test_without_the_platform_the_contributor_hears_in_the_language_they_used(client, people,
                                                                               django_capture_on_commit_callbacks):
    client.cookies["openedx-language-preference"] = "ru"
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, people["representative"])
    assert {message.subject for message in mail.outbox} == {
        "New contribution to review: Национальная стратегия Молдовы по миграции (Moldova)"}
    mail.outbox.clear()
    contribution = Contribution.objects.get()
    client.cookies["openedx-language-preference"] = "en"
    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/academy/library/moderation/{contribution.pk}/", {"decision": "rejected", "note": "Дубликат."})
    (message,) = mail.outbox
    assert message.subject == "Ваш материал не принят: Национальная стратегия Молдовы по миграции"
    assert "Секретариат не принял" in message.body and "Дубликат." in message.body
    assert "/academy/library/contributions/" in message.body


def test_each_recipient_in_their_lms_language(client, people, platform_preferences,
                                              django_capture_on_commit_callbacks):
    platform_preferences.update({"moderator": "ru", "staff": "en", "md-rep": "en"})
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, people["representative"], title_en="National migration strategy", file_en=pdf_upload("en.pdf"))
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "moderator@example.org": "Новый материал на проверку: Национальная стратегия Молдовы по миграции (Молдова)",
        "staff@example.org": "New contribution to review: National migration strategy (Moldova)",
    }
    mail.outbox.clear()
    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/academy/library/moderation/{Contribution.objects.get().pk}/", {"decision": "approved"})
    (message,) = mail.outbox
    assert message.subject == "Your contribution is published: National migration strategy"


def test_user_language_falls_back(people, platform_preferences, settings):
    platform_preferences["learner"] = "ru-ru"
    assert user_language(people["learner"]) == "ru"
    platform_preferences["learner"] = "de"
    assert user_language(people["learner"], "ru") == "ru"
    assert user_language(people["learner"]) == settings.LANGUAGE_CODE
