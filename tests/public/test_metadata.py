"""One address per page, and what Open Graph and JSON-LD say about it."""

import json
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.factories import ArticleFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db
SITE = settings.SITE_URL


def head(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(html, prop):
    return re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)


def link(html, rel):
    return re.findall(rf'<link rel="{rel}" href="([^"]*)">', html)


def json_ld(html):
    return json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])


def url_in(code, item):
    with translation.override(code):
        return SITE + item.get_absolute_url()


def test_a_page_in_its_own_language_is_its_own_canonical(client):
    article = publish(ArticleFactory(title_ar="عنوان", body_ar="<p>نص</p>"))
    html = head(client, url_in("ar", article)[len(SITE):])
    assert link(html, "canonical") == [url_in("ar", article)]
    assert meta(html, "og:url") == [url_in("ar", article)]
    assert json_ld(html)["mainEntityOfPage"] == url_in("ar", article)


def test_a_fallback_page_points_every_address_at_the_real_language_page(client):
    article = publish(ArticleFactory())  # English only: /ckb/ shows the English text
    html = head(client, url_in("ckb", article)[len(SITE):])
    english = url_in("en", article)
    assert link(html, "canonical") == [english]
    assert meta(html, "og:url") == [english]
    data = json_ld(html)
    assert data["mainEntityOfPage"] == english and data["url"] == english
    assert data["inLanguage"] == "en" and meta(html, "og:locale") == ["en_US"]


def test_an_arabic_only_item_shown_at_en_names_the_arabic_page(client):
    article = publish(ArticleFactory(
        title_en="", summary_en="", body_en="", source_language="ar",
        title_ar="المياه في الموصل", body_ar="<p>نص</p>",
    ))
    html = head(client, url_in("en", article)[len(SITE):])
    assert link(html, "canonical") == [url_in("ar", article)]
    # No English version: x-default is the source language's page.
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {"ar": url_in("ar", article), "x-default": url_in("ar", article)}


def test_x_default_is_the_english_page_when_there_is_one(client):
    article = publish(ArticleFactory(title_ckb="ئاو", body_ckb="<p>دەق</p>"))
    html = head(client, article.get_absolute_url())
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "en": url_in("en", article), "ckb": url_in("ckb", article), "x-default": url_in("en", article),
    }


def test_an_arabic_slug_has_one_percent_encoded_form_everywhere(client):
    article = publish(ArticleFactory(
        slug="المياه-في-الموصل", title_ar="المياه في الموصل", body_ar="<p>نص</p>",
    ))
    encoded = quote("المياه-في-الموصل")
    html = client.get(url_in("ar", article)[len(SITE):]).content.decode()
    sitemap = client.get("/sitemap-articles-1.xml").content.decode()
    assert "المياه-في-الموصل" not in html.replace(article.title_ar, "")
    assert "المياه-في-الموصل" not in sitemap
    canonical = link(html.split("</head>")[0], "canonical")[0]
    assert canonical.endswith(f"/news/{encoded}/")
    assert canonical in sitemap and json_ld(html)["url"] == canonical


def test_og_locale_is_in_open_graph_form_with_the_real_translations_as_alternates(client):
    article = publish(ArticleFactory(title_ar="عنوان", body_ar="<p>نص</p>"))
    html = head(client, url_in("ar", article)[len(SITE):])
    assert meta(html, "og:locale") == ["ar_IQ"]
    assert meta(html, "og:locale:alternate") == ["en_US"]  # no Kurdish translation


def test_a_statement_has_a_news_article_with_its_speaker_as_author(client):
    statement = publish(StatementFactory())
    data = json_ld(head(client, statement.get_absolute_url()))
    assert data["@type"] == "NewsArticle"
    assert data["author"] == {"@type": "Person", "name": "Rana Aziz", "jobTitle": "Chief of Mission"}
    assert data["publisher"]["url"] and data["publisher"]["logo"]["url"].endswith(".png")


def test_an_article_without_byline_is_authored_by_the_organisation(client):
    article = publish(ArticleFactory(byline=""))
    data = json_ld(head(client, article.get_absolute_url()))
    assert data["author"]["@type"] == "Organization" and data["author"]["name"]
    assert data["publisher"] == {
        "@type": "Organization", "name": data["author"]["name"], "url": SITE + "/",
        "logo": {"@type": "ImageObject", "url": data["publisher"]["logo"]["url"]},
    }


def test_an_article_with_a_byline_is_authored_by_that_person(client):
    article = publish(ArticleFactory(byline="Layla Hassan"))
    assert json_ld(head(client, article.get_absolute_url()))["author"] == {
        "@type": "Person", "name": "Layla Hassan",
    }


PNG_1X1 = bytes.fromhex(  # a 3×2 PNG
    "89504e470d0a1a0a0000000d49484452000000030000000208020000001216f14d0000001049444154789c63f8cfc0"
    "00410c70160041d205fb87f0b9480000000049454e44ae426082"
)


def test_an_image_has_its_alt_text_and_dimensions(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = publish(ArticleFactory(
        image=SimpleUploadedFile("well.png", PNG_1X1, content_type="image/png"),
        image_alt_en="A new water point in Sinjar",
    ))
    html = head(client, article.get_absolute_url())
    assert meta(html, "og:image:alt") == ["A new water point in Sinjar"]
    assert meta(html, "og:image:width") == ["3"] and meta(html, "og:image:height") == ["2"]
