from celery import shared_task

from newsroom.imports import services


@shared_task(ignore_result=True)
def run_import_batch(batch_id: int) -> None:
    """Import a queued batch; a second delivery finds it claimed and does nothing."""
    services.run_batch(batch_id)
