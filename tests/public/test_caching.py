from datetime import UTC

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.public import pagecache
from newsroom.workflow.signals import public_content_changed
from tests.factories import ArticleFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db

PAGES = ["public:home", "public:article-list", "public:statement-list", "public:contacts",
         "public:feed-rss", "public:feed-atom"]


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_set_no_cookie_and_do_not_vary_on_it(client, name):
    publish(ArticleFactory())
    for _ in range(2):  # rendered, then from the cache
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert not response.cookies
        assert "Cookie" not in response.headers.get("Vary", "")
        assert response.headers["Cache-Control"] == pagecache.BROWSER_CACHE_CONTROL
        assert response.headers["ETag"] and response.headers["Last-Modified"]


def test_conditional_requests_get_304(client):
    article = publish(ArticleFactory())
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(
        article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"]
    )
    assert since.status_code == 304


def test_last_modified_of_a_detail_page_is_the_items_last_change_or_the_last_purge(client):
    from datetime import timedelta

    import time_machine
    from django.core.cache import cache
    from django.utils import timezone
    from django.utils.http import http_date

    with time_machine.travel(timezone.now() - timedelta(hours=1)):
        pagecache.purge()
    article = publish(ArticleFactory())  # after the purge
    response = client.get(article.get_absolute_url())
    assert response.headers["Last-Modified"] == http_date(article.updated_at.timestamp())
    pagecache.purge()  # e.g. a donor edited later
    generation = cache.get(pagecache.GENERATION_KEY)
    assert generation["at"] > article.updated_at.timestamp()
    response = client.get(article.get_absolute_url())
    assert response.headers["Last-Modified"] == http_date(generation["at"])


