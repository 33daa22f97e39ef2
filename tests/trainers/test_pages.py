"""The trainer pages through the Django test client: who may open or do what (the permission matrix),
the application story, privacy (consent, hide, export, delete), trainings and their report counts,
per-field errors with nothing stored."""

from __future__ import annotations

import datetime
import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from moderation.public import Status, review_for
from reports.models import MonthlyTraining
from tests.trainers.conftest import PASSWORD, make_profile
from trainers.applications import KIND
from trainers.forms import CONSENT_VERSION
from trainers.models import APPROVED, PENDING, DeliveredTraining, TrainerProfile

pytestmark = pytest.mark.django_db
ANONYMOUS = "anonymous"
ROLES = (ANONYMOUS, "learner", "trainer", "secretariat", "staff")

PROFILE_POST = {
    "name_en": "Nino Beridze", "name_ru": "Нино Беридзе", "country": "GE", "kind": "civil-society",
    "organisation": "Tbilisi Migration Centre", "areas": ["integration", "asylum-international-protection"],
    "languages": ["ka", "ru"], "bio_en": "<p>Trainer since 2019.</p><script>alert(1)</script>", "bio_ru": "",
    "contact_email": "", "consent": "on",
}
TRAINING_POST = {
    "title": "Integration basics", "start": "2026-10-05", "end": "2026-10-07", "city": "Kutaisi", "country": "GE",
    "language": "ka", "areas": ["integration"], "course_key": "", "participants_women": "12",
    "participants_men": "9", "participants_other": "0", "organiser": "Ministry of IDPs",
}


def client_for(role: str, users) -> Client:
    client = Client()
    if role != ANONYMOUS:
        client.login(username=users[role].username, password=PASSWORD)
    return client


def url(name: str, *args) -> str:
    return reverse(f"ppta_trainers:{name}", args=args)


# -- the permission matrix --------------------------------------------------------------------------

# page -> expected status per role (302 = sent to sign in)
GET_MATRIX = {
    "directory": {ANONYMOUS: 302, "learner": 200, "trainer": 200, "secretariat": 200, "staff": 200},
    "mine": {ANONYMOUS: 302, "learner": 200, "trainer": 200, "secretariat": 200, "staff": 200},
    "export": {ANONYMOUS: 302, "learner": 404, "trainer": 200, "secretariat": 404, "staff": 404},
    "delete": {ANONYMOUS: 302, "learner": 404, "trainer": 200, "secretariat": 404, "staff": 404},
    "training_new": {ANONYMOUS: 302, "learner": 404, "trainer": 200, "secretariat": 404, "staff": 404},
    "applications": {ANONYMOUS: 302, "learner": 403, "trainer": 403, "secretariat": 200, "staff": 200},
    "kits": {ANONYMOUS: 302, "learner": 200, "trainer": 200, "secretariat": 200, "staff": 200},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(GET_MATRIX))
def test_who_may_open_each_page(users, role, page):
    response = client_for(role, users).get(url(page))
    assert response.status_code == GET_MATRIX[page][role]
    if response.status_code == 302:
        assert response["Location"].startswith(f"{settings.LOGIN_URL}?next=")


@pytest.mark.parametrize("role", ROLES)
def test_a_listed_profile_is_seen_by_signed_in_people_only(users, role):
    listed = make_profile(name_en="Listed One")
    response = client_for(role, users).get(url("profile", listed.pk))
    assert response.status_code == (302 if role == ANONYMOUS else 200)


@pytest.mark.parametrize("role", ROLES)
def test_an_unlisted_profile_is_seen_by_its_trainer_and_the_secretariat_only(users, role):
    hidden = users["trainer"].ppta_trainer_profile
    hidden.hidden = True
    hidden.save()
    response = client_for(role, users).get(url("profile", hidden.pk))
    expected = {ANONYMOUS: 302, "learner": 404, "trainer": 200, "secretariat": 200, "staff": 200}[role]
    assert response.status_code == expected


