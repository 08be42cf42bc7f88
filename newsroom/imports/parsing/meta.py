"""The article head: title, byline, dateline and date lines."""

from __future__ import annotations

import datetime
import re

from .. import places
from . import dates, text

# --- byline -----------------------------------------------------------------

_EN_BYLINE = re.compile(
    r"^(?:by|written\s+by|story\s+by|text\s+by|words\s+by|reported\s+by)\s*:?\s+(?P<who>\S.{0,100})$",
    re.I,
)
_RTL_BYLINE = re.compile(
    r"^(?:بقلم|كتبه|كتبته|إعداد|اعداد|نووسینی|نووسەر)\s*:?\s*(?P<who>\S.{0,80})$"
)
_PIPE_BYLINE = re.compile(
    r"^(?P<bullet>[•·*]\s*)?(?P<name>[^|•]{2,60}?)\s*\|\s*(?P<role>[^|]{2,80})$"
)
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "abu", "de", "van", "von", "da", "di", "and"}
)
_MAX_BYLINE_WORDS = 12


def byline(line: str, *, bare_pipe: bool = False) -> str | None:
    """The person credited when ``line`` is a byline, else None.

    "By: Name" and "By Name, Role" give "Name" / "Name, Role" as written;
    "• Name | Role" gives "Name (Role)". A "Name | Role" line without the
    bullet counts only where ``bare_pipe`` says a byline may stand (the head).
    """
    match = _EN_BYLINE.match(line) or _RTL_BYLINE.match(line)
    if match:
        who = match.group("who").strip().rstrip(".")
        return who if _looks_like_name(who) else None
    match = _PIPE_BYLINE.match(line)
    if match and (match.group("bullet") or bare_pipe):
        name, role = match.group("name").strip(), match.group("role").strip()
        if _looks_like_name(name) and text.word_count(role) <= 8:
            return f"{name} ({role})"
    return None


def _looks_like_name(who: str) -> bool:
    tokens = who.replace(",", " ").split()
    if not tokens or len(tokens) > _MAX_BYLINE_WORDS:
        return False
    if text.is_arabic_script(who):
        return len(tokens) <= 8
    # "By building bridges, ..." is a sentence: names are capitalised.
    head = [t for t in tokens[:2] if t.lower() not in _NAME_PARTICLES]
    lower = [t for t in tokens if t[0].islower() and t.lower() not in _NAME_PARTICLES]
    return bool(head) and all(t[0].isupper() for t in head) and len(lower) <= 2


# --- dateline ---------------------------------------------------------------

# "Place – ", "Place -- ", "Place — ", "Place - " at the start of a paragraph;
# a plain hyphen needs a space before it so "Salah al-Din" stays whole.
_DATELINE = re.compile(
    r"^(?P<head>[^\s–—-].{0,70}?)(?:\s+-{1,2}|\s*--|\s*[–—])\s+(?P<rest>\S.*)$", re.S
)
_DASH_START = re.compile(r"^\s*(?:-{1,2}|[–—])\s+")
_PLACE_CONNECTORS = frozenset({"al", "el", "of", "and", "de", "ad"})
_PLACE_SUFFIXES = frozenset(
    {"governorate", "province", "district", "sub-district", "region", "city", "camp", "iraq"}
)
# Capitalised words that start sentences with a dash, not datelines.
_NOT_PLACES = frozenset(
    {
        "iom",
        "un",
        "unhcr",
        "unicef",
        "who",
        "chief",
        "director",
        "minister",
        "ambassador",
        "mission",
        "statement",
        "update",
        "note",
        "photo",
        "video",
        "read",
        "watch",
        "the",
        "this",
        "that",
        "today",
        "we",
        "our",
        "he",
        "she",
        "they",
        "it",
        "i",
    }
)
_AR_PLACE_WORDS = (
    "العراق",
    "محافظة",
    "إقليم",
    "اقليم",
    "مدينة",
    "قضاء",
    "کوردستان",
    "كوردستان",
    "پارێزگای",
)
_COUNTRY_SUFFIX = re.compile(r",\s*(?:Iraq|IRAQ|العراق)$")


