"""What a detail page tells machines: canonical URL, hreflang, Open Graph, JSON-LD.

One address per page: a page shown in a fallback language (English text at
/ckb/...) is a copy of the real-language page, so its canonical URL, og:url
and mainEntityOfPage name that page. Every absolute URL goes through
absolute(), which percent-encodes: an Arabic slug has one form everywhere
(pages, sitemaps, feeds), the form reverse() gives.
"""

import json
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from newsroom.core.languages import SOURCE
from newsroom.public import listing

# Open Graph writes locales as language_TERRITORY; the office is in Iraq.
OG_LOCALES = {"en": "en_US", "ar": "ar_IQ", "ckb": "ckb_IQ"}
LOGO = "public/logo.png"


def absolute(path: str) -> str:
    return settings.SITE_URL + iri_to_uri(path)


def og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code.replace("-", "_"))


def x_default(codes, source_language: str) -> str | None:
    """The language of the page for readers of no listed language: English when
    the item has it, else its source language (else the first it has)."""
    for candidate in (SOURCE, source_language):
        if candidate in codes:
            return candidate
    return codes[0] if codes else None


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
    # request.path is decoded; a path from get_full_path() or reverse() is not.
    if match is None or request is None or unquote(parsed.path) != request.path:
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


def organisation(*, logo: bool = True) -> dict:
    data = {"@type": "Organization", "name": _("Newsroom"), "url": absolute("/")}
    if logo:
        data["logo"] = {"@type": "ImageObject", "url": absolute(static(LOGO))}
    return data


def _common(request, item, description: str) -> dict:
    code = get_language()
    path = request.path
    available = item.available_languages()
    shown = shown_language(item, code)
    real = shown if shown in available else code
    links = alternates(path, available, request)
    default = x_default(available, item.source_language)
    if default:
        links.append({"code": "x-default", "url": absolute(translate_path(request, path, default))})
    return {
        "shown_language": shown,
        "translation_state": item.translation_state(code),
        "canonical_url": absolute(translate_path(request, path, real)),
        "alternates": links,
        "og_locale": og_locale(shown),
        "og_locale_alternates": [og_locale(c) for c in available if c != shown],
        "meta_description": Truncator(description).chars(200),
    }


def _description(item) -> str:
    return item.summary or strip_tags(item.body or "")


def _news_article(item, context: dict, author: dict) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(item.title).chars(110),
        "description": context["meta_description"],
        "datePublished": item.publish_at.isoformat(),
        "dateModified": item.updated_at.isoformat(),
        "inLanguage": context["shown_language"],
        "mainEntityOfPage": context["canonical_url"],
        "url": context["canonical_url"],
        "author": author,
        "publisher": organisation(),
    }


def _image(article) -> dict | None:
    if not article.image:
        return None
    image = {"url": absolute(article.image.url), "alt": article.image_alt}
    try:  # the dimensions are read from the file: a missing file costs them only
        image.update(width=article.image.width, height=article.image.height)
    except (OSError, ValueError):
        pass
    return image


def for_article(request, article) -> dict:
    context = _common(request, article, _description(article))
    if article.byline:
        author = {"@type": "Person", "name": article.byline}
    else:
        author = organisation(logo=False)
    data = _news_article(article, context, author)
    if article.dateline:
        data["dateline"] = article.dateline
    image = _image(article)
    if image:
        data["image"] = [image["url"]]
        context["og_image"] = image
    context["json_ld"] = json_ld(data)
    context["og_type"] = "article"
    return context


def for_statement(request, statement) -> dict:
    context = _common(request, statement, _description(statement))
    speaker = {"@type": "Person", "name": statement.speaker_name}
    if statement.speaker_title:
        speaker["jobTitle"] = statement.speaker_title
    context["json_ld"] = json_ld(_news_article(statement, context, speaker))
    context["og_type"] = "article"
    return context
