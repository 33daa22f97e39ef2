"""The academy blocks' Studio editor: one form for every block, hosted by Studio's XBlock editor modal.

Contract with Studio (and the workbench): ``studio_view`` returns a fragment whose JavaScript
(``PptaStudioEditor``) posts ``{"values": {...}, "defaults": []}`` to the ``submit_studio_edits``
JSON handler — the payload of ``xblock.utils``' StudioEditableXBlockMixin — and calls
``runtime.notify('save', {state: 'start'|'end'})``, ``runtime.notify('error', ...)`` and
``runtime.notify('cancel', {})`` as Studio's modal expects. Messages also appear inside the form,
so the editor is usable where ``notify`` only logs (the workbench).

Widgets follow the field: a choice list -> select; ``list_style="set"`` -> checkboxes; any other
``List`` -> editable rows (add, remove, move up/down), each row one text or a record
(``RowsEditor.columns``); a ``multiline_editor`` string -> textarea; ``Integer`` -> number. Every
visible string is rendered here, translated; JavaScript receives data and already translated
messages only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from web_fragments.fragment import Fragment
from xblock.fields import Integer, List
from xblock.utils.resources import ResourceLoader

from xblocks.common import gettext_noop, render_module_template, ugettext, ui_language


@dataclass(frozen=True)
class Column:
    """One input of a record row; ``url`` rows are checked as https:// or a course file."""

    key: str
    label: str
    url: bool = False


@dataclass(frozen=True)
class RowsEditor:
    """How a ``List`` field is edited as rows. Labels are marked with ``gettext_noop``; translated when shown."""

    item_label: str  # "Objective %(number)s"
    add_label: str  # "Add an objective"
    columns: tuple[Column, ...] = field(default_factory=tuple)  # empty: each row is one text


GENERIC_ROWS = RowsEditor(gettext_noop("Item %(number)s"), gettext_noop("Add an item"))


def _options(provider, block) -> list[dict]:
    return [{"value": str(option["value"]), "label": option["display_name"]} for option in provider(block)]


def field_widget(block, name: str) -> dict:
    """Everything the template needs to render field ``name`` of ``block``."""
    field_ = block.fields[name]
    options = field_.runtime_options
    value = getattr(block, name)
    widget = {
        "name": name,
        "id": f"xb-field-edit-{name}",
        "label": ugettext(field_.display_name or name),
        "help": ugettext(field_.help) if field_.help else "",
        "help_id": f"xb-field-help-{name}",
    }
    if name in getattr(block, "material_picker_fields", ()):
        return {**widget, "kind": "picker", "value": value or "", "chosen": block.picker_chosen(value)}
    if isinstance(field_, List) and options.get("list_style") == "set":
        chosen = {str(item) for item in value or ()}
        choices = _options(options["list_values_provider"], block)
        return {**widget, "kind": "checkboxes",
                "choices": [{**choice, "checked": choice["value"] in chosen} for choice in choices]}
    if isinstance(field_, List):
        rows_editor = block.editor_rows.get(name, GENERIC_ROWS)
        columns = [{"key": column.key, "label": ugettext(column.label), "url": column.url}
                   for column in rows_editor.columns]
        rows = []
        for item in value if isinstance(value, list) else []:
            if columns:
                item = item if isinstance(item, dict) else {}
                rows.append([{**column, "value": str(item.get(column["key"], "") or "")} for column in columns])
            else:
                rows.append([{"key": "", "label": "", "url": False, "value": str(item)}])
        return {**widget, "kind": "rows", "rows": rows, "columns": columns,
                "blank_row": [{**column, "value": ""} for column in columns] or [
                    {"key": "", "label": "", "url": False, "value": ""}],
                "item_label": ugettext(rows_editor.item_label), "add_label": ugettext(rows_editor.add_label)}
    if "values_provider" in options or isinstance(field_.values, list):
        choices = _options(options["values_provider"], block) if "values_provider" in options else [
            {"value": str(choice), "label": str(choice)} for choice in field_.values]
        return {**widget, "kind": "select", "value": str(value), "choices": choices}
    if isinstance(field_, Integer):
        limits = field_.values if isinstance(field_.values, dict) else {}
        return {**widget, "kind": "number", "value": value, "min": limits.get("min"), "max": limits.get("max")}
    if options.get("multiline_editor"):
        return {**widget, "kind": "textarea", "value": value or ""}
    return {**widget, "kind": "text", "value": value or ""}


def editor_messages() -> dict:
    """Translated texts the editor's JavaScript shows (it has no catalogue of its own)."""
    return {
        "saving": ugettext("Saving…"),
        "saved": ugettext("Saved."),
        "save_failed": ugettext("Your changes were not saved."),
        "network": ugettext("The server could not be reached. Check your connection and try again."),
        "url_invalid": ugettext("The link must start with https:// or be a course file (/static/…)."),
        "moved": ugettext("%(item)s moved to position %(position)s."),
        "removed": ugettext("%(item)s removed."),
        "added": ugettext("%(item)s added."),
        "searching": ugettext("Searching…"),
        "search_failed": ugettext("The search failed. Please try again."),
        "chosen": ugettext("Chosen: %(title)s."),
        "cleared": ugettext("No library material chosen."),
    }


def _render(path: str, context: dict) -> SafeString:
    # Already auto-escaped by the template engine: safe to embed in the editor template.
    return mark_safe(render_module_template(__name__, path, context))  # noqa: S308


def render_editor(block) -> Fragment:
    """The editor fragment for ``block``'s ``editable_fields``."""
    fields = []
    for name in block.editable_fields:
        widget = field_widget(block, name)
        if widget["kind"] == "rows":
            widget["rows_html"] = [_render("templates/editor_row.html", {"cells": row}) for row in widget["rows"]]
            widget["blank_row_html"] = _render("templates/editor_row.html", {"cells": widget["blank_row"]})
        elif widget["kind"] == "picker":
            widget["picker_html"] = _render("templates/editor_picker.html", {"f": widget})
        fields.append(widget)
    html = render_module_template(__name__, "templates/editor.html", {
        "uid": block.html_id("editor"), "ui_language": ui_language(), "fields": fields,
    })
    loader = ResourceLoader(__name__)
    fragment = Fragment(html)
    fragment.add_css(loader.load_unicode("static/editor.css"))
    fragment.add_javascript(loader.load_unicode("static/editor.js"))
    fragment.initialize_js("PptaStudioEditor", {"messages": editor_messages()})
    return fragment
