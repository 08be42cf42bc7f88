"""How the importer recognises a page it has seen before."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_OPENING_CHARS = 200
# Shorter openings are too generic ("Baghdad, Iraq.") to identify a page.
_MIN_OPENING_CHARS = 80
_SOURCE_URL = re.compile(r"^(?:(?:source|url|source url)\s*:\s*)?(https?://\S{4,490})$", re.I)


def normalise(text: str) -> str:
    """NFC, one space between words, no blank lines: what a re-save cannot change."""
    text = unicodedata.normalize("NFC", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def checksum(source: str, text: str) -> str:
    return hashlib.sha256(f"{source}\n{normalise(text)}".encode()).hexdigest()


def opening(paragraphs: list[str]) -> str:
    """Digest of the body's first ~200 characters, case and spacing ignored; "" when too short."""
    head = " ".join(" ".join(paragraphs).lower().split())[:_OPENING_CHARS]
    if len(head) < _MIN_OPENING_CHARS:
        return ""
    return hashlib.sha256(head.encode()).hexdigest()


def source_url(text: str) -> str:
    """The page's address when the dump states it on one of its first lines."""
    for line in text.lstrip().splitlines()[:3]:
        found = _SOURCE_URL.match(line.strip())
        if found:
            return found.group(1)
    return ""
