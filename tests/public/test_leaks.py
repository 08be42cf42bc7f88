"""A canary item in every non-public state never reaches any public surface, in any language.

Each surface is rendered first while the canary is live (so the page cache
holds it), then the canary leaves public view: purging must take it out.
"""

from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.core.models import Tag
from newsroom.public import pagecache
from newsroom.workflow import services
from newsroom.workflow.models import Status
from tests.factories import ArticleFactory, DonorFactory, StatementFactory, reviewer
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db

CANARY = "zebracanary"
TITLES = {"title_en": f"{CANARY} english", "title_ar": f"{CANARY} عربي", "title_ckb": f"{CANARY} کوردی"}
BODIES = {f"body_{c}": f"<p>{CANARY} body {c}</p>" for c in ("en", "ar", "ckb")}
# A tag only the canary carries: its page and feeds exist only while the canary is public.
CANARY_TAG = "Quokkatopic"


def hide(item, state):
    now = timezone.now()
    if state in ("expired", "expired_by_sweep"):
        return  # expiry comes with time, see the test
    if state == "unpublished_by_service":  # what the admin's unpublish action runs
        services.unpublish(item, reviewer())
        item.refresh_from_db()
        assert item.status == Status.UNPUBLISHED
        return
    if state == "approved_for_later":
        item.status, item.publish_at = Status.APPROVED, now + timedelta(days=2)
    else:
        item.status = state
    item.save()


@pytest.fixture
def world():
    donor = DonorFactory()
    visible = publish(ArticleFactory())  # keeps the tag and donor pages alive
    visible.tags.add("Shelter")
    visible.donors.add(donor)
    publish(StatementFactory()).tags.add("Shelter")
    ArticleFactory().tags.add(CANARY_TAG)  # a draft carries it too: not enough
    return {"donor": donor, "tag": visible.tags.get(), "canary_tag": Tag.objects.get(name=CANARY_TAG)}


def canary_tag_urls(code, world):
    slug = world["canary_tag"].slug
    with translation.override(code):
        return [
            reverse("public:tag-detail", args=[slug]),
            reverse("public:tag-feed-rss", args=[slug]),
            reverse("public:tag-feed-atom", args=[slug]),
        ]


def surfaces(code, world):
    tag, donor = world["tag"], world["donor"]
    with translation.override(code):
        pages = [
            reverse("public:home"),
            reverse("public:article-list"),
            reverse("public:article-list") + f"?tag={tag.slug}",
            reverse("public:article-list") + f"?donor={donor.slug}",
            reverse("public:statement-list"),
            reverse("public:tag-detail", args=[tag.slug]),
            reverse("public:donor-detail", args=[donor.slug]),
            reverse("public:search") + f"?q={CANARY}",
        ]
        feeds = [
            reverse("public:feed-rss"), reverse("public:feed-atom"),
            reverse("public:tag-feed-rss", args=[tag.slug]),
            reverse("public:tag-feed-atom", args=[tag.slug]),
            reverse("public:donor-feed-rss", args=[donor.slug]),
            reverse("public:donor-feed-atom", args=[donor.slug]),
        ]
    sitemaps = ["/sitemap.xml", "/sitemap-articles-1.xml", "/sitemap-statements-1.xml"]
    return pages + feeds + sitemaps, feeds


def appears(client, code, world, canary_url):
    found = []
    urls, feeds = surfaces(code, world)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        if url in feeds:
            assert not feedparser.parse(response.content).bozo, url
        # The search page echoes the bare query: look for the canary's own text.
        if f"{CANARY} " in text or canary_url in text or CANARY_TAG in text:
            found.append(url)
    # Pages that exist only through the canary: the detail, its own tag's page and feeds.
    for url in [canary_url, *canary_tag_urls(code, world)]:
        if client.get(url).status_code != 404:
            found.append(url)
    return found


# The *_by_* states go through the workflow's own services (and their signal);
# the others are set on the row, as any other writer could.
STATES = ["draft", "in_review", "changes_requested", "approved_for_later", "unpublished", "expired",
          "unpublished_by_service", "expired_by_sweep"]


def make_canary(kind, world):
    if kind == "article":
        item = ArticleFactory(**TITLES, **BODIES)
        item.donors.add(world["donor"])
    else:
        item = StatementFactory(**TITLES, **BODIES)
    item.tags.add(world["tag"], world["canary_tag"])
    return publish(item, expire_at=timezone.now() + timedelta(hours=1))


@pytest.mark.parametrize("code", ["en", "ar", "ckb"])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", ["article", "statement"])
def test_a_canary_leaves_every_public_surface(
    client, django_capture_on_commit_callbacks, world, kind, state, code
):
    canary = make_canary(kind, world)
    with translation.override(code):
        canary_url = canary.get_absolute_url()
    # Live: it is everywhere it should be (and the page cache now holds it).
    shown = appears(client, code, world, canary_url)
    assert canary_url in shown
    assert set(canary_tag_urls(code, world)) <= set(shown)
    # Articles: home, lists (3), detail, tag and donor pages, 6 feeds, search, sitemap,
    # and its own tag's page and 2 feeds.
    assert len(shown) == (18 if kind == "article" else 13), shown

    with django_capture_on_commit_callbacks(execute=True):
        hide(canary, state)
    if state == "expired":
        with time_machine.travel(timezone.now() + timedelta(hours=2)):
            assert appears(client, code, world, canary_url) == []
    elif state == "expired_by_sweep":
        with time_machine.travel(timezone.now() + timedelta(hours=2)):
            before = cache.get(pagecache.GENERATION_KEY)
            with django_capture_on_commit_callbacks(execute=True):
                assert services.sweep()["expired"] == 1
            canary.refresh_from_db()
            assert canary.status == Status.UNPUBLISHED
            assert cache.get(pagecache.GENERATION_KEY)["id"] != before["id"]  # purged
            assert appears(client, code, world, canary_url) == []
    else:
        assert appears(client, code, world, canary_url) == []


@pytest.mark.parametrize("state", ["draft", "in_review", "changes_requested", "approved_for_later"])
def test_an_item_never_published_is_never_shown(client, world, state):
    canary = ArticleFactory(**TITLES, **BODIES)
    canary.donors.add(world["donor"])
    canary.tags.add(world["tag"], world["canary_tag"])
    hide(canary, state)
    for code in ("en", "ar", "ckb"):
        with translation.override(code):
            canary_url = canary.get_absolute_url()
        assert appears(client, code, world, canary_url) == []


def test_an_embargoed_item_appears_when_its_time_comes_without_any_worker(client, world):
    canary = ArticleFactory(**TITLES, **BODIES)
    hide(canary, "approved_for_later")
    assert CANARY not in client.get(reverse("public:home")).content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert CANARY in client.get(reverse("public:home")).content.decode()