def split_dateline(paragraph: str) -> tuple[str, datetime.date | None, str] | None:
    """(place, date, rest) when ``paragraph`` opens with a dateline, else None.

    The place is returned without a trailing ", Iraq" ("Baghdad, Iraq" ->
    "Baghdad"); an all-capitals place is title-cased ("BAGHDAD" -> "Baghdad").
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    head, rest = match.group("head").strip(), match.group("rest")
    found_date, head = _take_date(head)
    place = head.strip(" ,،()")
    if place and not _is_place(_LONE_MONTH.sub("", place)):
        return None
    if found_date is None:
        # "Baghdad – 12 March 2023 – text"
        lead = dates.leading_date(rest)
        if lead and _DASH_START.match(lead[1]):
            found_date, rest = lead[0], _DASH_START.sub("", lead[1], count=1)
    if not place and found_date is None:
        return None
    return _tidy_place(place), found_date, rest.strip()


def _take_date(head: str) -> tuple[datetime.date | None, str]:
    found = dates.search_date(head)
    if found is None:
        return None, head
    day, start, end = found
    return day, (head[:start] + head[end:]).strip(" ,()")


def _is_place(place: str) -> bool:
    if any(c.isdigit() for c in place):
        return False
    tokens = place.replace(",", " ").split()
    if text.is_arabic_script(place):
        known = any(places.canonical_place(t) for t in tokens) or places.canonical_place(place)
        return len(tokens) <= 4 and (
            bool(known) or any(w in place for w in _AR_PLACE_WORDS) or len(tokens) <= 2
        )
    if not tokens or len(tokens) > 5:
        return False
    if any(t.lower().strip("()") in _NOT_PLACES for t in tokens):
        return False
    for token in tokens:
        lower = token.lower()
        if not (
            token[0].isupper()
            or lower in _PLACE_CONNECTORS
            or lower.startswith(("al-", "el-", "ad-"))
        ):
            return False
    if len(tokens) <= 3:
        return True
    return bool(places.find_places(place)) or tokens[-1].lower() in _PLACE_SUFFIXES


# A month named before the place without a day ("حزيران، العراق" -> "العراق").
_LONE_MONTH = re.compile(rf"^(?:{dates._RTL_MONTH}|{dates._EN_MONTH})\.?\s*[,،]\s*", re.I)


def _tidy_place(place: str) -> str:
    place = _LONE_MONTH.sub("", place.strip(" ,،"))
    place = _COUNTRY_SUFFIX.sub("", place).strip(" ,،")
    if place.isupper() and len(place) > 3:
        place = place.title()
    return place


# --- title ------------------------------------------------------------------

_HEADER_MAX_WORDS = 4
_HEADER_MAX_CHARS = 30
_TITLE_LIMIT = 90
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "st", "h.e", "e.g", "i.e", "u.s", "u.n", "no", "vs", "prof", "eng"}
)
_SENTENCE_BREAK = re.compile(r"[.!?؟…][\"'”’»)]*\s+")


def is_header_word(line: str) -> bool:
    """Short section labels above a title ("News", "Local", "أخبار")."""
    return text.word_count(line) <= _HEADER_MAX_WORDS and len(line) <= _HEADER_MAX_CHARS


def choose_title(head: list[str]) -> tuple[str, list[str]]:
    """(title, lines kept after it) from the heading lines between chrome and body.

    Section labels ("News" / "Local") may sit above the title; the title is
    the first line that is more than a label, or the last line when all are
    short ("News" / "Local" / "Floods in Basra").
    """
    if not head:
        return "", []
    for i, line in enumerate(head):
        if not is_header_word(line):
            return line, head[i + 1 :]
    return head[-1], []


def derive_title(paragraph: str) -> str:
    """A title from the first sentence, at most ~90 characters, cut at a word boundary."""
    return text.shorten(first_sentence(paragraph).rstrip(".؟?!:;, "), _TITLE_LIMIT)


def first_sentence(paragraph: str) -> str:
    for match in _SENTENCE_BREAK.finditer(paragraph):
        before = paragraph[: match.start()].rsplit(" ", 1)[-1].lower().lstrip('("“')
        if before in _ABBREVIATIONS or len(before) == 1:
            continue
        return paragraph[: match.start() + 1]
    return paragraph


def is_date_line(line: str) -> datetime.date | None:
    return dates.date_line(line) if len(line) <= 60 else None
