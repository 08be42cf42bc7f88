"""Batches: store the uploaded files, then import them one transaction per page."""

from __future__ import annotations

import datetime
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.text import get_valid_filename

from newsroom.core.errors import NewsroomError
from newsroom.core.languages import SOURCE
from newsroom.donors.models import Donor
from newsroom.imports import archives
from newsroom.imports.decoding import PageDecodeError, decode_page
from newsroom.imports.models import ImportBatch, ImportItem
from newsroom.imports.parser import parse_page

from . import drafts, fingerprints, sources
from .summary import record_summary

logger = logging.getLogger(__name__)
Outcome = ImportItem.Outcome
_CHUNK = 500
# Seconds between progress updates on the batch row (what the admin page polls).
_PROGRESS_EVERY = 0.5
# A RUNNING batch whose heartbeat is older than this many seconds has lost its
# worker and may be claimed again (setting NEWSROOM_IMPORT_STALE_AFTER).
STALE_AFTER = 5 * 60


class PageTooLarge(Exception):
    pass


# Creating a batch -----------------------------------------------------------


def create_batch(uploads: Iterable[sources.Upload], *, user=None, queue: bool = True) -> ImportBatch:
    """Keep the files where the worker can read them and list one item per page.

    Files refused on sight (too large, an archive that is refused as a whole)
    become failed items at once; the rest wait for `run_batch`.
    """
    batch_id = None
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(created_by=user)
            batch_id = batch.pk
            _list_items(batch, uploads)
            if queue:
                transaction.on_commit(lambda: enqueue(batch.pk))
    except BaseException:
        if batch_id is not None:
            sources.discard(batch_id)  # the batch row was rolled back: nobody will run it
        raise
    batch.refresh_from_db()
    return batch


def _list_items(batch: ImportBatch, uploads: Iterable[sources.Upload]) -> None:
    pending: list[ImportItem] = []
    failed = total = 0
    for n, upload in enumerate(uploads):
        for item in _items_for(batch, n, upload):
            total += 1
            failed += item.outcome == Outcome.FAILED
            pending.append(item)
            if len(pending) >= _CHUNK:
                ImportItem.objects.bulk_create(pending)
                pending = []
    ImportItem.objects.bulk_create(pending)
    ImportBatch.objects.filter(pk=batch.pk).update(
        total=total, processed=failed, failed_count=failed
    )


def enqueue(batch_id: int) -> None:
    from newsroom.imports.tasks import run_import_batch

    run_import_batch.delay(batch_id)


def _items_for(batch: ImportBatch, n: int, upload: sources.Upload) -> Iterator[ImportItem]:
    limit = sources.max_bytes()
    is_zip = archives.is_archive(upload.name)
    cap = archives.MAX_TOTAL_BYTES if is_zip else limit
    if upload.size > cap:
        yield _failed(batch, upload.name, sources.too_large(upload.size, cap))
        return
    stored = _store(batch, n, upload)
    if not is_zip:
        yield ImportItem(batch=batch, source=upload.name, file=stored)
        return
    try:
        pages = list(archives.pages(sources.storage().path(stored)))
    except archives.ArchiveRefused as exc:
        yield _failed(batch, upload.name, str(exc))
        return
    if not pages:
        yield _failed(batch, upload.name, "the archive holds no .txt page dumps")
    for page in pages:
        yield ImportItem(
            batch=batch, source=f"{upload.name}/{page.name}"[:500], file=stored, member=page.name
        )


def _failed(batch, source: str, reason: str) -> ImportItem:
    return ImportItem(
        batch=batch, source=source[:500], outcome=Outcome.FAILED, reason=reason,
        processed_at=timezone.now(),
    )


def _store(batch: ImportBatch, n: int, upload: sources.Upload) -> str:
    name = get_valid_filename(os.path.basename(upload.name.replace("\\", "/"))) or "page"
    with upload.open() as handle:
        return sources.storage().save(f"{batch.pk}/{n:05d}-{name}"[:200], File(handle))


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
        with translation.override(SOURCE):
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
    """End the batch if this run still owns it; its stored files go either way it ends."""
    try:
        beat = record_progress(batch_id, beat)
    except ClaimLost:
        return False
    ended = ImportBatch.objects.filter(pk=batch_id, heartbeat_at=beat).update(
        finished_at=timezone.now(), **values
    )
    if ended:
        sources.discard(batch_id)
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
            ImportItem.objects.filter(batch_id=batch_id, outcome=Outcome.PENDING, pk__gt=last)
            .order_by("pk")[:_CHUNK]
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
        reason = f"unexpected error ({type(exc).__name__}): {exc}"
    context.lookups.forget()
    with transaction.atomic():
        if not _lock_pending(item):
            return item.outcome
        _record(item, drafts.Outcome(Outcome.FAILED, [reason]))
    return Outcome.FAILED


def _lock_pending(item: ImportItem) -> bool:
    """Lock the item's row; False (with its outcome loaded) when it is no longer pending."""
    outcome = (
        ImportItem.objects.select_for_update().filter(pk=item.pk)
        .values_list("outcome", flat=True).first()
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
    item.save()


def _import(item: ImportItem, context: BatchContext) -> drafts.Outcome:
    text = decode_page(_read(item, context.max_bytes), max_bytes=context.max_bytes)
    record = parse_page(text, source=item.source, donor_aliases=context.aliases)
    item.summary = record_summary(record) | {"places": record.places}
    del item.summary["error"]
    item.checksum = fingerprints.checksum(item.source, text)
    item.opening = fingerprints.opening(record.paragraphs)
    skip = drafts.skip_reason(record)
    if skip:
        return drafts.Outcome(Outcome.SKIPPED, [skip])
    model = drafts.target_model(record)
    earlier_imports = drafts.history(model, item)
    same = drafts.same_input(model, item, earlier_imports)
    if same is not None:
        return drafts.Outcome(Outcome.UNCHANGED, [f"already imported in batch #{same[1]}"], same[0])
    source_url = fingerprints.source_url(text)
    draft = drafts.build(record, context.donor_ids, source_url, context.lookups)
    earlier, matched_by = drafts.find_earlier(model, item, source_url, earlier_imports)
    if earlier is None:
        created = drafts.create(draft, context.user, context.lookups)
        return drafts.Outcome(Outcome.CREATED, draft.notes, created)
    applied = drafts.update(earlier, draft, context.user)
    notes = [f"newer version of an earlier import ({matched_by})", *draft.notes]
    if applied == "pending":
        notes.insert(0, "pending review")
    return drafts.Outcome(Outcome.UPDATED, notes, earlier)


def _read(item: ImportItem, max_bytes: int) -> bytes:
    path = sources.storage().path(item.file)
    if item.member:
        return archives.read_page(path, item.member, max_bytes=max_bytes)
    size = os.path.getsize(path)
    if size > max_bytes:
        raise PageTooLarge(sources.too_large(size, max_bytes))
    with open(path, "rb") as handle:
        return handle.read()

