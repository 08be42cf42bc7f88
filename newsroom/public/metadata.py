"""What a detail page tells machines: canonical URL, hreflang, Open Graph, JSON-LD."""

import json
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, override

from newsroom.public import listing


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def shown_language(item, code: str) -> str:
    """The language the reader really gets: theirs, or the fallback that exists."""
    shown = listing.shown_language(item, code)  # teasers: without reading the bodies
    return item.shown_language(code) if shown is None else shown


def alternates(path: str, codes, request=None) -> list[dict]:
    return [
        {"code": code, "url": absolute(translate_path(request, path, code))} for code in codes
    ]


def translate_path(request, path: str, code: str) -> str:
    """django.urls.translate_url(path, code), without resolving the path again when
    it is the request's own (request.resolver_match): one resolve() saved per language."""
    match = getattr(request, "resolver_match", None)
    parsed = urlsplit(path)
    if match is None or request is None or parsed.path != request.path:
        return translate_url(path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            url = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    return urlunsplit((parsed.scheme, parsed.netloc, url, parsed.query, parsed.fragment))


def json_ld(data: dict) -> str:
    # Safe inside <script>: no "</script>" or "<!--" can be formed.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _common(request, item, description: str) -> dict:
    code = get_language()
    path = request.path
    available = item.available_languages()
    return {
        "shown_language": shown_language(item, code),
        "translation_state": item.translation_state(code),
        "canonical_url": absolute(path),
        "alternates": alternates(path, available, request),
        "meta_description": Truncator(description).chars(200),
    }


def _description(item) -> str:
    return item.summary or strip_tags(item.body or "")


def for_article(request, article) -> dict:
    context = _common(request, article, _description(article))
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(110),
        "description": context["meta_description"],
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": context["shown_language"],
        "mainEntityOfPage": context["canonical_url"],
        "url": context["canonical_url"],
        "publisher": {"@type": "Organization", "name": "Newsroom"},
    }
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.dateline:
        data["dateline"] = article.dateline
    if article.image:
        data["image"] = [absolute(article.image.url)]
        context["og_image"] = absolute(article.image.url)
    context["json_ld"] = json_ld(data)
    context["og_type"] = "article"
    return context


def for_statement(request, statement) -> dict:
    context = _common(request, statement, _description(statement))
    context["og_type"] = "article"
    return context
