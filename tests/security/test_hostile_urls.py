"""Hostile addresses answer 400 or 404, before any query: never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, DonorFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db

NUL = "%00"
HOSTILE = [
    f"/en/news/{NUL}/",
    f"/en/news/a{NUL}b/",
    f"/en/statements/{NUL}/",
    f"/en/donors/{NUL}/",
    f"/en/tags/{NUL}/",
    f"/en/tags/{NUL}/rss/",
    f"/en/donors/{NUL}/atom/",
    f"/en/news/?tag={NUL}",
    f"/en/news/?donor=x{NUL}",
    f"/en/news/?kind={NUL}&year={NUL}",
    f"/en/search/?q={NUL}",
    f"/en/search/?q=water{NUL}",
    f"/en/news/?{NUL}=1",
    f"/preview/{NUL}/",
    f"/en/preview/{NUL}/",
    f"/ar/preview/tok{NUL}en/",
    f"/admin/articles/article/?q={NUL}",
]


@pytest.fixture(autouse=True)
def content():
    article = publish(ArticleFactory())
    article.tags.add("Water")
    article.donors.add(DonorFactory())


@pytest.mark.parametrize("url", HOSTILE)
def test_a_nul_byte_is_refused_with_400_before_any_query(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert len(queries) == 0


@pytest.mark.parametrize("page", ["99999999999999999999999", "9223372036854775807", "100001"])
def test_an_overlong_sitemap_page_number_is_not_found_before_any_query(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/sitemap-articles-{page}.xml")
    assert response.status_code == 404
    assert len(queries) == 0


def test_ordinary_addresses_still_answer(client):
    assert client.get("/en/news/?tag=water").status_code == 200
    assert client.get("/en/search/?q=water").status_code == 200
    assert client.get("/sitemap-articles-1.xml").status_code == 200
