"""Recording what the clock did: publications and expiries, and schedules that were missed.

Visibility never waits on these (see PublishableQuerySet.published()); they
record the transition, send the signal the public cache listens to, and
notify. Each is a compare-and-set UPDATE that proceeds only when it changed
exactly one row, so duplicate deliveries and concurrent sweepers record an
item once.
"""

import logging
from datetime import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import DateTimeField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsroom.workflow.models import (
    LIVE_STATUSES,
    MISSED_SCHEDULE_GRACE,
    AuditEntry,
    ScheduleAlert,
    Status,
)
from newsroom.workflow.services.base import audit, notify_after_commit, signal_after_commit
from newsroom.workflow.services.editing import discard_pending
from newsroom.workflow.services.previews import revoke_links_of

log = logging.getLogger(__name__)

# Models that go through the workflow (label -> checked at use).
WORKFLOW_MODELS = ("articles.article", "statements.statement")
# The database is down or restarting: not one broken item. Raised on, so the task retries.
TRANSIENT = (OperationalError, InterfaceError)


def _log_if_late(model_label: str, pk: int, publish_at: datetime, now: datetime) -> None:
    # Readers saw it at its time (visibility is a query); only the recording came late
    # (workers or beat were down). Worth a line in the log, not a "schedule failed" e-mail.
    if publish_at is not None and now - publish_at > MISSED_SCHEDULE_GRACE:
        log.warning("%s #%s recorded late: public since %s, recorded at %s",
                    model_label, pk, publish_at.isoformat(), now.isoformat())


def record_publication(model_label: str, pk: int, *, now: datetime | None = None) -> bool:
    """approved -> published, once. True when this call recorded it."""
    model = apps.get_model(model_label)
    now = now or timezone.now()
    with transaction.atomic():
        changed = model._base_manager.filter(
            pk=pk, status=Status.APPROVED, publish_at__lte=now
        ).update(
            status=Status.PUBLISHED,
            published_at=Coalesce("published_at", Value(now, output_field=DateTimeField())),
            updated_at=now,
        )
        if changed != 1:
            return False
        item = model._base_manager.get(pk=pk)
        audit(item, "publish", actor=None, from_status=Status.APPROVED, to_status=Status.PUBLISHED)
        signal_after_commit(item, "published")
    _log_if_late(model_label, pk, item.publish_at, now)
    return True


def record_due_publications(model_label: str, *, now: datetime | None = None,
                            limit: int = 500) -> list[int]:
    """Record every due publication of a model in one transaction; the pks recorded.

    An embargo often releases many items at the same second: one transaction for all
    keeps the last one recorded within milliseconds of the first. On PostgreSQL the
    due rows are locked with SKIP LOCKED, so concurrent callers take disjoint sets and
    every locked row is still approved when updated (the compare-and-set holds). Where
    that lock is not available (SQLite), each item goes through record_publication.
    """
    model = apps.get_model(model_label)
    now = now or timezone.now()
    due = model._base_manager.filter(status=Status.APPROVED, publish_at__lte=now)
    if not connection.features.has_select_for_update_skip_locked:
        pks = list(due.values_list("pk", flat=True)[:limit])
        return [pk for pk in pks if record_publication(model_label, pk, now=now)]
    with transaction.atomic():
        pks = list(
            due.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)[:limit]
        )
        if not pks:
            return []
        changed = due.filter(pk__in=pks).update(
            status=Status.PUBLISHED,
            published_at=Coalesce("published_at", Value(now, output_field=DateTimeField())),
            updated_at=now,
        )
        if changed != len(pks):  # cannot happen while we hold the locks; refuse to guess
            raise RuntimeError(f"{model_label}: locked {len(pks)} due rows, updated {changed}")
        ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
        entries = AuditEntry.objects.bulk_create([
            AuditEntry(content_type=ct, object_id=pk, action="publish",
                       from_status=Status.APPROVED, to_status=Status.PUBLISHED, created_at=now)
            for pk in pks
        ])
        for entry in entries:
            notify_after_commit(entry)
        items = list(model._base_manager.filter(pk__in=pks))
        for item in items:
            signal_after_commit(item, "published")
    for item in items:
        _log_if_late(model_label, item.pk, item.publish_at, now)
    return pks


def record_expiry(model_label: str, pk: int, *, now: datetime | None = None) -> bool:
    """A live item past its expiry -> unpublished, once."""
    model = apps.get_model(model_label)
    now = now or timezone.now()
    with transaction.atomic():
        item = model._base_manager.filter(pk=pk).only("status").first()
        if item is None or item.status not in LIVE_STATUSES:
            return False
        previous = item.status
        changed = model._base_manager.filter(
            pk=pk, status=previous, expire_at__lte=now
        ).update(status=Status.UNPUBLISHED, updated_at=now)
        if changed != 1:
            return False
        item = model._base_manager.get(pk=pk)
        audit(item, "expire", actor=None, from_status=previous, to_status=Status.UNPUBLISHED,
              comment="Reached its expiry time.")
        discard_pending(item, actor=None, reason="Expired: there is no live text for this "
                        "edit to replace any more.")
        revoke_links_of(item)
        signal_after_commit(item, "expired")
    return True


def alert_missed(model_label: str, *, now: datetime | None = None) -> int:
    """E-mail reviewers, once per schedule, about items whose publication went unrecorded."""
    model = apps.get_model(model_label)
    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    sent = 0
    for pk, publish_at in model.objects.missed(at=now).values_list("pk", "publish_at"):
        try:
            with transaction.atomic():
                alert = ScheduleAlert.objects.create(
                    content_type=ct, object_id=pk, publish_at=publish_at
                )
                _notify_missed(alert.pk)
        except IntegrityError:
            continue  # already alerted for this schedule
        sent += 1
    return sent


def _notify_missed(alert_id: int) -> None:
    from newsroom.workflow import tasks

    transaction.on_commit(lambda: tasks.notify_missed_schedule.delay(alert_id))


def sweep(*, now: datetime | None = None) -> dict[str, int]:
    """What the beat sweeper does every minute: publish, expire, then alert, for every model.

    Recording comes first: an item the workers missed for a while but that this sweep
    records was public on time, and is only "recorded late" (logged). What is still due
    after the sweep tried is a failed schedule, and reviewers are e-mailed about it.
    A database that is down raises (TRANSIENT), so the task retries the whole sweep.
    """
    now = now or timezone.now()
    counts = {"missed": 0, "published": 0, "expired": 0}
    for label in WORKFLOW_MODELS:
        model = apps.get_model(label)
        try:
            counts["published"] += len(record_due_publications(label, now=now))
        except TRANSIENT:
            raise
        except Exception:
            log.exception("Batch recording failed for %s; recording one by one", label)
            for pk in model.objects.due(at=now).values_list("pk", flat=True):
                counts["published"] += _safely(record_publication, label, pk, now)
        for pk in model.objects.expired(at=now).values_list("pk", flat=True):
            counts["expired"] += _safely(record_expiry, label, pk, now)
        counts["missed"] += alert_missed(label, now=now)
    return counts


def _safely(record, label: str, pk: int, now: datetime) -> int:
    # One broken item must not stop the sweep; it stays due and is alerted.
    try:
        return int(record(label, pk, now=now))
    except TRANSIENT:
        raise
    except Exception:
        log.exception("Could not record %s for %s #%s", record.__name__, label, pk)
        return 0
