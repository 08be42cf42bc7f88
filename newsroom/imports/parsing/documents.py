"""Related documents and links: URL lines, the titles beside them, and
"Related Documents" lists.

A run of lines made of URLs, short title lines next to them and a
"Related Documents" heading is a documents block. Each URL takes the title
line just before it (the usual layout), else the one just after it, else
the sentence that introduced it ("... are available at:"), else the URL
itself. Title lines left over are documents without a URL.
"""

from __future__ import annotations

import re

from . import text
from .records import DocumentRef

_HEADING = re.compile(
    r"^(?:related\s+(?:documents|links|resources|publications|reports)|documents|downloads|"
    r"وثائق\s+ذات\s+صلة|مستندات\s+ذات\s+صلة|روابط\s+ذات\s+صلة|بەڵگەنامە\s+پەیوەندیدارەکان)\s*:?$",
    re.I,
)
_TITLED_URL = re.compile(
    r"^(?P<title>\S.{2,150}?)\s*(?::|[-–—|])\s*(?P<url>(?:https?://|www\.)\S+)$", re.I
)
_INTRO_TAIL = re.compile(
    r"\s*(?:(?:is|are)\s+(?:available|accessible)|can\s+be\s+(?:found|accessed|downloaded|read))"
    r"(?:\s+(?:at|here|on|from|via|below))?\s*:?\s*$",
    re.I,
)
_MAX_TITLE_WORDS = 20
_MAX_TITLE_CHARS = 160
_TITLE_LIMIT = 120

_URL, _TITLED, _HEAD, _TITLE, _OTHER = "url", "titled", "heading", "title", "other"


def extract_documents(lines: list[str]) -> tuple[list[DocumentRef], list[str]]:
    """(documents, lines left) for the body lines of a page."""
    shapes = [_shape(line) for line in lines]
    in_block = _blocks(shapes)
    found: list[tuple[int, DocumentRef]] = []
    used: set[int] = set()
    titles_after = _titles_follow_urls(shapes, in_block)
    for i, shape in enumerate(shapes):
        if not in_block[i]:
            continue
        if shape == _TITLED:
            match = _TITLED_URL.match(lines[i])
            # Bandit B101 (low), accepted: the shape was matched by this regex just above.
            assert match is not None  # nosec B101
            found.append((i, DocumentRef(_tidy_title(match.group("title")), match.group("url"))))
            used.add(i)
        elif shape == _URL:
            title_at = _title_for(i, shapes, in_block, used, titles_after)
            if title_at is not None:
                used.add(title_at)
                title = lines[title_at]
            else:
                title = _intro_title(lines, i) or re.sub(r"^https?://", "", lines[i])
            found.append((i, DocumentRef(_tidy_title(title), lines[i])))
            used.add(i)
    # Titles without a URL.
    found += [
        (i, DocumentRef(_tidy_title(lines[i]), ""))
        for i, shape in enumerate(shapes)
        if in_block[i] and shape == _TITLE and i not in used
    ]
    documents = [doc for _, doc in sorted(found, key=lambda pair: pair[0])]
    kept = [line for i, line in enumerate(lines) if not in_block[i]]
    return documents, kept


def _shape(line: str) -> str:
    if "http" in line or "www." in line:
        if text.URL_LINE.match(line):
            return _URL
        if _TITLED_URL.match(line) and not _INTRO_TAIL.search(line.rsplit(" ", 1)[0]):
            return _TITLED
    if _HEADING.match(line):
        return _HEAD
    if (
        text.word_count(line) <= _MAX_TITLE_WORDS
        and len(line) <= _MAX_TITLE_CHARS
        and not text.is_paragraph(line)
        and not line.endswith((":", "："))
    ):
        return _TITLE
    return _OTHER


def _blocks(shapes: list[str]) -> list[bool]:
    """Which lines belong to a documents block."""
    anchors = {_URL, _TITLED, _HEAD}
    in_block = [shape in anchors for shape in shapes]
    changed = True
    while changed:  # grow blocks over neighbouring title lines
        changed = False
        for i, shape in enumerate(shapes):
            if shape != _TITLE or in_block[i]:
                continue
            if (i > 0 and in_block[i - 1]) or (
                i + 1 < len(shapes) and in_block[i + 1] and shapes[i + 1] != _HEAD
            ):
                in_block[i] = changed = True
    return in_block


def _titles_follow_urls(shapes: list[str], in_block: list[bool]) -> bool:
    """True for blocks laid out "URL, then its title" rather than "title, then URL"."""
    members = [
        s for s, inside in zip(shapes, in_block, strict=True) if inside and s in (_URL, _TITLE)
    ]
    return bool(members) and members[0] == _URL and members.count(_URL) == members.count(_TITLE)


def _title_for(
    i: int, shapes: list[str], in_block: list[bool], used: set[int], after_first: bool
) -> int | None:
    def free(j: int) -> bool:
        return 0 <= j < len(shapes) and in_block[j] and shapes[j] == _TITLE and j not in used

    before, after = i - 1, i + 1
    if after_first:
        candidates = [after, before]
    else:
        # A title line directly followed by another URL belongs to that URL.
        claimed = after + 1 < len(shapes) and shapes[after + 1] == _URL
        candidates = [before] if claimed else [before, after]
    return next((j for j in candidates if free(j)), None)


def _intro_title(lines: list[str], i: int) -> str:
    """The sentence that introduced a URL ("Figures are available at:"), trimmed."""
    if i == 0 or not lines[i - 1].endswith((":", "：")):
        return ""
    return _INTRO_TAIL.sub("", lines[i - 1]).rstrip(" :：")


def _tidy_title(title: str) -> str:
    return text.shorten(title.strip(" :-–—|"), _TITLE_LIMIT)
