"""The project's translation catalogues (locale/<lang>/LC_MESSAGES/*.po), read and
compiled in pure Python (polib), so that a fresh machine needs no GNU gettext.

`manage.py compile_catalogues` writes the .mo files; `manage.py check_catalogues`
lists what a translator must still do. The test suite runs the same checks.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

# Languages translated from English (the source, which needs no catalogue).
TRANSLATED = ("ar", "ckb")

# printf-style (%(name)s, %s, %d, %%) and str.format-style ({name}, {}) placeholders.
_PRINTF = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
_FORMAT = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Problem:
    path: Path
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}: {self.msgid!r}"


def locale_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0])


def catalogues(languages=TRANSLATED) -> list[Path]:
    return sorted(p for lang in languages for p in (locale_dir() / lang / "LC_MESSAGES").glob("*.po"))


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted: the translation may reorder them."""
    found = [p for p in _PRINTF.findall(text) if p != "%%"]
    # Django's %-formatted messages never use braces as placeholders, but
    # str.format messages (ours, e.g. the import page's limits) do.
    found += _FORMAT.findall(text)
    return sorted(found)


def problems(path: Path) -> list[Problem]:
    """Untranslated, fuzzy, or placeholder-breaking entries of one .po file."""
    found = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(Problem(path, entry.msgid, "fuzzy"))
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(t.strip() for t in translations):
            found.append(Problem(path, entry.msgid, "untranslated"))
            continue
        for n, translation in enumerate(translations):
            source = entry.msgid_plural if entry.msgid_plural and n else entry.msgid
            expected = placeholders(source)
            # A plural form may leave the count implicit ("one page"), never add one.
            got = placeholders(translation)
            if got != expected and not (entry.msgid_plural and set(got) <= set(expected)):
                found.append(Problem(path, entry.msgid, f"placeholders {got} instead of {expected}"))
                break
    return found


def mo_path(po: Path) -> Path:
    return po.with_suffix(".mo")


def compiled_differs(po: Path) -> bool:
    """True when the .mo next to the .po is missing or says something else."""
    mo = mo_path(po)
    if not mo.exists():
        return True
    return _messages(polib.pofile(str(po))) != _messages(polib.mofile(str(mo)))


def _messages(catalogue) -> dict:
    result = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = {int(k): v for k, v in entry.msgstr_plural.items()}
            if any(forms.values()):
                result[(entry.msgctxt, entry.msgid)] = (entry.msgid_plural, forms)
        elif entry.msgstr:
            result[(entry.msgctxt, entry.msgid)] = entry.msgstr
    return result


def compile_all() -> list[Path]:
    """Write every catalogue's .mo (fuzzy entries left out, as msgfmt does)."""
    written = []
    for po in catalogues():
        catalogue = polib.pofile(str(po))
        for entry in list(catalogue):
            if "fuzzy" in entry.flags and entry.msgid:
                catalogue.remove(entry)
        catalogue.save_as_mofile(str(mo_path(po)))
        written.append(mo_path(po))
    return written
