"""Batches: store the uploaded files, then import them one transaction per page."""

from __future__ import annotations

import contextlib
import datetime
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsroom.core.errors import NewsroomError
from newsroom.core.languages import SOURCE
from newsroom.donors.models import Donor
from newsroom.imports import archives
from newsroom.imports.decoding import PageDecodeError, decode_page
from newsroom.imports.models import ImportBatch, ImportItem
from newsroom.imports.parser import parse_page
from newsroom.workflow.models import Status

from . import drafts, fingerprints, identity, ownership, sources
from .summary import record_summary

logger = logging.getLogger(__name__)
Outcome = ImportItem.Outcome
_CHUNK = 500
_CHUNK_BYTES = 32 * 1024 * 1024
# Seconds between progress updates on the batch row (what the admin page polls).
_PROGRESS_EVERY = 0.5
# A RUNNING batch whose heartbeat is older than this many seconds has lost its
# worker and may be claimed again (setting NEWSROOM_IMPORT_STALE_AFTER).
STALE_AFTER = 5 * 60


class PageTooLarge(Exception):
    pass


# Creating a batch -----------------------------------------------------------


def create_batch(uploads: Iterable[sources.Upload], *, user=None, queue: bool = True) -> ImportBatch:
    """List one item per page, each with its bytes, so that any worker can read them.

    The bytes are stored in the database with the item (each page within
    NEWSROOM_IMPORT_MAX_BYTES), not in a local folder: the worker importing
    them may run on another machine. Files refused on sight (too large, an
    archive refused as a whole, a page of an archive over the cap) become
    failed items at once; the rest wait for `run_batch`.
    """
    with transaction.atomic():
        batch = ImportBatch.objects.create(created_by=user)
        _list_items(batch, uploads)
        if queue:
            transaction.on_commit(lambda: enqueue(batch.pk))
    batch.refresh_from_db()
    return batch


def _list_items(batch: ImportBatch, uploads: Iterable[sources.Upload]) -> None:
    pending: list[ImportItem] = []
    pending_bytes = failed = total = 0
    for upload in uploads:
        for item in _items_for(batch, upload):
            total += 1
            failed += item.outcome == Outcome.FAILED
            pending.append(item)
            pending_bytes += len(item.data or b"")
            # Rows go out in chunks: a large archive never sits in memory whole.
            if len(pending) >= _CHUNK or pending_bytes >= _CHUNK_BYTES:
                ImportItem.objects.bulk_create(pending)
                pending, pending_bytes = [], 0
    ImportItem.objects.bulk_create(pending)
    ImportBatch.objects.filter(pk=batch.pk).update(
        total=total, processed=failed, failed_count=failed
    )


def enqueue(batch_id: int) -> None:
    from newsroom.imports.tasks import run_import_batch

    run_import_batch.delay(batch_id)


def _items_for(batch: ImportBatch, upload: sources.Upload) -> Iterator[ImportItem]:
    limit = sources.max_bytes()
    is_zip = archives.is_archive(upload.name)
    cap = archives.MAX_TOTAL_BYTES if is_zip else limit
    if upload.size > cap:
        yield _failed(batch, upload.name, sources.too_large(upload.size, cap))
        return
    with upload.open() as handle:
        if not is_zip:
            data = handle.read(limit + 1)
            if len(data) > limit:
                yield _failed(batch, upload.name, sources.too_large(upload.size, limit))
            else:
                yield ImportItem(batch=batch, source=upload.name[:500], data=data)
            return
        yield from _archive_items(batch, upload.name, handle, limit)


def _archive_items(batch, name: str, handle, limit: int) -> Iterator[ImportItem]:
    try:
        pages = list(archives.pages(handle))
    except archives.ArchiveRefused as exc:
        yield _failed(batch, name, str(exc))
        return
    if not pages:
        yield _failed(batch, name, _("the archive holds no .txt page dumps"))
    for page in pages:
        source = f"{name}/{page.name}"[:500]
        try:
            data = archives.read_page(handle, page.name, max_bytes=limit)
        except archives.ArchiveRefused as exc:
            yield _failed(batch, source, str(exc))
            continue
        yield ImportItem(batch=batch, source=source, data=data)


def _failed(batch, source: str, reason: str) -> ImportItem:
    return ImportItem(
        batch=batch, source=source[:500], outcome=Outcome.FAILED, reason=str(reason),
        processed_at=timezone.now(),
    )


