"""Batches whose worker died are found by the sweep, shown as stalled, and resumed."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from newsroom.imports import services
from newsroom.imports.models import ImportBatch

from .conftest import page, upload

pytestmark = pytest.mark.django_db


def _stalled_batch(minutes_ago: float = 60) -> ImportBatch:
    batch = services.create_batch(
        [upload("a.txt", page("news_local_header.txt")), upload("b.txt", page("ckb_article.txt"))],
        queue=False,
    )
    beat = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING, started_at=beat, heartbeat_at=beat, created_at=beat
    )
    batch.refresh_from_db()
    return batch


def test_a_batch_whose_heartbeat_stopped_is_shown_as_stalled(settings):
    settings.NEWSROOM_IMPORT_STALE_AFTER = 300
    assert _stalled_batch(minutes_ago=10).progress()["status_label"] == "stalled"
    assert not _stalled_batch(minutes_ago=1).is_stalled


def test_the_sweep_queues_a_stalled_batch_again_and_a_worker_finishes_it(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("newsroom.imports.tasks.run_import_batch.delay", sent.append)
    batch, alive = _stalled_batch(minutes_ago=60), _stalled_batch(minutes_ago=0)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep() == [batch.pk]

    assert sent == [batch.pk]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED
    services.run_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.processed == 2
    alive.refresh_from_db()
    assert alive.status == ImportBatch.Status.RUNNING


def test_the_sweep_sends_again_a_queued_batch_whose_message_was_lost(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("newsroom.imports.tasks.run_import_batch.delay", sent.append)
    batch = _stalled_batch()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED, heartbeat_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()

    assert sent == [batch.pk]


def test_a_run_presumed_dead_stops_once_the_sweep_took_its_batch(known_donors):
    from newsroom.imports.services import batches

    batch = _stalled_batch()
    services.resume(batch.pk, queue=False)

    with pytest.raises(batches.ClaimLost):
        batches.record_progress(batch.pk, batch.heartbeat_at)


def test_the_sweep_runs_every_minute_on_beat(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "newsroom.imports.tasks.sweep_stalled_batches" in tasks


def test_import_pages_resume_imports_the_pending_pages_of_a_stalled_batch():
    batch = _stalled_batch()
    out = io.StringIO()

    call_command("import_pages", "--resume", str(batch.pk), "--sync", "--format", "json",
                 stdout=out, stderr=io.StringIO())

    report = json.loads(out.getvalue())
    assert report["status"] == "done" and report["processed"] == 2


def test_import_pages_refuses_to_resume_a_batch_that_is_alive_or_finished():
    alive = _stalled_batch(minutes_ago=0)
    with pytest.raises(CommandError, match="reported recently"):
        call_command("import_pages", "--resume", str(alive.pk), stdout=io.StringIO())
    ImportBatch.objects.filter(pk=alive.pk).update(status=ImportBatch.Status.DONE)
    with pytest.raises(CommandError, match="already done"):
        call_command("import_pages", "--resume", str(alive.pk), stdout=io.StringIO())


def test_the_admin_resumes_a_stalled_batch(editor_client, monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("newsroom.imports.tasks.run_import_batch.delay", sent.append)
    batch = _stalled_batch()
    page_html = editor_client.get(reverse("admin:imports_importbatch_change", args=[batch.pk])).content
    assert b"stalled" in page_html and b"Resume" in page_html

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:imports_importbatch_resume", args=[batch.pk]))

    assert response.status_code == 302 and sent == [batch.pk]
