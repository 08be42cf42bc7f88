"""The parser's findings as plain JSON: the dry-run output and ImportItem.summary."""

from __future__ import annotations

from newsroom.imports.parser import PageRecord

KEYS = (
    "source", "kind", "title", "title_derived", "dateline", "byline", "date", "language",
    "donors", "contacts", "related_documents", "paragraphs", "warnings", "error",
)


def record_summary(record: PageRecord) -> dict:
    return {
        "source": record.source,
        "kind": record.kind,
        "title": record.title,
        "title_derived": record.title_derived,
        "dateline": record.dateline,
        "byline": record.byline,
        "date": record.date.isoformat() if record.date else None,
        "language": record.language,
        "donors": [{"name": d.name, "known": d.known, "phrase": d.phrase} for d in record.donors],
        "contacts": [{"name": c.name, "phone": c.phone, "email": c.email} for c in record.contacts],
        "related_documents": [{"title": d.title, "url": d.url} for d in record.related_documents],
        "paragraphs": len(record.paragraphs),
        "warnings": list(record.warnings),
        "error": None,
    }


def error_summary(source: str, error: str) -> dict:
    """The same keys for a file that could not be read at all."""
    return {
        "source": source, "kind": None, "title": None, "title_derived": False,
        "dateline": None, "byline": None, "date": None, "language": None,
        "donors": [], "contacts": [], "related_documents": [], "paragraphs": 0,
        "warnings": [], "error": error,
    }