def test_the_setting_opens_the_directory_and_listed_profiles_to_anonymous_visitors(users, settings):
    settings.PPTA_TRAINERS_PUBLIC = True
    listed = make_profile(name_en="Public Person")
    unlisted = make_profile(name_en="Private Person", consent=False)
    assert "Public Person" in Client().get(url("directory")).content.decode()
    assert Client().get(url("profile", listed.pk)).status_code == 200
    assert Client().get(url("profile", unlisted.pk)).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_who_may_decide_an_application(users, role, django_capture_on_commit_callbacks):
    applicant = Client()
    applicant.login(username=users["learner"].username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        applicant.post(url("mine"), PROFILE_POST)
    profile = TrainerProfile.objects.get(user=users["learner"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(role, users).post(url("application", profile.pk), {"decision": "approved"})
    expected = {ANONYMOUS: 302, "learner": 403, "trainer": 403, "secretariat": 302, "staff": 302}[role]
    assert response.status_code == expected
    profile.refresh_from_db()
    assert profile.status == (APPROVED if role in ("secretariat", "staff") else PENDING)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_trainer_changes_their_own_profile(users, role):
    """Every owner action acts on the signed-in person's profile: nobody reaches someone else's."""
    trainer_profile = users["trainer"].ppta_trainer_profile
    client = client_for(role, users)
    client.post(url("visibility"), {"action": "hide"})
    client.post(url("delete"))
    exists = TrainerProfile.objects.filter(pk=trainer_profile.pk).exists()
    assert exists == (role != "trainer")


def test_a_training_can_be_deleted_only_by_its_trainer(users):
    training = DeliveredTraining.objects.create(
        profile=users["trainer"].ppta_trainer_profile, title="T", start=datetime.date(2026, 3, 1),
        end=datetime.date(2026, 3, 1), city="Chisinau", country="MD", language="ro", areas=",integration,",
        participants_women=3, organiser="X")
    for role in (ANONYMOUS, "learner", "secretariat"):
        client_for(role, users).post(url("training_delete", training.pk))
        assert DeliveredTraining.objects.filter(pk=training.pk).exists(), role
    client_for("trainer", users).post(url("training_delete", training.pk))
    assert not DeliveredTraining.objects.filter(pk=training.pk).exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_pages_answer_only_their_methods(users, method):
    response = getattr(client_for("trainer", users), method)(url("mine"))
    assert response.status_code == 405


# -- the application story ---------------------------------------------------------------------------

def test_a_tot_certificate_holder_is_invited_applies_is_approved_and_is_listed(
        users, tot_holder, django_capture_on_commit_callbacks):
    learner = client_for("learner", users)
    tot_holder.add(users["learner"].id)
    page = learner.get(url("directory")).content.decode()
    assert "You are invited to join the trainer network" in page and "Убежище: подготовка тренеров" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = learner.post(url("mine"), PROFILE_POST)
    assert response.status_code == 302
    profile = TrainerProfile.objects.get(user=users["learner"])
    assert profile.status == PENDING and profile.consent_version and profile.consent_at
    assert "<script>" not in profile.bio_en and "<p>Trainer since 2019.</p>" in profile.bio_en
    assert "Nino Beridze" not in learner.get(url("directory")).content.decode()  # not listed while pending

    secretariat = client_for("secretariat", users)
    assert "Nino Beridze" in secretariat.get(url("applications")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(url("application", profile.pk), {"decision": "approved"})
    assert review_for(KIND, str(profile.pk)).status == Status.APPROVED

    listing = learner.get(url("directory"), {"country": "GE", "area": "integration"}).content.decode()
    assert "Nino Beridze" in listing
    assert "Nino Beridze" not in learner.get(url("directory"), {"country": "MD"}).content.decode()
    assert "Nino Beridze" not in learner.get(url("directory"), {"area": "legal-migration-mobility"}).content.decode()
    assert "Nino Beridze" in learner.get(url("directory"), {"language": "ka", "kind": "civil-society",
                                                            "q": "tbilisi"}).content.decode()
    # Cyrillic in any case, ё as е, on every database (SQLite's LIKE folds only ASCII)
    for query in ("НИНО беридзе", "нино", "Беридзе"):
        assert "Nino Beridze" in learner.get(url("directory"), {"q": query}).content.decode(), query
    assert "Nino Beridze" not in learner.get(url("directory"), {"q": "ниночка"}).content.decode()
    profile_page = learner.get(url("profile", profile.pk)).content.decode()
    assert "Убежище: подготовка тренеров" in profile_page  # ToT courses completed, from the certificates


def test_asking_for_changes_needs_a_note_and_the_edited_application_returns_to_the_queue(
        users, django_capture_on_commit_callbacks):
    learner, secretariat = client_for("learner", users), client_for("secretariat", users)
    with django_capture_on_commit_callbacks(execute=True):
        learner.post(url("mine"), PROFILE_POST)
    profile = TrainerProfile.objects.get(user=users["learner"])
    response = secretariat.post(url("application", profile.pk), {"decision": "changes_requested", "note": ""})
    assert response.status_code == 400 and "Say what should change" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(url("application", profile.pk), {"decision": "changes_requested",
                                                          "note": "Add your organisation's full name"})
    profile.refresh_from_db()
    assert profile.status == "changes_requested"
    assert "Add your organisation&#x27;s full name" in learner.get(url("mine")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        learner.post(url("mine"), {**PROFILE_POST, "organisation": "Tbilisi State Migration Centre"})
    profile.refresh_from_db()
    assert profile.status == PENDING


# -- per-field errors, nothing stored ----------------------------------------------------------------

@pytest.mark.parametrize(("change", "field", "message"), [
    ({"name_en": "", "name_ru": ""}, "name_en", "Enter your name in English or in Russian"),
    ({"country": "US"}, "country", "Select a valid choice"),
    ({"areas": ["no-such-area"]}, "areas", "Select a valid choice"),
    ({"consent": ""}, "consent", "Your consent is needed"),
    ({"contact_email": "not-an-address"}, "contact_email", "Enter a valid email address"),
    ({"bio_en": "x" * 2100}, "bio_en", "Keep the bio under 2,000 characters"),
])
def test_a_bad_application_gets_errors_beside_its_fields_and_stores_nothing(users, change, field, message):
    response = client_for("learner", users).post(url("mine"), {**PROFILE_POST, **change})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page and message in page
    assert not TrainerProfile.objects.filter(user=users["learner"]).exists()
    assert review_for(KIND, "1") is None or review_for(KIND, "1").subject_id != str(users["learner"].id)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"end": "2026-10-01"}, "end", "The last day cannot be before the first day"),
    ({"participants_women": "0", "participants_men": "0"}, "participants_women", "Enter how many people took part"),
    ({"participants_men": "-3"}, "participants_men", "greater than or equal to 0"),
    ({"participants_men": "20000"}, "participants_men", "Enter at most 10000"),
    ({"start": "yesterday"}, "start", "Enter a valid date"),
    ({"city": ""}, "city", "This field is required"),
    ({"areas": []}, "areas", "This field is required"),
])
def test_a_bad_training_gets_errors_beside_its_fields_and_stores_nothing(users, change, field, message):
    response = client_for("trainer", users).post(url("training_new"), {**TRAINING_POST, **change})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page and message in page
    assert not DeliveredTraining.objects.exists()
    assert not MonthlyTraining.objects.exists()


# -- trainings delivered -----------------------------------------------------------------------------

def test_a_recorded_training_is_listed_on_the_profile_and_counted_in_the_reports(
        users, django_capture_on_commit_callbacks):
    trainer = client_for("trainer", users)
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer.post(url("training_new"), TRAINING_POST)
    assert response.status_code == 302
    profile = users["trainer"].ppta_trainer_profile
    page = client_for("learner", users).get(url("profile", profile.pk)).content.decode()
    assert "Integration basics" in page and "Kutaisi" in page and ">21<" in page
    [row] = MonthlyTraining.objects.all()
    assert (row.month, row.country, row.area, row.trainings, row.participants) == (
        datetime.date(2026, 10, 1), "GE", "integration", 1, 21)

    # recorded by mistake and deleted: the reports stop counting it
    training = profile.trainings.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert trainer.post(url("training_delete", training.pk)).status_code == 302
    row.refresh_from_db()
    assert (row.trainings, row.participants) == (0, 0)


def dashboard_trainings(users) -> tuple[list[list[str]], str]:
    """The secretariat's dashboard for October 2026: the trainings table's rows and the total of trainings."""
    import re
    from html import unescape

    page = client_for("secretariat", users).get("/academy/reports/", {"start": "2026-10", "end": "2026-10"})
    html = page.content.decode()
    body = re.search(r'<table class="ppta-table" id="table-trainings">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return rows, dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", html))["Trainings delivered"]


def test_a_training_covering_two_areas_is_counted_under_both_and_once_in_the_totals(
        users, django_capture_on_commit_callbacks):
    trainer = client_for("trainer", users)
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer.post(url("training_new"),
                                {**TRAINING_POST, "areas": ["integration", "legal-migration-mobility"]})
    assert response.status_code == 302
    rows, total = dashboard_trainings(users)
    from course_templates import get_area

    assert sorted(rows) == sorted([["Georgia", get_area(slug).title_en, "1", "21"]
                                   for slug in ("integration", "legal-migration-mobility")])
    assert total == "1"
    from reports.tables import ReportFilters, totals

    october = ReportFilters(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 1))
    assert (totals(october)["trainings"], totals(october)["participants"]) == (1, 21)

    training = users["trainer"].ppta_trainer_profile.trainings.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert trainer.post(url("training_delete", training.pk)).status_code == 302
    rows, total = dashboard_trainings(users)
    assert all(row[2:] == ["0", "0"] for row in rows) and len(rows) == 2 and total == "0"
    assert totals(october)["participants"] == 0


def test_deleting_a_training_recorded_before_every_area_counted_takes_it_out_of_its_first_area_only(
        users, django_capture_on_commit_callbacks):
    """Recorded by an earlier version (migration 0003 sets ``reported_areas`` to its first area): the
    second area never counted it, so its deletion must not take it from there."""
    import importlib

    from django.apps import apps

    from reports.public import record_training_delivered

    profile = users["trainer"].ppta_trainer_profile
    earlier = DeliveredTraining.objects.create(
        profile=profile, title="Old", start=datetime.date(2026, 10, 5), end=datetime.date(2026, 10, 5), city="Batumi",
        country="GE", language="ka", areas=",integration,legal-migration-mobility,", participants_women=5,
        organiser="IOM")
    DeliveredTraining.objects.filter(pk=earlier.pk).update(reported_areas="")  # the row as it was before 0003
    migration = importlib.import_module("trainers.migrations.0003_training_reported_areas")
    migration.first_area_was_reported(apps, None)
    migration.first_area_was_reported(apps, None)  # safe to re-run
    earlier.refresh_from_db()
    assert earlier.reported_areas == ",integration,"
    record_training_delivered(country="GE", area="integration", when=earlier.start, participants=5)  # as it was
    record_training_delivered(country="GE", areas=["integration", "legal-migration-mobility"],
                              when=datetime.date(2026, 10, 20), participants=7)  # a newer one, both areas
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for("trainer", users).post(url("training_delete", earlier.pk)).status_code == 302
    counts = {row.area: (row.trainings, row.participants) for row in MonthlyTraining.objects.all()}
    assert counts == {"integration": (1, 7), "legal-migration-mobility": (1, 7)}


# -- privacy -----------------------------------------------------------------------------------------

def test_hiding_or_withdrawing_consent_removes_the_listing_at_once(users):
    trainer, learner = client_for("trainer", users), client_for("learner", users)
    assert "Approved Trainer" in learner.get(url("directory")).content.decode()
    trainer.post(url("visibility"), {"action": "hide"})
    assert "Approved Trainer" not in learner.get(url("directory")).content.decode()
    trainer.post(url("visibility"), {"action": "show"})
    assert "Approved Trainer" in learner.get(url("directory")).content.decode()
    trainer.post(url("visibility"), {"action": "withdraw-consent"})
    assert "Approved Trainer" not in learner.get(url("directory")).content.decode()
    profile = users["trainer"].ppta_trainer_profile
    profile.refresh_from_db()
    assert profile.consent_at is None and profile.consent_version == ""
    assert learner.get(url("profile", profile.pk)).status_code == 404


def test_the_trainer_downloads_their_data_as_json(users):
    DeliveredTraining.objects.create(
        profile=users["trainer"].ppta_trainer_profile, title="Readmission in practice",
        start=datetime.date(2026, 5, 4), end=datetime.date(2026, 5, 5), city="Chisinau", country="MD",
        language="ro", areas=",readmission-return-reintegration,", participants_women=7, organiser="IGM")
    response = client_for("trainer", users).get(url("export"))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["name_en"] == "Approved Trainer"
    assert data["profile"]["consent_at"] and data["profile"]["consent_version"]
    assert data["consent_text"].startswith("I agree")
    assert data["trainings"][0]["title"] == "Readmission in practice"
    assert data["trainings"][0]["participants"] == {"women": 7, "men": 0, "other": 0}


def test_deleting_the_profile_removes_it_and_its_trainings(users):
    profile = users["trainer"].ppta_trainer_profile
    DeliveredTraining.objects.create(profile=profile, title="T", start=datetime.date(2026, 1, 1),
                                     end=datetime.date(2026, 1, 1), city="C", country="MD", language="ro",
                                     areas=",integration,", participants_men=4, organiser="O")
    response = client_for("trainer", users).post(url("delete"))
    assert response.status_code == 302
    assert not TrainerProfile.objects.filter(pk=profile.pk).exists()
    assert not DeliveredTraining.objects.exists()


def test_the_russian_directory_shows_russian_names_and_labels(users):
    client = client_for("learner", users)
    client.cookies["openedx-language-preference"] = "ru"
    page = client.get(url("directory")).content.decode()
    assert 'lang="ru"' in page and "Каталог тренеров" in page and "Иван Петров" in page and "Молдова" in page


def test_a_bio_is_shown_as_sanitised_html_whoever_entered_it(users):
    bio = '<p>Expert <strong>trainer</strong></p><script>alert(1)</script><a href="javascript:alert(2)">x</a>'
    profile = make_profile(name_en="Bio Person", bio_en=bio)
    page = client_for("learner", users).get(url("profile", profile.pk)).content.decode()
    assert "<p>Expert <strong>trainer</strong></p>" in page
    assert "<script>alert" not in page and "javascript:" not in page


def test_saving_after_the_consent_text_changed_records_consent_to_the_new_text(users):
    profile = users["trainer"].ppta_trainer_profile
    TrainerProfile.objects.filter(pk=profile.pk).update(consent_version="2020-01")
    client_for("trainer", users).post(url("mine"), PROFILE_POST)
    profile.refresh_from_db()
    assert profile.consent_version == CONSENT_VERSION and profile.name_en == "Nino Beridze"


def test_the_secretariat_hears_of_an_application_and_the_applicant_of_the_decision(
        users, mailoutbox, django_capture_on_commit_callbacks):
    users["secretariat"].email = "secretariat@example.org"
    users["secretariat"].save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("learner", users).post(url("mine"), PROFILE_POST)
    profile = TrainerProfile.objects.get(user=users["learner"])
    to_secretariat = [message for message in mailoutbox if message.to == ["secretariat@example.org"]]
    assert to_secretariat and "Nino Beridze" in to_secretariat[0].subject
    assert url("application", profile.pk) in to_secretariat[0].body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("secretariat", users).post(url("application", profile.pk),
                                              {"decision": "rejected", "note": "Not a trainer yet"})
    [message] = mailoutbox
    assert message.to == [users["learner"].email] and "declined" in message.body
    assert "Not a trainer yet" in message.body


# -- the directory's pages ---------------------------------------------------------------------------

def directory_names(page: str) -> list[str]:
    import re

    return re.findall(r'<h2 class="ppta-card__name"><a href="[^"]+">([^<]+)</a>', page)


def pagination_links(page: str) -> dict[str, str]:
    """Link text -> URL of the page's result-page navigation (unescaped)."""
    import re
    from html import unescape

    nav = re.search(r'<nav class="ppta-pagination" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
    assert nav and nav.group(1) == "Result pages"
    return {unescape(text): unescape(href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>',
                                                                          nav.group(2))}


def test_the_directory_shows_fifty_trainers_a_page_with_links_that_keep_the_filters(users):
    for number in range(57):  # 57 in Georgia working on integration, named so that the order is known
        make_profile(name_en=f"Georgian Trainer {number:02d}", name_ru="", country="GE", areas=",integration,")
    make_profile(name_en="Armenian Trainer", country="AM", areas=",integration,")  # filtered out below
    learner = client_for("learner", users)
    filters = {"country": "GE", "area": "integration", "q": "trainer"}

    first = learner.get(url("directory"), filters).content.decode()
    assert directory_names(first) == [f"Georgian Trainer {number:02d}" for number in range(50)]
    assert "57 trainers" in first and "Armenian Trainer" not in first
    links = pagination_links(first)
    assert set(links) == {"Page 1", "Page 2", "Next page"}
    assert '<a href="?country=GE&amp;area=integration&amp;q=trainer&amp;page=1" aria-current="page">Page 1' in first
    for link in (links["Page 2"], links["Next page"]):
        assert link == "?country=GE&area=integration&q=trainer&page=2"

    second = learner.get(url("directory"), {**filters, "page": "2"}).content.decode()
    assert directory_names(second) == [f"Georgian Trainer {number:02d}" for number in range(50, 57)]
    assert pagination_links(second)["Previous page"] == "?country=GE&area=integration&q=trainer&page=1"
    assert "Next page" not in pagination_links(second)

    # a page number past the end (a bookmark from when there were more) shows the last page; nonsense the first
    assert directory_names(learner.get(url("directory"), {**filters, "page": "9"}).content.decode()) == \
        directory_names(second)
    assert directory_names(learner.get(url("directory"), {**filters, "page": "x"}).content.decode()) == \
        directory_names(first)
    # one page of trainers: no page links at all
    assert 'class="ppta-pagination"' not in learner.get(url("directory"), {"country": "AM"}).content.decode()


def test_the_page_links_are_in_russian_on_the_russian_directory(users):
    for number in range(51):
        make_profile(name_en=f"Trainer {number:02d}", name_ru=f"Тренер {number:02d}")
    client = client_for("learner", users)
    client.cookies["openedx-language-preference"] = "ru"
    page = client.get(url("directory"), {"page": "2"}).content.decode()
    assert 'aria-label="Страницы результатов"' in page and ">Предыдущая страница<" in page
    assert ">Страница 2<" in page and "Следующая страница" not in page
    # the fixture's trainer (Иван Петров) and 51 more, in the order of their Russian names
    assert directory_names(page) == ["Тренер 49", "Тренер 50"]
