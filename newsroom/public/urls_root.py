"""Public addresses without a language prefix (robots.txt, sitemap.xml)."""

from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import translation

from newsroom.core.languages import CODES
from newsroom.public import pagecache
from newsroom.public.metadata import absolute
from newsroom.public.sitemaps import (
    ROBOTS,
    SitemapIndexView,
    SitemapPagesView,
    SitemapSectionView,
)


def robots_txt(request):
    searches = []
    for code in CODES:
        with translation.override(code):
            searches.append(f"Disallow: {reverse('public:search')}")
            # Bandit B105 (low), accepted: "-" is a placeholder to build a path, no secret.
            preview = reverse("workflow:preview", kwargs={"token": "-"}).removesuffix("-/")  # nosec B105
            searches.append(f"Disallow: {preview}")
    body = ROBOTS.format(search="\n".join(searches), sitemap=absolute(reverse("sitemap")))
    return pagecache.finish(request, HttpResponse(body, content_type="text/plain; charset=utf-8"))


urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", SitemapIndexView.as_view(), name="sitemap"),
    path("sitemap-pages.xml", SitemapPagesView.as_view(), name="sitemap-pages"),
    path(
        "sitemap-<slug:section>-<int:page>.xml",
        SitemapSectionView.as_view(),
        name="sitemap-section",
    ),
]
