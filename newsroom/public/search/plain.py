"""Plain matching, for databases without full-text search (SQLite, the embedded default).

Every word as typed, case-insensitively, in the reader's language, English and
the item's source language: no stemming, no Arabic or Kurdish normalisation,
newest first. The same parse as PostgreSQL (quotes, -exclusion, or); the
results page says matching is plain.
"""

import re

from django.db.models import Q

from newsroom.core.languages import CODES, SOURCE, localized_name
from newsroom.core.sanitize import html_to_text
from newsroom.public.search.query import Atom, Query
from newsroom.public.search.snippets import excerpt

FIELDS = ("title", "summary", "body")


def _contains(atom: Atom, codes) -> Q:
    q = Q()
    for code in codes:
        for field in FIELDS:
            q |= Q(**{f"{localized_name(field, code)}__icontains": atom.text})
    return q


def search(model, query: Query, reader: str, limit: int) -> list[tuple[object, str]]:
    codes = list(dict.fromkeys([reader, SOURCE]))
    condition = Q()
    for group in query.groups:
        any_atom = Q()
        for atom in group:
            any_atom |= _contains(atom, codes) | (
                Q(source_language__in=[c for c in CODES if c not in codes])
                & _contains(atom, [c for c in CODES if c not in codes])
            )
        condition &= any_atom
    rows = model.objects.published().filter(condition)
    for atom in query.excluded:
        rows = rows.exclude(_contains(atom, CODES))
    words = [a.text.lower() for g in query.groups for a in g]
    results = []
    for item in rows.order_by("-publish_at")[:limit]:
        # item.body: the reader's language, else modeltranslation's fallback.
        text = " ".join(html_to_text(item.body).split())
        lowered = text.lower()
        spans = sorted(h.span() for w in words for h in re.finditer(re.escape(w), lowered))
        results.append((item, excerpt(text, spans[:50])))
    return results
