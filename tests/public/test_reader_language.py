"""The public site speaks the reader's language; text in a fallback language says so."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from newsroom.articles.models import Article, RelatedDocument
from tests.desk_i18n.reading import arabic_share, visible_text
from tests.factories import ArticleFactory, RelatedDocumentFactory, StatementFactory
from tests.public.conftest import publish
from tests.public.test_pages import url

pytestmark = pytest.mark.django_db


def _get(client, name, code, **kwargs):
    response = client.get(url(name, code, **kwargs))
    assert response.status_code == 200
    return response.content.decode()


def _in(code, message):
    with translation.override(code):
        return gettext(message)


@pytest.mark.parametrize("code", ["ar", "ckb"])
@pytest.mark.parametrize("kind", list(Article.Kind))
def test_kind_labels_are_in_the_readers_language(client, code, kind):
    article = publish(ArticleFactory(kind=kind, title_ar="عنوان", title_ckb="ناونیشان",
                                     body_ar="<p>نص</p>", body_ckb="<p>دەق</p>"))
    label = _in(code, kind.label)
    assert label != kind.label and re.search("[\u0600-\u06ff]", label)
    assert f'<span class="kind">{label}</span>' in _get(client, "article-list", code)
    assert f'<span class="kind">{label}</span>' in _get(client, "article-detail", code,
                                                          slug=article.slug)


@pytest.mark.parametrize("code", ["ar", "ckb"])
def test_related_document_kinds_are_in_the_readers_language(client, code):
    article = publish(ArticleFactory(title_ar="عنوان", body_ar="<p>نص</p>"))
    for kind in RelatedDocument.Kind:
        RelatedDocumentFactory(article=article, kind=kind, title_en=f"File {kind}")
    html = _get(client, "article-detail", code, slug=article.slug)
    for kind in RelatedDocument.Kind:
        assert f'<span class="kind">({_in(code, kind.label)})</span>' in html


@pytest.mark.parametrize("code", ["ar", "ckb"])
def test_a_fully_translated_page_reads_in_arabic_script(client, code):
    publish(ArticleFactory(
        title_ar="وصول المياه النظيفة إلى العائلات", summary_ar="انتهى نقل المياه بالصهاريج.",
        body_ar="<p>نص</p>", dateline_ar="الموصل",
        title_ckb="گەیشتنی ئاوی پاک بۆ خێزانەکان", summary_ckb="گواستنەوەی ئاو بە تانکەر کۆتایی هات.",
        body_ckb="<p>دەق</p>", dateline_ckb="مووسڵ",
    ))
    for page in ("home", "article-list", "statement-list", "contacts"):
        html = _get(client, page, code)
        # Names, not words to translate: the feeds', and English's own in the switcher.
        for name in (">RSS<", ">Atom<", ">English<"):
            html = html.replace(name, "><")
        share = arabic_share(html)
        assert share > 0.97, (page, share, visible_text(html))


def test_an_english_summary_on_an_arabic_page_carries_its_own_language(client):
    publish(ArticleFactory(title_ar="عنوان عربي", body_ar="<p>نص</p>", summary_en="In English."))
    html = _get(client, "home", "ar")
    assert "<h3><a" in html  # the Arabic title is in the page's language
    assert '<p lang="en" dir="ltr">In English.</p>' in html


@pytest.mark.parametrize("code", ["ar", "ckb"])
def test_an_untranslated_teaser_keeps_its_label_and_date_in_the_readers_language(client, code):
    publish(ArticleFactory(kind=Article.Kind.NEWS, title_en="Schools reopen."))
    html = _get(client, "article-list", code)
    teaser = html[html.index('<article class="teaser">'):]
    teaser = teaser[: teaser.index("</article>")]
    assert '<h3 lang="en" dir="ltr"><a' in teaser and "Schools reopen.</a></h3>" in teaser
    # Label then date, in the page's direction: no English wrapper around them.
    meta = re.search(r'<p class="meta">(.*?)</p>', teaser).group(1)
    assert "lang=" not in meta and "dir=" not in meta
    assert meta.index(_in(code, "news")) < meta.index("<time")
    assert re.search("<time[^>]*>[^<]*[\u0600-\u06ff]", meta)  # the month's name is translated


def test_a_fallback_dateline_is_isolated_inside_the_arabic_meta_line(client):
    article = publish(ArticleFactory(title_ar="عنوان", body_ar="<p>نص</p>", dateline_en="Erbil"))
    html = _get(client, "article-detail", "ar", slug=article.slug)
    assert '<span class="dateline"><bdi lang="en" dir="ltr">Erbil</bdi></span>' in html


def test_an_arabic_statement_shows_its_english_speaker_title_isolated(client):
    statement = publish(StatementFactory(title_ar="بيان", body_ar="<p>نص</p>"))
    html = _get(client, "statement-detail", "ar", slug=statement.slug)
    assert '<bdi lang="en" dir="ltr">Chief of Mission</bdi>' in html
    assert '<h1>بيان</h1>' in html


@pytest.mark.parametrize("feed", ["feed-rss", "feed-atom"])
def test_feed_entries_in_a_fallback_language_say_so(client, feed):
    publish(ArticleFactory(title_en="Only in English", summary_en="English summary."))
    publish(ArticleFactory(title_ar="بالعربية", body_ar="<p>نص</p>", summary_ar="ملخص."))
    xml = client.get(url(feed, "ar")).content.decode()
    entries = re.findall(r"<(?:item|entry)\b([^>]*)>(.*?)</(?:item|entry)>", xml, re.S)
    by_title = {re.search(r"<title>(.*?)</title>", body).group(1): attrs for attrs, body in entries}
    assert 'xml:lang="en"' in by_title["Only in English"]
    assert "xml:lang" not in by_title["بالعربية"]
    # Summaries are plain text in feeds (never markup a reader may run): the entry's
    # xml:lang carries the fallback's language.
    assert "English summary." in xml and "&lt;p" not in xml
    assert "ملخص." in xml


def test_search_snippets_of_english_bodies_carry_their_language_on_an_arabic_page(client):
    publish(ArticleFactory(title_en="Water network repaired", body_en="<p>The network serves.</p>"))
    html = client.get(url("search", "ar"), {"q": "network"}).content.decode()
    # The whole hit (title and snippet) is marked as English on the Arabic page.
    assert re.search(r'<li lang="en" dir="ltr">\s*<h2><a[^>]*>Water network repaired</a></h2>\s*'
                     r'<p class="snippet">', html), html
