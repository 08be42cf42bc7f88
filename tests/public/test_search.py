import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


def search(client, q, code="en"):
    with translation.override(code):
        return client.get(reverse("public:search"), {"q": q}).content.decode()


def test_search_finds_published_articles_and_statements_with_a_highlight(client):
    publish(ArticleFactory(title_en="Cholera vaccination in Basra", body_en="<p>A vaccination drive.</p>"))
    publish(StatementFactory(title_en="On vaccination week", body_en="<p>Vaccination saves lives.</p>"))
    html = search(client, "vaccination")
    assert "Cholera vaccination in Basra" in html and "On vaccination week" in html
    assert "<mark>" in html


def test_search_escapes_the_text_around_the_highlight(client):
    publish(ArticleFactory(body_en="<p>Water &lt;script&gt; supply restored.</p>"))
    html = search(client, "supply")
    assert "<script>" not in html.split("<main")[1]


def test_search_in_arabic_finds_arabic_text(client):
    article = publish(ArticleFactory(title_ar="حملة تطعيم في البصرة", body_ar="<p>حملة تطعيم واسعة</p>"))
    html = search(client, "تطعيم", "ar")
    with translation.override("ar"):
        assert f'href="{article.get_absolute_url()}"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgres_ranks_title_matches_first_and_stems_english(client):
    publish(ArticleFactory(title_en="Flood response", body_en="<p>Rains flooded camps.</p>"))
    publish(ArticleFactory(title_en="Schools reopen", body_en="<p>After the floods, schools reopen.</p>"))
    html = search(client, "flooding")
    assert html.index("Flood response") < html.index("Schools reopen")


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgres_arabic_configuration_stems_arabic(client):
    article = publish(ArticleFactory(title_ar="المدارس", body_ar="<p>افتتاح المدارس في الموصل</p>"))
    # The article is stripped before stemming (المدارس -> مدارس); broken plurals
    # are joined on the query side (test_search_languages.py).
    html = search(client, "مدارس", "ar")
    with translation.override("ar"):
        assert f'href="{article.get_absolute_url()}"' in html
