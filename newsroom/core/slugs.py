from django.db import models
from django.utils.text import slugify


def unique_slug(instance: models.Model, text: str, field: str = "slug", max_length: int = 200) -> str:
    """A slug for `text` not used by another row of the same model (`-2`, `-3`… on clashes)."""
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or "item"
    others = type(instance)._base_manager.exclude(pk=instance.pk)
    candidate, n = base, 1
    while others.filter(**{field: candidate}).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate
