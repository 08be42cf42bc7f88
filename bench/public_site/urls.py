"""The project's URLs plus the baselines the public site is measured against.

/en/bench/minimal/  renders the same article template with the same objects, held in
                 memory (no database, no page cache): the cost of Django + the template.
/en/bench/prebuilt/ returns the same HTML as prebuilt bytes: Django's floor.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django.urls import path

from config.urls import urlpatterns as project_urls
from newsroom.public import loading, metadata

_held: dict = {}


def _article():
    if "article" not in _held:
        slug = open("var/bench/slug.txt").read().strip()
        # Loaded as the detail view loads it (relations in article.detail_related).
        _held["article"] = loading.published_article(slug)
    return _held["article"]


def minimal(request):
    article = _article()
    context = {"article": article, "object": article}
    context.update(metadata.for_article(RequestFactory().get(article.get_absolute_url()), article))
    return TemplateResponse(request, "public/article_detail.html", context)


def prebuilt(request):
    if "bytes" not in _held:
        _held["bytes"] = minimal(request).render().content
    return HttpResponse(_held["bytes"])


urlpatterns = i18n_patterns(
    path("bench/minimal/", minimal, name="bench-minimal"),
    path("bench/prebuilt/", prebuilt, name="bench-prebuilt"),
) + project_urls
