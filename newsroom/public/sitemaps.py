"""sitemap.xml: an index of pages of items, each URL with hreflang for its real translations.

Only languages an item really has (available_languages()) are listed; an item
that falls back to English in Arabic has no Arabic URL in the sitemap.
"""

import math

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views import View

from newsroom.articles.models import Article
from newsroom.core.languages import CODES, SOURCE
from newsroom.public import pagecache
from newsroom.public.metadata import absolute
from newsroom.statements.models import Statement

PAGE_SIZE = 1000
SECTIONS = {"articles": Article, "statements": Statement}


def _columns(model) -> list[str]:
    # What available_languages() reads, and nothing else (bodies are needed: a
    # translation without a body is missing).
    fields = [f"{f}_{c}" for f in model.translated_fields for c in CODES]
    return ["slug", "updated_at", "publish_at", "source_language", "translation_marks", *fields]


def _url(item, code: str) -> str:
    with translation.override(code):
        return absolute(item.get_absolute_url())


def _entries(model, page: int) -> list[dict]:
    items = model.objects.published().order_by("-publish_at", "pk").only(*_columns(model))
    entries = []
    for item in items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
        codes = item.available_languages()
        alternates = [{"lang_code": c, "location": _url(item, c)} for c in codes]
        if SOURCE in codes:
            alternates.append({"lang_code": "x-default", "location": _url(item, SOURCE)})
        for code in codes:
            entries.append(
                {"location": _url(item, code), "lastmod": item.updated_at, "alternates": alternates}
            )
    return entries


class SitemapIndexView(View):
    def get(self, request):
        return pagecache.serve(request, lambda: self.render(request))

    def render(self, request):
        pages = [absolute(reverse("sitemap-pages"))]
        for section, model in SECTIONS.items():
            count = model.objects.published().count()
            for page in range(1, max(1, math.ceil(count / PAGE_SIZE)) + 1):
                pages.append(absolute(reverse("sitemap-section", args=[section, page])))
        return TemplateResponse(
            request, "public/sitemap_index.xml", {"pages": pages}, content_type="application/xml"
        )


class SitemapSectionView(View):
    # More pages than any archive has; a longer number would overflow the query's OFFSET.
    MAX_PAGE = 100_000

    def get(self, request, section, page):
        if section not in SECTIONS or not 1 <= page <= self.MAX_PAGE:
            raise Http404
        return pagecache.serve(request, lambda: self.render(request, section, page))

    def render(self, request, section, page):
        entries = _entries(SECTIONS[section], page)
        if not entries and page > 1:
            raise Http404
        return TemplateResponse(
            request, "public/sitemap.xml", {"urlset": entries}, content_type="application/xml"
        )


class SitemapPagesView(View):
    """Home and lists, which exist in every language."""

    names = ("public:home", "public:article-list", "public:statement-list", "public:contacts")

    def get(self, request):
        return pagecache.serve(request, lambda: self.render(request))

    def render(self, request):
        entries = []
        for name in self.names:
            alternates = []
            for code in CODES:
                with translation.override(code):
                    alternates.append({"lang_code": code, "location": absolute(reverse(name))})
            entries += [{"location": a["location"], "alternates": alternates} for a in alternates]
        return TemplateResponse(
            request, "public/sitemap.xml", {"urlset": entries}, content_type="application/xml"
        )


ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /preview/
{search}
Sitemap: {sitemap}
"""
