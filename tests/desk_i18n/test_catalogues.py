"""The catalogues are complete, compiled, and safe to format; a broken one fails here."""

import gettext as gnu_gettext
import shutil

import polib
import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import get_language_info, gettext

from newsroom.core import catalogues


def test_there_is_one_catalogue_per_translated_language():
    assert [p.parent.parent.name for p in catalogues.catalogues()] == ["ar", "ckb"]


@pytest.mark.parametrize("po", catalogues.catalogues(), ids=lambda p: p.parent.parent.name)
def test_every_message_is_translated_without_fuzzy_entries_or_broken_placeholders(po):
    assert catalogues.problems(po) == []


@pytest.mark.parametrize("po", catalogues.catalogues(), ids=lambda p: p.parent.parent.name)
def test_the_shipped_mo_says_what_its_po_says(po):
    assert not catalogues.compiled_differs(po), "run `manage.py compile_catalogues`"


@pytest.mark.parametrize("po", catalogues.catalogues(), ids=lambda p: p.parent.parent.name)
def test_every_translation_formats_with_the_english_placeholders(po):
    for entry in polib.pofile(str(po)):
        if "%(" in entry.msgid and not entry.msgid_plural:
            names = dict.fromkeys(catalogues._PRINTF.findall(entry.msgid), "x")
            # A number for %(n)d and its kin, text for %(name)s.
            values = {n[2:n.index(")")]: 1 if n[-1] in "diouxXeEfFgGc" else "x"
                      for n in names if n.startswith("%(")}
            entry.msgstr % values  # raises on a misspelt or missing name


def _broken(tmp_path, msgid, msgstr, flags=""):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f"{flags}msgid \"{msgid}\"\nmsgstr \"{msgstr}\"\n",
        encoding="utf-8",
    )
    return catalogues.problems(po)


@pytest.mark.parametrize("msgid, msgstr", [
    ("Versions of %(item)s", "نسخ %(iteme)s"),            # misspelt name
    ("Versions of %(item)s", "نسخ"),                      # dropped
    ("Page %(number)s of %(total)s", "الصفحة %(number)s"),  # one of two dropped
    ("Preview link (until {}): {}", "رابط المعاينة: {}"),  # str.format
    ("All {total} pages", "كل الصفحات {page}"),
    ("%s selected", "%d محدد"),                            # another conversion
])
def test_a_broken_placeholder_fails(tmp_path, msgid, msgstr):
    [problem] = _broken(tmp_path, msgid, msgstr)
    assert "placeholders" in problem.what


def test_placeholders_may_move_inside_the_sentence(tmp_path):
    assert _broken(tmp_path, "%(who)s approved %(item)s", "%(item)s اعتمدها %(who)s") == []


def test_an_untranslated_or_fuzzy_message_fails(tmp_path):
    assert [p.what for p in _broken(tmp_path, "Approve now", "")] == ["untranslated"]
    assert [p.what for p in _broken(tmp_path, "Approve now", "اعتماد", "#, fuzzy\n")] == ["fuzzy"]


def test_a_stale_mo_is_found_and_compiling_in_python_fixes_it(tmp_path, settings):
    locale = tmp_path / "locale"
    shutil.copytree(catalogues.locale_dir(), locale)
    settings.LOCALE_PATHS = [locale]
    po = locale / "ar" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po))
    catalogue.find("Approve now").msgstr = "وافِق الآن"
    catalogue.save()
    assert catalogues.compiled_differs(po)

    call_command("compile_catalogues", verbosity=0)
    assert not catalogues.compiled_differs(po)
    with (po.with_suffix(".mo")).open("rb") as compiled:  # what gettext itself reads
        assert gnu_gettext.GNUTranslations(compiled).gettext("Approve now") == "وافِق الآن"


def test_check_catalogues_lists_what_is_left_and_fails(tmp_path, settings, capsys):
    locale = tmp_path / "locale"
    shutil.copytree(catalogues.locale_dir(), locale)
    settings.LOCALE_PATHS = [locale]
    po = locale / "ckb" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po))
    catalogue.append(polib.POEntry(msgid="A string merged from another branch", msgstr=""))
    catalogue.save()
    with pytest.raises(Exception, match="catalogue problem"):
        call_command("check_catalogues")
    assert "untranslated: 'A string merged from another branch'" in capsys.readouterr().out


@pytest.mark.parametrize("message", [
    "Add link", "Change or view list link", "Model name", "Forgotten your login credentials?",
])
def test_our_catalogue_fills_the_gaps_of_djangos_kurdish_admin(message):
    with translation.override("ckb"):
        assert gettext(message) != message


def test_project_messages_read_in_arabic_and_kurdish_with_local_examples():
    with translation.override("ar"):
        assert gettext("The place, e.g. Baghdad.") == "المكان، مثلاً: بغداد."
    with translation.override("ckb"):
        assert "بەغدا" in gettext("The place, e.g. Baghdad.")


def test_both_languages_are_right_to_left():
    assert get_language_info("ar")["bidi"] and get_language_info("ckb")["bidi"]
