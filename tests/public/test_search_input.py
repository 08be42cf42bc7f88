"""What a reader may type: a clear answer, never a 500, no database work for what
cannot be searched. Runs on SQLite (plain matching) and PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from newsroom.public import search as public_search
from newsroom.public.search import postgres, search
from tests.factories import ArticleFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db
POSTGRES = connection.vendor == "postgresql"

REFUSED = {
    "a 2,000-character query": ("water " * 334)[:2000],
    "only punctuation": "!!! ... ؟؟ -- ،",
    "only clitics": "وال",
    "clitics and articles": "و ال بال لل",
    "only diacritics": "\u064e\u064f\u0650\u0651",
    "one letter": "a",
    "one Arabic letter": "ب",
    "only exclusions": "-water -البصرة",
    "only Arabic stop words": "في من على",
    "only Kurdish stop words": "لە بۆ",
    "more than ten words": " ".join(f"word{i}" for i in range(11)),
}


def page(client, q, code="en"):
    with translation.override(code):
        return client.get(reverse("public:search"), {"q": q})


@pytest.mark.parametrize("q", REFUSED.values(), ids=REFUSED.keys())
def test_what_cannot_be_searched_is_answered_without_touching_the_database(
    q, django_assert_num_queries
):
    with django_assert_num_queries(0):
        results = search(q, "ar")
    assert results.problem and results.hits == []


@pytest.mark.parametrize("q", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("code", ["en", "ar", "ckb"])
def test_the_page_says_why_in_the_readers_language(client, q, code):
    response = page(client, q, code)
    assert response.status_code == 200
    assert 'class="search-problem"' in response.content.decode()


def test_a_too_long_query_is_named_as_too_long(client):
    html = page(client, "x" * 2000).content.decode()
    assert "too long" in html
    assert 'name="q" value="' + "x" * 200 + '"' in html


def test_a_nul_byte_is_refused_with_a_clear_message_before_any_query(
    client, django_assert_num_queries
):
    # core.middleware.HostileInputMiddleware answers before the search is reached.
    publish(ArticleFactory(title_en="Water returns to Sinjar"))
    with django_assert_num_queries(0):
        response = page(client, "water\x00sinjar")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_mixed_scripts_search_both_words_and_find_nothing_quietly(client):
    publish(ArticleFactory(title_en="Water returns to Sinjar"))
    html = page(client, "مياه water").content.decode()
    assert "0 results" in html


def test_the_parse_reads_phrases_exclusions_and_or():
    parsed = public_search.query.parse('water "clean water" -Basra sanitation OR hygiene')
    assert [[a.text for a in g] for g in parsed.groups] == [
        ["water"], ["clean water"], ["sanitation", "hygiene"],
    ]
    assert [a.text for a in parsed.excluded] == ["Basra"]
    assert parsed.groups[1][0].phrase


def test_a_leading_or_or_a_hyphenated_word_is_not_an_operator():
    parsed = public_search.query.parse("or covid-19")
    assert [[a.text for a in g] for g in parsed.groups] == [["covid-19"]]
    assert parsed.excluded == []


@pytest.mark.skipif(POSTGRES, reason="the plain matcher is the fallback of other databases")
def test_without_postgres_matching_is_plain_and_the_page_says_so(client):
    publish(ArticleFactory(title_en="Water returns", body_en="<p>Clean water at last.</p>"))
    publish(ArticleFactory(title_en="Water in Basra", body_en="<p>Basra water.</p>"))
    html = page(client, "water -basra").content.decode()
    assert "Water returns" in html and "Water in Basra" not in html
    assert "exactly as typed" in html and "<mark>water</mark>" in html


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="stop words are PostgreSQL's")
def test_only_stop_words_are_answered_without_reading_a_table():
    with CaptureQueriesContext(connection) as queries:
        results = search("the of and", "en")
        arabic = search("في من", "ar")
    assert "too common" in results.problem and "too common" in arabic.problem
    assert not [q for q in queries.captured_queries if "_article" in q["sql"] or "_statement" in q["sql"]]


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="statement_timeout is PostgreSQL's")
def test_a_search_that_outlives_its_timeout_is_cancelled_and_said_so(settings, monkeypatch):
    settings.PUBLIC_SEARCH_TIMEOUT_MS = 50

    def slow(*args):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")

    monkeypatch.setattr(postgres, "best", slow)
    results = search("water", "en")
    assert "took too long" in results.problem
    # The connection is usable afterwards: the cancelled statement was rolled back.
    assert search("the", "en").problem
