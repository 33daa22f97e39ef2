"""Who may read the library: everyone, unless ``PPTA_LIBRARY_REQUIRE_LOGIN`` is True."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login


def login_required_for_library() -> bool:
    return bool(settings.PPTA_LIBRARY_REQUIRE_LOGIN)  # default in settings/common.py


def library_page(view):
    """Serve a library page or file; send anonymous visitors to log in when the setting asks for it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if login_required_for_library() and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
