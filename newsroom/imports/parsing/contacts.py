"""Press contacts: "For more information please contact ..." blocks.

A block starts with a contact line and goes on while lines carry a phone,
an e-mail, a "Tel:"/"Email:" label, or a bare name followed by such a line.
Blocks are cut from the body. A paragraph that only mentions a contact
in passing keeps its text; its contact is still recorded.
"""

from __future__ import annotations

import re

from . import text
from .records import ContactRef

_BLOCK_START = re.compile(
    r"""^(?:
        for\s+(?:more|further|additional)\s+information
      | for\s+(?:media|press)\s+(?:enquiries|inquiries|queries)
      | (?:media|press)\s+(?:contacts?|enquiries|inquiries)
      | contacts?\s*:
      | (?:please\s+)?contact\s
      | للمزيد\s+من\s+المعلومات | لمزيد\s+من\s+المعلومات | للاستفسار | للتواصل
      | بۆ\s+زانیاریی?\s+زیاتر
    )""",
    re.I | re.X,
)
# The words before the first contact in a block's opening line: up to the
# "contact" verb when there is one, else up to "information" or "Contact:".
_CONTACT_LEAD = re.compile(
    r"""^.*?(?:
        (?:please\s+)?(?:contact|reach|write\s+to|call)(?:\s+us)?\b
      | (?:الاتصال|التواصل)(?:\s+(?:بـ|ب|مع))?
      | پەیوەندی\s+بکەن(?:\s+بە)?
    )\s*[:：,،-]?\s*""",
    re.I | re.X,
)
_GENERIC_LEAD = re.compile(
    r"^.*?(?:information|enquiries|inquiries|queries|contacts?|المعلومات|زیاتر)\s*[:：,،-]?\s*",
    re.I,
)
_MENTION = re.compile(r"(?i:\bcontact\b)|الاتصال|التواصل|پەیوەندی")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?[0-9٠-٩](?:[0-9٠-٩ ()./-]){6,}[0-9٠-٩]")
_LABEL = re.compile(
    r"""(?:
        \b(?:tel|telephone|phone|mobile|mob|cell|whatsapp|e-?mail|fax)\b\.?\s*[:：]?
      | الهاتف|هاتف|موبايل|جوال|البريد\s+الإلكتروني|البريد\s+الالكتروني|بريد\s+إلكتروني|الإيميل
      | تەلەفۆن|مۆبایل|ئیمەیڵ|ئیمەیل
    )""",
    re.I | re.X,
)
_STARTS_WITH_LABEL = re.compile(r"^\s*" + _LABEL.pattern, re.I | re.X)
_SEGMENT_SPLIT = re.compile(r"\s+(?:or|and|أو|یان)\s+|\s*;\s*|\s+(?:or|أو|یان)$", re.I)
# Where a contact's name stops: "Jane Roe at IOM Iraq", "Jane Roe, Tel".
_NAME_END = re.compile(r"\s+(?:at|from|of|in|on|via|لدى|في|عبر|على)\s+|[,،(:：]|\s+[-–—]\s+")
_MIN_PHONE_DIGITS = 8
_MAX_NAME_WORDS = 6


def has_contact_details(line: str) -> bool:
    return bool(EMAIL.search(line) or _phone(line))


def is_block_start(line: str) -> bool:
    return bool(_BLOCK_START.match(line))


def extract_contacts(lines: list[str]) -> tuple[list[ContactRef], list[str], bool]:
    """(contacts, lines left, whether a contact block was cut out)."""
    contacts: list[ContactRef] = []
    kept: list[str] = []
    found_block = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_block_start(line):
            end = _block_end(lines, i)
            block = lines[i:end]
            block[0] = _strip_lead_in(block[0])
            people = parse_entries(block)
            if people or end > i + 1 or has_contact_details(line) or not text.is_paragraph(line):
                contacts.extend(people)
                found_block = True
                i = end
                continue
        elif _MENTION.search(line) and has_contact_details(line):
            contacts.extend(parse_entries([line[_MENTION.search(line).end() :]]))
        kept.append(line)
        i += 1
    return _dedupe(contacts), kept, found_block


def _strip_lead_in(line: str) -> str:
    for pattern in (_CONTACT_LEAD, _GENERIC_LEAD):
        match = pattern.match(line)
        if match:
            return line[match.end() :]
    return line


def _block_end(lines: list[str], start: int) -> int:
    end = start + 1
    while end < len(lines) and _continues_block(lines, end):
        end += 1
    return end


def _continues_block(lines: list[str], i: int) -> bool:
    line = lines[i]
    if (
        has_contact_details(line)
        or _STARTS_WITH_LABEL.match(line)
        or line.lower() in {"or", "and", "أو"}
    ):
        return True
    # A name on its own line, with its phone or e-mail on the next one.
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return (
        text.word_count(line) <= _MAX_NAME_WORDS
        and not text.ends_sentence(line)
        and not text.URL_LINE.match(line)
        and bool(nxt)
        and (has_contact_details(nxt) or bool(_STARTS_WITH_LABEL.match(nxt)))
    )


def parse_entries(block: list[str]) -> list[ContactRef]:
    """People in the lines of a contact block (its lead-in already removed)."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for segment in _segments(block):
        name, phone, email = _fields(segment)
        if not (name or phone or email):
            continue
        starts_new = (
            current is None
            or (name and current["name"])
            or (not name and phone and current["phone"])
            or (not name and email and current["email"])
        )
        if starts_new:
            current = {"name": "", "phone": "", "email": ""}
            entries.append(current)
        # Bandit B101 (low), accepted: a type narrowing; `current` was set just above.
        assert current is not None  # nosec B101
        for key, value in (("name", name), ("phone", phone), ("email", email)):
            current[key] = current[key] or value
    # "IOM Iraq:" before the people is the organisation, not a contact.
    return [ContactRef(**e) for e in entries if e["phone"] or e["email"]]


def _segments(block: list[str]) -> list[str]:
    segments: list[str] = []
    for line in block:
        segments.extend(part for part in _SEGMENT_SPLIT.split(line) if part and part.strip())
    return segments


def _fields(segment: str) -> tuple[str, str, str]:
    email_match = EMAIL.search(segment)
    phone_match = _phone(segment)
    label_match = _LABEL.search(segment)
    cut = min(
        (m.start() for m in (email_match, phone_match, label_match) if m is not None),
        default=len(segment),
    )
    name = _clean_name(segment[:cut])
    email = email_match.group(0).rstrip(".") if email_match else ""
    phone = phone_match.group(0).strip(" .,;:)(-") if phone_match else ""
    return name, phone, email


def _clean_name(raw: str) -> str:
    raw = raw.strip()
    end = _NAME_END.search(raw)
    if end:
        raw = raw[: end.start()]
    name = raw.strip(" .,;:-–—()،")
    return name if text.word_count(name) <= _MAX_NAME_WORDS else ""


def _phone(segment: str) -> re.Match[str] | None:
    for match in PHONE.finditer(segment):
        digits = sum(c.isdigit() for c in match.group(0))
        if digits >= _MIN_PHONE_DIGITS:
            return match
    return None


def _dedupe(contacts: list[ContactRef]) -> list[ContactRef]:
    seen: dict[tuple[str, str, str], ContactRef] = {}
    for contact in contacts:
        seen.setdefault((contact.name.lower(), contact.phone, contact.email.lower()), contact)
    return list(seen.values())
