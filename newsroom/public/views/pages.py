from functools import cached_property

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from newsroom.articles.models import Article
from newsroom.contacts.models import Contact
from newsroom.core.models import Tag
from newsroom.donors.models import Donor
from newsroom.public import listing, loading, metadata
from newsroom.public.views.cached import CachedPage
from newsroom.statements.models import Statement


def published_articles():
    # Teasers show neither tags nor donors: no for_listing() prefetch.
    return listing.teasers(Article.objects.published())


def published_statements():
    return listing.teasers(Statement.objects.published())


# Articles a donor or tag page shows; "All news" links to the list for the rest.
SHOWN = 30


def page_param(request) -> str:
    """The page number as the paginator reads it, normalised; "" for the first page."""
    page = request.GET.get("page", "")
    return str(int(page)) if page.isdigit() and int(page) > 1 else ""


def first(queryset, n: int) -> tuple[list, bool]:
    """The first n items and whether there are more: one query (n + 1 rows), no COUNT."""
    items = list(queryset[: n + 1])
    return items[:n], len(items) > n


class HomeView(CachedPage, TemplateView):
    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        latest = list(published_articles()[:10])
        featured = next((a for a in latest if a.kind == Article.Kind.STORY), None)
        featured = featured or (latest[0] if latest else None)
        return super().get_context_data(
            featured=featured,
            articles=[a for a in latest if a is not featured][:8],
            statements=list(published_statements()[:5]),
            **kwargs,
        )


class ArticleListView(CachedPage, ListView):
    """News list, filtered by kind, tag, donor and year (query string)."""

    template_name = "public/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def filters(self) -> dict:
        params = self.request.GET
        year = params.get("year", "")
        return {
            "kind": params.get("kind", "") if params.get("kind") in Article.Kind.values else "",
            "tag": params.get("tag", "")[:100],
            "donor": params.get("donor", "")[:200],
            "year": int(year) if year.isdigit() and len(year) == 4 else None,
        }

    def cache_params(self) -> dict[str, str]:
        chosen = self.filters()
        return {
            "kind": chosen["kind"], "tag": chosen["tag"], "donor": chosen["donor"],
            "year": str(chosen["year"] or ""), "page": page_param(self.request),
        }

    def named(self) -> bool:
        """Whether every filter names something public (a tag, donor or year in use)."""
        chosen, facts = self.filters(), self.facts
        return not (
            (chosen["tag"] and chosen["tag"] not in {t.slug for t in self.tags})
            or (chosen["donor"] and chosen["donor"] not in {d.slug for d in self.donors})
            or (chosen["year"] and chosen["year"] not in facts["years"])
        )

    @cached_property
    def facts(self) -> dict:
        return listing.archive_facts(Article)

    @cached_property
    def tags(self) -> list:
        return list(Tag.objects.filter(pk__in=self.facts["tags"]))

    @cached_property
    def donors(self) -> list:
        return list(Donor.objects.public().filter(pk__in=self.facts["donors"]))

    def get_queryset(self):
        chosen = self.filters()
        articles = published_articles()
        if not self.named():
            # A filter value that names nothing: an empty list, no query, never
            # stored (made-up values must not fill the page cache).
            self.cache_store = False
            return articles.none()
        if chosen["kind"]:
            articles = articles.filter(kind=chosen["kind"])
        if chosen["tag"]:
            articles = listing.with_tag(articles, tag__slug=chosen["tag"])
        if chosen["donor"]:
            articles = listing.with_donor(articles, donor__slug=chosen["donor"])
        if chosen["year"]:
            articles = articles.filter(publish_at__year=chosen["year"])
        return articles

    def get_paginator(self, queryset, per_page, **kwargs):
        chosen = self.filters()
        count = 0 if not self.named() else listing.remembered_count(
            queryset, chosen["kind"], chosen["tag"], chosen["donor"], chosen["year"]
        )
        return listing.CountedPaginator(queryset, per_page, count, **kwargs)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            chosen=self.filters(),
            kinds=Article.Kind.choices,
            tags=self.tags,
            donors=self.donors,
            years=self.facts["years"],
            query_without_page=query.urlencode(),
            **kwargs,
        )


class ArticleDetailView(CachedPage, DetailView):
    template_name = "public/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get_object(self, queryset=None):
        # The same five queries as get_queryset().get(slug=...), compiled once (loading.py).
        article = loading.published_article(self.kwargs["slug"])
        self.last_modified = article.updated_at
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(metadata.for_article(self.request, self.object))
        return context


class StatementListView(CachedPage, ListView):
    template_name = "public/statement_list.html"
    context_object_name = "statements"
    paginate_by = 20

    def cache_params(self) -> dict[str, str]:
        return {"page": page_param(self.request)}

    def get_queryset(self):
        return published_statements()

    def get_paginator(self, queryset, per_page, **kwargs):
        count = listing.remembered_count(queryset)
        return listing.CountedPaginator(queryset, per_page, count, **kwargs)


class StatementDetailView(CachedPage, DetailView):
    template_name = "public/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return Statement.objects.published().prefetch_related("tags")

    def get_object(self, queryset=None):
        statement = super().get_object(queryset)
        self.last_modified = statement.updated_at
        return statement

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(metadata.for_statement(self.request, self.object))
        return context


class DonorDetailView(CachedPage, DetailView):
    """A donor's acknowledgement and the published items it funded.

    Unlike a tag, an active donor is public reference data (its name and
    acknowledgement are entered to be shown), not content: its page and feeds
    exist even before any published item credits it. Nothing of an unpublished
    item is shown on them.
    """

    template_name = "public/donor_detail.html"
    context_object_name = "donor"
    queryset = Donor.objects.public()

    def get_context_data(self, **kwargs):
        articles, more = first(listing.with_donor(published_articles(), donor=self.object), SHOWN)
        return super().get_context_data(articles=articles, more=more, **kwargs)


class TagDetailView(CachedPage, TemplateView):
    template_name = "public/tag_detail.html"

    def get_context_data(self, **kwargs):
        tag = get_object_or_404(Tag, slug=kwargs["slug"])
        articles, more = first(listing.with_tag(published_articles(), tag=tag), SHOWN)
        statements = list(listing.with_tag(published_statements(), tag=tag)[:10])
        if not articles and not statements:
            # No page for a tag only unpublished items carry (its name would leak):
            # what listing.published_tags() decides, read off the page's own lists.
            raise Http404("No published item carries this tag.")
        return super().get_context_data(
            tag=tag, articles=articles, more=more, statements=statements, **kwargs
        )


class ContactsView(CachedPage, TemplateView):
    template_name = "public/contacts.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contacts=Contact.objects.public(), page_title=_("Media contacts"), **kwargs
        )

