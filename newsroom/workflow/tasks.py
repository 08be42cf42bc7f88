"""Thin Celery tasks: take ids, call services. Every effect is idempotent."""

from celery import shared_task
from django.utils import timezone, translation

from newsroom.workflow import services


@shared_task(bind=True, max_retries=10)
def publish_item(self, model_label: str, pk: int) -> bool:
    """The ETA task at publish_at: record the publication (once, however often delivered)."""
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
        if self.request.is_eager:
            return False
        if item and item.status == "approved" and item.publish_at and item.publish_at > timezone.now():
            if (item.publish_at - timezone.now()).total_seconds() < 300:
                raise self.retry(eta=item.publish_at)
        return False


@shared_task
def sweep_schedules() -> dict:
    """Every minute (beat): catch up on publications, expiries, and missed schedules."""
    with translation.override("en"):
        return services.sweep()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify(entry_id: int) -> int:
    from newsroom.workflow.services.notifications import send_for_entry

    return send_for_entry(entry_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_missed_schedule(alert_id: int) -> int:
    from newsroom.workflow.services.notifications import send_missed_schedule

    return send_missed_schedule(alert_id)
