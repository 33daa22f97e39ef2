"""The Django admin shows reviews and their history read-only, to staff with the view permission only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from moderation.public import Status, decide, submit
from tests.moderation.conftest import CONTRIBUTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(people):
    review = submit(CONTRIBUTION, "handbook-42", by=people["author"])
    decide(review, by=people["moderator"], to=Status.CHANGES_REQUESTED, note="Add the Russian title.")
    return review


def test_superusers_see_the_review_and_its_history_but_change_nothing(client, people, decided):
    client.force_login(people["superuser"])
    listing = client.get("/admin/ppta_moderation/review/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "handbook-42" in html and "test contribution" in html and "changes requested" in html
    assert "/admin/ppta_moderation/review/add/" not in html
    page = client.get(f"/admin/ppta_moderation/review/{decided.pk}/change/")
    html = page.content.decode()
    assert "Add the Russian title." in html and "moderator" in html
    assert 'name="_save"' not in html, "read-only: no save button"
    assert client.get("/admin/ppta_moderation/review/add/").status_code == 403
    assert client.post(f"/admin/ppta_moderation/review/{decided.pk}/delete/", {"post": "yes"}).status_code == 403
    decided.refresh_from_db()
    assert decided.status == Status.CHANGES_REQUESTED


def test_staff_need_the_view_permission(client, people, decided):
    staff = people["staff"]
    client.force_login(staff)
    assert client.get("/admin/ppta_moderation/review/").status_code == 403
    view = Permission.objects.get(codename="view_review", content_type__app_label="ppta_moderation")
    staff.user_permissions.add(view)
    assert client.get("/admin/ppta_moderation/review/").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "learner", "moderator"])
def test_others_are_sent_to_the_admin_login(client, people, decided, who):
    if who != "anonymous":
        client.force_login(people[who])
    response = client.get(f"/admin/ppta_moderation/review/{decided.pk}/change/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
