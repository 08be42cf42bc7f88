from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from newsroom.core.languages import direction
from newsroom.public import fallback
from newsroom.public.metadata import shown_language, translate_path

register = template.Library()


@register.inclusion_tag("public/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page (the same item) in the other languages."""
    request = context["request"]
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_path(request, path, code),
                "current": code == current,
            }
        )
    return {"links": links}


@register.filter
def content_language(item) -> str:
    """The language an item's text is shown in to this reader (theirs or English)."""
    return shown_language(item, get_language())


@register.filter
def text_direction(code: str) -> str:
    return direction(code)


@register.filter
def translation_state(item) -> str:
    return item.translation_state(get_language())


@register.filter
def related(item, name: str):
    """An item's relation `name`: as the detail view loaded it (public.loading), else
    from the item's manager (previews, or an item loaded with prefetch_related)."""
    loaded = getattr(item, "detail_related", None)
    if loaded is not None and name in loaded:
        return loaded[name]
    related = getattr(item, name).all()
    return related.public() if name == "donors" else related


# --- text in a language other than the page's (a fallback) ------------------------------
# Labels and dates follow the page; a title or summary shown in its English fallback on
# an Arabic page carries its own lang and dir, so its full stop stays on its own side.


@register.filter
def field_language(item, field: str) -> str:
    """The language the reader of this page really gets `field` of `item` in."""
    return fallback.field_language(item, field, get_language())


@register.filter
def lang_attrs(item, field: str) -> str:
    """` lang="en" dir="ltr"` for an element holding `field` when it is shown in a
    fallback language; nothing when it is in the page's language."""
    return fallback.attributes(fallback.field_language(item, field, get_language()))


@register.filter
def in_language(value, code: str):
    """`value` (text, or HTML already safe) isolated in `<bdi lang dir>` when `code` is
    not the page's language: for inline text (a dateline, a snippet in a sentence)."""
    return fallback.isolate(value, code)


@register.filter
def own_language(item, field: str):
    """`item.field` as shown to this reader, isolated when it is a fallback."""
    return fallback.isolate(getattr(item, field), field_language(item, field))
