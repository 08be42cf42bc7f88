"""sitemap.xml: an index of pages of items, each URL with hreflang for its real translations.

Only languages an item really has (available_languages(), here computed in SQL
as listing's `present_<code>` flags) are listed; an item that falls back to
English in Arabic has no Arabic URL in the sitemap.

At the scale of an archive: a section page is one query that seeks by index
(no OFFSET, no bodies, no model instances), and the index reads no row at all.
Where each page starts (its first item's publish_at and pk) is computed once per
page-cache generation (pagecache.remember): one pass over the published rows'
dates. Loading whole items read every language's body, 1,000 rows at ~10 KB, and
the post_init signal that remembers an item's status read the deferred `status`
column once per URL: 1,001 queries a page.
"""

import re
from urllib.parse import quote

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.views import View

from newsroom.articles.models import Article
from newsroom.core.languages import CODES, SOURCE
from newsroom.public import listing, pagecache
from newsroom.public.metadata import absolute
from newsroom.statements.models import Statement

# Items per section page: each gives up to one URL per language, well under the
# protocol's 50,000 URLs (and 50 MB) a file.
PAGE_SIZE = 500
SECTIONS = {"articles": Article, "statements": Statement}
DETAIL_URLS = {"articles": "public:article-detail", "statements": "public:statement-detail"}
ORDER = ("-publish_at", "pk")
_SLUG = "sitemap-slug-placeholder"
_PAGE_PLACEHOLDER = 7_426_913_605
# As reverse() quotes a path.
_SAFE = "!$&'()*+,;=/~:@"
# A slug that needs neither quoting nor escaping (most do not).
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


def page_starts(section: str) -> list[tuple]:
    """(publish_at, pk) of the first item of each section page, once per generation."""
    def compute() -> list[tuple]:
        numbered = SECTIONS[section].objects.published().annotate(
            row=Window(RowNumber(), order_by=[F("publish_at").desc(), F("pk").asc()])
        )
        firsts = numbered.annotate(offset=(F("row") - 1) % PAGE_SIZE).filter(offset=0)
        return sorted(firsts.values_list("publish_at", "pk"), key=lambda s: (-s[0].timestamp(), s[1]))

    return pagecache.remember(f"sitemap:{section}:{PAGE_SIZE}", compute)


def _url_parts(section: str) -> dict[str, tuple[str, str]]:
    """Per language, the absolute detail URL around its slug (one reverse() per language)."""
    parts = {}
    for code in CODES:
        with translation.override(code):
            url = escape(absolute(reverse(DETAIL_URLS[section], kwargs={"slug": _SLUG})))
        before, after = url.split(_SLUG)
        parts[code] = (before, after)
    return parts


def _rows(section: str, page: int) -> list[tuple]:
    starts = page_starts(section)
    if page > len(starts):
        return []
    at, pk = starts[page - 1]
    model = SECTIONS[section]
    flags = listing.presence_flags(model)
    # rewrite(False): plain tuples, not modeltranslation's per-row fallback dicts
    # (nothing here is a translated field); the day computed by the database.
    return list(
        model.objects.published()
        .rewrite(False)
        # publish_at <= at, though implied by the OR, is what the index can seek to:
        # without it PostgreSQL walked every newer row (74,500 for page 150 of 100,000).
        .filter(Q(publish_at__lt=at) | Q(publish_at=at, pk__gte=pk), publish_at__lte=at)
        .annotate(lastmod=TruncDate("updated_at"), **flags)
        .order_by(*ORDER)
        .values_list("slug", "lastmod", *flags)[:PAGE_SIZE]
    )


def urlset(section: str, page: int) -> bytes | None:
    """The section page's XML; None when the page does not exist."""
    rows = _rows(section, page)
    if not rows and page > 1:
        return None
    parts = _url_parts(section)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for slug, lastmod, *present in rows:
        if not _PLAIN.fullmatch(slug):
            slug = escape(quote(slug, safe=_SAFE))
        codes = [code for code, here in zip(CODES, present, strict=True) if here]
        locations = {code: parts[code][0] + slug + parts[code][1] for code in codes}
        links = [
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>'
            for code, url in locations.items()
        ]
        if SOURCE in locations:
            links.append(
                f'<xhtml:link rel="alternate" hreflang="x-default" href="{locations[SOURCE]}"/>'
            )
        alternates = "".join(links)
        lastmod = lastmod.isoformat()
        for url in locations.values():
            out.append(f"<url><loc>{url}</loc><lastmod>{lastmod}</lastmod>{alternates}</url>\n")
    out.append("</urlset>\n")
    return "".join(out).encode()


class SitemapIndexView(View):
    def get(self, request):
        return pagecache.serve(request, lambda: self.render(request))

    def render(self, request):
        pages = [absolute(reverse("sitemap-pages"))]
        for section in SECTIONS:
            # One reverse() per section, not per page: 200 pages at 100,000 articles.
            before, after = absolute(
                reverse("sitemap-section", args=[section, _PAGE_PLACEHOLDER])
            ).split(str(_PAGE_PLACEHOLDER))
            for page in range(1, max(1, len(page_starts(section))) + 1):
                pages.append(f"{before}{page}{after}")
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
        body = urlset(section, page)
        if body is None:
            raise Http404("No such sitemap page.")
        return HttpResponse(body, content_type="application/xml")


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
