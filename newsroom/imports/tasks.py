from celery import shared_task

from newsroom.imports import services
from newsroom.imports.models import ImportBatch
from newsroom.imports.services import batches


@shared_task(bind=True, ignore_result=True, max_retries=None)
def run_import_batch(self, batch_id: int) -> None:
    """Import a batch; a second delivery finds it claimed and does nothing.

    A delivery that finds the batch running elsewhere comes back once a
    heartbeat could have gone stale: if that worker died meanwhile (a
    redelivery right after a crash arrives before its heartbeat is stale),
    this one takes the batch over and finishes it.
    """
    if services.run_batch(batch_id) is not None or self.request.is_eager:
        return
    if ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.RUNNING).exists():
        raise self.retry(countdown=batches.stale_after() + 5)


@shared_task(ignore_result=True)
def sweep_stalled_batches() -> None:
    """Beat, every minute: batches whose worker died are queued again (idempotent)."""
    batches.sweep()