# Running a batch ------------------------------------------------------------


@dataclass
class BatchContext:
    """What every item of a batch needs, loaded once."""

    batch_id: int
    user: object
    aliases: dict[str, str]
    donor_ids: dict[str, int]
    max_bytes: int
    # Tag and contact ids seen so far (see drafts.Lookups); dropped after any
    # failed page, whose rollback may have removed rows they point to.
    lookups: drafts.Lookups = field(default_factory=drafts.Lookups)

    @classmethod
    def load(cls, batch: ImportBatch) -> BatchContext:
        donor_ids = {}
        for pk, name_en, name in Donor.objects.values_list("pk", "name_en", "name"):
            donor_ids[name_en or name] = pk
        return cls(batch.pk, batch.created_by, Donor.objects.alias_map(), donor_ids,
                   sources.max_bytes())


def stale_after() -> int:
    return int(getattr(settings, "NEWSROOM_IMPORT_STALE_AFTER", STALE_AFTER))


def _claimable(now: datetime.datetime) -> Q:
    """Queued, or running with a heartbeat that stopped (its worker died)."""
    stale = now - datetime.timedelta(seconds=stale_after())
    stalled = Q(heartbeat_at__lt=stale) | Q(heartbeat_at=None, started_at__lt=stale)
    return Q(status=ImportBatch.Status.QUEUED) | (Q(status=ImportBatch.Status.RUNNING) & stalled)


def claimable(batch: ImportBatch) -> bool:
    """Whether `run_batch` would take this batch now (for callers that wait on one)."""
    return ImportBatch.objects.filter(_claimable(timezone.now()), pk=batch.pk).exists()


class ClaimLost(Exception):
    """Another run claimed the batch after this one's heartbeat stalled."""


def run_batch(batch_id: int) -> ImportBatch | None:
    """Import every pending page of a batch; None when another run has it or it is finished.

    A batch is claimed with a conditional UPDATE: when it is queued, or when it
    is running but its heartbeat has not moved for `stale_after()` seconds (the
    worker died; the task is redelivered, or `import_pages --wait` takes over).
    Only one claimer can win. The winner imports only the pages still pending:
    pages already done are kept. Each heartbeat is itself conditional on the
    last one this run wrote, so a run that was presumed dead and lost the
    batch stops at its next heartbeat instead of finishing it twice.
    """
    now = timezone.now()
    claimed = ImportBatch.objects.filter(_claimable(now), pk=batch_id).update(
        status=ImportBatch.Status.RUNNING, started_at=Coalesce("started_at", now), heartbeat_at=now
    )
    if not claimed:
        return None
    beat = now
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    try:
        context = BatchContext.load(batch)
        flushed = time.monotonic()
        with translation.override(SOURCE), _commits_without_waiting_for_disk():
            for item in _pending(batch_id):
                import_item(item, context)
                if time.monotonic() - flushed > _PROGRESS_EVERY:
                    beat = record_progress(batch_id, beat)
                    flushed = time.monotonic()
    except ClaimLost:
        logger.warning("import batch %s was taken over by another run; this one stops", batch_id)
        return None
    except Exception as exc:
        logger.exception("import batch %s failed", batch_id)
        _finish(batch_id, beat, status=ImportBatch.Status.FAILED, error=f"{type(exc).__name__}: {exc}")
        raise
    if not _finish(batch_id, beat, status=ImportBatch.Status.DONE):
        return None
    batch.refresh_from_db()
    return batch


def _finish(batch_id: int, beat: datetime.datetime, **values) -> bool:
    """End the batch if this run still owns it."""
    try:
        beat = record_progress(batch_id, beat)
    except ClaimLost:
        return False
    ended = ImportBatch.objects.filter(pk=batch_id, heartbeat_at=beat).update(
        finished_at=timezone.now(), **values
    )
    return bool(ended)


def record_progress(batch_id: int, beat: datetime.datetime) -> datetime.datetime:
    """Counts on the batch row, from the items themselves (so they are never off).

    It is also the heartbeat: written only while the row still carries `beat`
    (the heartbeat this run last wrote), else ClaimLost. Returns the new one.
    """
    counts = dict(
        ImportItem.objects.filter(batch_id=batch_id).exclude(outcome=Outcome.PENDING)
        .values_list("outcome").annotate(n=Count("pk")).order_by()
    )
    now = timezone.now()
    written = ImportBatch.objects.filter(
        pk=batch_id, status=ImportBatch.Status.RUNNING, heartbeat_at=beat
    ).update(
        processed=sum(counts.values()), heartbeat_at=now,
        **{f"{outcome}_count": counts.get(outcome, 0) for outcome in ImportItem.FINAL},
    )
    if not written:
        raise ClaimLost(batch_id)
    return now


