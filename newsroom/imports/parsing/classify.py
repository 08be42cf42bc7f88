"""Body language and page kind."""

from __future__ import annotations

import re

from . import dates, text

# Letters Sorani Kurdish uses and Arabic does not; "ە" alone is in most
# Sorani words. A few of them in an Arabic text are just a quoted name.
_SORANI_LETTERS = "ڕڵێۆەڤ"
_SORANI_WORDS = re.compile(r"(?<!\w)(?:لە|بۆ|ئەم|ئەو|کە|لەگەڵ|دەکات|کرد|هەروەها|ئێمە)(?!\w)")
_ARABIC_LETTERS = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06d5]")
_MIN_SORANI_SHARE = 0.03
_LANGUAGE_SAMPLE = 4000


# Words common in French running text and rare in English ones.
_FRENCH_WORDS = re.compile(
    r"(?<!\w)(?:le|la|les|des|du|une|est|sont|pour|dans|avec|qui|aux|cette|ces|leur|leurs|été|"
    r"ont|par|sur|au|et|à|d'\w+|l'\w+)(?!\w)", re.I,
)
_ENGLISH_WORDS = re.compile(r"(?<!\w)(?:the|and|of|to|is|are|for|with|that|this|was|were|has|have)(?!\w)", re.I)


def detect_language(body: str) -> str:
    """ "en", "ar", "ckb" or "fr" from the script, letters and common words of ``body``."""
    # A few thousand characters tell the language as well as the whole text.
    body = body[:_LANGUAGE_SAMPLE]
    if not text.is_arabic_script(body):
        french, english = len(_FRENCH_WORDS.findall(body)), len(_ENGLISH_WORDS.findall(body))
        return "fr" if french >= 5 and french > 2 * english else "en"
    letters = len(_ARABIC_LETTERS.findall(body)) or 1
    sorani = sum(body.count(letter) for letter in _SORANI_LETTERS)
    if sorani / letters >= _MIN_SORANI_SHARE or len(_SORANI_WORDS.findall(body)) >= 3:
        return "ckb"
    return "ar"


# --- listing pages ------------------------------------------------------------

_MIN_LISTING_ENTRIES = 3
# "12 March 2023 – Title" or "12 March 2023: Title" entries.
_DATED_ENTRY_SEPARATOR = re.compile(r"^\s*(?:[-–—:|]|\s-)\s*\S")


def dated_lines(lines: list[str]) -> list[int]:
    """Indexes of lines that are a date, or start with one before a dash."""
    found = []
    for i, line in enumerate(lines):
        if len(line) <= 60 and dates.date_line(line):
            found.append(i)
            continue
        lead = dates.leading_date(line)
        if lead and _DATED_ENTRY_SEPARATOR.match(lead[1]) and not text.is_paragraph(line):
            found.append(i)
    return found


def is_listing(lines: list[str]) -> bool:
    """Many dated summaries rather than one article."""
    return len(dated_lines(lines)) >= _MIN_LISTING_ENTRIES


# --- kind -----------------------------------------------------------------------

_STATEMENT_TITLE = re.compile(
    r"^(?:joint\s+)?statement\b|\bstatement\s+(?:from|by|on|of)\b|^remarks\s+(?:by|from)\b"
    r"|^بيان\b|^بيان\s|^بەیاننامە|^لێدوان",
    re.I,
)
_QUOTE = re.compile(r"[“\"«][^”\"»]{12,}[”\"»]")
_SPEECH_VERBS = re.compile(
    r"\b(?:said|says|stated|explains|explained|recalls|recalled|remembers|adds|added|shares|"
    r"shared|tells|told|notes|noted)\b|قال|قالت|تقول|يقول|وتقول|ويقول|دەڵێت|وتی",
    re.I,
)
_PERSONAL = re.compile(r"\b(?:she|he|her|his|my|I)\b")
_MIN_ARTICLE_WORDS = 60


def classify(
    *,
    title: str,
    paragraphs: list[str],
    byline: str,
    dateline: str,
    has_contact_block: bool,
    listing: bool,
) -> str:
    """The page kind; the order of the checks is the rule (see parser docs)."""
    if not paragraphs:
        return "other"
    if listing:
        return "listing"
    if _STATEMENT_TITLE.search(title):
        return "statement"
    if byline:
        return "story"
    if has_contact_block:
        return "press_release"
    if dateline:
        return "news"
    body = "\n".join(paragraphs)
    if text.word_count(body) < _MIN_ARTICLE_WORDS:
        return "other"
    return "story" if _human_interest(paragraphs) else "news"


def _human_interest(paragraphs: list[str]) -> bool:
    quoted = sum(1 for p in paragraphs if _QUOTE.search(p) and _SPEECH_VERBS.search(p))
    personal = sum(len(_PERSONAL.findall(p)) for p in paragraphs)
    return quoted >= 2 or personal >= 6
