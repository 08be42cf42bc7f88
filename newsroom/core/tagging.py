from django.db.models import Q
from django.utils import translation
from taggit.managers import _TaggableManager

from newsroom.core.languages import CODES, SOURCE, localized_name


class TranslatedTagManager(_TaggableManager):
    """Tags are typed, and shown in the admin, in the editor's language.

    taggit looks names up through modeltranslation, which rewrites `name` to the
    active language: an Arabic admin could not find "Mosul" and then failed on
    the unique name creating it again. Here a name matches a tag in any of its
    languages, and a new tag is created in the source language.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs):
        Tag = self.through.tag_model()
        names = {t for t in tags if isinstance(t, str) and t}
        known: dict[str, object] = {}
        if names:
            any_language = Q()
            for code in CODES:
                any_language |= Q(**{f"{localized_name('name', code)}__in": names})
            for tag in Tag._default_manager.filter(any_language).order_by("pk"):
                for code in CODES:
                    known.setdefault(getattr(tag, localized_name("name", code)) or "", tag)
        resolved = []
        with translation.override(SOURCE):
            for item in tags:
                if isinstance(item, str):
                    tag = known.get(item)
                    if tag is None:
                        tag, _ = Tag._default_manager.get_or_create(name=item)
                        known[item] = tag
                    item = tag
                elif not isinstance(item, Tag):
                    raise ValueError(f"Cannot tag with {item!r}: expected a Tag or a name.")
                if item not in resolved:
                    resolved.append(item)
        return resolved
