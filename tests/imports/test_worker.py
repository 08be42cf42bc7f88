"""A batch run by a real Celery worker process over Redis, as in production."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from newsroom.imports import services
from newsroom.imports.models import ImportBatch
from newsroom.imports.tasks import run_import_batch

from .conftest import outcomes, page, upload

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
        or not settings.DATABASES["default"]["ENGINE"].endswith(".postgresql"),
        reason="needs a Redis broker and PostgreSQL shared with a worker process",
    ),
]
CELERY = Path(sys.executable).with_name("celery")


def _database_url() -> str:
    db = connection.settings_dict  # during the test: pytest-django's test_<name> database
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, settings, tmp_path):
    queue = f"imports-test-{uuid.uuid4().hex[:8]}"  # other test runs may share the broker
    # The worker's local folders are not the web's: as on another machine.
    env = os.environ | {
        "DATABASE_URL": _database_url(), "NEWSROOM_VAR_DIR": str(tmp_path / "worker-var"),
        "MEDIA_ROOT": str(tmp_path / "worker-var" / "media"),
    }
    process = subprocess.Popen(
        [str(CELERY), "-A", "config", "worker", "-P", "solo", "-Q", queue, "--loglevel", "WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_worker_on_another_machine_imports_a_batch_queued_on_redis(worker, known_donors):
    batch = services.create_batch(
        [upload("release.txt", page("en_chrome_press_release.txt")), upload("empty.txt", b"")],
        queue=False,
    )

    run_import_batch.apply_async((batch.pk,), queue=worker)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        batch.refresh_from_db()
        if batch.is_finished:
            break
        time.sleep(0.2)
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.processed, batch.total) == (2, 2)
    assert outcomes(batch) == {"release.txt": "created", "empty.txt": "failed"}
