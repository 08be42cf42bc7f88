"""Which language a reader really gets an item's field in, and how to mark it.

modeltranslation shows the first non-empty value along the fallback chain
(settings.MODELTRANSLATION_FALLBACK_LANGUAGES); a field can fall back while the
rest of the item is translated (an Arabic title above an English summary).
"""

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from newsroom.core.languages import CODES, direction, localized_name


def field_language(item, field: str, code: str) -> str:
    """The language of the value shown for `field` to a reader of `code`.

    Only the columns already loaded are read (teasers defer the bodies): a deferred
    column counts as filled, which is what its `present_<code>` flag promised.
    """
    chain = [code, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    chain += [getattr(item, "source_language", code)]
    deferred = item.get_deferred_fields()
    for candidate in dict.fromkeys(chain):
        if candidate not in CODES:
            continue
        column = localized_name(field, candidate)
        if column in deferred or getattr(item, column, None):
            return candidate
    return code


def attributes(code: str, page: str | None = None) -> str:
    if code == (page or get_language()):
        return ""
    return format_html(' lang="{}" dir="{}"', code, direction(code))


def isolate(value, code: str, page: str | None = None):
    if not value or code == (page or get_language()):
        return conditional_escape(value if value is not None else "")
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', code, direction(code), value)


def text_block(text: str, code: str, page: str | None = None) -> str:
    """Plain text as HTML (a feed's description), in a `<p lang dir>` when a fallback."""
    marks = attributes(code, page)
    return format_html("<p{}>{}</p>", marks, text) if marks and text else text
