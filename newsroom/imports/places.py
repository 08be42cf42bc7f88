"""Iraq place names: governorates and the towns that appear in our stories.

Each canonical English name lists the spellings met in English, Arabic and
Kurdish (Sorani) text. ``find_places`` returns canonical names in order of
first appearance; importers use them as suggested tags.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Canonical name -> spellings. English spellings are matched as written
# (capitalised), so common words never match. Places whose name is also
# an ordinary word are left out ("Hit", "Ana") or keep only their
# unambiguous spellings (Arabic "حديثة" also means "modern", "العمارة" "the
# building", "القائم" "the existing").
PLACES: dict[str, tuple[str, ...]] = {
    # Governorates
    "Baghdad": ("Baghdad", "بغداد", "بەغدا"),
    "Ninewa": ("Ninewa", "Nineveh", "Ninawa", "Ninevah", "Nainawa", "نينوى", "نینەوا"),
    "Erbil": ("Erbil", "Arbil", "Irbil", "Hawler", "Hewler", "أربيل", "هەولێر"),
    "Dohuk": ("Dohuk", "Duhok", "Dahuk", "دهوك", "دهۆک"),
    "Sulaymaniyah": (
        "Sulaymaniyah",
        "Sulaimaniyah",
        "Suleimaniyah",
        "Sulaymaniyya",
        "Sulaimani",
        "Slemani",
        "السليمانية",
        "سلێمانی",
    ),
    "Halabja": ("Halabja", "حلبجة", "هەڵەبجە"),
    "Kirkuk": ("Kirkuk", "كركوك", "کەرکووک"),
    "Anbar": ("Anbar", "Al-Anbar", "الأنبار"),
    "Salah al-Din": (
        "Salah al-Din",
        "Salah Al-Din",
        "Salah ad-Din",
        "Salahaddin",
        "Salahuddin",
        "Salah el-Din",
        "Saladin",
        "صلاح الدين",
    ),
    "Diyala": ("Diyala", "Diyalah", "ديالى"),
    "Basra": ("Basra", "Basrah", "البصرة", "بەسرە"),
    "Najaf": ("Najaf", "النجف"),
    "Karbala": ("Karbala", "Kerbala", "كربلاء"),
    "Babylon": ("Babylon", "Babil", "بابل"),
    "Wasit": ("Wasit", "واسط"),
    "Maysan": ("Maysan", "Missan", "Misan", "ميسان"),
    "Qadisiyah": ("Qadisiyah", "Qadisiya", "Qadissiya", "Al-Qadisiyyah", "القادسية"),
    "Muthanna": ("Muthanna", "Al-Muthanna", "المثنى"),
    "Dhi Qar": ("Dhi Qar", "Dhi-Qar", "Thi Qar", "Thi-Qar", "ذي قار"),
    # Cities and districts
    "Mosul": ("Mosul", "الموصل", "موسڵ"),
    "Sinjar": ("Sinjar", "سنجار", "شنگال"),
    "Tal Afar": ("Tal Afar", "Tel Afar", "Talafar", "تلعفر", "تل عفر"),
    "Fallujah": ("Fallujah", "Falluja", "الفلوجة"),
    "Ramadi": ("Ramadi", "الرمادي"),
    "Tikrit": ("Tikrit", "تكريت"),
    "Samarra": ("Samarra", "سامراء"),
    "Baiji": ("Baiji", "Bayji", "بيجي"),
    "Hawija": ("Hawija", "Hawiga", "Al-Hawija", "الحويجة"),
    "Qayyarah": ("Qayyarah", "Qayara", "Qayyara", "Al-Qayyarah", "القيارة"),
    "Hamdaniya": ("Hamdaniya", "Al-Hamdaniya", "الحمدانية"),
    "Bartella": ("Bartella", "برطلة"),
    "Qaraqosh": ("Qaraqosh", "قرقوش"),
    "Alqosh": ("Alqosh", "Al-Qosh", "Al Qosh", "ألقوش"),
    "Rabia": ("Rabia", "Raabia", "Rabiaa", "ربيعة"),
    "Makhmour": ("Makhmour", "Makhmur", "مخمور"),
    "Zakho": ("Zakho", "زاخو", "زاخۆ"),
    "Shirqat": ("Shirqat", "Sharqat", "الشرقاط"),
    "Haditha": ("Haditha",),
    "Al-Qaim": ("Al-Qaim", "Al Qaim"),
    "Rutba": ("Rutba", "Rutbah"),
    "Baqubah": ("Baqubah", "Baquba", "بعقوبة"),
    "Khanaqin": ("Khanaqin", "خانقين"),
    "Kut": ("Kut", "الكوت"),
    "Amarah": ("Amarah",),
    "Nasiriyah": ("Nasiriyah", "Nasiriya", "الناصرية"),
    "Samawah": ("Samawah", "Samawa", "السماوة"),
    "Diwaniyah": ("Diwaniyah", "Diwaniya", "الديوانية"),
    "Hillah": ("Hillah", "Hilla"),
    "Umm Qasr": ("Umm Qasr", "أم قصر"),
    "Tuz Khurmatu": ("Tuz Khurmatu", "Tuz Khurmato", "طوزخورماتو"),
    "Kalar": ("Kalar", "کەلار"),
}

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
# Arabic spellings vary in the hamza on alef and may carry tatweel; fold both
# sides before matching.
_ALEF_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ـ": None})
_ALEF_VARIANTS = re.compile("[أإآ]")  # same folding for long texts, without dropping tatweel
# One-letter Arabic proclitics (and, so, with, like, for) glue to the word.
_AR_PREFIXES = ("", "و", "ف", "ب", "ك", "وب", "فب")


def _arabic_forms(spelling: str) -> list[str]:
    folded = spelling.translate(_ALEF_FOLD)
    forms = [p + folded for p in _AR_PREFIXES]
    if folded.startswith("ال"):
        forms += ["لل" + folded[2:], "ولل" + folded[2:]]
    else:
        forms += ["ل" + folded, "ول" + folded]
    if any(c in folded for c in "ەێۆڕڵ"):  # Sorani writes "in" as a glued "لە"
        forms.append("لە" + folded)
    return forms


def _trie_pattern(words: dict[str, str] | list[str]) -> str:
    """An alternation of ``words`` factored into a prefix tree.

    A flat alternation of ~150 names is retried at every position of the
    text; the tree rejects most positions on the first character.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Longer names first: "Tal Afar" rather than "Tal"; regex alternation is ordered.
        return f"(?:{body})?" if ends else body

    return build(trie)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    latin: dict[str, str] = {}
    arabic: dict[str, str] = {}
    for canonical, spellings in PLACES.items():
        for spelling in spellings:
            if _ARABIC_SCRIPT.search(spelling):
                for form in _arabic_forms(spelling):
                    arabic.setdefault(form, canonical)
            else:
                latin.setdefault(spelling, canonical)

    alternation = _trie_pattern
    # Case-sensitive: place names are written capitalised, and a literal
    # match is much faster than an ignore-case one.
    latin_re = re.compile(r"(?<!\w)(?:" + alternation(latin) + r")(?!\w)")
    arabic_re = re.compile(r"(?<!\w)(?:" + alternation(arabic) + r")(?!\w)")
    lookup = {**{k.lower(): v for k, v in latin.items()}, **arabic}
    return latin_re, arabic_re, lookup


def canonical_place(name: str) -> str | None:
    """The canonical English name for a spelling, or None if it is not a known place."""
    _, _, lookup = _patterns()
    key = name.strip()
    if _ARABIC_SCRIPT.search(key):
        return lookup.get(key.translate(_ALEF_FOLD))
    return lookup.get(key.lower())


def find_places(text: str) -> list[str]:
    """Canonical place names in ``text``, in order of first appearance, without repeats."""
    latin_re, arabic_re, lookup = _patterns()
    hits = [(m.start(), lookup[m.group(0).lower()]) for m in latin_re.finditer(text)]
    if _ARABIC_SCRIPT.search(text):
        # One character for one, so positions still order the hits.
        folded = _ALEF_VARIANTS.sub("ا", text)
        hits.extend((m.start(), lookup[m.group(0)]) for m in arabic_re.finditer(folded))
    hits.sort(key=lambda hit: hit[0])
    seen: dict[str, None] = {}
    for _, canonical in hits:
        seen.setdefault(canonical, None)
    return list(seen)
