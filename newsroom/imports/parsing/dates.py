"""Full calendar dates in English, Arabic and Kurdish (Sorani) writing."""

from __future__ import annotations

import datetime
import re

_EN_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Iraqi (Syriac-derived) and Egyptian month names are both in use; Sorani
# uses its own spelling of the Syriac ones.
_RTL_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("كانون الثاني", "يناير", "كانوونی دووەم"),
            ("شباط", "فبراير", "شوبات"),
            ("آذار", "اذار", "مارس", "ئازار"),
            ("نيسان", "أبريل", "ابريل", "نیسان"),
            ("أيار", "ايار", "مايو", "ئایار"),
            ("حزيران", "يونيو", "حوزەیران"),
            ("تموز", "يوليو", "تەممووز"),
            ("آب", "اب", "أغسطس", "اغسطس", "ئاب"),
            ("أيلول", "ايلول", "سبتمبر", "ئەیلوول"),
            ("تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر", "تشرینی یەکەم"),
            ("تشرين الثاني", "نوفمبر", "تشرینی دووەم"),
            ("كانون الأول", "كانون الاول", "ديسمبر", "کانوونی یەکەم"),
        ],
        start=1,
    )
    for name in names
}
_EASTERN_DIGIT = re.compile("[٠-٩۰-۹]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_EN_MONTH = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_RTL_MONTH = "|".join(sorted(map(re.escape, _RTL_MONTHS), key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

DATE = re.compile(
    rf"""
    {_WEEKDAY}(?P<d1>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m1>{_EN_MONTH})\.?,?\s+(?P<y1>\d{{4}})
    | {_WEEKDAY}(?P<m2>{_EN_MONTH})\.?\s+(?P<d2>\d{{1,2}}){_ORDINAL},?\s+(?P<y2>\d{{4}})
    | (?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})
    | (?P<d4>\d{{1,2}})/(?P<m4>\d{{1,2}})/(?P<y4>\d{{4}})
    | (?P<d5>\d{{1,2}})\s+(?P<m5>{_RTL_MONTH})\s*,?\s+(?P<y5>\d{{4}})
    """,
    re.I | re.X,
)
_LABEL = r"(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|last\s+updated|updated|التاريخ|تاريخ\s+النشر|نشر\s+في|بەروار)"
# A line that is only a date, maybe labelled: "Date: 12 March 2023".
DATE_LINE = re.compile(rf"^(?:{_LABEL}\s*:?\s*)?(?P<date>.{{6,40}}?)\s*[.]?$", re.I)


def parse_date(text: str) -> datetime.date | None:
    """The first full date in ``text``, or None."""
    match = DATE.search(_fold_digits(text))
    return _to_date(match) if match else None


def search_date(text: str) -> tuple[datetime.date | None, int, int] | None:
    """(date or None if impossible, start, end) of the first date-shaped text."""
    match = DATE.search(_fold_digits(text))
    return (_to_date(match), *match.span()) if match else None


def date_line(line: str) -> datetime.date | None:
    """The date when ``line`` is nothing but a (labelled) date, else None."""
    folded = _fold_digits(line)
    outer = DATE_LINE.match(folded)
    if not outer:
        return None
    inner = DATE.fullmatch(outer.group("date"))
    return _to_date(inner) if inner else None


def leading_date(text: str) -> tuple[datetime.date, str] | None:
    """(date, rest) when ``text`` starts with a full date, else None."""
    folded = _fold_digits(text)
    match = DATE.match(folded)
    if not match:
        return None
    found = _to_date(match)
    return (found, text[match.end() :]) if found else None


def _fold_digits(text: str) -> str:
    """Arabic-Indic digits as ASCII digits (same length, so positions still hold)."""
    if text.isascii() or not _EASTERN_DIGIT.search(text):
        return text
    return text.translate(_DIGITS)


def _to_date(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    for i in "12345":
        if groups[f"y{i}"]:
            year, month, day = groups[f"y{i}"], groups[f"m{i}"], groups[f"d{i}"]
            break
    else:  # pragma: no cover - the pattern always fills one alternative
        return None
    if month.isdigit():
        month_number = int(month)
    else:
        month_number = _EN_MONTHS.get(month.lower()) or _RTL_MONTHS.get(month, 0)
    try:
        return datetime.date(int(year), month_number, int(day))
    except ValueError:
        return None
