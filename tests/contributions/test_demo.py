"""The demo: a representative of Moldova, a moderator and a pending contribution, credentials on the home page."""

from __future__ import annotations

import pytest

from contributions import demo
from contributions.models import Contribution, Representative
from contributions.workflow import is_moderator, status_of

pytestmark = pytest.mark.django_db


def test_setup_is_idempotent_and_the_accounts_work(client):
    lines = []
    demo.setup(lines.append)
    demo.setup(lines.append)
    (contribution,) = Contribution.objects.all()
    assert status_of(contribution) == "pending" and contribution.country == "MD"
    assert contribution.documents.get().file.name.endswith("/ru.pdf")
    assert Representative.objects.get().user.username == demo.REPRESENTATIVE[0]
    assert "representative-md / representative-demo" in lines[-1]

    assert client.login(username=demo.MODERATOR[0], password=demo.MODERATOR[1])
    assert is_moderator(client.get("/academy/").wsgi_request.user)
    assert demo.SAMPLE_TITLE in client.get("/academy/library/moderation/").content.decode()
    assert client.login(username=demo.REPRESENTATIVE[0], password=demo.REPRESENTATIVE[1])
    assert client.get("/academy/library/contribute/").status_code == 200


def test_the_home_page_names_the_accounts_and_the_sign_in_page_works(client):
    demo.setup(lambda line: None)
    home = client.get("/academy/").content.decode()
    assert "representative-md / representative-demo" in home and "moderator / moderator-demo" in home
    response = client.post("/academy/login/?next=/academy/library/contributions/",
                           {"username": demo.REPRESENTATIVE[0], "password": demo.REPRESENTATIVE[1],
                            "next": "/academy/library/contributions/"})
    assert response.status_code == 302 and response["Location"] == "/academy/library/contributions/"
    client.cookies["openedx-language-preference"] = "ru"
    assert "Войти" in client.get("/academy/login/").content.decode()
