"""The office's languages. English is the source language of the site."""

from django.conf import settings
from django.utils.translation import get_language_info

CODES: tuple[str, ...] = tuple(code for code, _ in settings.LANGUAGES)
SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def is_rtl(code: str) -> bool:
    return bool(get_language_info(code)["bidi"])


def direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


def localized_name(model_field: str, code: str) -> str:
    """`title`, `ar` → `title_ar` (modeltranslation's column name)."""
    return f"{model_field}_{code.replace('-', '_')}"
