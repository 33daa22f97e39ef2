"""Demo only: a workbench user service that reports LMS course roles, so the demo can show staff views.

The workbench has no course roles: its user service only knows the ``?student=`` id, so every
visitor is a learner and trainer notes stay hidden. With this service (demo settings:
``WORKBENCH["services"]["user"] = "xblocks.trainer_notes.demo.WorkbenchCourseRoleUserService"``)
the ``?student=`` id picks the role the LMS would report:

* ``staff`` -> course staff, ``instructor`` -> course instructor, ``global-staff`` -> global staff;
* any other id -> a learner.

Never use it outside the demo: anyone can choose the id in the address.
"""

from __future__ import annotations

from xblock.reference.user_service import UserService, XBlockUser

# student id -> (LMS user_role, user_is_staff, user_is_global_staff), as the LMS computes them.
DEMO_ROLES = {
    "staff": ("staff", True, False),
    "instructor": ("instructor", True, False),
    "global-staff": ("instructor", True, True),
}


class WorkbenchCourseRoleUserService(UserService):
    """The LMS user service's ``opt_attrs`` for the workbench's current ``?student=`` id."""

    runtime = None  # the workbench sets it after constructing the service

    def get_current_user(self) -> XBlockUser:
        user_id = str(getattr(self.runtime, "user_id", None) or "student_1")
        role, is_staff, is_global_staff = DEMO_ROLES.get(user_id, ("student", False, False))
        user = XBlockUser(is_current_user=True, emails=[f"{user_id}@example.org"], full_name=user_id)
        user.opt_attrs.update({
            "xblock-workbench.user_id": user_id,
            "edx-platform.user_id": user_id,
            "edx-platform.username": user_id,
            "edx-platform.is_authenticated": True,
            "edx-platform.user_role": role,
            "edx-platform.user_is_staff": is_staff,
            "edx-platform.user_is_global_staff": is_global_staff,
            "edx-platform.user_preferences": {},
        })
        return user
