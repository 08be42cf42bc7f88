"""An article detail's queries, with their SQL compiled once per process, not per request.

Profiled (10,000 articles, PostgreSQL): the detail's five small queries (the
article, its tags, donors, contacts, documents) cost ~6 ms per page through the
ORM and prefetch_related, mostly Python building and compiling the queries. Here
each query is built by the ORM once, with placeholder values, and compiled; later
requests run that SQL with the real values and make the instances with
Model.from_db(), as the ORM does: the same rows, in the same order, as the same
model instances (modeltranslation's descriptors and fallbacks apply).

On PostgreSQL the four relations ride along with the article as JSON arrays in
one prepared statement (CompiledDetail): ~0.4 ms instead of ~1.5 ms for five
round trips that PostgreSQL planned afresh each time. Set
PUBLIC_PREPARED_DETAIL = False where prepared statements cannot be used (a
transaction-pooling pgbouncer); elsewhere the five queries run as compiled.
Compiled forms are kept per connection vendor and active language
(modeltranslation may order by the reader's language). Whatever the ORM did not
leave as a plain parameter makes the compilation refuse, and the ORM is used.
tests/public/test_loading.py compares the results with the ORM's.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import psycopg
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from newsroom.articles.models import Article, RelatedDocument

# Values no real query uses, to find the parameters to replace in compiled SQL.
PK_PLACEHOLDER = -1_742_691_360  # within a 32-bit integer column (taggit's object_id)
SLUG_PLACEHOLDER = "public-loading-slug-placeholder-7426913605"
NOW_PLACEHOLDER = datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=UTC)

# The relations an article detail shows (the template reads them with |related).
DETAIL_RELATIONS = ("tags", "donors", "contacts", "documents")
_DOCUMENT_ARTICLE = RelatedDocument._meta.get_field("article")
# Fields whose values survive a trip through JSON unchanged (no converters).
_JSON_SAFE = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "ForeignKey", "BooleanField", "CharField", "TextField",
    "SlugField", "URLField", "EmailField",
}


class NotCompilable(Exception):
    pass


class CompiledQuery:
    """One queryset's SQL and how to turn its rows into instances."""

    def __init__(self, queryset, placeholders: dict[str, object], connection):
        compiler = queryset.query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet as error:
            raise NotCompilable("no SQL") from error
        if compiler.klass_info is None or compiler.klass_info.get("related_klass_infos"):
            raise NotCompilable("only plain model querysets")
        if compiler.annotation_col_map or queryset._prefetch_related_lookups:
            raise NotCompilable("no annotations or prefetches")
        self.model = compiler.klass_info["model"]
        fields = compiler.klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        selected = compiler.select[self.start:self.end]
        self.names = [s[0].target.attname for s in selected]
        self.json_safe = all(s[0].target.get_internal_type() in _JSON_SAFE for s in selected)
        columns = [s[0] for s in compiler.select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(columns).items())
        self.sql = sql
        self.params = list(params)
        # (index, name, how the ORM prepared the value: None = as it is)
        self.slots: list[tuple[int, str, object]] = []
        for name, value in placeholders.items():
            adapted = (
                connection.ops.adapt_datetimefield_value(value)
                if isinstance(value, datetime) else None
            )
            found = False
            for index, param in enumerate(self.params):
                if param is value or (type(param) is type(value) and param == value):
                    prepare = None
                elif adapted is not None and param == adapted:
                    prepare = "datetime"
                elif isinstance(value, int) and isinstance(param, int) and param == value:
                    prepare = type(param)  # e.g. psycopg's Int4 for a 32-bit column
                else:
                    continue
                self.slots.append((index, name, prepare))
                found = True
            if not found:
                raise NotCompilable(f"placeholder {name!r} not among the parameters")

    def bind(self, connection, values: dict) -> list:
        params = list(self.params)
        for index, name, prepare in self.slots:
            value = values[name]
            if prepare == "datetime":
                value = connection.ops.adapt_datetimefield_value(value)
            elif prepare is not None:
                value = prepare(value)
            params[index] = value
        return params

    def instance(self, connection, row):
        if self.converters:
            row = list(row)
            for pos, (convs, expression) in self.converters:
                value = row[pos]
                for converter in convs:
                    value = converter(value, expression, connection)
                row[pos] = value
        return self.model.from_db(connection.alias, self.names, row[self.start:self.end])

    def fetch(self, connection, **values) -> list:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.bind(connection, values))
            rows = cursor.fetchall()
        return [self.instance(connection, row) for row in rows]


