"""The language switcher and hreflang links are django.urls.translate_url's."""

import re

import pytest
from django.conf import settings
from django.urls import translate_url

from tests.factories import ArticleFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [
    "/en/", "/ar/news/?kind=news&year=2024", "/ckb/statements/", "/en/contacts/",
    "/en/search/?q=water",
])
def test_switcher_links_are_translate_urls(client, path):
    html = client.get(path).content.decode()
    links = dict(re.findall(r'<a href="([^"]*)" lang="([^"]+)" hreflang', html))
    assert {code: url for url, code in links.items()} == {
        code: translate_url(path, code).replace("&", "&amp;") for code, _ in settings.LANGUAGES
    }


def test_detail_alternates_and_switcher_are_translate_urls(client):
    article = publish(ArticleFactory(title_ar="عنوان", body_ar="<p>نص</p>"))
    path = article.get_absolute_url()
    html = client.get(path).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        code: settings.SITE_URL + translate_url(path, code) for code in ("en", "ar")
    } | {"x-default": settings.SITE_URL + translate_url(path, "en")}
    links = re.findall(r'<a href="([^"]*)" lang="([^"]+)" hreflang', html)
    assert links == [(translate_url(path, code), code) for code, _ in settings.LANGUAGES]
