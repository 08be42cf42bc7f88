"""Full-text search over published articles and statements, in the reader's language.

PostgreSQL: a vector computed at query time (fine at ~10k rows) over the
reader's language with the text-search configuration that fits it, plus the
English text (what untranslated items show), ranked, with a highlighted
snippet. Other databases: a plain icontains match.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.articles.models import Article
from newsroom.core.languages import SOURCE, localized_name
from newsroom.core.sanitize import html_to_text
from newsroom.statements.models import Statement

CONFIGS = {"en": "english", "ar": "arabic", "ckb": "simple"}
FIELDS = (("title", "A"), ("summary", "B"), ("body", "C"))
LIMIT = 30
# Sentinels around matches, turned into <mark> after the text is escaped.
_START, _STOP = "\x02", "\x03"


@dataclass
class Hit:
    item: object
    rank: float
    snippet: SafeString


def _marked(text: str) -> SafeString:
    safe = escape(html.unescape(text))
    # Bandit B308/B703: the text is escaped on the line above; only our <mark> is added.
    return mark_safe(safe.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # nosec B308 B703


class StripTags(Func):
    function = "regexp_replace"
    output_field = TextField()
    template = "%(function)s(%(expressions)s, '<[^>]+>', ' ', 'g')"


def _postgres(model, query: str, code: str) -> list[Hit]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    codes = [code] if code == SOURCE else [code, SOURCE]
    vector = None
    search = None
    for c in codes:
        for field, weight in FIELDS:
            part = SearchVector(localized_name(field, c), weight=weight, config=CONFIGS[c])
            vector = part if vector is None else vector + part
        q = SearchQuery(query, search_type="websearch", config=CONFIGS[c])
        search = q if search is None else search | q
    body = Coalesce(
        NullIf(localized_name("body", code), Value("")),
        F(localized_name("body", SOURCE)),
        Value(""),
        output_field=TextField(),
    )
    rows = (
        model.objects.published()
        .annotate(document=vector, rank=SearchRank(vector, search))
        .filter(document=search)
        .annotate(
            snippet=SearchHeadline(
                StripTags(body),
                search,
                config=CONFIGS[code],
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
            )
        )
        .order_by("-rank", "-publish_at")[:LIMIT]
    )
    return [Hit(row, row.rank, _marked(row.snippet or "")) for row in rows]


def _snippet(text: str, words: list[str]) -> SafeString:
    lowered = text.lower()
    first = min((lowered.find(w) for w in words if w in lowered), default=0)
    start = max(0, first - 80)
    excerpt = ("…" if start else "") + text[start : start + 240]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return _marked(pattern.sub(lambda m: _START + m.group(0) + _STOP, excerpt))


def _fallback(model, query: str, code: str) -> list[Hit]:
    words = [w.lower() for w in query.split()][:8]
    condition = Q()
    for word in words:
        any_field = Q()
        for c in {code, SOURCE}:
            for field, _weight in FIELDS:
                any_field |= Q(**{f"{localized_name(field, c)}__icontains": word})
        condition &= any_field
    rows = model.objects.published().filter(condition).order_by("-publish_at")[:LIMIT]
    return [Hit(row, 0.0, _snippet(html_to_text(row.body), words)) for row in rows]


def search(query: str, code: str) -> list[Hit]:
    query = " ".join(query.split())[:200]
    if not query:
        return []
    run = _postgres if connection.vendor == "postgresql" else _fallback
    hits = run(Article, query, code) + run(Statement, query, code)
    hits.sort(key=lambda h: (h.rank, h.item.publish_at), reverse=True)
    return hits[:LIMIT]
