"""Query rendered block HTML with simple CSS selectors (lxml without the cssselect package).

Supports what the tests need: ``tag``, ``.class``, ``[attr]``, ``[attr="value"]``, descendants
(space) and alternatives (comma).
"""

from __future__ import annotations

import re

import lxml.html

COMPOUND = re.compile(r"([a-zA-Z0-9*]*)((?:\.[\w-]+|\[[\w-]+(?:=\"[^\"]*\")?\])*)")
PART = re.compile(r"\.([\w-]+)|\[([\w-]+)(?:=\"([^\"]*)\")?\]")


def _xpath(selector: str) -> str:
    paths = []
    for alternative in selector.split(","):
        steps = []
        for compound in alternative.split():
            match = COMPOUND.fullmatch(compound)
            if not match:
                raise ValueError(f"unsupported selector {compound!r}")
            conditions = []
            for class_name, attribute, value in PART.findall(match.group(2)):
                if class_name:
                    conditions.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {class_name} ')")
                elif value or "=" in compound:
                    conditions.append(f'@{attribute}="{value}"')
                else:
                    conditions.append(f"@{attribute}")
            step = (match.group(1) or "*") + "".join(f"[{condition}]" for condition in conditions)
            steps.append(step)
        paths.append(".//" + "//".join(steps))
    return " | ".join(paths)


def select(node, selector: str) -> list:
    return node.xpath(_xpath(selector))


def parse(html: str):
    return lxml.html.fromstring(f"<div>{html}</div>")


def without_runtime_data(page):
    """``page`` without the runtime's ``<script type="json/xblock-args">`` (data for the block's JS, not visible)."""
    for script in page.xpath('.//script[@type="json/xblock-args"]'):
        script.drop_tree()
    return page
