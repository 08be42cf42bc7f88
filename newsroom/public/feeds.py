"""RSS 2.0 and Atom feeds per language, and per tag and per donor."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.articles.models import Article
from newsroom.donors.models import Donor
from newsroom.public import fallback, listing, pagecache
from newsroom.public.metadata import absolute
from newsroom.statements.models import Statement

SIZE = 30


class _ItemLanguage:
    """An entry shown in a fallback language says so (xml:lang on <item>/<entry>)."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


# Summaries are plain text (PlainTextField). A reader renders an RSS description, and an
# Atom summary of type "html", as markup: escape the one, declare the other as text.
class PlainSummaryRss(_ItemLanguage, Rss201rev2Feed):
    def add_item_elements(self, handler, item):
        if item["description"] is not None:
            item = {**item, "description": escape(item["description"])}
        super().add_item_elements(handler, item)


class PlainSummaryAtom(_ItemLanguage, Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class NewsFeed(Feed):
    feed_type = PlainSummaryRss

    def __call__(self, request, *args, **kwargs):
        # pagecache joins the body into one chunk (DESIGN.md, performance notes).
        return pagecache.serve(request, lambda: super(NewsFeed, self).__call__(request, *args, **kwargs))

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = get_language()
        return feed

    def title(self, obj):
        return _("Newsroom: latest news")

    def link(self, obj):
        return absolute(reverse("public:home"))

    def description(self, obj):
        return _("Press releases, news, stories and statements.")

    def items(self, obj):
        articles = list(listing.teasers(Article.objects.published())[:SIZE])
        statements = list(listing.teasers(Statement.objects.published())[:SIZE])
        merged = sorted(articles + statements, key=lambda i: i.publish_at, reverse=True)
        return merged[:SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text (escaped by PlainSummaryRss, type="text" in Atom): no markup to carry a
        # fallback's language, so the entry says it with xml:lang (item_extra_kwargs).
        return item.summary

    def item_extra_kwargs(self, item):
        code = fallback.field_language(item, "title", get_language())
        return {"language": code if code != get_language() else None}

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return getattr(item, "byline", "") or getattr(item, "speaker_name", "") or None


class NewsAtomFeed(NewsFeed):
    feed_type = PlainSummaryAtom
    subtitle = NewsFeed.description


class TagFeed(NewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(
            listing.published_tags(Article, Statement), slug=slug
        )

    def title(self, obj):
        return _("Newsroom: %(tag)s") % {"tag": obj.name}

    def link(self, obj):
        return absolute(reverse("public:tag-detail", kwargs={"slug": obj.slug}))

    def items(self, obj):
        articles = list(listing.with_tag(listing.teasers(Article.objects.published()), tag=obj)[:SIZE])
        statements = list(listing.with_tag(listing.teasers(Statement.objects.published()), tag=obj)[:SIZE])
        merged = sorted(articles + statements, key=lambda i: i.publish_at, reverse=True)
        return merged[:SIZE]


class TagAtomFeed(TagFeed):
    feed_type = PlainSummaryAtom
    subtitle = NewsFeed.description


class DonorFeed(NewsFeed):
    # An active donor is reference data: its feed exists without published items
    # (DonorDetailView).
    def get_object(self, request, slug):
        return get_object_or_404(Donor.objects.public(), slug=slug)

    def title(self, obj):
        return _("Newsroom: funded by %(donor)s") % {"donor": obj.name}

    def link(self, obj):
        return absolute(reverse("public:donor-detail", kwargs={"slug": obj.slug}))

    def items(self, obj):
        return listing.with_donor(listing.teasers(Article.objects.published()), donor=obj)[:SIZE]


class DonorAtomFeed(DonorFeed):
    feed_type = PlainSummaryAtom
    subtitle = NewsFeed.description
