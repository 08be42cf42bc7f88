"""Teasers (lists, home, feeds): only the columns they show.

A teaser shows an item's title, summary, kind, date and link, and is marked with
the language it is really shown in. Loading whole items read every language's
body (~10 KB a row) and prefetched tags and donors no teaser shows. Here the
body columns are deferred, and whether each language has what a translation
needs (title and body) comes from the database as `present_<code>` flags, so
the shown language is known without the bodies.
"""

import hashlib
from functools import cached_property, reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from newsroom.core.languages import CODES, localized_name
from newsroom.public import pagecache


def _filled(column: str) -> Q:
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


def presence_flags(model) -> dict:
    """`present_<code>`: whether the item has that language (not MISSING), in SQL."""
    return {
        f"present_{code}": ExpressionWrapper(
            reduce(and_, [_filled(localized_name(f, code)) for f in model.required_translated_fields]),
            output_field=BooleanField(),
        )
        for code in CODES
    }


def teasers(queryset):
    """`queryset` without its items' bodies, with `present_<code>` flags."""
    bodies = ["body", *(localized_name("body", code) for code in CODES)]
    return queryset.annotate(**presence_flags(queryset.model)).defer(*bodies)


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
    every tagging (~300 ms at 10k). The item is matched by its primary key inside
    the EXISTS (an index probe that stops at the first published item), not with
    `object_id IN (every published pk)`, which PostgreSQL hashed whole: ~40 ms a
    tag page at 100,000 articles.
    """
    from newsroom.core.models import Tag, TaggedItem

    carried = [
        Exists(TaggedItem.objects.filter(
            Exists(model.objects.published().filter(pk=OuterRef("object_id"))),
            tag=OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(model),
        ))
        for model in models
    ]
    return Tag.objects.filter(reduce(or_, carried))


def with_tag(queryset, **tag):
    """The items of `queryset` carrying a tag (`tag=<Tag>` or `tag__slug=...`).

    EXISTS, not a JOIN: with a JOIN PostgreSQL read every tagged item and every
    article before sorting (43 ms at 10,000 articles, ten times that at 100,000);
    a semi-join walks the date index newest first and stops at the page's last item.
    """
    from newsroom.core.models import TaggedItem

    return queryset.filter(Exists(TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id=OuterRef("pk"),
        **tag,
    )))


def with_donor(queryset, **donor):
    """The articles of `queryset` crediting a donor (`donor=<Donor>` or `donor__slug=...`):
    EXISTS, as with_tag()."""
    credits = queryset.model.donors.through.objects.filter(article=OuterRef("pk"), **donor)
    return queryset.filter(Exists(credits))


class CountedPaginator(Paginator):
    """A paginator told its count (remembered under the page-cache generation)
    instead of running COUNT(*) over every matching row on each request."""

    def __init__(self, object_list, per_page, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def remembered_count(queryset, *names: object) -> int:
    """queryset.count(), once per generation, under a key made of `names`.

    Only for filter values that name something real (a known tag, donor or year):
    made-up values must not fill the cache.
    """
    digest = hashlib.sha1(repr(names).encode(), usedforsecurity=False).hexdigest()[:20]
    return pagecache.remember(f"count:{queryset.model._meta.label_lower}:{digest}", queryset.count)


def archive_facts(model) -> dict:
    """The years, tags and donors a list's filters offer, once per generation.

    Each is computed over every published row (a DISTINCT over the dates, an
    EXISTS per tag and donor); stored as plain values (years, primary keys) so
    that names are read in the reader's language from the small tag and donor
    tables.
    """
    def compute() -> dict:
        published = model.objects.published()
        facts = {
            "years": [d.year for d in published.dates("publish_at", "year", order="DESC")],
            "tags": list(published_tags(model).values_list("pk", flat=True)),
        }
        donors = getattr(model, "donors", None)
        if donors is not None:
            from newsroom.donors.models import Donor

            facts["donors"] = list(Donor.objects.filter(Exists(
                donors.through.objects.filter(
                    Exists(published.filter(pk=OuterRef("article_id"))), donor=OuterRef("pk")
                )
            )).values_list("pk", flat=True))
        return facts

    return pagecache.remember(f"facts:{model._meta.label_lower}", compute)
