"""public.loading gives what the ORM gives: the same article, relations and order."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone, translation

from newsroom.articles.models import Article
from newsroom.public import loading
from tests.factories import ArticleFactory, ContactFactory, DonorFactory, RelatedDocumentFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


def concrete(item) -> dict:
    return {f.attname: getattr(item, f.attname) for f in type(item)._meta.concrete_fields}


@pytest.fixture
def article():
    article = publish(ArticleFactory(
        title_en="Clinics reopen in Sinjar",
        title_ar="إعادة فتح العيادات في سنجار",
        body_ar="<p>أعيد فتح العيادات.</p>",
        byline="Layla Hassan",
    ))
    # Names out of alphabetical order, so the ORM's ORDER BY shows in the result.
    for name in ["Zeta", "Alpha", "Mu"]:
        article.donors.add(DonorFactory(name_en=f"Government of {name}", name_ar=f"حكومة {name}"))
        article.contacts.add(ContactFactory(name=f"{name} Officer"))
        article.tags.add(f"{name} topic")
    for position in [2, 0, 1]:
        RelatedDocumentFactory(article=article, title_en=f"Report {position}", position=position)
    publish(ArticleFactory()).tags.add("Alpha topic")  # another article's relations
    return article


@pytest.mark.parametrize("code", ["en", "ar", "ckb"])
def test_the_loaded_article_is_the_orms(article, code):
    with translation.override(code):
        expected = Article.objects.published().for_detail().get(slug=article.slug)
        loaded = loading.published_article(article.slug)
        assert concrete(loaded) == concrete(expected)
        assert (loaded.title, loaded.body, loaded.summary) == (
            expected.title, expected.body, expected.summary
        )
        for name in loading.DETAIL_RELATIONS:
            want = list(getattr(expected, name).all())
            got = loaded.detail_related[name]
            assert [concrete(o) for o in got] == [concrete(o) for o in want], name
            assert [str(o) for o in got] == [str(o) for o in want], name
            assert [type(o) for o in got] == [type(o) for o in want], name
        assert all(d.article is loaded for d in loaded.detail_related["documents"])


def test_an_article_without_relations_has_empty_ones():
    article = publish(ArticleFactory())
    loaded = loading.published_article(article.slug)
    assert loaded.detail_related == {name: [] for name in loading.DETAIL_RELATIONS}


@pytest.mark.parametrize("fields", [
    {"status": "draft"},
    {"status": "approved", "ago": -timedelta(hours=1)},  # embargoed
    {"expire_at": timezone.now() - timedelta(minutes=1)},
])
def test_only_published_articles_load(fields):
    ago = fields.pop("ago", timedelta(hours=1))
    article = publish(ArticleFactory(), ago=ago)
    Article.objects.filter(pk=article.pk).update(**fields)
    with pytest.raises(Http404):
        loading.published_article(article.slug)
    with pytest.raises(Http404):
        loading.published_article("no-such-article")


def test_the_compiled_queries_are_reused(article, django_assert_num_queries):
    loading.published_article(article.slug)
    expected = 1 if connection.vendor == "postgresql" else 5
    with django_assert_num_queries(expected):
        loading.published_article(article.slug)


def _prepared_detail_statements() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE 'SELECT q.*, (SELECT COALESCE(json_agg%%'"
        )
        return cursor.fetchall()


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one prepared statement on PostgreSQL only"
)


@postgres_only
def test_the_detail_statement_is_prepared_once_and_rerun(article):
    loading.published_article(article.slug)
    runs = _prepared_detail_statements()
    assert len(runs) == 1
    other = publish(ArticleFactory())
    assert loading.published_article(other.slug).pk == other.pk
    assert _prepared_detail_statements() == [(runs[0][0] + 1,)]  # the same statement, run again


@postgres_only
def test_a_rollback_does_not_lose_the_prepared_detail(article):
    from django.db import transaction

    loading.published_article(article.slug)
    with pytest.raises(RuntimeError), transaction.atomic():
        loading.published_article(article.slug)
        raise RuntimeError  # psycopg forgets its statements on ROLLBACK (TO SAVEPOINT)
    assert loading.published_article(article.slug).pk == article.pk
    assert len(_prepared_detail_statements()) == 1


@postgres_only
def test_without_prepared_statements_the_five_queries_run(
    article, monkeypatch, django_assert_num_queries
):
    # As on a connection where psycopg's prepared statements are off (a pgbouncer
    # deployment: PUBLIC_PREPARED_DETAIL=False leaves Django's prepare_threshold=None).
    connection.ensure_connection()
    monkeypatch.setattr(connection.connection, "prepare_threshold", None)
    monkeypatch.setattr(loading, "_compiled", {})
    expected = Article.objects.published().for_detail().get(slug=article.slug)
    with django_assert_num_queries(5):
        loaded = loading.published_article(article.slug)
    assert concrete(loaded) == concrete(expected)
    assert [t.name for t in loaded.detail_related["tags"]] == [t.name for t in expected.tags.all()]
