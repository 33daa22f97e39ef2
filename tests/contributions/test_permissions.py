"""The permission matrix: anonymous, learner, representative (own / same country / other country),
moderator and staff, on every page, document and API action.

The API answers anonymous callers 403 here (session authentication only); in the LMS, whose JWT
authentication asks for credentials, it is 401.
"""

from __future__ import annotations

import pytest

from contributions.models import Contribution
from tests.contributions.conftest import form_data, pdf_upload, submit

pytestmark = pytest.mark.django_db

WHO = ("anonymous", "learner", "representative", "colleague", "foreign", "moderator", "staff")


@pytest.fixture
def contribution(client, people):
    submit(client, people["representative"])
    client.logout()
    return Contribution.objects.get()


def as_user(client, people, who):
    client.logout()
    if people[who] is not None:
        client.force_login(people[who])
    return client


PAGES = {
    # path template -> expected status per person (302: to the login page)
    "/academy/library/contribute/": dict(anonymous=302, learner=403, representative=200, colleague=200, foreign=200,
                                         moderator=403, staff=403),
    "/academy/library/contributions/": dict(anonymous=302, learner=200, representative=200, colleague=200,
                                            foreign=200, moderator=200, staff=200),
    "/academy/library/contributions/{pk}/edit/": dict(anonymous=302, learner=403, representative=200,
                                                      colleague=403, foreign=403, moderator=403, staff=403),
    "/academy/library/contributions/{pk}/documents/ru/": dict(anonymous=302, learner=403, representative=200,
                                                              colleague=403, foreign=403, moderator=200, staff=200),
    "/academy/library/moderation/": dict(anonymous=302, learner=403, representative=403, colleague=403,
                                         foreign=403, moderator=200, staff=200),
    "/academy/library/moderation/{pk}/": dict(anonymous=302, learner=403, representative=403, colleague=403,
                                              foreign=403, moderator=200, staff=200),
    "/academy/library/api/v1/contributions/{pk}/": dict(anonymous=403, learner=403, representative=200,
                                                        colleague=403, foreign=403, moderator=200, staff=200),
    "/academy/library/api/v1/contributions/": dict(anonymous=403, learner=200, representative=200, colleague=200,
                                                   foreign=200, moderator=200, staff=200),
    "/academy/library/api/v1/contributions/?scope=queue": dict(anonymous=403, learner=403, representative=403,
                                                               colleague=403, foreign=403, moderator=200, staff=200),
}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("who", WHO)
def test_pages_and_documents(client, people, contribution, path, who):
    response = as_user(client, people, who).get(path.format(pk=contribution.pk))
    assert response.status_code == PAGES[path][who]
    if response.status_code == 302:
        assert response["Location"].startswith("/academy/login/?next=/academy/library/")


def test_the_document_is_the_pdf_and_not_cached(client, people, contribution):
    response = as_user(client, people, "moderator").get(f"/academy/library/contributions/{contribution.pk}/"
                                                        "documents/ru/?inline=1")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"


DECIDE = dict(anonymous=302, learner=403, representative=403, colleague=403, foreign=403, moderator=302, staff=302)


@pytest.mark.parametrize("who", WHO)
def test_deciding_on_the_page(client, people, contribution, who):
    response = as_user(client, people, who).post(f"/academy/library/moderation/{contribution.pk}/",
                                                 {"decision": "rejected", "note": "Нет."})
    assert response.status_code == DECIDE[who]
    decided = who in ("moderator", "staff")
    assert (response.status_code == 302 and response["Location"] == f"/academy/library/moderation/{contribution.pk}/") \
        == decided


API_DECIDE = dict(anonymous=403, learner=403, representative=403, colleague=403, foreign=403, moderator=200,
                  staff=200)


@pytest.mark.parametrize("who", WHO)
def test_deciding_through_the_api(client, people, contribution, who):
    response = as_user(client, people, who).post(f"/academy/library/api/v1/contributions/{contribution.pk}/decision/",
                                                 {"decision": "changes_requested", "note": "Уточните год."})
    assert response.status_code == API_DECIDE[who]
    if response.status_code == 200:
        assert response.json()["status"] == "changes_requested"


WITHDRAW = dict(anonymous=302, learner=403, representative=302, colleague=403, foreign=403, moderator=403, staff=403)


