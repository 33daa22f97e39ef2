"""The acceptance story through the pages: submit, request changes, edit, approve; then search finds it."""

from __future__ import annotations

import pytest
from django.core import mail

from contributions.models import Contribution, ContributionDocument
from contributions.workflow import KIND
from library_importer.public import search_materials
from moderation import public as moderation
from reports.models import MonthlyContribution
from tests.contributions.conftest import form_data, pdf_upload, submit

pytestmark = pytest.mark.django_db


def only_contribution() -> Contribution:
    (contribution,) = Contribution.objects.all()
    return contribution


def decide(client, moderator, contribution, decision, note=""):
    client.force_login(moderator)
    return client.post(f"/academy/library/moderation/{contribution.pk}/", {"decision": decision, "note": note})


def test_a_representative_submits_a_moderator_requests_changes_then_approves(client, people,
                                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, people["representative"])
    assert response.status_code == 302 and response["Location"] == "/academy/library/contributions/"
    contribution = only_contribution()
    assert contribution.country == "MD" and contribution.contributor == people["representative"]
    assert search_materials(q="стратегия Молдовы").total == 0  # not published before approval
    # the moderators (and staff) are told, nobody else
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "moderator@example.org", "staff@example.org"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, people["moderator"], contribution, "changes_requested", "Добавьте год принятия.")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["md-rep@example.org"]
    assert "Добавьте год принятия." in message.body

    client.force_login(people["representative"])
    page = client.get("/academy/library/contributions/").content.decode()
    assert "Добавьте год принятия." in page and f"/contributions/{contribution.pk}/edit/" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/academy/library/contributions/{contribution.pk}/edit/",
                               form_data(year="2024", title_ru="Национальная стратегия Молдовы по миграции 2024"))
    assert response.status_code == 302, response.content.decode()
    contribution.refresh_from_db()
    assert contribution.year == 2024
    assert ContributionDocument.objects.get().file  # the PDF was kept: no new upload was needed

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, people["moderator"], contribution, "approved")
    found = search_materials(q="стратегия молдовы").results
    assert [(material.id, material.country, material.year) for material in found] == [
        (f"contribution-md-{contribution.pk}", "MD", 2024)]
    assert found[0].versions["ru"].mime_type == "application/pdf"
    assert [message.to for message in mail.outbox] == [["md-rep@example.org"]]
    assert MonthlyContribution.objects.get().contributions == 1

    # approving twice changes nothing: no second e-mail, no second count
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, people["staff"], contribution, "approved")
    assert mail.outbox == [] and MonthlyContribution.objects.get().contributions == 1

    api = client.get("/academy/library/api/v1/materials/", {"q": "стратегия", "country": "MD"}).json()
    assert [(item["id"], item["origin"]) for item in api["results"]] == [
        (f"contribution-md-{contribution.pk}", "contribution")]
    assert found[0].origin == "contribution"
    detail = client.get(f"/academy/library/materials/contribution-md-{contribution.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert detail.status_code == 200
    assert "Предоставлено: Молдова" in detail.content.decode()


def test_a_second_moderator_is_told_it_was_already_decided(client, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, people["representative"])
    contribution = only_contribution()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, people["moderator"], contribution, "rejected", "Не по теме.")
    response = decide(client, people["staff"], contribution, "approved")
    page = client.get(response["Location"]).content.decode()
    assert "already" in page and "moderator" in page
    assert search_materials().total == 0


def test_a_rejection_and_a_change_request_need_a_note(client, people):
    submit(client, people["representative"])
    contribution = only_contribution()
    response = decide(client, people["moderator"], contribution, "rejected", "  ")
    assert response.status_code == 200
    assert "Write what should change" in response.content.decode()


