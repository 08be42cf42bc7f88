from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
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
# The ETA task records a publication within seconds and the sweeper within a
# minute; past this, the schedule failed and reviewers are told.
MISSED_SCHEDULE_GRACE = timedelta(minutes=2)


def schedule_errors(publish_at, expire_at, *, now=None) -> dict[str, str]:
    """The one schedule rule: an expiry comes after the publish time (now, if unscheduled).

    Used by the model's validation, the approve service and the admin's approve form.
    """
    start = publish_at or now or timezone.now()
    if expire_at is not None and expire_at <= start:
        return {"expire_at": _("The expiry must come after the publish time.")}
    return {}


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

    def missed(self, at=None):
        """Due for longer than the grace period and still unrecorded: a failed schedule."""
        now = at or timezone.now()
        return self.due(at=now - MISSED_SCHEDULE_GRACE)


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
        on_delete=models.SET_NULL, related_name="+", verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+", verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", verbose_name=_("assigned reviewer"),
    )
    review_due = models.DateField(_("review due"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save carries the version it was loaded at.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def schedule_errors(self) -> dict[str, str]:
        return schedule_errors(self.publish_at, self.expire_at)

    @property
    def is_on_air(self) -> bool:
        """Public now or once was since its approval: an edit must wait as a revision.

        Broader than is_live on purpose: an expired item is not shown but its
        approved text must not be replaced by unreviewed text either.
        """
        if self.status == Status.PUBLISHED:
            return True
        return (
            self.status == Status.APPROVED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return (
            self.status in LIVE_STATUSES
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )


class ItemRecord(models.Model):
    """Something recorded about one article or statement (generic, so both share it)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True

    @classmethod
    def for_item(cls, item) -> models.QuerySet:
        ct = ContentType.objects.get_for_model(item, for_concrete_model=False)
        return cls.objects.filter(content_type=ct, object_id=item.pk)


class Revision(ItemRecord):
    """A JSON snapshot of an item's content: a pending edit of a live item, or a version.

    Every approval stores one (state `approved`), so any two versions can be compared.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        APPLIED = "applied", _("approved and applied")
        DISCARDED = "discarded", _("discarded")
        SUPERSEDED = "superseded", _("carried into a newer edit")
        SENT_BACK = "sent_back", _("sent back with changes requested")
        APPROVED = "approved", _("approved version")

    state = models.CharField(max_length=12, choices=State.choices, db_index=True)
    data = models.JSONField()
    fingerprint = models.CharField(max_length=64)
    base_version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.created_at)
        who = self.created_by or gettext("the scheduler")
        return f"{self.get_state_display()} · {local:%Y-%m-%d %H:%M} · {who}"


class AuditEntry(ItemRecord):
    """One row per transition: who, what, when, why."""

    action = models.CharField(_("action"), max_length=32, db_index=True)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("who"),
    )
    comment = models.TextField(_("comment"), blank=True)
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return gettext("%(action)s by %(who)s") % {
            "action": self.action, "who": self.actor or gettext("the scheduler"),
        }

    @property
    def action_name(self) -> str:
        """What happened, in the reader's language (never the action's code name)."""
        from newsroom.workflow.transitions import action_name

        return action_name(self.action)


class PreviewLink(ItemRecord):
    """An expiring, revocable link to an embargoed item, for journalists."""

    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"preview {self.token[:8]}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def get_absolute_url(self) -> str:
        return reverse("preview-link", kwargs={"token": self.token})


class ScheduleAlert(ItemRecord):
    """A missed schedule, e-mailed once: the unique key makes a second alert impossible."""

    publish_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "publish_at"], name="one_alert_per_schedule"
            )
        ]

    def __str__(self) -> str:
        return f"missed schedule {self.publish_at:%Y-%m-%d %H:%M}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(ItemRecord):
    """What concerns one person, shown at the top of the admin until they have looked.

    Written by the same services that send the e-mails, once per audit row (or
    missed schedule) and person: the unique keys make a retried task harmless.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workflow_notifications"
    )
    entry = models.ForeignKey(AuditEntry, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    alert = models.ForeignKey(ScheduleAlert, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "entry"], name="one_notification_per_entry"),
            models.UniqueConstraint(fields=["user", "alert"], name="one_notification_per_alert"),
        ]

    def __str__(self) -> str:
        return f"{self.action_name} · {self.user}"

    @property
    def action_name(self) -> str:
        from newsroom.workflow.transitions import action_name

        return action_name(self.entry.action if self.entry_id else "missed_schedule")