@pytest.mark.parametrize("who", WHO)
def test_withdrawing(client, people, contribution, who):
    response = as_user(client, people, who).post(f"/academy/library/contributions/{contribution.pk}/withdraw/")
    assert response.status_code == WITHDRAW[who]
    api = as_user(client, people, who).post(f"/academy/library/api/v1/contributions/{contribution.pk}/withdraw/")
    expected = {"representative": 403, "moderator": 403, "staff": 403}.get(who, 403)
    assert api.status_code == expected  # the representative already withdrew it on the page


CREATE = dict(anonymous=403, learner=403, representative=201, colleague=201, foreign=201, moderator=403, staff=403)


@pytest.mark.parametrize("who", WHO)
def test_creating_through_the_api(client, people, who):
    data = form_data(file_ru=pdf_upload())
    response = as_user(client, people, who).post("/academy/library/api/v1/contributions/", data)
    assert response.status_code == CREATE[who]
    assert Contribution.objects.count() == (1 if CREATE[who] == 201 else 0)
    if who == "foreign":
        assert response.json()["country"] == "KZ"  # the country is always the representative's


@pytest.mark.parametrize("who", WHO)
def test_editing_someone_elses_contribution_is_refused(client, people, contribution, who):
    response = as_user(client, people, who).post(f"/academy/library/contributions/{contribution.pk}/edit/",
                                                 form_data(title_ru="Чужое"))
    assert response.status_code == {"anonymous": 302, "representative": 302}.get(who, 403)
    changed = contribution.documents.get().title == "Чужое"
    assert changed == (who == "representative")


def test_the_api_lists_only_ones_own(client, people, contribution):
    assert as_user(client, people, "colleague").get("/academy/library/api/v1/contributions/").json() == {
        "results": []}
    own = as_user(client, people, "representative").get("/academy/library/api/v1/contributions/").json()
    assert [item["id"] for item in own["results"]] == [contribution.pk]


def test_the_api_escapes_markup(client, people):
    submit(client, people["representative"], title_ru="<script>alert(1)</script> & «план»")
    body = as_user(client, people, "representative").get("/academy/library/api/v1/contributions/").content
    assert b"<script>" not in body and b"\\u003cscript\\u003e" in body
    assert as_user(client, people, "representative").get("/academy/library/api/v1/contributions/").json()[
        "results"][0]["documents"]["ru"]["title"].startswith("<script>")
    page = client.get("/academy/library/contributions/").content.decode()
    assert "<script>alert" not in page


def test_every_form_and_api_action_needs_the_csrf_token(people, contribution):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["representative"])
    assert client.post("/academy/library/contribute/", form_data(file_ru=pdf_upload())).status_code == 403
    assert client.post("/academy/library/api/v1/contributions/", form_data(file_ru=pdf_upload())).status_code == 403
    assert client.post(f"/academy/library/contributions/{contribution.pk}/withdraw/").status_code == 403
    client.force_login(people["moderator"])
    assert client.post(f"/academy/library/moderation/{contribution.pk}/", {"decision": "approved"}).status_code == 403
    assert client.post(f"/academy/library/api/v1/contributions/{contribution.pk}/decision/",
                       {"decision": "approved"}).status_code == 403
    assert Contribution.objects.count() == 1
    from contributions.workflow import status_of

    assert status_of(contribution) == "pending"


def test_the_admin_grants_representatives_with_a_valid_country(client, people, contribution):
    from django.contrib.auth.models import User

    from contributions.models import Representative

    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    assert client.get("/admin/ppta_contributions/contribution/").status_code == 200
    assert client.get(f"/admin/ppta_contributions/contribution/{Contribution.objects.get().pk}/change/").status_code \
        == 200
    response = client.post("/admin/ppta_contributions/representative/add/",
                           {"user": people["learner"].pk, "country": "XX"})
    assert response.status_code == 200 and "Unknown country code" in response.content.decode()
    response = client.post("/admin/ppta_contributions/representative/add/",
                           {"user": people["learner"].pk, "country": "kz"})
    assert response.status_code == 302
    assert Representative.objects.get(user=people["learner"]).country == "KZ"


def test_the_menu_offers_only_what_the_person_may_do(client, people):
    def menu(who):
        page = as_user(client, people, who).get("/academy/library/contributions/").content.decode()
        return ("/academy/library/contribute/" in page, "/academy/library/moderation/" in page)

    assert menu("learner") == (False, False)
    assert menu("representative") == (True, False)
    assert menu("moderator") == (False, True)
    assert menu("staff") == (False, True)
