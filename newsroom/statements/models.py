from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from newsroom.core.fields import RichTextField
from newsroom.core.models import TaggedItem, Translatable
from newsroom.core.slugs import unique_slug
from newsroom.workflow.models import Publishable, PublishableQuerySet


class StatementQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.prefetch_related("tags")


class Statement(Translatable, Publishable):
    """An official statement, e.g. by the Chief of Mission on an international day."""

    translated_fields = ("title", "summary", "body", "speaker_title", "occasion")
    required_translated_fields = ("title", "body")

    speaker_name = models.CharField(_("speaker"), max_length=200)
    speaker_title = models.CharField(
        _("speaker's title"), max_length=200, blank=True, help_text=_("e.g. Chief of Mission")
    )
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True, allow_unicode=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    tags = TaggableManager(through=TaggedItem, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, db_index=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [("review_statement", "Can review, approve and unpublish statements")]
        indexes = [models.Index(fields=["status", "publish_at"], name="statement_visibility")]

    def __str__(self) -> str:
        return self.title or self.source_value("title")

    def clean(self):
        errors = {**self.translation_errors(), **self.schedule_errors()}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title_en or self.source_value("title"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("public:statement-detail", kwargs={"slug": self.slug})
