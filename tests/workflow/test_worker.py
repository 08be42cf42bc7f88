"""The real path: PostgreSQL, Redis and a Celery worker process; concurrent sweepers.

Skipped on the embedded configuration (SQLite, filesystem broker) to keep that run fast.
These tests commit for real (transactional_db): an earlier such test may have flushed
the roles the data migrations created, so they are put back first.
"""

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import close_old_connections, connection, connections
from django.utils import timezone

from config.celery import app as celery_app
from newsroom.articles.models import Article
from newsroom.core import roles
from newsroom.workflow import services
from newsroom.workflow.models import AuditEntry, Status
from tests import factories
from tests.workflow.conftest import set_celery

REDIS = settings.CELERY_BROKER_URL.startswith("redis://")
POSTGRES = connection.vendor == "postgresql"
pytestmark = pytest.mark.skipif(not (REDIS and POSTGRES), reason="needs PostgreSQL and Redis")
ROOT = Path(__file__).resolve().parents[2]


def worker_database_url() -> str:
    """DATABASE_URL, pointed at the test database pytest-django created."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))




@pytest.fixture
def roles_restored(transactional_db):
    for name, codenames in ((roles.EDITORS, roles.EDITOR_PERMISSIONS),
                            (roles.REVIEWERS, roles.REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, names in codenames.items():
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label=app_label, codename__in=names
            ))


def start_worker(name: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": worker_database_url(),
           "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-n", f"wf-{name}-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while not celery_app.control.ping(destination=[f"wf-{name}-{os.getpid()}@{os.uname().nodename}"],
                                      timeout=0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the worker did not start: {process.stderr.read().decode()[-2000:]}")
    return process


@pytest.fixture
def worker(transactional_db, roles_restored):
    set_celery("task_always_eager", False)
    celery_app.control.purge()
    process = start_worker("test")
    yield process
    process.terminate()
    process.wait(timeout=10)


def wait_for_status(item, status: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        item.refresh_from_db()
        if item.status == status:
            return
        time.sleep(0.05)


# A worker killed with -9 holding the timed task: tests/faults/test_worker_killed.py.


def test_an_item_approved_three_seconds_ahead_is_public_on_time_and_recorded_soon(worker):
    author, reviewer = factories.editor("author"), factories.reviewer()
    article = factories.ArticleFactory(created_by=author)
    services.submit(article, author)
    publish_at = timezone.now() + dt.timedelta(seconds=3)
    services.approve(article, reviewer, publish_at=publish_at)

    assert not Article.objects.published(at=publish_at - dt.timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert Article.objects.published(at=publish_at).filter(pk=article.pk).exists()
    wait_for_status(article, Status.PUBLISHED, seconds=8)
    assert article.status == Status.PUBLISHED
    assert (article.published_at - publish_at).total_seconds() <= 2
    assert AuditEntry.for_item(article).filter(action="publish").count() == 1


def _together(count: int, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


@pytest.mark.skipif(not POSTGRES, reason="row locks need PostgreSQL")
def test_concurrent_sweepers_publish_each_item_once(transactional_db, roles_restored):
    reviewer, author = factories.reviewer(), factories.editor("author")
    due = timezone.now() - dt.timedelta(seconds=1)
    items = factories.ArticleFactory.create_batch(
        15, status=Status.APPROVED, publish_at=due, submitted_by=author, approved_by=reviewer
    )
    results = _together(4, lambda: services.sweep()["published"])
    assert sum(results) == 15
    for item in items:
        assert AuditEntry.for_item(item).filter(action="publish").count() == 1
    assert Article.objects.filter(status=Status.PUBLISHED).count() == 15


@pytest.mark.skipif(not POSTGRES, reason="row locks need PostgreSQL")
def test_duplicate_deliveries_at_the_same_instant_record_once(transactional_db):
    item = factories.ArticleFactory(status=Status.APPROVED, publish_at=timezone.now())
    results = _together(6, lambda: services.record_publication("articles.article", item.pk))
    assert sorted(results) == [False] * 5 + [True]
    assert AuditEntry.for_item(item).filter(action="publish").count() == 1
