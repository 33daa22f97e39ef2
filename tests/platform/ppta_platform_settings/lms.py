"""LMS: the platform's test settings + ppta's Tutor settings patches (see ``apply_ppta``)."""

from lms.envs.test import *  # noqa: F403

from ppta_platform_settings import apply_ppta

apply_ppta(globals(), "lms")
