"""Blocks under test run in the real XBlock SDK WorkbenchRuntime.

Faked here, because the workbench lacks them (the LMS provides them): the user service's roles and
preferences (``FakeLmsUserService``) and event publishing to completion/tracking (``runtime.published``
records what the LMS would receive).
"""

from __future__ import annotations

import pytest
from xblock.reference.user_service import UserService, XBlockUser


class FakeLmsUserService(UserService):
    """Stands in for the LMS user service: the attributes it sets in ``opt_attrs``."""

    def __init__(self, *, user_id: str, role: str = "student", is_staff: bool = False, pref_lang: str | None = None):
        super().__init__()
        self.user = XBlockUser(is_current_user=True, emails=[f"{user_id}@example.org"], full_name="Test Learner")
        self.user.opt_attrs = {
            "edx-platform.user_id": user_id,
            "edx-platform.username": f"user-{user_id}",
            "edx-platform.is_authenticated": True,
            "edx-platform.user_role": role,
            "edx-platform.user_is_staff": is_staff,
            "edx-platform.user_preferences": {"pref-lang": pref_lang} if pref_lang else {},
        }

    def get_current_user(self):
        return self.user


@pytest.fixture
def make_block(db):
    """``make_block(olx, role="student", user_id="learner-1", is_staff=False, pref_lang=None)`` -> block."""
    from workbench.runtime import ID_MANAGER, WORKBENCH_KVS, WorkbenchRuntime

    def clear_workbench() -> None:
        # Blocks here come from OLX, never from a scenario: clearing the store and ids is enough.
        # (reset_global_state would also reload every block's scenarios, ~0.5 s; the tests that open
        # scenarios call it themselves.)
        WORKBENCH_KVS.clear()
        ID_MANAGER.clear()

    clear_workbench()

    def factory(olx: str, *, role: str = "student", user_id: str = "learner-1", is_staff: bool = False,
                pref_lang: str | None = None):
        runtime = WorkbenchRuntime(user_id)
        runtime._services["user"] = FakeLmsUserService(
            user_id=user_id, role=role, is_staff=is_staff, pref_lang=pref_lang
        )
        runtime.published = []
        runtime.publish = lambda block, event_type, data: runtime.published.append((event_type, data))
        return runtime.get_block(runtime.parse_xml_string(olx))

    yield factory
    clear_workbench()
