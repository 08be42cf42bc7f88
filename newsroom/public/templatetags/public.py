from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from newsroom.core.languages import direction
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
