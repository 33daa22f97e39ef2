"""Turning platform happenings (events or backfilled rows) into facts, and facts into monthly counts.

Each fact row says what it counts for (``contributions``). Writing a fact moves the monthly counts by
the difference between what the row counted before and after, in the same transaction, so repeated
events change nothing and a changed row (a revoked certificate, a learner's new country) moves its
count rather than adding one. ``rebuild_monthly_learning`` recomputes the counts from the facts.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from reports import platform
from reports.dimensions import area_value, country_value, language_value, month_of
from reports.models import CertificateFact, EnrolmentFact, MonthlyLearning

Key = tuple[datetime.date, str, str, str]  # month, country, area, language
LEARNING_METRICS = ("enrolments", "completions", "certificates")


def enrolment_contributions(fact: EnrolmentFact | None) -> Counter:
    counts: Counter = Counter()
    if fact is None:
        return counts
    dims = (fact.country, fact.area, fact.language)
    if fact.is_active:
        counts[((fact.enrolled_month, *dims), "enrolments")] += 1
    if fact.passed_month:
        counts[((fact.passed_month, *dims), "completions")] += 1
    return counts


def certificate_contributions(fact: CertificateFact | None) -> Counter:
    counts: Counter = Counter()
    if fact is not None and fact.issued_month:
        counts[((fact.issued_month, fact.country, fact.area, fact.language), "certificates")] += 1
    return counts


def apply_delta(before: Counter, after: Counter) -> None:
    """Move the monthly counts from what a fact counted ``before`` to what it counts ``after``."""
    delta = Counter(after)
    delta.subtract(before)
    for ((month, country, area, language), metric), change in sorted(delta.items()):
        if change:
            _add(MonthlyLearning, {"month": month, "country": country, "area": area, "language": language},
                 metric, change)


def _add(model, key: dict, metric: str, change: int) -> None:
    """Add ``change`` to one counter row, creating it if needed; concurrent writers both count."""
    if model.objects.filter(**key).update(**{metric: models.F(metric) + change}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **{metric: change})
    except IntegrityError:  # another writer created the row meanwhile
        model.objects.filter(**key).update(**{metric: models.F(metric) + change})


def learner_dimensions(user_id: int, course_key: str, country: str | None = None) -> dict:
    """The dimensions a learner's row in a course counts under (profile country; course area and language)."""
    if country is None:
        country = platform.learner_countries([user_id]).get(user_id)
    course = platform.course_dimensions(course_key)
    return {
        "country": country_value(country),
        "area": area_value(course.area),
        "language": language_value(course.language),
    }


@transaction.atomic
def record_enrolment(user_id: int, course_key: str, *, created: datetime.datetime, is_active: bool,
                     dimensions: dict | None = None) -> None:
    """An enrolment was created or changed (activated, deactivated)."""
    dimensions = dimensions or learner_dimensions(user_id, course_key)
    _write_enrolment(user_id, course_key, {"is_active": is_active, **dimensions}, created)


@transaction.atomic
def record_passing(user_id: int, course_key: str, *, is_passing: bool, when: datetime.datetime,
                   dimensions: dict | None = None) -> None:
    """The learner's passing status changed; a completion counts in the month the course was first passed."""
    fact = EnrolmentFact.objects.select_for_update().filter(user_id=user_id, course_key=course_key).first()
    if fact is not None and is_passing and fact.passed_month:
        return  # still passing: the completion keeps the month it was first reached
    dimensions = dimensions or learner_dimensions(user_id, course_key)
    changes = {"passed_month": month_of(when) if is_passing else None, **dimensions}
    if fact is None:
        known = platform.enrolment(user_id, course_key)
        changes["is_active"] = known.is_active if known else True
        created = known.created if known else when
    else:
        created = None
    _write_enrolment(user_id, course_key, changes, created)


def _write_enrolment(user_id: int, course_key: str, changes: dict, created) -> None:
    fact = EnrolmentFact.objects.select_for_update().filter(user_id=user_id, course_key=course_key).first()
    before = enrolment_contributions(fact)
    if fact is None:
        # very old platform enrolments may have no creation date: they count in the month first seen
        fact = EnrolmentFact(user_id=user_id, course_key=course_key, enrolled_month=month_of(created or timezone.now()))
    for name, value in changes.items():
        setattr(fact, name, value)
    fact.save()
    apply_delta(before, enrolment_contributions(fact))


@transaction.atomic
def record_certificate(user_id: int, course_key: str, *, status: str, created: datetime.datetime,
                       dimensions: dict | None = None) -> None:
    """A certificate was created or changed; only a downloadable one counts (a revoked one stops counting)."""
    fact = CertificateFact.objects.select_for_update().filter(user_id=user_id, course_key=course_key).first()
    before = certificate_contributions(fact)
    valid = status == platform.DOWNLOADABLE
    if fact is None:
        if not valid:
            return  # nothing to count, nothing to remember
        fact = CertificateFact(user_id=user_id, course_key=course_key)
    for name, value in (dimensions or learner_dimensions(user_id, course_key)).items():
        setattr(fact, name, value)
    if not valid:
        fact.issued_month = None
    elif not fact.issued_month:
        fact.issued_month = month_of(created)
    fact.save()
    apply_delta(before, certificate_contributions(fact))


@transaction.atomic
def rebuild_monthly_learning() -> None:
    """Recompute every monthly learner count from the facts (after a bulk load, or to repair)."""
    counts: Counter = Counter()
    for fact in EnrolmentFact.objects.iterator(chunk_size=5000):
        counts.update(enrolment_contributions(fact))
    for fact in CertificateFact.objects.iterator(chunk_size=5000):
        counts.update(certificate_contributions(fact))
    rows: dict[Key, MonthlyLearning] = {}
    for (key, metric), count in counts.items():
        row = rows.setdefault(key, MonthlyLearning(month=key[0], country=key[1], area=key[2], language=key[3]))
        setattr(row, metric, count)
    MonthlyLearning.objects.all().delete()
    MonthlyLearning.objects.bulk_create(rows.values(), batch_size=2000)
