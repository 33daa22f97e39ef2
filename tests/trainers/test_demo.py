"""``ppta demo setup``'s trainers step: twelve listed trainers over eight countries and all six areas,
a trainer account, the template courses' kits; running it twice changes nothing."""

from __future__ import annotations

import datetime

import pytest

from course_templates import area_slugs
from trainers import demo
from trainers.models import DeliveredTraining, KitBuild, TrainerProfile

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_lists_twelve_trainers_over_eight_countries_and_all_areas(client):
    lines = []
    demo.setup(lines.append)
    listed = list(TrainerProfile.objects.listed())
    assert len(listed) == 12
    assert len({profile.country for profile in listed}) == 8
    assert {area for profile in listed for area in profile.area_list} == set(area_slugs())
    assert DeliveredTraining.objects.count() == 12
    kits = KitBuild.objects.all()
    assert kits.count() == 12 and {kit.state for kit in kits} == {KitBuild.State.DONE}
    assert "12 sample trainers over 8 countries" in lines[0]

    demo.setup(lines.append)  # again: the same trainers, trainings and kits
    assert TrainerProfile.objects.count() == 12 and DeliveredTraining.objects.count() == 12
    assert KitBuild.objects.count() == 12

    assert client.login(username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD)
    page = client.get("/academy/trainers/?country=MD").content.decode()
    assert "Elena Rusu" in page and "Natalia Ciobanu" in page and "Giorgi Kapanadze" not in page
    kit = client.get("/academy/trainers/kits/course-v1:PPTA+AIP201RU+2026/ru/download/")
    assert kit.status_code == 200


def test_demo_trainings_fall_in_the_past_year():
    profiles = demo.ensure_trainers(datetime.date(2026, 12, 3))
    starts = [training.start for profile in profiles for training in profile.trainings.all()]
    assert min(starts) >= datetime.date(2025, 12, 1) and max(starts) < datetime.date(2026, 12, 3)
