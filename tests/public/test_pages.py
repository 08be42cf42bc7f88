from datetime import UTC

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.articles.models import Article
from newsroom.core.models import Tag
from tests.factories import (
    ArticleFactory,
    ContactFactory,
    DonorFactory,
    RelatedDocumentFactory,
    StatementFactory,
)
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


def url(name, code="en", **kwargs):
    with translation.override(code):
        return reverse(f"public:{name}", kwargs=kwargs or None)


@pytest.fixture
def release():
    article = publish(ArticleFactory(
        title_en="Clinics reopen in Sinjar",
        title_ar="إعادة فتح العيادات في سنجار",
        body_ar="<p>أعيد فتح العيادات.</p>",
        dateline_en="Sinjar",
        byline="Layla Hassan",
    ))
    donor = DonorFactory(name_en="Government of Japan", acknowledgement_en="Thanks to Japan.")
    contact = ContactFactory(name="Omar Saleh")
    article.donors.add(donor)
    article.contacts.add(contact)
    article.tags.add("Health")
    RelatedDocumentFactory(article=article, title_en="Health factsheet")
    return article


@pytest.mark.parametrize("code,direction", [("en", "ltr"), ("ar", "rtl"), ("ckb", "rtl")])
def test_every_page_answers_in_each_language_with_its_direction(client, release, code, direction):
    statement = publish(StatementFactory())
    donor = release.donors.get()
    pages = [
        url("home", code), url("article-list", code), url("statement-list", code),
        url("contacts", code), url("search", code) + "?q=clinics",
        url("article-detail", code, slug=release.slug),
        url("statement-detail", code, slug=statement.slug),
        url("donor-detail", code, slug=donor.slug),
        url("tag-detail", code, slug=Tag.objects.get().slug),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{code}" dir="{direction}">' in html, page


def test_article_detail_shows_dateline_byline_credit_contacts_documents_and_tags(client, release):
    html = client.get(url("article-detail", slug=release.slug)).content.decode()
    for text in ("Clinics reopen in Sinjar", "Sinjar", "Layla Hassan", "Government of Japan",
                 "Thanks to Japan.", "Omar Saleh", "Health factsheet", "Health"):
        assert text in html


def test_dates_are_shown_in_baghdad_time_in_the_readers_language(client):
    from datetime import datetime

    article = ArticleFactory(title_ar="عنوان", body_ar="<p>نص</p>")
    publish(article)
    article.publish_at = datetime(2024, 3, 5, 21, 30, tzinfo=UTC)  # 00:30 on 6 March in Baghdad
    article.save()
    english = client.get(url("article-detail", slug=article.slug)).content.decode()
    assert "6 March 2024, 00:30" in english
    arabic = client.get(url("article-detail", "ar", slug=article.slug)).content.decode()
    assert "6 مارس 2024" in arabic or "6 آذار 2024" in arabic


def test_the_language_switcher_leads_to_the_same_item(client, release):
    html = client.get(url("article-detail", slug=release.slug)).content.decode()
    for code in ("ar", "ckb"):
        assert f'href="{url("article-detail", code, slug=release.slug)}"' in html


def test_an_untranslated_item_shows_in_english_with_a_notice_in_the_readers_language(client):
    article = publish(ArticleFactory(title_en="Schools reopen in Anbar"))
    html = client.get(url("article-detail", "ckb", slug=article.slug)).content.decode()
    assert '<html lang="ckb" dir="rtl">' in html
    # The text carries its own language; the page's labels and dates stay Kurdish.
    assert '<h1 lang="en" dir="ltr">Schools reopen in Anbar</h1>' in html
    assert '<div class="body" lang="en" dir="ltr">' in html
    assert 'class="notice"' in html
    with translation.override("ckb"):
        from django.utils.translation import gettext

        notice = gettext(
            "This item has not been translated into your language yet. It is shown in English."
        )
    assert notice in html
    assert notice != "This item has not been translated into your language yet. It is shown in English."


def test_an_item_written_only_in_arabic_shows_in_arabic_to_english_readers(client):
    article = publish(
        ArticleFactory(
            source_language="ar", title_en="", summary_en="", body_en="", dateline_en="",
            title_ar="توزيع مستلزمات الشتاء في دهوك", body_ar="<p>وصلت المساعدات.</p>",
        )
    )
    html = client.get(url("article-detail", "en", slug=article.slug)).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<h1 lang="ar" dir="rtl">توزيع مستلزمات الشتاء في دهوك</h1>' in html
    assert '<div class="body" lang="ar" dir="rtl">' in html
    assert "توزيع مستلزمات الشتاء في دهوك" in html and "وصلت المساعدات." in html
    assert "It is shown in its original language, العربيّة." in html


def test_a_translated_item_has_no_notice_and_no_foreign_lang(client, release):
    html = client.get(url("article-detail", "ar", slug=release.slug)).content.decode()
    assert "إعادة فتح العيادات في سنجار" in html
    assert 'class="notice"' not in html
    assert '<article class="story">' in html and "<h1>إعادة فتح العيادات في سنجار</h1>" in html


def test_teasers_of_untranslated_items_carry_lang_en(client, release):
    untranslated = publish(ArticleFactory(title_en="Only in English"))
    html = client.get(url("article-list", "ar")).content.decode()
    assert '<h3 lang="en" dir="ltr"><a' in html
    assert untranslated.title_en in html


def test_home_features_a_story_and_lists_releases_and_statements(client, release):
    story = publish(ArticleFactory(kind=Article.Kind.STORY, title_en="A mother returns home"))
    statement = publish(StatementFactory())
    html = client.get(url("home")).content.decode()
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert story.title_en in featured
    assert release.title_en in html
    assert statement.title_en in html


@pytest.mark.parametrize("param,matches", [
    ("kind=story", {"story"}), ("tag=water", {"water"}), ("year=2019", {"old"}),
])
def test_the_news_list_filters_by_kind_tag_and_year(client, param, matches):
    from datetime import datetime

    items = {
        "story": publish(ArticleFactory(kind=Article.Kind.STORY)),
        "water": publish(ArticleFactory(kind=Article.Kind.NEWS)),
        "old": publish(ArticleFactory(kind=Article.Kind.NEWS)),
    }
    items["water"].tags.add("Water")
    items["old"].publish_at = datetime(2019, 6, 1, tzinfo=UTC)
    items["old"].save()
    html = client.get(url("article-list") + "?" + param).content.decode()
    for name, article in items.items():
        assert (article.title_en in html) == (name in matches), name


def test_the_news_list_filters_by_donor(client, release):
    other = publish(ArticleFactory())
    donor = release.donors.get()
    html = client.get(url("article-list") + f"?donor={donor.slug}").content.decode()
    assert release.title_en in html
    assert other.title_en not in html


def test_the_news_list_is_paginated(client):
    for _ in range(23):
        publish(ArticleFactory())
    first = client.get(url("article-list")).content.decode()
    assert first.count('class="teaser"') == 20
    assert 'rel="next"' in first
    second = client.get(url("article-list") + "?page=2").content.decode()
    assert second.count('class="teaser"') == 3


def test_donor_and_tag_pages_list_what_they_funded_and_tagged(client, release):
    donor = release.donors.get()
    html = client.get(url("donor-detail", slug=donor.slug)).content.decode()
    assert "Thanks to Japan." in html and release.title_en in html
    html = client.get(url("tag-detail", slug=Tag.objects.get().slug)).content.decode()
    assert release.title_en in html


def test_the_contacts_page_lists_active_media_contacts(client):
    ContactFactory(name="Active Person")
    ContactFactory(name="Former Person", is_active=False)
    html = client.get(url("contacts")).content.decode()
    assert "Active Person" in html and "Former Person" not in html


@pytest.mark.parametrize("page", ["tag", "donor"])
@pytest.mark.parametrize("count,more", [(30, False), (31, True)])
def test_tag_and_donor_pages_show_30_and_link_to_more_without_counting(client, page, count, more):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    donor = DonorFactory()
    for _ in range(count):
        article = publish(ArticleFactory())
        article.tags.add("Water")
        article.donors.add(donor)
    target = (
        url("tag-detail", slug=Tag.objects.get().slug) if page == "tag"
        else url("donor-detail", slug=donor.slug)
    )
    client.get(url("contacts"))  # the page-cache generation's queries, not counted here
    with CaptureQueriesContext(connection) as queries:
        html = client.get(target).content.decode()
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
    assert html.count('class="teaser') == 30
    assert ("?tag=" in html or "?donor=" in html) is more
