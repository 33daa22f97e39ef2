"""ppta's own report tables: facts (one row per learner and course, for idempotent events) and
monthly rollups (what the dashboard reads). No names, e-mails or usernames are stored anywhere here;
``user_id`` exists only so a repeated or changed event updates its row instead of adding one.
"""

from django.db import models

UNKNOWN = "unknown"  # country, area or language the platform did not tell us: reported as its own value


class EnrolmentFact(models.Model):
    """A learner's enrolment in a course, with the report dimensions it counts under."""

    user_id = models.BigIntegerField()
    course_key = models.CharField(max_length=255)
    country = models.CharField(max_length=16, default=UNKNOWN)
    area = models.CharField(max_length=64, default=UNKNOWN)
    language = models.CharField(max_length=16, default=UNKNOWN)
    enrolled_month = models.DateField()
    is_active = models.BooleanField(default=True)
    passed_month = models.DateField(null=True, blank=True)  # set while the learner passes the course

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user_id", "course_key"], name="ppta_reports_one_enrolment")]

    def __str__(self) -> str:
        return f"enrolment {self.course_key} ({self.country}, {self.area}, {self.language})"


class CertificateFact(models.Model):
    """A learner's certificate in a course; ``issued_month`` is None while it is not valid (revoked…)."""

    user_id = models.BigIntegerField()
    course_key = models.CharField(max_length=255)
    country = models.CharField(max_length=16, default=UNKNOWN)
    area = models.CharField(max_length=64, default=UNKNOWN)
    language = models.CharField(max_length=16, default=UNKNOWN)
    issued_month = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user_id", "course_key"], name="ppta_reports_one_certificate")]

    def __str__(self) -> str:
        return f"certificate {self.course_key} ({self.country}, {self.area}, {self.language})"


class MonthlyLearning(models.Model):
    """Learner counts per month and dimension, kept in step with the facts (see ``facts.apply_delta``)."""

    month = models.DateField()
    country = models.CharField(max_length=16)
    area = models.CharField(max_length=64)
    language = models.CharField(max_length=16)
    enrolments = models.IntegerField(default=0)
    completions = models.IntegerField(default=0)
    certificates = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "country", "area", "language"], name="ppta_reports_learning_key")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.country} {self.area} {self.language}"


class LibraryUse(models.Model):
    """Views and downloads of one library material version in one month (no viewer is recorded)."""

    month = models.DateField()
    material_id = models.CharField(max_length=200)
    language = models.CharField(max_length=16)
    views = models.IntegerField(default=0)
    downloads = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "material_id", "language"], name="ppta_reports_library_key")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.material_id} ({self.language})"


class LibraryMaterialArea(models.Model):
    """The thematic areas of a material seen in library events (a material may have several)."""

    material_id = models.CharField(max_length=200)
    area = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["material_id", "area"], name="ppta_reports_material_area")]

    def __str__(self) -> str:
        return f"{self.material_id}: {self.area}"


class MonthlyContribution(models.Model):
    """Materials contributed by a state (issue 11), counted per month and area."""

    month = models.DateField()
    country = models.CharField(max_length=16)
    area = models.CharField(max_length=64)
    contributions = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "country", "area"], name="ppta_reports_contribution_key")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.country} {self.area}"


class MonthlyTraining(models.Model):
    """Trainings delivered by trainers (issue 12) and their participants, per month, country and area.

    A training counts in ``trainings``/``participants`` under every area it covered (the per-area
    breakdown), and in ``trainings_once``/``participants_once`` only on the row of its first area, so
    that totals over areas count it once.
    """

    month = models.DateField()
    country = models.CharField(max_length=16)
    area = models.CharField(max_length=64)
    trainings = models.IntegerField(default=0)
    participants = models.IntegerField(default=0)
    trainings_once = models.IntegerField(default=0)
    participants_once = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "country", "area"], name="ppta_reports_training_key")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.country} {self.area}"


class BackfillCheckpoint(models.Model):
    """How far ``ppta_reports_backfill`` got in one platform table (resumes after the last primary key)."""

    stream = models.CharField(max_length=32, unique=True)
    last_pk = models.BigIntegerField(default=0)
    done = models.IntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.stream} after {self.last_pk}"
