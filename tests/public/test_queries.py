"""Article detail costs the same number of queries however many relations an item has."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import ArticleFactory, ContactFactory, DonorFactory, RelatedDocumentFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db
# article, tags, donors, contacts, documents: five queries; on PostgreSQL one
# prepared statement (public/loading.py), prepared once per database session. The
# page-cache generation's two aggregate queries, once per purge, are not counted.
DETAIL_QUERIES = 1 if connection.vendor == "postgresql" else 5


def article_with(n: int):
    article = publish(ArticleFactory())
    for i in range(n):
        article.donors.add(DonorFactory())
        article.contacts.add(ContactFactory())
        article.tags.add(f"topic {i}")
        RelatedDocumentFactory(article=article)
    return article


@pytest.mark.parametrize("relations", [0, 5])
def test_article_detail_queries_are_constant(client, django_assert_num_queries, relations):
    article = article_with(relations)
    client.get(reverse("public:home"))  # computes the cache generation
    client.get(publish(ArticleFactory()).get_absolute_url())  # prepares the statement
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


def test_a_cached_article_detail_needs_no_query(client, django_assert_num_queries):
    article = article_with(3)
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name", ["public:home", "public:article-list", "public:feed-rss"])
def test_lists_and_feeds_do_not_grow_with_the_items(client, django_assert_max_num_queries, name):
    for _ in range(3):
        article_with(2)
    client.get(reverse("public:contacts"))
    with django_assert_max_num_queries(10):
        client.get(reverse(name))
