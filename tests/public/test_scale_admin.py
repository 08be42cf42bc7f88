"""The article and statement change lists at archive scale: one indexed search text,
no date hierarchy, and as many queries for twelve items as for three."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArticleFactory, StatementFactory

pytestmark = pytest.mark.django_db

LISTS = {"article": ArticleFactory, "statement": StatementFactory}


def change_list(model: str) -> str:
    app = {"article": "articles", "statement": "statements"}[model]
    return reverse(f"admin:{app}_{model}_changelist")


def queries_for(client, url: str) -> int:
    client.get(url)  # sessions, content types, permissions: warmed
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", LISTS)
@pytest.mark.parametrize("query", ["", "?q=returnees", "?q=returnees+district"])
def test_a_change_list_costs_the_same_queries_for_more_items(reviewer_client, model, query):
    for _ in range(3):
        LISTS[model](title_en="Returnees in district one")
    few = queries_for(reviewer_client, change_list(model) + query)
    for _ in range(9):
        LISTS[model](title_en="Returnees in district two")
    assert queries_for(reviewer_client, change_list(model) + query) == few


def test_the_article_search_finds_a_word_in_any_field_and_requires_every_word(admin_client):
    by_byline = ArticleFactory(title_en="Wells reopen", byline="Nour Haddad")
    by_arabic = ArticleFactory(title_en="Clinic opens", title_ar="عيادة جديدة في الموصل")
    by_summary = ArticleFactory(title_en="Roads", summary_en="Repaired before the winter rains")
    ArticleFactory(title_en="Unrelated")

    def found(term: str) -> set[int]:
        response = admin_client.get(change_list("article"), {"q": term})
        return {a.pk for a in response.context["cl"].result_list}

    assert found("haddad") == {by_byline.pk}
    assert found("الموصل") == {by_arabic.pk}
    assert found("WINTER rains") == {by_summary.pk}
    assert found('"before the winter"') == {by_summary.pk}
    assert found("winter haddad") == set()  # every word, as the admin's own search
    assert found("50%_") == set()  # LIKE's wildcards are searched for, not obeyed


def test_the_article_change_list_has_no_full_table_date_hierarchy(admin_client):
    ArticleFactory()
    response = admin_client.get(change_list("article"))
    assert response.context["cl"].date_hierarchy is None
    assert response.context["cl"].show_full_result_count is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
@pytest.mark.parametrize("model", LISTS)
def test_the_change_list_search_runs_on_the_trigram_index(admin_client, model):
    LISTS[model](title_en="Returnees in district one")
    response = admin_client.get(change_list(model), {"q": "returnees"})
    queryset = response.context["cl"].queryset
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Too few rows for the planner to prefer an index unless told.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{model}_admin_search_trgm" in plan, plan
