"""Public pages at archive scale: the same queries for twelve items as for three, nothing
counted or listed over every published row once it is remembered for the generation,
and bad page numbers answered at once."""

import re
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.donors.models import Donor
from newsroom.public import sitemaps
from tests.factories import ArticleFactory, DonorFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/en/",
    "news list": "/en/news/",
    "news list, filtered": "/en/news/?kind=press_release&tag=water&donor=donor-a&year={year}",
    "tag page": "/en/tags/water/",
    "donor page": "/en/donors/donor-a/",
    "statement list": "/en/statements/",
    "statement detail": "/en/statements/{statement}/",
    "sitemap index": "/sitemap.xml",
    "sitemap section": "/sitemap-articles-1.xml",
    "RSS feed": "/en/feeds/rss/",
    "Atom feed": "/en/feeds/atom/",
    "tag feed": "/en/tags/water/rss/",
    "donor feed": "/en/donors/donor-a/atom/",
}
# Queries per page once the generation and what it remembers are computed; on
# PostgreSQL and SQLite alike. What the page's own rows need and nothing else.
QUERIES = {
    "home": 2,  # articles, statements
    "news list": 3,  # tags and donors by primary key, the page
    "news list, filtered": 3,
    "tag page": 3,  # the tag, its articles, its statements
    "donor page": 2,  # the donor, its articles
    "statement list": 1,
    "statement detail": 2,  # the statement, its tags
    "sitemap index": 0,
    "sitemap section": 1,
    "RSS feed": 2,
    "Atom feed": 2,
    "tag feed": 3,
    "donor feed": 2,
}


def archive(n: int) -> None:
    """n published articles and statements, tagged, one donor crediting the articles."""
    donor = DonorFactory(slug="donor-a")
    for i in range(n):
        article = publish(ArticleFactory(), ago=timedelta(days=40 * i + 1))
        article.tags.add("water")
        article.donors.add(donor)
        publish(StatementFactory(), ago=timedelta(days=40 * i + 1)).tags.add("water")


def queries(client, path: str) -> int:
    assert client.get(path).status_code == 200, path  # the generation, remembered facts
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return len(captured)


def paths() -> dict[str, str]:
    from newsroom.articles.models import Article
    from newsroom.statements.models import Statement

    year = Article.objects.published().latest("publish_at").publish_at.year
    statement = Statement.objects.published().latest("publish_at").slug
    return {name: path.format(year=year, statement=statement) for name, path in PAGES.items()}


@pytest.fixture
def uncached(settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 0


def test_every_page_costs_the_same_queries_for_more_items(
    client, uncached, django_capture_on_commit_callbacks
):
    archive(3)
    few = {name: queries(client, path) for name, path in paths().items()}
    donor = Donor.objects.get(slug="donor-a")
    with django_capture_on_commit_callbacks(execute=True):  # the purges, as after a commit
        for i in range(30):
            article = publish(ArticleFactory(), ago=timedelta(days=100 * i + 2))
            article.tags.add("water")
            article.donors.add(donor)
            publish(StatementFactory(), ago=timedelta(days=100 * i + 2)).tags.add("water")
    many = {name: queries(client, path) for name, path in paths().items()}
    assert many == few == QUERIES
    assert queries(client, "/en/news/?page=2") == QUERIES["news list"]


def test_nothing_counts_or_lists_every_published_row_once_remembered(client, uncached):
    archive(3)
    for path in paths().values():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        for query in captured:
            assert not re.search(r"COUNT\(|ROW_NUMBER|django_datetime_trunc|DATE_TRUNC",
                                 query["sql"], re.I), (path, query["sql"])


def test_a_new_publication_is_counted_and_offered_at_once(
    client, uncached, django_capture_on_commit_callbacks
):
    archive(1)
    assert "Page 1 of" not in client.get("/en/news/").content.decode()  # one page: no nav
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(20):
            publish(ArticleFactory(), ago=timedelta(days=3 * 365))
    html = client.get("/en/news/").content.decode()
    assert "Page 1 of 2" in html
    years = re.findall(r'<option value="(\d{4})"', html)
    assert len(years) >= 2  # the older year is offered as soon as it is published


@pytest.mark.parametrize("page, status", [
    ("abc", 200), ("-1", 200), ("0", 200), ("2", 404), ("999999999999999999999", 404),
])
def test_a_page_number_that_is_not_one_is_the_first_page_or_a_404(client, page, status):
    archive(2)
    for path in ("/en/news/", "/en/statements/"):
        assert client.get(path, {"page": page}).status_code == status


def test_a_page_past_the_end_reads_no_articles(client, uncached):
    archive(2)
    client.get("/en/news/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/news/", {"page": "50"}).status_code == 404
    assert not any("articles_article" in q["sql"] for q in captured)


def test_a_filter_naming_nothing_lists_nothing_without_reading_articles(client, uncached):
    archive(2)
    client.get("/en/news/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/news/", {"tag": "no-such-topic"})
    assert response.status_code == 200 and list(response.context["articles"]) == []
    assert not any(q["sql"].lstrip().startswith('SELECT "articles_article"') for q in captured)


@pytest.mark.parametrize("path", [
    "/sitemap-articles-0.xml", "/sitemap-articles-2.xml", "/sitemap-articles-99999999999.xml",
    "/sitemap-nothing-1.xml",
])
def test_a_sitemap_page_that_does_not_exist_is_a_404(client, path):
    archive(2)
    assert client.get(path).status_code == 404


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_sections_split_the_archive_in_order_each_item_once(client, monkeypatch):
    from xml.etree import ElementTree

    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 2)
    articles = [publish(ArticleFactory(), ago=timedelta(hours=i + 1)) for i in range(5)]
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SM}loc") if "sitemap-articles-" in loc.text]
    assert [s.rsplit("-", 1)[1] for s in sections] == ["1.xml", "2.xml", "3.xml"]
    listed = []
    for n in (1, 2, 3):
        urlset = ElementTree.fromstring(client.get(f"/sitemap-articles-{n}.xml").content)
        listed += [re.sub(r"^https?://[^/]+", "", u.find(f"{SM}loc").text)
                   for u in urlset.iter(f"{SM}url")]
    assert listed == [a.get_absolute_url() for a in articles]  # newest first, once each
    assert client.get("/sitemap-articles-4.xml").status_code == 404


def test_a_slug_is_quoted_and_escaped_in_the_sitemap_as_reverse_does(client):
    article = publish(ArticleFactory(slug="مياه-نظيفة"))
    body = client.get("/sitemap-articles-1.xml").content.decode()
    assert "%D9%85" in article.get_absolute_url()
    assert f"{article.get_absolute_url()}</loc>" in body


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="an EXPLAIN of PostgreSQL's plan")
def test_a_deep_sitemap_page_seeks_to_its_start_in_the_index(monkeypatch):
    """The seek's bound is an index condition, so page 150 reads 500 rows, not 75,000."""
    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 2)
    archive(7)
    at, _pk = sitemaps.page_starts("articles")[2]
    with CaptureQueriesContext(connection) as captured:
        assert len(sitemaps._rows("articles", 3)) == 2
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + captured.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    conditions = " ".join(line for line in plan.splitlines() if "Index Cond" in line)
    assert f"publish_at <= '{at.astimezone(UTC):%Y-%m-%d %H:%M:%S}" in conditions, plan
