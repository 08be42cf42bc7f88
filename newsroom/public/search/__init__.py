"""Public search over published articles and statements, in the reader's language.

    parse (query.py) → PostgreSQL: stored vectors (postgres.py), or plain
    matching elsewhere (plain.py) → snippets (snippets.py).

`search()` never raises for what a reader types: what cannot be searched comes
back as `Results.problem`, a sentence to show, and a search that outlives
PUBLIC_SEARCH_TIMEOUT_MS is cancelled by PostgreSQL and said so.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from newsroom.articles.models import Article
from newsroom.public.search import arabic, kurdish, plain, postgres, snippets
from newsroom.public.search.query import Query, parse, too_common
from newsroom.statements.models import Statement

LIMIT = 30
MODELS = (Article, Statement)
logger = logging.getLogger(__name__)


@dataclass
class Hit:
    item: object
    rank: float
    snippet: SafeString
    language: str = ""  # of the snippet: the language whose text matched


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    problem: str = ""
    # True where matching is plain (no stemming or normalisation): SQLite.
    plain: bool = False


def search(raw: str, code: str) -> Results:
    query = parse(raw)
    if query.problem:
        return Results(problem=query.problem)
    if connection.vendor != "postgresql":
        found = [hit for model in MODELS for hit in plain.search(model, query, code, LIMIT)]
        found.sort(key=lambda pair: pair[0].publish_at, reverse=True)
        return Results([Hit(item, 0.0, snippet) for item, snippet in found[:LIMIT]], plain=True)
    try:
        with transaction.atomic():
            return _postgres(query, code)
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != "57014":  # query_canceled
            raise
        logger.warning("public search timed out: %r", raw[:200])
        return Results(problem=_("That search took too long. Try fewer or more specific words."))


def _postgres(query: Query, code: str) -> Results:
    ts = postgres.tsqueries(query, timeout_ms=settings.PUBLIC_SEARCH_TIMEOUT_MS)
    if ts.empty():
        return Results(problem=too_common())
    found = [item for model in MODELS for item in postgres.best(model, code, ts, LIMIT)]
    found.sort(key=lambda item: (item.rank, item.publish_at), reverse=True)
    found = found[:LIMIT]
    texts = postgres.snippet_sources(found)
    english = postgres.lexemes(ts.wanted["en"])
    return Results([
        Hit(item, item.rank, _snippet(item, texts[item._meta.label, item.pk], query, english),
            item.matched)
        for item in found
    ])


def _snippet(item, text: str, query: Query, english: set[str]) -> SafeString:
    if item.matched == "en":
        return snippets.highlighted_english(text, english)
    language = arabic if item.matched == "ar" else kurdish
    forms = {f for group in query.groups for atom in group for w in atom.words() for f in language.forms(w)}
    return snippets.highlighted(text, forms, language.normalise_word)
