"""What every academy block shares: translations, rendering, sanitising, URL checks, roles.

Translations: the blocks' strings live in one bundled catalogue,
``xblocks/translations/<locale>/LC_MESSAGES/text.mo`` — the path and domain the LMS's
XBlockI18nService looks up for the root module ``xblocks``. The blocks load it themselves for the
request language, so the workbench (whose i18n service ignores block catalogues) and the LMS show
the same Russian. All UI strings are rendered server-side; JavaScript receives data only.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from django.utils import translation
from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
UI_LANGUAGES = ("en", "ru")
STAFF_ROLES = {"staff", "instructor"}

# Author HTML: formatting, lists, tables, links and headings; no scripts, styles, forms or iframes.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"https", "mailto"}


def ui_language() -> str:
    """The request's UI language reduced to one the blocks support ("ru-ru" -> "ru"; others -> "en")."""
    language = (translation.get_language() or "en").lower()
    return "ru" if language.startswith("ru") else "en"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    return gettext.translation("text", TRANSLATIONS_DIR, [language], fallback=True)


def ugettext(message: str) -> str:
    return translations(ui_language()).gettext(message)


def ungettext(singular: str, plural: str, number: int) -> str:
    return translations(ui_language()).ngettext(singular, plural, number)


def sanitize_html(html: str) -> str:
    """Author HTML made safe to render: allow-listed tags, attributes and URL schemes only."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def safe_url(url: str, *, allow_site_relative: bool = True) -> str | None:
    """``url`` if it is https (or a site-relative path such as a course asset ``/static/x.pdf``), else None.

    Rejects javascript:, data:, http:, protocol-relative ``//host`` and anything with control characters.
    """
    url = (url or "").strip()
    if not url or any(ord(char) < 32 or char == "\\" for char in url):
        return None
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return url
    site_relative = not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//")
    if allow_site_relative and site_relative:
        return url
    return None


class AcademyBlockMixin:
    """Rendering and role helpers for the academy blocks (use with ``@XBlock.wants("user")``)."""

    @property
    def _loader(self) -> ResourceLoader:
        return ResourceLoader(type(self).__module__)

    def render_template(self, path: str, context: dict) -> str:
        """Render a Django template shipped with the block (auto-escaped, ``{% trans %}`` from our catalogue)."""
        return self._loader.render_django_template(path, context, i18n_service=translations(ui_language()))

    def make_fragment(self, html: str, *, css: tuple[str, ...] = (), js: tuple[str, ...] = (),
                      init: str | None = None, init_args: dict | None = None) -> Fragment:
        """A fragment with the block's own CSS/JS inlined (no CDN, no extra requests)."""
        fragment = Fragment(html)
        for path in css:
            fragment.add_css(self._loader.load_unicode(path))
        for path in js:
            fragment.add_javascript(self._loader.load_unicode(path))
        if init:
            fragment.initialize_js(init, init_args or {})
        return fragment

    def _user_attribute(self, name: str, default=None):
        service = self.runtime.service(self, "user")
        if service is None:
            return default
        user = service.get_current_user()
        return user.opt_attrs.get(f"edx-platform.{name}", default) if user else default

    def is_course_staff(self) -> bool:
        """True for course staff/instructors and global staff, as the LMS user service reports them."""
        return bool(self._user_attribute("user_is_staff")) or self._user_attribute("user_role") in STAFF_ROLES

    def user_language_preference(self) -> str | None:
        """The learner's account language (``pref-lang``) when the LMS provides it."""
        preferences = self._user_attribute("user_preferences") or {}
        return preferences.get("pref-lang")
