"""The records the page parser returns (re-exported by ``newsroom.imports.parser``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DonorCredit:
    """A funder the page credits, with the words that credited it."""

    name: str  # canonical donor name when an alias matched, else the name as written
    known: bool  # True when the name matched a known donor alias
    phrase: str  # e.g. "with funding from the Government of Japan"
    # The agency as written when a state's ministry or agency stands for the state
    # ("German Federal Foreign Office" -> Germany): kept as the donor's alias.
    alias: str = ""


@dataclass(frozen=True)
class ContactRef:
    """A press contact; fields are "" when the page does not give them."""

    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class DocumentRef:
    """A related document or link; ``url`` is "" when the page gives only a title."""

    title: str
    url: str


KINDS = ("news", "press_release", "story", "statement", "listing", "other")


@dataclass
class PageRecord:
    """What a careful reader finds in one page dump."""

    # Defaults describe a page with nothing article-like in it (yet).
    source: str
    kind: str = "other"  # one of KINDS
    title: str = ""
    title_derived: bool = False
    dateline: str = ""
    byline: str = ""
    date: datetime.date | None = None
    language: str = "en"  # "en", "ar", "ckb", or "fr" (detected, not imported)
    paragraphs: list[str] = field(default_factory=list)
    donors: list[DonorCredit] = field(default_factory=list)
    contacts: list[ContactRef] = field(default_factory=list)
    related_documents: list[DocumentRef] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
