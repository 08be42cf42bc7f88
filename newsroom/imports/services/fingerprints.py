"""How the importer recognises a page it has seen before.

Strong evidence only: the same stated address (source URL), or the same title
with substantially the same body (most of its sentences in common). A shared
file name or a shared opening (site boilerplate) is never enough.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SOURCE_URL = re.compile(r"^(?:(?:source|url|source url)\s*:\s*)?(https?://\S{4,490})$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?؟።])\s+")
_SKETCH_SENTENCES = 400
# Share of sentences two bodies must have in common to be "substantially the same".
SAME_BODY = 0.6


def normalise(text: str) -> str:
    """NFC, one space between words, no blank lines: what a re-save cannot change."""
    text = unicodedata.normalize("NFC", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def checksum(text: str) -> str:
    """The page's text, whatever file it came in: the same text twice is one page."""
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(" .:…")


def title_key(title: str) -> str:
    key = _key(title)
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


def sketch(paragraphs: list[str]) -> list[str]:
    """Short digests of the body's sentences (case and spacing ignored), sorted."""
    found = set()
    for paragraph in paragraphs:
        for sentence in _SENTENCE_END.split(paragraph):
            key = _key(sentence)
            if len(key) >= 20:
                found.add(hashlib.blake2b(key.encode(), digest_size=6).hexdigest())
                if len(found) >= _SKETCH_SENTENCES:
                    return sorted(found)
    return sorted(found)


def similarity(a: list[str], b: list[str]) -> float:
    """Share of sentences in common (Dice); 1.0 for two equal bodies."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2 * len(set(a) & set(b)) / (len(a) + len(b))


def source_url(text: str) -> str:
    """The page's address when the dump states it on one of its first lines."""
    for line in text.lstrip().splitlines()[:3]:
        found = _SOURCE_URL.match(line.strip())
        if found:
            return found.group(1)
    return ""


def digest(value) -> str:
    """What the importer wrote to one field (text, or a list for a relation)."""
    if isinstance(value, list | tuple):
        value = "\x1f".join(sorted(str(v) for v in value))
    elif value is None:
        value = ""
    return hashlib.sha256(str(value).encode()).hexdigest()[:32]
