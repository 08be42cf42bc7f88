from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.fields import NameField
from newsroom.core.models import EditorialContent
from newsroom.workflow.models import Publishable, PublishableQuerySet


class StatementQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.prefetch_related("tags")


class Statement(EditorialContent, Publishable):
    """An official statement, e.g. by the Chief of Mission on an international day."""

    translated_fields = ("title", "summary", "body", "speaker_title", "occasion")

    speaker_name = NameField(_("speaker"), max_length=200)
    speaker_title = models.CharField(
        _("speaker's title"), max_length=200, blank=True, help_text=_("e.g. Chief of Mission")
    )
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [("review_statement", _("Can review, approve and unpublish statements"))]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="statement_visibility"),
            # The lists' order: read backwards, newest first, without sorting every row.
            models.Index(fields=["date", "created_at"], name="statement_date_order"),
        ]

    def clean(self):
        errors = {**self.translation_errors(), **self.schedule_errors()}
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("public:statement-detail", kwargs={"slug": self.slug})
