"""Real worker processes die in the middle of a batch; the batch is finished exactly once.

Each test starts its own Celery worker (prefork, one child) on a queue of its
own, over Redis and the test's PostgreSQL database, with local folders that
are not the web's: the bytes of every page reach it through the database.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from newsroom.articles.models import Article
from newsroom.imports import services
from newsroom.imports.models import ImportBatch, ImportItem
from newsroom.imports.services import batches
from newsroom.imports.tasks import run_import_batch

from .conftest import upload
from .test_identity import distinct_page
from .test_worker import _database_url

# Not under `faults`: they kill only the workers they start, on the suite's own
# PostgreSQL and Redis, so they run in the PostgreSQL half of `make test`.
pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
        or not settings.DATABASES["default"]["ENGINE"].endswith(".postgresql"),
        reason="needs a Redis broker and PostgreSQL shared with worker processes",
    ),
]
CELERY = Path(sys.executable).with_name("celery")
PAGES = 300


class Worker:
    def __init__(self, queue: str, var_dir: Path):
        env = os.environ | {
            "DATABASE_URL": _database_url(), "NEWSROOM_VAR_DIR": str(var_dir),
            "MEDIA_ROOT": str(var_dir / "media"),
        }
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "config", "worker", "-P", "prefork", "-c", "1", "-Q", queue,
             "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: killed whole, like a machine
        )

    def child(self) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            children = path.read_text().split() if path.exists() else []
            if children:
                return int(children[0])
            time.sleep(0.05)
        raise AssertionError("the worker started no pool child")

    def kill_all(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def queue(transactional_db, settings, monkeypatch, tmp_path):
    name = f"imports-faults-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(batches, "enqueue", lambda batch_id: run_import_batch.apply_async((batch_id,), queue=name))
    settings.NEWSROOM_IMPORT_STALE_AFTER = 2  # in this process, which runs the sweep
    started: list[Worker] = []

    def start() -> Worker:
        # Every worker has local folders of its own, none of them the web's.
        worker = Worker(name, tmp_path / f"worker-{len(started)}")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _batch_of_distinct_pages() -> ImportBatch:
    files = [upload(f"page-{n:03d}.txt", distinct_page(n)) for n in range(PAGES)]
    return services.create_batch(files, queue=False)


def _done(batch) -> int:
    return ImportItem.objects.filter(batch=batch).exclude(outcome="pending").count()


def _wait_for(condition, seconds=120, step=0.01):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(step)
    raise AssertionError("timed out")


def _sweep_until_done(batch) -> None:
    """What beat does every minute, sooner: queue the stalled batch again, until it ends."""
    def finished():
        batch.refresh_from_db()
        if not batch.is_finished:
            services.sweep()
        return batch.is_finished

    _wait_for(finished, step=0.5)
    connection.close()


def _assert_every_page_imported_once(batch) -> None:
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    items = ImportItem.objects.filter(batch=batch)
    assert items.count() == PAGES and batch.processed == PAGES
    assert Counter(items.values_list("outcome", flat=True)) == {"created": PAGES}
    drafts = Counter(items.values_list("object_id", flat=True))
    assert len(drafts) == PAGES and max(drafts.values()) == 1
    assert Article.objects.count() == PAGES


def test_a_worker_killed_at_a_third_of_a_batch_is_taken_over_and_no_page_is_imported_twice(queue):
    batch = _batch_of_distinct_pages()
    first = queue()
    batches.enqueue(batch.pk)
    _wait_for(lambda: _done(batch) >= PAGES // 3)

    first.kill_all()
    assert 0 < _done(batch) < PAGES
    queue()  # another machine's worker
    _sweep_until_done(batch)

    _assert_every_page_imported_once(batch)


def test_a_pool_child_killed_alone_loses_no_page_and_imports_none_twice(queue):
    batch = _batch_of_distinct_pages()
    worker = queue()
    batches.enqueue(batch.pk)
    _wait_for(lambda: _done(batch) >= PAGES // 3)

    os.kill(worker.child(), signal.SIGKILL)  # the main process lives on; the message is lost
    assert _done(batch) < PAGES
    _sweep_until_done(batch)

    _assert_every_page_imported_once(batch)
