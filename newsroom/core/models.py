import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase

from newsroom.core.fields import NameField, PlainTextField, RichTextField
from newsroom.core.languages import CODES, LANGUAGE_NAMES, localized_name
from newsroom.core.sanitize import clean_html
from newsroom.core.slugs import unique_slug
from newsroom.core.tagging import TranslatedTagManager


class Tag(TagBase):
    """Our own tag model, so its translated names migrate in our app, not taggit's."""

    name = NameField(verbose_name=pgettext_lazy("A tag name", "name"), unique=True, max_length=100)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]


class TaggedItem(GenericTaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("tagged item")
        verbose_name_plural = _("tagged items")
        indexes = [models.Index(fields=["content_type", "object_id"])]


class TranslationState(models.TextChoices):
    MISSING = "missing", _("missing")
    COMPLETE = "complete", _("complete")
    OUTDATED = "outdated", _("outdated")


class Translatable(models.Model):
    """Knows, per language, whether its translation is missing, complete or outdated.

    A translation is outdated when the source language's text changed after the
    translation was last edited: `translation_marks[lang]` keeps a digest of the
    source text as it was when that language was last written.
    """

    # Fields registered with modeltranslation whose copies make a translation.
    translated_fields: tuple[str, ...] = ()
    # Of those, the ones a translation cannot go without.
    required_translated_fields: tuple[str, ...] = ("title",)

    source_language = models.CharField(
        _("source language"),
        max_length=8,
        choices=[(code, LANGUAGE_NAMES[code]) for code in CODES],
        default="en",
        help_text=_("The language this item was written in; the others are translations."),
    )
    translation_marks = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def source_value(self, field: str) -> str:
        return getattr(self, localized_name(field, self.source_language)) or ""

    def translation_errors(self) -> dict[str, str]:
        """Form errors for Model.clean(): the source language must have a title."""
        if self.source_value("title"):
            return {}
        return {localized_name("title", self.source_language): _(
            "A title in the item's source language is required."
        )}

    def _language_values(self, code: str) -> list:
        return [getattr(self, localized_name(f, code)) or "" for f in self.translated_fields]

    def source_digest(self) -> str:
        payload = json.dumps(self._language_values(self.source_language), ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def translation_state(self, code: str) -> str:
        required = [getattr(self, localized_name(f, code)) for f in self.required_translated_fields]
        if not all(required):
            return TranslationState.MISSING
        if code == self.source_language:
            return TranslationState.COMPLETE
        if self.translation_marks.get(code) != self.source_digest():
            return TranslationState.OUTDATED
        return TranslationState.COMPLETE

    def translation_states(self) -> dict[str, str]:
        return {code: self.translation_state(code) for code in CODES}

    def shown_language(self, code: str) -> str:
        """The language a reader of `code` really gets: theirs, else the first
        fallback (settings.MODELTRANSLATION_FALLBACK_LANGUAGES) that exists."""
        chain = [code, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"], self.source_language]
        for candidate in chain:
            if self.translation_state(candidate) != TranslationState.MISSING:
                return candidate
        return code

    def available_languages(self) -> list[str]:
        """Languages a reader can really read this item in (not fallbacks)."""
        return [c for c in CODES if self.translation_state(c) != TranslationState.MISSING]

    def refresh_translation_marks(self, previous: dict[str, list] | None) -> None:
        """Mark each language written in this save as current with the source."""
        digest = self.source_digest()
        for code in CODES:
            if code == self.source_language:
                continue
            values = self._language_values(code)
            written = any(values) and (previous is None or previous.get(code) != values)
            if written:
                self.translation_marks[code] = digest

    def _stored_language_values(self) -> dict[str, list] | None:
        if self.pk is None:
            return None
        columns = [localized_name(f, c) for c in CODES for f in self.translated_fields]
        row = type(self)._base_manager.filter(pk=self.pk).values(*columns).first()
        if row is None:
            return None
        return {
            c: [row[localized_name(f, c)] or "" for f in self.translated_fields] for c in CODES
        }

    def _sanitize_rich_text(self) -> None:
        # The sanitizer runs again in pre_save; here first, so that the digest and the
        # "was this language written?" comparison see the text as it will be stored
        # (nh3 adds rel="noopener noreferrer" to links, drops what it does not allow).
        for field in self._meta.concrete_fields:
            if isinstance(field, RichTextField):
                raw = self.__dict__.get(field.attname)
                if raw is not None:
                    self.__dict__[field.attname] = clean_html(raw)

    def save(self, *args, **kwargs):
        self._sanitize_rich_text()
        self.refresh_translation_marks(self._stored_language_values())
        super().save(*args, **kwargs)


class EditorialContent(Translatable):
    """What articles and statements share: a titled, tagged text in three languages."""

    required_translated_fields = ("title", "body")

    title = NameField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True, allow_unicode=True)
    summary = PlainTextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    tags = TaggableManager(through=TaggedItem, blank=True, manager=TranslatedTagManager)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title or self.source_value("title")

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title_en or self.source_value("title"))
        super().save(*args, **kwargs)


class DeskPreference(models.Model):
    """What a person chose for the admin, kept on them (not only in a browser cookie),
    so the desk speaks their language on every device they log in from."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language of the desk"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("desk preference")
        verbose_name_plural = _("desk preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"
