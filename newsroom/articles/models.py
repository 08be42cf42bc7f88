from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.contacts.models import Contact
from newsroom.core.fields import NameField
from newsroom.core.models import EditorialContent
from newsroom.donors.models import Donor
from newsroom.workflow.models import Publishable, PublishableQuerySet


class ArticleQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What teasers and feeds need, in a constant number of queries."""
        return self.prefetch_related("tags", "donors")

    def for_detail(self):
        return self.prefetch_related("tags", "donors", "contacts", "documents")


class Article(EditorialContent, Publishable):
    class Kind(models.TextChoices):
        NEWS = "news", _("news")
        PRESS_RELEASE = "press_release", _("press release")
        STORY = "story", _("story")

    translated_fields = ("title", "summary", "body", "dateline", "image_alt", "image_caption")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    dateline = models.CharField(
        _("dateline"), max_length=100, blank=True, help_text=_("The place, e.g. Baghdad.")
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    donors = models.ManyToManyField(
        Donor, blank=True, related_name="articles", verbose_name=_("donors")
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="articles", verbose_name=_("media contacts")
    )
    # Indexed: every request for an upload looks up the item it belongs to (public/media.py).
    image = models.ImageField(_("image"), upload_to="articles/%Y/", blank=True, db_index=True)
    image_alt = models.CharField(_("image alt text"), max_length=250, blank=True)
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("review_article", _("Can review, approve and unpublish articles"))]
        indexes = [models.Index(fields=["status", "publish_at"], name="article_visibility")]

    def clean(self):
        errors = {**self.translation_errors(), **self.schedule_errors()}
        if self.image and not self.image_alt:
            errors["image_alt"] = _("Describe the image for readers who cannot see it.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("public:article-detail", kwargs={"slug": self.slug})


class RelatedDocument(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        REPORT = "report", _("report")
        FACTSHEET = "factsheet", _("factsheet")
        LINK = "link", _("link")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="documents")
    title = NameField(_("title"), max_length=255)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("related document or link")
        verbose_name_plural = _("related documents and links")

    def __str__(self) -> str:
        return self.title
