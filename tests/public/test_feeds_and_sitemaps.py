import re
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory, DonorFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db
XHTML = "{http://www.w3.org/1999/xhtml}link"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def items():
    donor = DonorFactory()
    article = publish(ArticleFactory(title_ar="عنوان عربي", body_ar="<p>نص</p>"))
    article.donors.add(donor)
    article.tags.add("Water")
    statement = publish(StatementFactory())
    statement.tags.add("Water")
    return article, statement, donor


@pytest.mark.parametrize("code", ["en", "ar", "ckb"])
@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_every_feed_parses_cleanly(client, items, code, flavour):
    article, statement, donor = items
    tag = article.tags.get()
    with translation.override(code):
        urls = [
            reverse(f"public:feed-{flavour}"),
            reverse(f"public:tag-feed-{flavour}", args=[tag.slug]),
            reverse(f"public:donor-feed-{flavour}", args=[donor.slug]),
        ]
    for url in urls:
        response = client.get(url)
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.feed.get("language", code) == code
        links = [entry.link for entry in parsed.entries]
        assert any(f"/{code}/news/{article.slug}/" in link for link in links), url
    feed = feedparser.parse(client.get(urls[0]).content)
    assert {e.link.split("/")[4] for e in feed.entries} == {"news", "statements"}


def test_the_sitemap_lists_only_real_translations_with_hreflang(client, items):
    article, statement, _ = items
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.iter(f"{SM}loc")]
    assert any(loc.endswith("/sitemap-articles-1.xml") for loc in locations)

    urlset = ElementTree.fromstring(client.get("/sitemap-articles-1.xml").content)
    urls = {u.find(f"{SM}loc").text: u for u in urlset.iter(f"{SM}url")}
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in urls}
    assert paths == {f"/en/news/{article.slug}/", f"/ar/news/{article.slug}/"}
    hreflangs = {a.get("hreflang") for a in next(iter(urls.values())).iter(XHTML)}
    assert hreflangs == {"en", "ar", "x-default"}

    statements = ElementTree.fromstring(client.get("/sitemap-statements-1.xml").content)
    assert len(list(statements.iter(f"{SM}url"))) == 1  # English only


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: " in text and "/sitemap.xml" in text


def test_article_metadata_has_canonical_open_graph_and_json_ld(client, items):
    import json

    article, _, _ = items
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="http://' in html
    head = html.split("</head>")[0]
    assert '<link rel="alternate" hreflang="ar"' in head
    assert 'hreflang="ckb"' not in head  # no Kurdish translation: no Kurdish alternate
    assert '<meta property="og:title"' in html and '<meta name="description"' in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title_en
    assert "<script>" not in html.replace('<script type="application/ld+json">', "")
