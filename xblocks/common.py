"""What every academy block shares: translations, rendering, sanitising, URL checks, roles.

Translations: the blocks' strings live in one bundled catalogue,
``xblocks/translations/<locale>/LC_MESSAGES/text.mo`` — the path and domain the LMS's
XBlockI18nService looks up for the root module ``xblocks``. The blocks load it themselves for the
request language, so the workbench (whose i18n service ignores block catalogues) and the LMS show
the same Russian. All UI strings are rendered server-side; JavaScript receives data only.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gettext
import re
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from django.template import Context, Engine, Template
from django.utils import translation
from django.utils.translation import trans_real
from lxml import etree
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError, NoSuchServiceError
from xblock.fields import List, Scope
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin

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
# Schemes nh3 lets through; an http link is then kept only on the LMS's own origin (``_keep_url``).
ALLOWED_URL_SCHEMES = {"https", "http", "mailto"}
URL_ATTRIBUTES = {"href"}


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation (extracted as ``_``); it is translated where shown.

    Django's ``gettext_noop`` reads settings, so a block class using it at definition could not be
    imported before Django settings exist (entry-point scans do that); this one needs nothing.
    """
    return message


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


@functools.cache
def _template_engine() -> Engine:
    return Engine(libraries={"i18n": "django.templatetags.i18n"}, autoescape=True)


@functools.cache
def _parsed_template(module: str, path: str) -> Template:
    """A block template, parsed once per process (parsing costs more than rendering)."""
    return Template(ResourceLoader(module).load_unicode(path), engine=_template_engine())


@functools.cache
def _merged_translation(language: str) -> trans_real.DjangoTranslation:
    """Django's catalogue for ``language`` with ours merged over it; a private copy, never the global one."""
    merged = trans_real.DjangoTranslation(language)
    merged.merge(translations(language))
    return merged


@contextlib.contextmanager
def _block_translation_active():
    """Make ``{% trans %}``/``{% blocktrans %}`` read our catalogue in the UI language, for this thread only.

    Unlike ``xblock.utils``' i18n tags (which merge into Django's global catalogue on every tag,
    ~0.5 ms each), the merged catalogue is built once per language and only activated here.
    """
    previous = getattr(trans_real._active, "value", None)
    trans_real._active.value = _merged_translation(ui_language())
    try:
        yield
    finally:
        if previous is None:
            del trans_real._active.value
        else:
            trans_real._active.value = previous


