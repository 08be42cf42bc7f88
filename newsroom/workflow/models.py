from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")


# Approved items are public from publish_at on, before any worker records the
# transition: visibility never waits on Celery.
LIVE_STATUSES = (Status.APPROVED, Status.PUBLISHED)


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """What the public may see, computed from the database at query time."""
        now = at or timezone.now()
        return self.filter(status__in=LIVE_STATUSES, publish_at__lte=now).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )

    def due(self, at=None):
        """Approved items whose publish time has come but whose publication is unrecorded."""
        now = at or timezone.now()
        return self.filter(status=Status.APPROVED, publish_at__lte=now)

    def expired(self, at=None):
        now = at or timezone.now()
        return self.filter(status__in=LIVE_STATUSES, expire_at__lte=now)

    def scheduled(self, at=None):
        now = at or timezone.now()
        return self.filter(status=Status.APPROVED, publish_at__gt=now)


class Publishable(models.Model):
    """What an item needs to go through review and publication (see DESIGN.md)."""

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    expire_at = models.DateTimeField(_("expire at"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False,
        help_text=_("When publication was first recorded."),
    )
    # The approval is bound to the exact content approved.
    approved_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", verbose_name=_("assigned reviewer"),
    )
    review_due = models.DateField(_("review due"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save carries the version it was loaded at.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def schedule_errors(self) -> dict[str, str]:
        if self.publish_at and self.expire_at and self.expire_at <= self.publish_at:
            return {"expire_at": _("The expiry must come after the publish time.")}
        return {}

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return (
            self.status in LIVE_STATUSES
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )
