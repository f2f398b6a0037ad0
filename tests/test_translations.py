"""Every Swedish text in the code and templates has an English translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def source_messages(method_map=None) -> set[str]:
    method_map = method_map or [("planner/**.py", "python"), ("templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_english_catalogue_translates_every_message():
    with open(ROOT / "planner/translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        catalogue = read_po(handle)
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalogue
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string]) and not m.fuzzy
    }
    missing = sorted(source_messages() - translated)
    assert missing == [], "run `make extract-messages` and translate: " + repr(missing[:10])


def test_every_translation_survives_jinja_formatting():
    """Jinja's gettext always applies ``%`` to a template's translation: a lone "%" (as in
    "% done") would crash the page in English."""
    in_templates = source_messages([("templates/**.html", "jinja2")])
    with open(ROOT / "planner/translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        catalogue = read_po(handle)
    checked = 0
    for message in catalogue:
        if message.id in in_templates and "%(" not in message.id:
            # What the page shows: "%%" becomes "%", and nothing else changes ("%s" would
            # silently print "{}").
            assert message.string % {} == message.string.replace("%%", "%"), message.id
            checked += 1
    assert checked > len(in_templates) // 2  # the templates' messages were found and read