def test_withdrawing_a_pending_contribution_and_an_approved_one(client, people, django_capture_on_commit_callbacks):
    submit(client, people["representative"])
    first = only_contribution()
    client.post(f"/academy/library/contributions/{first.pk}/withdraw/")
    client.force_login(people["representative"])
    assert "Withdrawn" in client.get("/academy/library/contributions/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, people["representative"], title_ru="Второй документ")
    second = Contribution.objects.exclude(pk=first.pk).get()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, people["moderator"], second, "approved")
    assert search_materials(q="второй").total == 1
    client.force_login(people["representative"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/academy/library/contributions/{second.pk}/withdraw/")
    assert search_materials(q="второй").total == 0
    assert MonthlyContribution.objects.get().contributions == 0  # +1 on approval, -1 on withdrawal
    # the taking back is in the review's history like every other change, by the representative
    last = moderation.history(moderation.review_for(KIND, second.pk))[-1]
    assert (last.from_status, last.to_status, last.actor) == ("approved", "withdrawn", people["representative"])


def test_the_daily_limit(client, people, settings):
    settings.PPTA_CONTRIBUTIONS_PER_DAY = 2
    for number in range(3):
        response = submit(client, people["representative"], title_ru=f"Документ {number}")
    assert Contribution.objects.count() == 2
    assert response.status_code == 200 and "limit of 2 contributions a day" in response.content.decode()


def test_a_removed_grant_ends_editing_but_moderators_still_see_it(client, people):
    submit(client, people["representative"])
    contribution = only_contribution()
    people["representative"].ppta_representative.delete()
    client.force_login(people["representative"])
    assert client.get(f"/academy/library/contributions/{contribution.pk}/edit/").status_code == 403
    assert client.post(f"/academy/library/contributions/{contribution.pk}/withdraw/").status_code == 403
    client.force_login(people["moderator"])
    assert client.get(f"/academy/library/moderation/{contribution.pk}/").status_code == 200
    assert contribution.material_id in client.get("/academy/library/moderation/").content.decode() or \
        "Национальная" in client.get("/academy/library/moderation/").content.decode()


def test_a_link_instead_of_a_file(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["representative"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/academy/library/contribute/", form_data(url_ru="https://example.org/strategy.pdf"))
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, people["moderator"], only_contribution(), "approved")
    (material,) = search_materials(q="молдовы").results
    assert material.versions["ru"].external_url == "https://example.org/strategy.pdf"


def test_the_pages_speak_russian(client, people):
    client.force_login(people["representative"])
    client.cookies["openedx-language-preference"] = "ru"
    page = client.get("/academy/library/contribute/").content.decode()
    assert 'lang="ru"' in page and "Внести материал" in page
    response = client.post("/academy/library/contribute/", form_data(title_ru="", licence=None,
                                                                      description_ru="Текст"))
    page = response.content.decode()
    assert "Подтвердите разрешение" in page
    assert Contribution.objects.count() == 0


def test_an_english_version_too(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["representative"])
    data = form_data(title_en="National migration strategy of Moldova", file_en=pdf_upload("en.pdf"),
                     file_ru=pdf_upload())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/academy/library/contribute/", data).status_code == 302
    assert sorted(ContributionDocument.objects.values_list("language", flat=True)) == ["en", "ru"]


def submitted_contributions(representative, count: int) -> None:
    """``count`` pending contributions from Moldova, titled «Документ 00», «Документ 01»… oldest first."""
    for number in range(count):
        contribution = Contribution.objects.create(contributor=representative, country="MD", type="report",
                                                   areas=["integration"])
        ContributionDocument.objects.create(contribution=contribution, language="ru", title=f"Документ {number:02d}",
                                            url="https://example.org/document.pdf")
        moderation.submit(KIND, contribution.pk, by=representative)


def test_lists_cost_the_same_few_queries_however_long(client, people, django_assert_max_num_queries):
    submitted_contributions(people["representative"], 30)
    client.force_login(people["representative"])
    with django_assert_max_num_queries(10):
        assert client.get("/academy/library/contributions/").content.decode().count("class=\"ppta-card\"") == 30
    client.force_login(people["moderator"])
    with django_assert_max_num_queries(12):
        assert client.get("/academy/library/moderation/").content.decode().count("Документ") == 30
    with django_assert_max_num_queries(10):
        assert len(client.get("/academy/library/api/v1/contributions/?scope=queue").json()["results"]) == 30


def test_the_queue_comes_in_pages_whose_links_keep_the_filters(client, people, settings):
    settings.LANGUAGE_CODE = "en"
    submitted_contributions(people["representative"], 53)
    client.force_login(people["moderator"])
    first = client.get("/academy/library/moderation/", {"status": "pending", "country": "MD"}).content.decode()
    assert first.count("Документ") == 50 and "Документ 00" in first  # oldest first
    assert 'href="?status=pending&amp;country=MD&amp;page=2" rel="next"' in first
    second = client.get("/academy/library/moderation/", {"status": "pending", "country": "MD", "page": 2})
    assert second.content.decode().count("Документ") == 3 and "Документ 52" in second.content.decode()


def test_when_publishing_fails_the_decision_stands_and_the_moderator_can_publish_again(
        client, people, monkeypatch, django_capture_on_commit_callbacks):
    from contributions import receivers

    submit(client, people["representative"])
    contribution = only_contribution()
    real_publish = receivers.publish_contributed_material

    def unreachable_storage(**fields):
        raise OSError("storage unreachable")

    monkeypatch.setattr(receivers, "publish_contributed_material", unreachable_storage)
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, people["moderator"], contribution, "approved").status_code == 302
    page = client.get(f"/academy/library/moderation/{contribution.pk}/").content.decode()
    assert "publishing it in the library failed" in page and search_materials().total == 0

    monkeypatch.setattr(receivers, "publish_contributed_material", real_publish)
    client.post(f"/academy/library/moderation/{contribution.pk}/", {"publish": "1"})
    client.post(f"/academy/library/moderation/{contribution.pk}/", {"publish": "1"})  # idempotent
    assert search_materials(q="молдовы").total == 1
    assert MonthlyContribution.objects.get().contributions == 1
    client.force_login(people["learner"])
    assert client.post(f"/academy/library/moderation/{contribution.pk}/", {"publish": "1"}).status_code == 403
