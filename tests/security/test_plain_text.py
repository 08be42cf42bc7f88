"""Summaries are plain text on every surface; titles and names carry no bidi controls;
a protocol-relative link is an external link like any other."""

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection

from newsroom.articles.models import Article
from newsroom.core.models import Tag
from newsroom.core.sanitize import clean_html, plain_text
from newsroom.donors.models import Donor
from tests.factories import ArticleFactory, ContactFactory, DonorFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db
HOSTILE = '<img src=x onerror=alert(1)>Aid reaches <b>Mosul</b> & Erbil'
RLO = "\u202e"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_a_summary_is_stored_without_markup_on_save():
    article = ArticleFactory(summary_en=HOSTILE)
    article.refresh_from_db()
    assert article.summary_en == "Aid reaches Mosul & Erbil"


def test_a_summary_is_stripped_by_bulk_create_and_update_too():
    [article] = Article.objects.bulk_create([ArticleFactory.build(summary_en=HOSTILE, slug="bulk")])
    assert Article.objects.get(slug="bulk").summary_en == "Aid reaches Mosul & Erbil"
    Article.objects.filter(slug="bulk").update(summary_ar="<script>alert(1)</script>ملخص")
    assert Article.objects.get(slug="bulk").summary_ar == "ملخص"


def test_plain_text_is_stable_when_cleaned_again():
    once = plain_text("Tags look like &lt;b&gt; in prose")
    assert plain_text(once) == once


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_feeds_give_the_summary_as_text_never_as_markup(client, flavour):
    article = publish(ArticleFactory())
    # Stored before this fix, or by raw SQL that skipped the field: the feed escapes anyway.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET summary_en = %s WHERE id = %s",
                       ['<img src=x onerror=alert(1)>', article.pk])
    body = client.get(f"/en/feeds/{flavour}/").content.decode()
    assert "<img" not in body
    if flavour == "atom":
        assert '<summary type="text">' in body and 'type="html"' not in body
    parsed = feedparser.parse(body)
    detail = parsed.entries[0].summary_detail
    if detail.type == "text/html":  # RSS: readers render it, so it must be escaped text
        assert "<img" not in detail.value and "onerror=alert(1)" in detail.value
    else:  # Atom: declared as text, shown as typed
        assert detail.type == "text/plain" and detail.value == "<img src=x onerror=alert(1)>"


def test_bidi_overrides_are_stripped_from_titles_and_names():
    article = ArticleFactory(title_en=f"Aid {RLO}reversed", title_ar="\u2067عنوان\u2069")
    donor = DonorFactory(name_en=f"Donor{RLO}")
    contact = ContactFactory(name="\u202aName\u202c")
    statement = StatementFactory(speaker_name=f"Chief{RLO} of Mission")
    tag = Tag.objects.create(name_en=f"Water{RLO}", slug="water")
    for item in (article, donor, contact, statement, tag):
        item.refresh_from_db()
    assert article.title_en == "Aid reversed" and article.title_ar == "عنوان"
    assert donor.name == "Donor" and contact.name == "Name"
    assert statement.speaker_name == "Chief of Mission" and tag.name == "Water"


def test_bidi_overrides_are_stripped_by_update_too():
    donor = DonorFactory()
    Donor.objects.filter(pk=donor.pk).update(name_en=f"{RLO}evil")
    donor.refresh_from_db()
    assert donor.name == "evil"


def test_right_to_left_text_itself_is_kept():
    # Arabic letters and the implicit marks (LRM, RLM) are text, not overrides.
    article = ArticleFactory(title_ar="بغداد \u200f– خبر")
    article.refresh_from_db()
    assert article.title_ar == "بغداد \u200f– خبر"


@pytest.mark.parametrize("href", ["//evil.example/x", "  //evil.example/x", "/\\evil.example/x",
                                  "\\\\evil.example/x"])
def test_a_protocol_relative_link_becomes_an_https_external_link(href):
    html = clean_html(f'<a href="{href}">there</a>')
    assert 'href="https://evil.example/x"' in html
    assert 'rel="noopener noreferrer"' in html


def test_a_link_on_the_site_stays_relative():
    assert 'href="/en/news/"' in clean_html('<a href="/en/news/">news</a>')
