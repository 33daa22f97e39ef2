"""``ppta doctor --platform``: check the running platform's database for what ppta needs.

Run inside the LMS container, where Django's settings are the platform's
(``tutor local run lms ppta doctor --platform``). The configuration checks of ``ppta doctor`` see
only config.yml; these see what the init tasks wrote (and what an operator changed since).
"""

from __future__ import annotations

COMPLETION_TRACKING_SWITCH = "completion.enable_completion_tracking"
REINIT = "`tutor local do init --limit ppta` (or `tutor k8s do init --limit ppta`)"


def platform_problems() -> list[str]:
    """Every problem of the platform's database for ppta, as sentences with a fix."""
    import django

    django.setup()
    from waffle import switch_is_active

    problems = []
    if not switch_is_active(COMPLETION_TRACKING_SWITCH):
        problems.append(
            f"The waffle switch {COMPLETION_TRACKING_SWITCH} is off: the platform records no completion, so "
            f"learners' progress in ppta's blocks is lost. Turn it on in the Django admin (Waffle › Switches) "
            f"or run {REINIT}."
        )
    return problems