def _pending(batch_id: int) -> Iterator[ImportItem]:
    # Keyset pages: constant memory however large the batch.
    last = 0
    while True:
        items = list(
            # Without their bytes: each page's are read with its row lock (_lock_pending),
            # so memory holds one page at a time, however large the pages are.
            ImportItem.objects.filter(batch_id=batch_id, outcome=Outcome.PENDING, pk__gt=last)
            .defer("data").order_by("pk")[:_CHUNK]
        )
        if not items:
            return
        yield from items
        last = items[-1].pk


def import_item(item: ImportItem, context: BatchContext) -> str:
    """One page, one transaction: a failure rolls back this page's writes only.

    The failure itself is then recorded in a transaction of its own. A page
    that is no longer pending when its row is locked (a run that took over the
    batch got there first) is left as it is.
    """
    try:
        with transaction.atomic():
            if not _lock_pending(item):
                return item.outcome
            result = _import(item, context)
            _record(item, result)
        return result.outcome
    except (PageDecodeError, NewsroomError, PageTooLarge, OSError) as exc:
        reason = str(exc)
    except Exception as exc:
        logger.exception("importing %s failed", item.source)
        reason = _("unexpected error (%(error)s): %(message)s") % {"error": type(exc).__name__, "message": exc}
    context.lookups.forget()
    with transaction.atomic():
        if not _lock_pending(item):
            return item.outcome
        _record(item, drafts.Outcome(Outcome.FAILED, [reason]))
    return Outcome.FAILED


