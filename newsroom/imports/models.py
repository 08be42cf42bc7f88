from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One upload (or one `import_pages` run): many page dumps, imported as drafts."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("pages"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Written with the progress counts while a worker runs the batch; a RUNNING
    # batch whose heartbeat stalls is taken over (see services.batches.run_batch).
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return gettext("Import #%(id)s (%(processed)s of %(total)s)") % {
            "id": self.pk, "processed": self.processed, "total": self.total,
        }

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def progress(self) -> dict:
        return {
            "status": self.status,
            "status_label": self.get_status_display(),
            "processed": self.processed,
            "total": self.total,
            "progress_text": gettext("%(processed)s of %(total)s") % {
                "processed": self.processed, "total": self.total,
            },
            "finished": self.is_finished,
            "counts": {outcome: getattr(self, f"{outcome}_count") for outcome in ImportItem.FINAL},
        }


class ImportItem(models.Model):
    """One page dump of a batch and what importing it did."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("pending")
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        UNCHANGED = "unchanged", _("unchanged")
        SKIPPED = "skipped", _("skipped")
        FAILED = "failed", _("failed")

    FINAL = ("created", "updated", "unchanged", "skipped", "failed")

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="items", verbose_name=_("batch")
    )
    source = models.CharField(
        _("source"), max_length=500, db_index=True,
        help_text=_("The file name, or archive name and path inside it."),
    )
    # Where the worker reads the bytes: a stored file, or a member of a stored archive.
    file = models.CharField(max_length=500, blank=True, editable=False)
    member = models.CharField(max_length=500, blank=True, editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    draft = GenericForeignKey("content_type", "object_id")
    summary = models.JSONField(_("what the parser found"), default=dict, blank=True)
    # Digest of source + normalised text: the same input twice is "unchanged".
    checksum = models.CharField(max_length=64, blank=True, db_index=True)
    # Digest of the body's normalised opening: finds an earlier version of the page.
    opening = models.CharField(max_length=64, blank=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("imported page")
        verbose_name_plural = _("imported pages")
        indexes = [models.Index(fields=["batch", "outcome"])]

    def __str__(self) -> str:
        return self.source

    def draft_admin_url(self) -> str:
        if not (self.content_type_id and self.object_id):
            return ""
        ct = ContentType.objects.get_for_id(self.content_type_id)
        return reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[self.object_id])