@pytest.mark.parametrize("page_cache_seconds", [600, 0])
def test_editing_a_donor_makes_an_old_if_modified_since_get_the_new_text(
    client, django_capture_on_commit_callbacks, settings, page_cache_seconds
):
    """The acknowledgement is on the page but its edit does not touch the article."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from tests.factories import DonorFactory

    settings.CACHE_MIDDLEWARE_SECONDS = page_cache_seconds
    article = publish(ArticleFactory())
    donor = DonorFactory(acknowledgement_en="Old thanks.")
    article.donors.add(donor)
    first = client.get(article.get_absolute_url())
    assert b"Old thanks." in first.content
    since = first.headers["Last-Modified"]
    assert client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        with django_capture_on_commit_callbacks(execute=True):
            donor.acknowledgement_en = "New thanks."
            donor.save()
        again = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=since)
    assert again.status_code == 200
    assert b"New thanks." in again.content


def test_the_second_request_comes_from_the_cache(client):
    article = publish(ArticleFactory(title_en="Before"))
    assert b"Before" in client.get(reverse("public:home")).content
    type(article).objects.filter(pk=article.pk).update(title_en="After")  # no signal
    assert b"Before" in client.get(reverse("public:home")).content


def test_public_content_changed_purges_every_language(client):
    article = publish(ArticleFactory(title_en="Before"))
    urls = []
    for code in ("en", "ar", "ckb"):
        with translation.override(code):
            urls += [reverse("public:home"), reverse("public:feed-rss"), article.get_absolute_url()]
    for url in urls:
        client.get(url)
    type(article).objects.filter(pk=article.pk).update(title_en="After")
    public_content_changed.send(sender=type(article), instance=article, reason="revised")
    for url in urls:
        assert b"After" in client.get(url).content, url


def test_saving_a_live_item_purges_after_commit(client, django_capture_on_commit_callbacks):
    statement = publish(StatementFactory(title_en="Before"))
    client.get(reverse("public:statement-list"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        statement.title_en = "After"
        statement.save()
    assert callbacks
    assert b"After" in client.get(reverse("public:statement-list")).content


def test_saving_a_draft_purges_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        ArticleFactory(title_en="A draft")
    assert callbacks == []


def test_feeds_are_sent_in_one_chunk(client):
    publish(ArticleFactory())
    response = client.get(reverse("public:feed-rss"))
    assert len(response._container) == 1


def test_the_preview_banner_and_noindex_show_when_preview_until_is_set(rf):
    from datetime import datetime

    from django.template.loader import render_to_string

    article = ArticleFactory()
    request = rf.get("/en/preview/x/")
    html = render_to_string(
        "public/article_detail.html",
        {"article": article, "object": article,
         "preview_until": datetime(2025, 1, 1, 9, 0, tzinfo=UTC)},
        request=request,
    )
    assert '<meta name="robots" content="noindex">' in html
    assert "Embargoed until" in html and "1 January 2025, 12:00" in html  # Baghdad is UTC+3
    statement = StatementFactory()
    html = render_to_string(
        "public/statement_detail.html",
        {"statement": statement, "object": statement,
         "preview_until": datetime(2025, 1, 1, 9, 0, tzinfo=UTC)},
        request=request,
    )
    assert '<meta name="robots" content="noindex">' in html and "Embargoed until" in html


def test_a_passed_embargo_renews_the_generation_once(client, monkeypatch):
    """Requests arriving together at the embargo second: one renews, none undoes another."""
    import time

    from django.core.cache import cache

    stale = {"id": "old", "until": time.time() - 1}
    cache.set(pagecache.GENERATION_KEY, stale, None)
    computed = []
    real = pagecache._next_scheduled_change
    monkeypatch.setattr(
        pagecache, "_next_scheduled_change", lambda: computed.append(1) or real()
    )
    # Each request read the stale generation before any of them renewed it.
    first = pagecache._current(dict(stale))
    second = pagecache._current(dict(stale))
    assert len(computed) == 1
    assert first["id"] != "old" and second["id"] == first["id"]
    assert cache.get(pagecache.GENERATION_KEY)["id"] == first["id"]


def test_while_another_request_renews_a_page_is_rendered_and_not_stored(client):
    import time

    from django.core.cache import cache

    article = publish(ArticleFactory(title_en="Before"))
    stale = {"id": "old", "until": time.time() - 1}
    cache.set(pagecache.GENERATION_KEY, stale, None)
    cache.add(pagecache.RENEWING_KEY.format("old"), 1, 10)  # someone else is renewing
    response = client.get(reverse("public:home"))
    assert response.status_code == 200 and b"Before" in response.content
    assert cache.get(pagecache.GENERATION_KEY) == stale  # not renewed a second time
    type(article).objects.filter(pk=article.pk).update(title_en="After")  # no signal
    assert b"After" in client.get(reverse("public:home")).content  # nothing was stored


@pytest.fixture
def stored_pages(monkeypatch):
    """The keys of the pages the page cache stores."""
    from django.core.cache import cache

    stored = []
    real_set = cache.set

    def spy(key, *args, **kwargs):
        if key.startswith("public:page:"):
            stored.append(key)
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    return stored


def test_unknown_query_parameters_neither_bypass_nor_fill_the_page_cache(client, stored_pages):
    article = publish(ArticleFactory(title_en="Before"))
    first = client.get(reverse("public:article-list") + "?x=8f3a<b>&utm_source=y")
    assert first.status_code == 200 and b"Before" in first.content
    assert b"8f3a" not in first.content and b"utm_source" not in first.content
    type(article).objects.filter(pk=article.pk).update(title_en="After")  # no signal
    for query in ("", "?x=1", "?x=2&x=3", "?kind=bogus&year=abc&page=1&page=x"):
        response = client.get(reverse("public:article-list") + query)
        assert b"Before" in response.content, query  # the one canonical page
    for name in ("public:home", "public:feed-rss", "public:statement-list"):
        client.get(reverse(name) + "?x=1")
        client.get(reverse(name) + "?x=2")
    assert len(stored_pages) == 4, stored_pages


def test_list_filters_and_pages_are_keyed_by_their_normalised_values(client, stored_pages):
    article = publish(ArticleFactory(kind="news"))
    article.tags.add("Water")
    year = article.publish_at.year
    for query in ("?kind=news", "?page=1&kind=news&utm=1", f"?tag=water&year={year}",
                  f"?year={year}&tag=water&x=1"):
        assert client.get(reverse("public:article-list") + query).status_code == 200
    assert len(stored_pages) == 2, stored_pages


def test_filter_values_that_name_nothing_are_rendered_but_not_stored(client, stored_pages):
    publish(ArticleFactory()).tags.add("Water")
    for query in ("?tag=no-such-tag", "?donor=nobody", "?year=1999"):
        assert client.get(reverse("public:article-list") + query).status_code == 200
    assert stored_pages == []


def test_items_loaded_without_their_status_cost_one_query_and_purge_when_saved(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    from newsroom.articles.models import Article

    for n in range(5):
        ArticleFactory(title_en=f"Draft {n}")
    with django_assert_num_queries(1):
        drafts = list(Article.objects.only("pk", "title_en").order_by("pk"))
    assert [d.title_en for d in drafts] == [f"Draft {n}" for n in range(5)]

    with django_capture_on_commit_callbacks() as callbacks:
        drafts[0].title_en = "Renamed"
        drafts[0].save(update_fields=["title_en"])
    assert callbacks  # its status was never read: it may have been live