class CompiledDetail:
    """PostgreSQL: the article and its relations in one prepared statement.

        SELECT q.*, (SELECT json_agg(...) FROM (<tags query>) r(c0, c1, ...)), ...
        FROM (<article query>) q

    Each relation's own compiled query (ORDER BY included) becomes a subquery
    correlated on q.id; json_agg over a sorted subquery with no join keeps its
    order. Planning this query costs ~1 ms, several times its execution, so
    psycopg prepares it once per database session (server-side binding, see
    _preparing_cursor); the relations' values stay parameters of that statement.
    """

    def __init__(self, article: CompiledQuery, relations: dict[str, CompiledQuery]):
        if article.names[0] != "id" or article.start != 0:
            raise NotCompilable("the article's id must come first")
        self.article, self.relations = article, relations
        self.width = len(article.names)
        selects, literals = [], []
        for relation in relations.values():
            if not relation.json_safe or relation.start != 0 or relation.converters:
                raise NotCompilable("relation values must survive JSON")
            pk_slots = [index for index, name, _ in relation.slots if name == "pk"]
            if len(pk_slots) != 1:
                raise NotCompilable("the article's id must appear once")
            sql = _substitute(relation.sql, relation.params, {pk_slots[0]: 'q."id"'}, literals)
            columns = ", ".join(f"c{i}" for i in range(len(relation.names)))
            values = ", ".join(f"r.c{i}" for i in range(len(relation.names)))
            # Bandit B608: the SQL is Django's own compiled query; values stay parameters.
            selects.append(
                f"(SELECT COALESCE(json_agg(json_build_array({values})), '[]')"  # nosec B608
                f" FROM ({sql}) r({columns}))"
            )
        # The relations' parameters come first in the text, then the article's.
        self.literals = literals
        # Bandit B608: as above, compiled by Django's ORM, values as parameters.
        self.sql = f"SELECT q.*, {', '.join(selects)} FROM ({article.sql}) q"  # nosec B608

    def fetch(self, connection, **values) -> Article | None:
        params = [*self.literals, *self.article.bind(connection, values)]
        with _preparing_cursor(connection) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if not rows:
            return None
        row = rows[0]
        article = self.article.instance(connection, row[: self.width])
        related = {}
        for (name, relation), value in zip(self.relations.items(), row[self.width:], strict=True):
            if isinstance(value, str | bytes):
                value = json.loads(value)
            from_db, names = relation.model.from_db, relation.names
            related[name] = [from_db(connection.alias, names, item) for item in value]
        article.detail_related = related
        return article


class _PreparingCursor(psycopg.Cursor):
    """Binds parameters server-side and has psycopg prepare the statement: parsed and
    planned on its first run in a database session, then only bound and executed."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)


def _preparing_cursor(connection):
    """A _PreparingCursor inside Django's cursor wrapper (errors translated, queries
    logged and counted like any other).

    psycopg ignores prepare=True on a connection whose prepare_threshold is None,
    Django's default; newsroom.core.backends.postgresql sets one that no other
    query reaches. Without it (PUBLIC_PREPARED_DETAIL off) this would plan the
    query on every run, so loading.py refuses the one statement there.
    """
    connection.ensure_connection()
    cursor = _PreparingCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def _substitute(sql: str, params: list, replacements: dict[int, str], literals: list) -> str:
    """`sql` with the %s at the given parameter indexes replaced by SQL text; the
    other parameters are appended to `literals`, in order, still as %s."""
    pieces = sql.split("%s")
    if len(pieces) != len(params) + 1 or "%%" in sql:
        raise NotCompilable("unexpected placeholders")
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        if index in replacements:
            out.append(replacements[index])
        else:
            out.append("%s")
            literals.append(params[index])
        out.append(piece)
    return "".join(out)


_compiled: dict[tuple, object] = {}


def _cached(key: str, connection, build):
    full_key = (key, connection.alias, connection.vendor, get_language())
    if full_key not in _compiled:
        try:
            _compiled[full_key] = build()
        except NotCompilable:
            _compiled[full_key] = None
    return _compiled[full_key]


def _article_query(at=NOW_PLACEHOLDER, slug=SLUG_PLACEHOLDER):
    # As .get(slug=...) would: no ORDER BY (the slug is unique).
    return Article.objects.published(at).filter(slug=slug).order_by()[:2]


def _compile_article(connection) -> CompiledQuery:
    return CompiledQuery(
        _article_query(), {"slug": SLUG_PLACEHOLDER, "now": NOW_PLACEHOLDER}, connection
    )


def _compile_relation(connection, name: str) -> CompiledQuery:
    queryset = getattr(Article(pk=PK_PLACEHOLDER), name).all()
    if name == "donors":
        queryset = queryset.public()  # an inactive donor is credited nowhere public
    return CompiledQuery(queryset, {"pk": PK_PLACEHOLDER}, connection)


def _compile_detail(connection) -> CompiledDetail:
    if connection.vendor != "postgresql" or not getattr(settings, "PUBLIC_PREPARED_DETAIL", True):
        raise NotCompilable("one prepared statement on PostgreSQL only")
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        raise NotCompilable("psycopg's prepared statements are off on this connection")
    return CompiledDetail(
        _compile_article(connection),
        {name: _compile_relation(connection, name) for name in DETAIL_RELATIONS},
    )


def _load_separately(connection, slug: str) -> Article | None:
    """Five compiled queries (or the ORM's, where compilation refused)."""
    compiled = _cached("article", connection, lambda: _compile_article(connection))
    if compiled is None:  # pragma: no cover - the ORM compiles it as expected
        found = list(_article_query(timezone.now(), slug))
    else:
        found = compiled.fetch(connection, slug=slug, now=timezone.now())
    if not found:
        return None
    article = found[0]
    related = {}
    for name in DETAIL_RELATIONS:
        compiled = _cached(
            f"article.{name}", connection, lambda name=name: _compile_relation(connection, name)
        )
        if compiled is None:  # pragma: no cover
            related[name] = list(getattr(article, name).all())
        else:
            related[name] = compiled.fetch(connection, pk=article.pk)
    article.detail_related = related
    return article


def published_article(slug: str) -> Article:
    """The published article with this slug and its detail relations, or Http404.

    What Article.objects.published().for_detail().get(slug=slug) gives, in one query
    on PostgreSQL (five elsewhere); the relations are in `article.detail_related`
    (the `related` template filter reads them).
    """
    connection = connections[router.db_for_read(Article)]
    detail = _cached("detail", connection, lambda: _compile_detail(connection))
    if detail is not None:
        article = detail.fetch(connection, slug=slug, now=timezone.now())
    else:
        article = _load_separately(connection, slug)
    if article is None:
        raise Http404("No published article with this address.")
    for document in article.detail_related["documents"]:  # as article.documents.all() does
        _DOCUMENT_ARTICLE.set_cached_value(document, article)
    return article
