"""Every translation catalogue is complete, has correct Russian plurals, and its .mo is up to date."""

import subprocess

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.services import REPO_ROOT

RUSSIAN_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


def catalogues():
    listed = subprocess.run(["git", "ls-files", "*.po"], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    return listed.stdout.split()


def messages(catalog):
    """{msgid: translation}; plural entries as tuples (the .po and .mo readers differ in list/tuple)."""

    def frozen(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return {frozen(message.id): frozen(message.string) for message in catalog if message.id}


@pytest.mark.parametrize("po_path", catalogues())
def test_catalogue_is_complete_and_compiled(po_path):
    po_file = REPO_ROOT / po_path
    with po_file.open("rb") as handle:
        po = read_po(handle)
    untranslated = [
        message.id for message in po if message.id and (
            message.fuzzy or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert untranslated == [], f"{po_path}: untranslated or fuzzy entries"
    if po.locale and po.locale.language == "ru":
        assert po.plural_forms.replace(" ", "") == RUSSIAN_PLURALS.replace(" ", "")
        assert all(len(m.string) == 3 for m in po if m.id and isinstance(m.id, tuple)), "Russian needs 3 plural forms"

    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists(), f"{mo_file} missing: run `make translations`"
    with mo_file.open("rb") as handle:
        assert messages(read_mo(handle)) == messages(po), f"{mo_file} is stale: run `make translations`"


def test_there_are_russian_catalogues():
    assert any("/ru/" in path for path in catalogues())
