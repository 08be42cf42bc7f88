from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
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
    conflict_count = models.PositiveIntegerField(_("conflicts"), default=0)
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

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker has not reported for NEWSROOM_IMPORT_STALE_AFTER seconds."""
        from newsroom.imports.services.batches import stale_after

        if self.status != self.Status.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at
        return last is None or (timezone.now() - last).total_seconds() > stale_after()

    def get_status_label(self) -> str:
        return str(_("stalled")) if self.is_stalled else self.get_status_display()

    def progress(self) -> dict:
        return {
            "status": self.status,
            "status_label": self.get_status_label(),
            "stalled": self.is_stalled,
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
        # A newer version of a page whose draft an editor changed since: what
        # could not be applied waits in `conflicts` for a person to decide.
        CONFLICT = "conflict", _("conflict")
        FAILED = "failed", _("failed")

    FINAL = ("created", "updated", "unchanged", "skipped", "conflict", "failed")

    # Indexes: Meta.indexes, plain b-trees. Django's db_index on a CharField adds a
    # second (LIKE) index nothing here uses, and every item is written twice (listed,
    # then imported): an import paid for 13 indexes, 6 of them never read.
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="items", verbose_name=_("batch"),
        db_index=False,  # (batch, outcome) below
    )
    source = models.CharField(
        _("source"), max_length=500,
        help_text=_("The file name, or archive name and path inside it."),
    )
    # The page's bytes, kept in the database (within NEWSROOM_IMPORT_MAX_BYTES) so
    # that a worker on any machine can read them; emptied once the page is imported.
    data = models.BinaryField(null=True, editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        db_index=False,  # importitem_draft below
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    draft = GenericForeignKey("content_type", "object_id")
    summary = models.JSONField(_("what the parser found"), default=dict, blank=True)
    # Digest of the normalised text: the same text twice is "unchanged".
    checksum = models.CharField(max_length=64, blank=True)
    # Digest of the normalised title and the page's stated address: with `sketch`
    # (digests of the body's sentences) they find an earlier version of the page.
    title_key = models.CharField(max_length=64, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    sketch = models.JSONField(default=list, blank=True, editable=False)
    evidence = models.CharField(_("matched by"), max_length=200, blank=True)
    # Digest of every value the importer wrote to the draft, by field: a field
    # whose value no longer matches was changed by an editor and is never overwritten.
    written = models.JSONField(default=dict, blank=True, editable=False)
    # field -> {"current": the draft's value, "imported": the newer version's}.
    conflicts = models.JSONField(_("conflicts"), default=dict, blank=True)
    resolved_at = models.DateTimeField(_("conflict resolved"), null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("imported page")
        verbose_name_plural = _("imported pages")
        indexes = [
            models.Index(fields=["batch", "outcome"]),
            models.Index(fields=["content_type", "object_id"], name="importitem_draft"),
            models.Index(fields=["source"], name="importitem_source"),
            models.Index(fields=["checksum"], name="importitem_checksum"),
            models.Index(fields=["title_key"], name="importitem_title_key"),
            models.Index(fields=["source_url"], name="importitem_source_url"),
        ]

    def __str__(self) -> str:
        return self.source

    @property
    def title_derived(self) -> bool:
        return bool((self.summary or {}).get("title_derived"))

    def draft_admin_url(self) -> str:
        if not (self.content_type_id and self.object_id):
            return ""
        ct = ContentType.objects.get_for_id(self.content_type_id)
        return reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[self.object_id])


class PageKey(models.Model):
    """One row per identity of a page (its title, its address): the importer locks
    these rows before looking for an earlier version, so two batches importing the
    same page at once take turns, and the second finds the first's draft."""

    key = models.CharField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("page identity")
        verbose_name_plural = _("page identities")

    def __str__(self) -> str:
        return self.key
