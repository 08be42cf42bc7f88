"""Thin Celery tasks: take ids, call services. Every effect is idempotent.

A database that is briefly unreachable (a restart, a failover) raises OperationalError:
the task tries again after a growing delay instead of logging a traceback and waiting for
the next sweep. Retrying is safe because every effect is a compare-and-set.
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.utils import timezone, translation

from newsroom.workflow import services

# Errors of a database that is down or restarting (not of a query that is wrong).
TRANSIENT = (OperationalError, InterfaceError)
# 1, 2, 4, 8 ... seconds, at most a minute apart; then the beat sweeper takes over.
BACKOFF = {"retry_backoff": 1, "retry_backoff_max": 60, "retry_jitter": False}


def _drop_broken_connection() -> None:
    # A connection that saw the server go away is unusable; the retry gets a fresh one.
    # Not inside a transaction someone else holds (a caller's atomic block, a test's).
    if not connection.in_atomic_block:
        close_old_connections()


@shared_task(bind=True, max_retries=10)
def publish_item(self, model_label: str, pk: int) -> bool:
    """The ETA task at publish_at: record the publication (once, however often delivered)."""
    try:
        return _publish_item(self, model_label, pk)
    except TRANSIENT as error:
        _drop_broken_connection()
        raise self.retry(exc=error, countdown=min(60, 2 ** self.request.retries)) from error


def _publish_item(task, model_label: str, pk: int) -> bool:
    from django.apps import apps

    with translation.override("en"):
        # Embargoes release many items at one second: the first task to fire records
        # them all (idempotently); the others find their item done.
        if pk in services.record_due_publications(model_label):
            return True
        item = apps.get_model(model_label)._base_manager.filter(pk=pk).first()
        # Delivered a little early (clock skew between hosts): try again at the time.
        # Not when run eagerly (CELERY_TASK_ALWAYS_EAGER ignores the ETA, so it always runs
        # early, and a retry would raise from on_commit after the approval committed):
        # the sweeper records it, and visibility never waited on this task anyway.
        if task.request.is_eager:
            return False
        if item and item.status == "approved" and item.publish_at and item.publish_at > timezone.now():
            if (item.publish_at - timezone.now()).total_seconds() < 300:
                raise task.retry(eta=item.publish_at)
        return False


@shared_task(bind=True, max_retries=6)
def sweep_schedules(self) -> dict:
    """Every minute (beat): catch up on publications, expiries, and missed schedules."""
    try:
        with translation.override("en"):
            return services.sweep()
    except TRANSIENT as error:
        _drop_broken_connection()
        raise self.retry(exc=error, countdown=min(60, 2 ** self.request.retries)) from error


@shared_task(autoretry_for=(OSError, *TRANSIENT), max_retries=5, **BACKOFF)
def notify(entry_id: int) -> int:
    from newsroom.workflow.services.notifications import send_for_entry

    return send_for_entry(entry_id)


@shared_task(autoretry_for=(OSError, *TRANSIENT), max_retries=5, **BACKOFF)
def notify_missed_schedule(alert_id: int) -> int:
    from newsroom.workflow.services.notifications import send_missed_schedule

    return send_missed_schedule(alert_id)