def lms_origin() -> tuple[str, str, int] | None:
    """(scheme, host, port) of ``settings.LMS_ROOT_URL``, or None where it is not set (a bare workbench).

    Links to the LMS itself (the library's pages, which Studio links to absolutely) are trusted in
    whatever scheme the LMS uses: an HTTP deployment (Tutor without HTTPS, ``tutor dev``) has an
    ``http://`` LMS root, and its own documents must show there too.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        root = str(getattr(settings, "LMS_ROOT_URL", "") or "")
    except ImproperlyConfigured:  # Django not configured: no LMS here
        return None
    return _origin(_split(root.strip())) if root else None


def _split(url: str):
    """``urlsplit(url)``, or None for what it cannot parse (``https://[x/`` raises ValueError)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _origin(parts) -> tuple[str, str, int] | None:
    if parts is None:
        return None
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:  # a malformed port
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    return parts.scheme, parts.hostname.lower(), port


def is_lms_url(url: str) -> bool:
    """Is ``url`` absolute on the LMS's own origin (same scheme, host and port as ``LMS_ROOT_URL``)?"""
    own = lms_origin()
    return own is not None and _origin(_split(url)) == own


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: a link is https, mailto, site-relative or on the LMS's origin; nothing else."""
    if attribute not in URL_ATTRIBUTES:
        return value
    parts = _split(value.strip())
    if parts is None or (parts.scheme.lower() == "http" and not is_lms_url(value.strip())):
        return None
    return value


def render_module_template(module: str, path: str, context: dict) -> str:
    """Render a template shipped in package ``module`` (auto-escaped, ``{% trans %}`` from our catalogue)."""
    template = _parsed_template(module, path)
    with _block_translation_active():
        return template.render(Context(context))


def sanitize_html(html: str) -> str:
    """Author HTML made safe to render: allow-listed tags, attributes and URL schemes only."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_url,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def safe_url(url: str, *, allow_site_relative: bool = True) -> str | None:
    """``url`` if it is https, on the LMS's own origin (any scheme), or a site-relative path such as a
    course asset ``/static/x.pdf``; else None.

    Rejects javascript:, data:, foreign http:, protocol-relative ``//host`` and anything with control
    characters.
    """
    url = (url or "").strip()
    if not url or any(ord(char) < 32 or char == "\\" for char in url):
        return None
    parts = _split(url)
    if parts is None:
        return None
    if parts.scheme == "https" and parts.netloc:
        return url
    if parts.netloc and is_lms_url(url):
        return url
    site_relative = not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//")
    if allow_site_relative and site_relative:
        return url
    return None


# Site-relative URLs a block may point at: course assets, in both forms the platform uses
# (the LMS rewrites them to the course's asset URLs).
COURSE_ASSET_PREFIXES = ("/static/", "/asset-v1:")


def course_asset_or_https(url: str) -> str | None:
    """``url`` if it is https, on the LMS's origin, or a course asset (``/static/…``, ``/asset-v1:…``), else None."""
    url = safe_url(url)
    if url is None or _split(url).netloc:  # absolute: safe_url let only https or the LMS's origin through
        return url
    return url if url.startswith(COURSE_ASSET_PREFIXES) and ".." not in url else None


class AcademyBlockMixin:
    """Rendering and role helpers for the academy blocks (use with ``@XBlock.wants("user")``)."""

    @property
    def _block_module(self) -> str:
        """The module that defines the block class (runtimes mix it into a class defined elsewhere)."""
        return getattr(type(self), "unmixed_class", type(self)).__module__

    @property
    def _loader(self) -> ResourceLoader:
        return ResourceLoader(self._block_module)

    def render_template(self, path: str, context: dict) -> str:
        """Render a Django template shipped with the block (auto-escaped, ``{% trans %}`` from our catalogue)."""
        return render_module_template(self._block_module, path, context)

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

    def display_title(self) -> str:
        """The author's display name, or the field's (English) default translated to the UI language."""
        default = self.fields["display_name"].default
        name = (self.display_name or "").strip()
        return ugettext(default) if not name or name == default else name

    def html_id(self, name: str) -> str:
        """An HTML id unique to this block on the page (for ``aria-labelledby`` and ``for``)."""
        usage = re.sub(r"[^A-Za-z0-9_-]+", "-", str(self.scope_ids.usage_id)).strip("-")
        return f"ppta-{usage}-{name}"

    def can_edit(self) -> bool:
        """May the current user change this block's authored fields?

        In Studio the user service reports no course role (``load_services_for_studio`` builds it
        without one), so a course author would look like a learner there; Studio's
        ``studio_user_permissions`` service answers instead (the block must ``@XBlock.wants`` it).
        Elsewhere (LMS, workbench): course staff only.
        """
        try:
            permissions = self.runtime.service(self, "studio_user_permissions")
        except NoSuchServiceError:
            permissions = None
        if permissions is not None and self.context_key is not None:
            return bool(permissions.can_write(self.context_key))
        return self.is_course_staff()

    def user_language_preference(self) -> str | None:
        """The learner's account language (``pref-lang``) when the LMS provides it."""
        preferences = self._user_attribute("user_preferences") or {}
        return preferences.get("pref-lang")


# Only authored data belongs in OLX: learner state (user_state, preferences, ...) must never leave
# the course in an export, which XBlock's default exporter does not guarantee.
AUTHORED_SCOPES = (Scope.content, Scope.settings)


class AuthoredOlxMixin:
    """OLX export of the authored (content/settings) fields only.

    Scalars are attributes. A ``List`` of texts or of flat records is a child element with one
    ``<item>`` per entry, so the author's text stays readable and diffable (JSON in an attribute
    escapes Cyrillic as ``\\u041e``)::

        <objectives><item>Объяснить модели интеграции</item></objectives>
        <session_plans><item title="День 1" url="/static/day1.pdf"/></session_plans>

    Older OLX with the JSON attribute (``objectives='["…"]'``) still imports.
    """

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        for name, field in self.fields.items():
            if name in ("children", "parent") or field.scope not in AUTHORED_SCOPES:
                continue
            if not (field.is_set_on(self) or field.force_export):
                continue
            value = field.read_from(self)
            if isinstance(field, List) and _readable_list(value):
                _add_list_element(node, name, value)
            else:
                self._add_field(node, name, field)

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        node = copy.deepcopy(node)  # the caller's tree is left as it was
        lists = {}
        for child in list(node):
            field = cls.fields.get(child.tag) if isinstance(child.tag, str) else None
            if isinstance(field, List) and field.scope in AUTHORED_SCOPES:
                lists[child.tag] = [dict(item.attrib) if item.attrib else (item.text or "").strip()
                                    for item in child if item.tag == "item"]
                node.remove(child)
        block = super().parse_xml(node, runtime, keys)
        for name, value in lists.items():
            setattr(block, name, value)
        return block


def _readable_list(value) -> bool:
    """Texts, or records of texts: what ``<item>`` elements hold without loss."""
    if not isinstance(value, list):
        return False
    texts = all(isinstance(item, str) and item.strip() == item for item in value)
    records = all(isinstance(item, dict) and item and all(
        isinstance(key, str) and re.fullmatch(r"[A-Za-z_][\w-]*", key) and isinstance(text, str)
        for key, text in item.items()) for item in value)
    return bool(value) and (texts or records)


def _add_list_element(node, name: str, value: list) -> None:
    element = etree.SubElement(node, name)
    for entry in value:
        item = etree.SubElement(element, "item")
        if isinstance(entry, dict):
            for key, text in entry.items():
                item.set(key, text)
        else:
            item.text = entry


class AuthorEditableMixin(StudioEditableXBlockMixin):
    """Studio editor (``xblocks.editor``; saved through ``StudioEditableXBlockMixin``'s handler) that only
    course staff may open or submit.

    The LMS mounts every handler for learners too, so the save handler checks the role itself
    (403 otherwise); a malformed payload or a value of the wrong type is a 400, not a crash.
    Field labels and help are translated from our catalogue. Who may edit: ``can_edit()`` (declare
    ``@XBlock.wants("studio_user_permissions")`` so that Studio's course team qualifies).
    """

    def ugettext(self, text):
        return ugettext(text)

    # ``List`` fields edited as rows: {field name: xblocks.editor.RowsEditor}.
    editor_rows: dict = {}

    def studio_view(self, context=None):
        if not self.can_edit():
            return Fragment(f"<p>{escape(ugettext('Only course staff can edit this component.'))}</p>")
        from xblocks.editor import render_editor  # the editor module imports this one

        return render_editor(self)

    @XBlock.json_handler
    def submit_studio_edits(self, data, suffix=""):
        if not self.can_edit():
            raise JsonHandlerError(403, ugettext("Only course staff can edit this component."))
        if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
            raise JsonHandlerError(400, "Expected a JSON object with 'values'.")
        data.setdefault("defaults", [])
        try:
            return StudioEditableXBlockMixin.submit_studio_edits.__wrapped__(self, data, suffix)
        except (TypeError, ValueError) as error:
            raise JsonHandlerError(400, str(error)) from error
