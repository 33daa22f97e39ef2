"""Sample data for ``ppta demo setup``: a generated year of activity over the template courses.

Deterministic (seeded random numbers): the same twelve months of enrolments, completions,
certificates, library use, contributions and trainings each time, ending with the current month so
the dashboard's default period shows them. Re-running replaces the demo's report data. Learners are
made-up numbers (``user_id`` from ``DEMO_USER_BASE``); nobody real appears anywhere.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from moderation.public import Role, grant_role
from reports import facts, public
from reports.forms import default_period
from reports.models import (
    BackfillCheckpoint,
    CertificateFact,
    EnrolmentFact,
    LibraryMaterialArea,
    LibraryUse,
    MonthlyContribution,
    MonthlyLearning,
    MonthlyTraining,
)
from reports.tables import months_between

SEED = 20261203
DEMO_USER_BASE = 9_000_000
DEMO_USERNAME = "secretariat"
DEMO_PASSWORD = "secretariat-demo"  # noqa: S105 (demo only: the demo site is local and has no real data)
# Sample participating states (weights: more learners from the Russian-speaking neighbourhood) and
# learners without a profile country, reported as "unknown".
SAMPLE_COUNTRIES = {"UA": 9, "MD": 7, "GE": 7, "AM": 6, "AZ": 6, "KZ": 6, "UZ": 5, "KG": 4, "TJ": 4,
                    "TM": 1, "CZ": 3, "PL": 3, "DE": 2, "RS": 3, "MK": 2, "TR": 3, "": 3}
LEARNERS = 1500


def template_courses() -> list[tuple[str, str, str]]:
    from course_templates.catalogue import catalogue_specs

    return [(spec.course_id, spec.area.slug, spec.lang) for spec in catalogue_specs()]


def library_materials() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    from library_importer.public import search_materials

    return [(material.id, material.areas, tuple(material.versions)) for material in
            search_materials(page_size=None).results]


@transaction.atomic
def generate(today: datetime.date) -> dict[str, int]:
    rng = random.Random(SEED)
    for model in (EnrolmentFact, CertificateFact, MonthlyLearning, LibraryUse, LibraryMaterialArea,
                  MonthlyContribution, MonthlyTraining, BackfillCheckpoint):
        model.objects.all().delete()
    start, end = default_period(today)
    months = months_between(start, end)
    courses = template_courses()
    countries, weights = zip(*SAMPLE_COUNTRIES.items(), strict=True)
    enrolments, certificates = [], []
    for learner in range(LEARNERS):
        user_id = DEMO_USER_BASE + learner
        country = rng.choices(countries, weights)[0]
        for course_key, area, language in rng.sample(courses, rng.choice((1, 1, 1, 2, 3))):
            index = rng.randrange(len(months))
            passed = rng.random() < 0.45 and index + 1 < len(months)
            passed_month = months[min(len(months) - 1, index + rng.randint(1, 3))] if passed else None
            dims = {"country": country or "unknown", "area": area, "language": language}
            enrolments.append(EnrolmentFact(user_id=user_id, course_key=course_key, enrolled_month=months[index],
                                            is_active=rng.random() > 0.05, passed_month=passed_month, **dims))
            if passed_month and rng.random() < 0.9:
                certificates.append(CertificateFact(user_id=user_id, course_key=course_key,
                                                    issued_month=passed_month, **dims))
    EnrolmentFact.objects.bulk_create(enrolments, batch_size=2000)
    CertificateFact.objects.bulk_create(certificates, batch_size=2000)
    facts.rebuild_monthly_learning()

    library = library_materials()
    for month in months:
        for material_id, _areas, languages in library:
            for language in languages:
                key = {"month": month, "material_id": material_id, "language": language}
                LibraryUse.objects.create(**key, views=rng.randint(0, 40), downloads=rng.randint(0, 15))
        for _ in range(rng.randint(0, 4)):
            public.record_contribution(country=rng.choice(countries[:-1]), area=rng.choice(courses)[1], when=month)
        for _ in range(rng.randint(1, 3)):
            public.record_training_delivered(country=rng.choice(countries[:-1]), area=rng.choice(courses)[1],
                                             when=month, participants=rng.randint(3, 30))
    LibraryMaterialArea.objects.bulk_create([LibraryMaterialArea(material_id=material_id, area=area)
                                             for material_id, areas, _languages in library for area in areas])
    return {"enrolments": len(enrolments), "certificates": len(certificates), "months": len(months)}


def ensure_demo_secretariat() -> None:
    """A secretariat account for the local demo (staff, so the demo's admin login page accepts it)."""
    from django.contrib.auth.models import User

    user, created = User.objects.get_or_create(username=DEMO_USERNAME, defaults={"is_staff": True})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    grant_role(user, Role.SECRETARIAT)


def setup(echo) -> None:
    counts = generate(timezone.now().date())
    ensure_demo_secretariat()
    echo(f"Reports: {counts['months']} months of activity, {counts['enrolments']} enrolments, "
         f"{counts['certificates']} certificates at /academy/reports/ "
         f"(sign in as {DEMO_USERNAME} / {DEMO_PASSWORD}).")
