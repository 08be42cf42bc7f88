"""The full-page cache of the public site, purged by a generation counter.

Every cached page is stored with the generation it was rendered under. A purge
writes a new generation, so every page (lists, tags, donors, feeds, sitemaps, in
every language) becomes stale at once: no need to know where an item appeared.
One cache round trip per hit: the generation and the page are read together.

A page's Last-Modified is the later of its own (a detail page: the item's
updated_at) and the time its generation began. A detail page also shows donor
acknowledgements, contacts and tags whose edits do not touch the item's
updated_at but do purge: without the generation's time, a client sending only
If-Modified-Since would get a 304 for the old text.

The generation also carries the moment of the next scheduled change (an embargo
lifting, an item expiring). Visibility is computed at query time, so a page
rendered before that moment must not outlive it, even if no worker ever sends
public_content_changed: past that moment the generation renews itself, once:
the first request past it takes a short lock (cache.add) and renews; requests
that arrive meanwhile use the renewed generation if it is already written, or
else render without reading or storing any page. Without the lock every request
at the embargo second renewed it (four aggregates and a write each) and threw
away the pages the others had just stored.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

GENERATION_KEY = "public:generation"
# "public:renewing:<id of the stale generation>", held by the request renewing it.
RENEWING_KEY = "public:renewing:{}"
RENEWING_SECONDS = 10
# Browsers revalidate every time (a 304 is cheap); the proxy keeps pages one second.
BROWSER_CACHE_CONTROL = "public, max-age=0, must-revalidate"


@dataclass(frozen=True)
class Page:
    generation: str
    body: bytes
    content_type: str
    status: int
    etag: str
    last_modified: float


def _next_scheduled_change() -> float | None:
    """Seconds since the epoch of the next embargo end or expiry, if any."""
    from newsroom.articles.models import Article
    from newsroom.statements.models import Statement

    now = timezone.now()
    moments = []
    for model in (Article, Statement):
        found = model.objects.aggregate(
            starts=Min("publish_at", filter=Q(pk__in=model.objects.scheduled(now).values("pk"))),
            ends=Min("expire_at", filter=Q(pk__in=model.objects.published(now).values("pk"))),
        )
        moments += [m for m in found.values() if m is not None]
    return min(moments).timestamp() if moments else None


def new_generation() -> dict:
    generation = {"id": uuid.uuid4().hex, "until": _next_scheduled_change(), "at": time.time()}
    cache.set(GENERATION_KEY, generation, None)
    return generation


def purge() -> None:
    """Make every cached public page stale (in every language)."""
    new_generation()


def _stale(generation: dict | None) -> bool:
    return not generation or "at" not in generation or (
        generation["until"] is not None and generation["until"] <= time.time()
    )


def _current(generation: dict | None) -> dict | None:
    """The generation to render under; None while another request renews it."""
    if not _stale(generation):
        return generation
    stale_id = generation["id"] if generation else "none"
    if cache.add(RENEWING_KEY.format(stale_id), 1, RENEWING_SECONDS):
        return new_generation()
    renewed = cache.get(GENERATION_KEY)
    return None if _stale(renewed) else renewed


def canonicalize(request: HttpRequest, params: dict[str, str]) -> None:
    """Make the request's query string exactly the view's normalised parameters.

    Everything rendered from the request (filters, pagination and language
    links) then sees the canonical query, so the page may be stored under it.
    """
    query = QueryDict(mutable=True)
    for name in sorted(params):
        if params[name]:
            query[name] = params[name]
    encoded = query.urlencode()
    if encoded != request.META.get("QUERY_STRING", ""):
        query._mutable = False
        request.GET = query
        request.META["QUERY_STRING"] = encoded


def page_key(request: HttpRequest) -> str:
    """The path and the canonical query string (see canonicalize())."""
    path = request.get_full_path()
    digest = hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()  # a cache key
    return f"public:page:{get_language()}:{digest}"


def etag_for(body: bytes) -> str:
    return f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


def finish(request: HttpRequest, response: HttpResponse, last_modified: float | None = None):
    """Validators and Cache-Control for a public response; 304 when the client has it."""
    if last_modified is not None:
        last_modified = int(last_modified)  # HTTP dates have whole seconds
    if not response.streaming and response.status_code == 200:
        response.headers.setdefault("ETag", etag_for(response.content))
        if last_modified is not None:
            response.headers.setdefault("Last-Modified", http_date(last_modified))
    response.headers["Cache-Control"] = BROWSER_CACHE_CONTROL
    # For nginx's micro-cache: fresh until the end of this second. nginx counts
    # whole seconds, so "1s" alone keeps a copy up to two seconds; an absolute
    # time keeps it at most one (deploy/nginx.conf, docs/deploy.md).
    response.headers["X-Accel-Expires"] = f"@{int(time.time())}"
    if response.status_code == 200:
        return get_conditional_response(
            request,
            etag=response.headers.get("ETag"),
            last_modified=last_modified,
            response=response,
        )
    return response


def _last_modified(response: HttpResponse, generation: dict | None) -> float:
    """The later of the page's own Last-Modified (if any) and its generation's start."""
    own = getattr(response, "last_modified_at", None)
    if own is None or generation is None:
        return time.time()
    return max(own, generation["at"])


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.method == "GET"
        and response.status_code in (200, 404)
        and not response.streaming
        and not response.cookies
        and "Cookie" not in response.headers.get("Vary", "")
        and getattr(response, "page_cache_store", True)
    )


def _rendered(render) -> HttpResponse:
    response = render()
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    # One chunk: gunicorn's sync workers send each chunk with its own write.
    response.content = response.content
    return response


# "public:fact:<name>": a value computed over every published row (a count, the
# years, the tags in use), stored with the generation it was computed under.
FACT_KEY = "public:fact:{}"
FACT_SECONDS = 24 * 3600


def remember(name: str, compute):
    """compute(), once per generation: what a page derives from every published row.

    A COUNT or a DISTINCT over the archive costs ~100 ms at 100,000 items; every
    change to what is public starts a new generation (and so does the next
    scheduled change), so the value stays right until then. Stored even with
    the page cache off (PAGE_CACHE_SECONDS=0): it is not a page. One cache
    round trip when known.
    """
    key = FACT_KEY.format(name)
    found = cache.get_many([GENERATION_KEY, key])
    generation = _current(found.get(GENERATION_KEY))
    fact = found.get(key)
    if generation is not None and fact is not None and fact[0] == generation["id"]:
        return fact[1]
    value = compute()
    if generation is not None:
        timeout = FACT_SECONDS
        if generation["until"]:
            timeout = max(1, min(timeout, int(generation["until"] - time.time()) + 1))
        cache.set(key, (generation["id"], value), timeout)
    return value


def serve(request: HttpRequest, render, params: dict[str, str] | None = None) -> HttpResponse:
    """Answer from the page cache, or render(), store and answer.

    `params`: the view's normalised query parameters (name -> value, "" for
    unset); any other query parameter is dropped before rendering.
    PAGE_CACHE_SECONDS=0 turns the page cache off (validators and 304s remain).
    """
    timeout = settings.CACHE_MIDDLEWARE_SECONDS
    if request.method in ("GET", "HEAD"):
        canonicalize(request, params or {})
    if request.method not in ("GET", "HEAD") or timeout <= 0:
        # The generation still dates Last-Modified (a GET with no page cache).
        generation = (
            _current(cache.get(GENERATION_KEY)) if request.method in ("GET", "HEAD") else None
        )
        response = _rendered(render)
        return finish(request, response, _last_modified(response, generation))
    key = page_key(request)
    found = cache.get_many([GENERATION_KEY, key])
    generation = _current(found.get(GENERATION_KEY))
    if generation is None:  # being renewed by another request: render, store nothing
        response = _rendered(render)
        return finish(request, response, _last_modified(response, generation))
    page: Page | None = found.get(key)
    if page is not None and page.generation == generation["id"]:
        response = HttpResponse(page.body, content_type=page.content_type, status=page.status)
        response.headers["ETag"] = page.etag
        response.headers["Last-Modified"] = http_date(page.last_modified)
        return finish(request, response, page.last_modified)

    response = _rendered(render)
    last_modified = _last_modified(response, generation)
    if _cacheable(request, response):
        page = Page(
            generation=generation["id"],
            body=response.content,
            content_type=response.headers["Content-Type"],
            status=response.status_code,
            etag=etag_for(response.content),
            last_modified=last_modified,
        )
        if generation["until"]:
            timeout = max(1, min(timeout, int(generation["until"] - time.time()) + 1))
        cache.set(key, page, timeout)
        response.headers["ETag"] = page.etag
    return finish(request, response, last_modified)
