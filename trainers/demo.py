"""Sample data for ``ppta demo setup``: twelve made-up trainers over eight countries and all six
areas (approved through the shared moderation mechanism), their trainings, a trainer account, and
the kits of the training-of-trainers template courses.

Idempotent: profiles are found by their English name, a review already approved is left alone,
trainings are recreated, and a kit of unchanged content is reused. Nobody real appears anywhere.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from moderation.public import Role, Status, grant_role
from reports.public import record_training_delivered
from trainers.applications import decide_application, review_of, submit_application
from trainers.content import TemplateCourses
from trainers.forms import CONSENT_VERSION
from trainers.models import DeliveredTraining, TrainerProfile, joined
from trainers.tasks import request_kit

DEMO_USERNAME = "trainer"
DEMO_PASSWORD = "trainer-demo"  # noqa: S105 (demo only: the demo site is local and has no real data)
DEMO_SECRETARIAT = "secretariat"  # the reports demo's account; it holds the secretariat role

# (name_en, name_ru, country, kind, organisation, areas, languages)
SAMPLE_TRAINERS = (
    ("Elena Rusu", "Елена Русу", "MD", "state", "Bureau for Migration and Asylum",
     ("asylum-international-protection", "integration"), ("ro", "ru")),
    ("Giorgi Kapanadze", "Георгий Капанадзе", "GE", "state", "Public Service Development Agency",
     ("readmission-return-reintegration",), ("ka", "ru", "en")),
    ("Anahit Sargsyan", "Анаит Саргсян", "AM", "civil-society", "Migration Research Centre, Yerevan",
     ("migration-development", "legal-migration-mobility"), ("hy", "ru")),
    ("Olena Kovalenko", "Елена Коваленко", "UA", "state", "State Migration Service",
     ("illegal-migration", "readmission-return-reintegration"), ("uk", "ru", "en")),
    ("Aigerim Nurlanovna", "Айгерим Нурлановна", "KZ", "academia", "Al-Farabi Kazakh National University",
     ("legal-migration-mobility", "migration-development"), ("kk", "ru")),
    ("Timur Rakhimov", "Тимур Рахимов", "UZ", "state", "Agency for External Labour Migration",
     ("legal-migration-mobility",), ("uz", "ru")),
    ("Leyla Mammadova", "Лейла Мамедова", "AZ", "international-organisation", "Regional migration programme",
     ("integration", "asylum-international-protection"), ("az", "ru", "en")),
    ("Bakyt Asanov", "Бакыт Асанов", "KG", "state", "Border Service",
     ("illegal-migration",), ("ky", "ru")),
    ("Natalia Ciobanu", "Наталья Чобану", "MD", "civil-society", "Law Centre of Advocates",
     ("asylum-international-protection",), ("ro", "ru", "en")),
    ("Levan Beridze", "Леван Беридзе", "GE", "academia", "Tbilisi State University",
     ("integration", "migration-development"), ("ka", "en")),
    ("Iryna Melnyk", "Ирина Мельник", "UA", "civil-society", "Right to Protection",
     ("asylum-international-protection", "integration"), ("uk", "ru")),
    ("Dauren Seitkali", "Даурен Сейткали", "KZ", "state", "Ministry of Labour and Social Protection",
     ("illegal-migration", "readmission-return-reintegration"), ("kk", "ru", "en")),
)


def _user(username: str, password: str = "", **defaults) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=defaults)
    if created and password:
        user.set_password(password)
        user.save()
    return user


def _secretariat() -> User:
    user = _user(DEMO_SECRETARIAT, is_staff=True)
    grant_role(user, Role.SECRETARIAT)
    return user


def _trainer_account() -> User:
    return _user(DEMO_USERNAME, DEMO_PASSWORD)


@transaction.atomic
def ensure_trainers(today: datetime.date) -> list[TrainerProfile]:
    secretariat = _secretariat()
    account = _trainer_account()
    profiles = []
    for index, (name_en, name_ru, country, kind, organisation, areas, languages) in enumerate(SAMPLE_TRAINERS):
        user = account if index == 0 else None  # the first one is the demo's sign-in account
        profile, _created = TrainerProfile.objects.update_or_create(name_en=name_en, defaults={
            "user": user, "name_ru": name_ru, "country": country, "kind": kind, "organisation": organisation,
            "areas": joined(areas), "languages": joined(languages), "hidden": False,
            "bio_en": f"<p>{name_en} trains {organisation} staff and partners.</p>",
            "bio_ru": f"<p>{name_ru} обучает сотрудников и партнёров ({organisation}).</p>",
        })
        if profile.consent_at is None:
            profile.consent_at, profile.consent_version = timezone.now(), CONSENT_VERSION
            profile.save(update_fields=["consent_at", "consent_version"])
        review = review_of(profile)
        if review is None or review.status != Status.APPROVED:
            submit_application(profile, by=user)  # None: an external trainer, entered by the secretariat
            decide_application(profile, by=secretariat, to=Status.APPROVED)
        TrainerProfile.objects.filter(pk=profile.pk).update(status=Status.APPROVED.value)
        profile.trainings.all().delete()
        start = today - datetime.timedelta(days=30 + 27 * index)
        training = DeliveredTraining.objects.create(
            profile=profile, title=f"National training {index + 1}", start=start,
            end=start + datetime.timedelta(days=2), city="—", country=country, language=languages[0],
            areas=joined(areas), participants_women=8 + index, participants_men=6 + index % 5, organiser=organisation)
        # reports.demo (an earlier step) rebuilds its tables on each run, so the demo counts these again
        report = training.report_facts()
        transaction.on_commit(lambda report=report: record_training_delivered(**report))
        profiles.append(profile)
    return profiles


def build_template_kits() -> int:
    """The kit of every training-of-trainers template course in its own language (reused if unchanged)."""
    source = TemplateCourses()
    keys = source.course_keys("tot")
    for course_key in keys:
        request_kit(course_key, course_key.split("+")[1][-2:].lower())
    return len(keys)


def setup(echo) -> None:
    profiles = ensure_trainers(timezone.now().date())
    countries = {profile.country for profile in profiles}
    kits = build_template_kits()
    echo(f"Trainers: {len(profiles)} sample trainers over {len(countries)} countries at /academy/trainers/, "
         f"{kits} training kits (sign in as {DEMO_USERNAME} / {DEMO_PASSWORD}).")
