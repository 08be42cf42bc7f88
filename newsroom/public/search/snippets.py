"""Snippets with the matched words marked, whatever language matched.

English: a word is marked when it begins with a stem of the query
(PostgreSQL's lexemes: flood for flooding, famili for families; a final i
also stands for y, polici for policy). Arabic and Kurdish: a word is marked
when it normalises (arabic.py, kurdish.py) to a form the query asked for, so
والمياه is marked for a search of مياه. Candidates are found by a regex over
the raw text for each wanted form's letters (any spelling variant, marks
between letters), so only a few words are normalised, not the whole body.
"""

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.public.search.letters import MARKS

WIDTH, BEFORE = 240, 80
# Spellings a normalised letter may have had in the text.
VARIANTS = {
    "ا": "اأإآٱ", "ه": "هةھ", "ي": "يى", "ک": "کك", "ی": "یيى", "ە": "ەةه",
}
_MARK_CLASS = "[" + re.escape(MARKS) + "]*"
_WORD_CHAR = re.compile(r"[\w" + re.escape(MARKS) + "]")


def _letters_pattern(form: str) -> str:
    parts = []
    for letter in form:
        variants = VARIANTS.get(letter, letter)
        parts.append("[" + re.escape(variants) + "]" if len(variants) > 1 else re.escape(letter))
    return _MARK_CLASS.join(parts)


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return start, end


def word_spans(text: str, wanted: set[str], normalise) -> list[tuple[int, int]]:
    """Spans of the words of `text` that normalise to one of `wanted`."""
    wanted = {w for w in wanted if w}
    if not wanted:
        return []
    pattern = re.compile("|".join(_letters_pattern(w) for w in sorted(wanted, key=len, reverse=True)))
    spans, seen = [], set()
    for hit in pattern.finditer(text):
        span = _word_at(text, hit.start(), hit.end())
        if span in seen:
            continue
        seen.add(span)
        if normalise(text[span[0] : span[1]]) in wanted:
            spans.append(span)
        if len(spans) >= 50:
            break
    return spans


def excerpt(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """WIDTH characters around the first span, with every span inside marked."""
    text = html.unescape(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - BEFORE)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    stop = min(len(text), start + WIDTH)
    out, position = [], start
    for a, b in spans:
        if a < start or b > stop:
            continue
        out += [escape(text[position:a]), "<mark>", escape(text[a:b]), "</mark>"]
        position = b
    out.append(escape(text[position:stop]))
    prefix = "…" if start else ""
    suffix = "…" if stop < len(text) else ""
    # Bandit B308/B703: every piece of text is escaped above; only our <mark> tags are raw.
    return mark_safe(prefix + "".join(out).strip() + suffix)  # nosec B308 B703


def highlighted(text: str, forms: set[str], normalise) -> SafeString:
    """`forms`: the normalised forms wanted (arabic.forms(), kurdish.forms())."""
    text = " ".join(text.split())
    return excerpt(text, word_spans(text, forms, normalise))


def english_spans(text: str, stems: set[str]) -> list[tuple[int, int]]:
    stems = {s for s in stems if s}
    if not stems:
        return []
    variants = stems | {s[:-1] + "y" for s in stems if s.endswith("i")}
    alternatives = "|".join(re.escape(s) for s in sorted(variants, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)][:50]


def highlighted_english(text: str, stems: set[str]) -> SafeString:
    text = " ".join(text.split())
    return excerpt(text, english_spans(text, stems))