@contextlib.contextmanager
def _commits_without_waiting_for_disk() -> Iterator[None]:
    """PostgreSQL: while a batch runs, a page's commit does not wait for its WAL to
    reach the disk.

    Safe here: the item's outcome and the draft it wrote commit together, so a commit
    lost in a crash loses both, the item is still pending, and the resumed batch
    imports it then (once). The wait was most of a page's time (one fsync per page).
    Set once for the session, not per page (SET LOCAL cost a round trip a page), and
    put back after the batch: the worker's connection serves other tasks next.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:
            # The connection broke; a new one starts with the server's setting.
            logger.warning("could not reset synchronous_commit after import batch", exc_info=True)


def _lock_pending(item: ImportItem) -> bool:
    """Lock the item's row and load its bytes; False (with its outcome loaded) when it
    is no longer pending."""
    outcome, item.data = (
        ImportItem.objects.select_for_update().filter(pk=item.pk)
        .values_list("outcome", "data").first() or (None, None)
    )
    if outcome != Outcome.PENDING:
        item.outcome = outcome or item.outcome
        return False
    return True


def _record(item: ImportItem, result: drafts.Outcome) -> None:
    item.outcome = result.outcome
    item.reason = result.reason
    if result.draft is not None:
        item.content_type = ContentType.objects.get_for_model(result.draft)
        item.object_id = result.draft.pk
    else:
        item.content_type, item.object_id = None, None
    item.processed_at = timezone.now()
    item.data = None  # imported: the text lives on in the draft
    item.save()


def _import(item: ImportItem, context: BatchContext) -> drafts.Outcome:
    if item.data is None:
        raise PageTooLarge(_("the page's bytes are no longer stored; upload it again"))
    text = decode_page(bytes(item.data), max_bytes=context.max_bytes)
    record = parse_page(text, source=item.source, donor_aliases=context.aliases)
    item.summary = record_summary(record) | {"places": record.places}
    del item.summary["error"]
    item.checksum = fingerprints.checksum(text)
    skip = drafts.skip_reason(record)
    if skip:
        return drafts.Outcome(Outcome.SKIPPED, [skip])
    item.title_key = fingerprints.title_key(record.title)
    item.source_url = drafts.valid_url(fingerprints.source_url(text))
    item.sketch = fingerprints.sketch(record.paragraphs)
    model = drafts.target_model(record)
    identity.lock(identity.keys(item))
    match = identity.find(model, item)
    if match is not None and match.identical:
        item.evidence, item.written = match.evidence, match.written
        return drafts.Outcome(
            Outcome.UNCHANGED,
            [_("already imported in batch #%(batch)s (matched by %(evidence)s)")
             % {"batch": match.batch_id, "evidence": match.evidence}],
            match.draft,
        )
    draft = drafts.build(record, context.donor_ids, item.source_url, context.lookups)
    if match is None:
        created = drafts.create(draft, context.user, context.lookups)
        # As stored (sanitised, normalised), so that only an editor's change differs.
        item.written = ownership.written_for(ownership.as_created(created, draft))
        return drafts.Outcome(Outcome.CREATED, draft.notes, created)
    return _newer_version(item, match, draft, context.user)


def _newer_version(item: ImportItem, match: identity.Match, draft, user) -> drafts.Outcome:
    """Apply what the importer owns; what an editor changed since becomes a conflict."""
    target = match.draft
    draft.values = drafts.keep_source_language(target, draft.values)
    plan = ownership.plan(target, ownership.wanted(draft), match.written)
    if target.status != Status.DRAFT and "documents" in plan.changes:
        # A revision carries no related documents: a person decides on them.
        new = plan.changes.pop("documents")
        plan.conflicts["documents"] = {
            "current": ownership.current(target, ["documents"])["documents"], "imported": new, "value": new,
        }
        plan.written.pop("documents", None)
    item.evidence = match.evidence
    notes = [_("newer version of an earlier import (matched by %s)") % match.evidence]
    applied = ownership.apply(target, plan.changes, user) if plan.changes else ""
    if applied == "applied":
        target.refresh_from_db()
        plan.written |= ownership.written_for(ownership.current(target, plan.changes))
    item.written = plan.written
    if applied == "pending":
        notes.insert(0, _("pending review"))
    if plan.conflicts:
        item.conflicts = {
            name: {"current": ownership.shown(c["current"]), "imported": ownership.shown(c["imported"]),
                   "value": c["value"].isoformat() if hasattr(c["value"], "isoformat") else c["value"]}
            for name, c in plan.conflicts.items()
        }
        fields = ", ".join(sorted(plan.conflicts))
        notes.insert(0, _("an editor changed %(fields)s since the last import: the newer version "
                          "is kept beside it for a person to decide") % {"fields": fields})
        return drafts.Outcome(Outcome.CONFLICT, notes + draft.notes, target)
    if not plan.changes:
        notes.append(_("nothing the importer wrote has changed"))
        return drafts.Outcome(Outcome.UNCHANGED, notes, target)
    return drafts.Outcome(Outcome.UPDATED, notes + draft.notes, target)


# Taking over batches whose worker died ------------------------------------------


def sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Queue again every batch whose worker stopped reporting; returns their ids.

    A running batch whose heartbeat is older than `stale_after()` is set back to
    queued (the run that had it, if it is alive after all, loses its claim at its
    next heartbeat) and its task is sent again. So is a batch queued for longer
    than that whose message was lost (a pool child killed after it was taken).
    Beat runs this every minute (settings.CELERY_BEAT_SCHEDULE).
    """
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=stale_after())
    stalled = Q(status=ImportBatch.Status.RUNNING) & (
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at=None, started_at__lt=stale)
    )
    lost = Q(status=ImportBatch.Status.QUEUED, created_at__lt=stale) & (
        Q(heartbeat_at=None) | Q(heartbeat_at__lt=stale)
    )
    taken = []
    for batch_id in ImportBatch.objects.filter(stalled | lost).values_list("pk", flat=True)[:100]:
        if resume(batch_id, now=now, stale=stale):
            taken.append(batch_id)
    return taken


def resume(batch_id: int, *, now: datetime.datetime | None = None, stale=None, queue: bool = True) -> bool:
    """Queue a stalled (or lost) batch again; False when it is finished or still alive."""
    now = now or timezone.now()
    stale = stale or now - datetime.timedelta(seconds=stale_after())
    alive = Q(heartbeat_at__gte=stale) | Q(heartbeat_at=None, started_at__gte=stale)
    requeued = (
        ImportBatch.objects.filter(pk=batch_id, status__in=[ImportBatch.Status.RUNNING, ImportBatch.Status.QUEUED])
        .exclude(alive).update(status=ImportBatch.Status.QUEUED, heartbeat_at=now)
    )
    if requeued:
        logger.warning("import batch %s stalled; queued again", batch_id)
        if queue:
            transaction.on_commit(lambda: enqueue(batch_id))
    return bool(requeued)
