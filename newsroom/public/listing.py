"""Teasers (lists, home, feeds): only the columns they show.

A teaser shows an item's title, summary, kind, date and link, and is marked with
the language it is really shown in. Loading whole items read every language's
body (~10 KB a row) and prefetched tags and donors no teaser shows. Here the
body columns are deferred, and whether each language has what a translation
needs (title and body) comes from the database as `present_<code>` flags, so
the shown language is known without the bodies.
"""

from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from newsroom.core.languages import CODES, localized_name


def _filled(column: str) -> Q:
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


def teasers(queryset):
    """`queryset` without its items' bodies, with `present_<code>` flags."""
    model = queryset.model
    flags = {
        f"present_{code}": ExpressionWrapper(
            reduce(and_, [_filled(localized_name(f, code)) for f in model.required_translated_fields]),
            output_field=BooleanField(),
        )
        for code in CODES
    }
    bodies = ["body", *(localized_name("body", code) for code in CODES)]
    return queryset.annotate(**flags).defer(*bodies)


def shown_language(item, code: str) -> str | None:
    """Translatable.shown_language() from the `present_<code>` flags; None without them.

    The same chain: the reader's language, the fallbacks, the source language;
    a language counts when its required fields are filled (not MISSING).
    """
    if not hasattr(item, f"present_{code}"):
        return None
    chain = [code, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"], item.source_language]
    for candidate in chain:
        if getattr(item, f"present_{candidate}", False):
            return candidate
    return code


def published_tags(*models):
    """Tags carried by at least one published item of these models.

    The one rule for every public surface that names a tag (the list filter, the
    tag page, the tag feeds): a tag only drafts or embargoed items carry does not
    exist publicly. EXISTS per model, not JOIN + DISTINCT: the latter scanned
    every tagging (~300 ms at 10k).
    """
    from newsroom.core.models import Tag, TaggedItem

    carried = [
        Exists(TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.published().values("pk"),
        ))
        for model in models
    ]
    return Tag.objects.filter(reduce(or_, carried))
