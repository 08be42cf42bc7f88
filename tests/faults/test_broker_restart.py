"""Redis restarts while the worker holds unacknowledged timed tasks: the worker lives on,
every item is public at its second and recorded within a minute, none twice."""

import datetime as dt

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from tests.faults.conftest import SWEEP_SECONDS
from tests.faults.scenarios import (
    approve_many,
    assert_each_done_once,
    recorded,
    sleep_until,
)
from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

# The 30 s, shortened: enough to approve the items and restart Redis before the time.
DUE_IN = dt.timedelta(seconds=20)


def test_a_redis_restart_with_fifty_items_due_loses_and_repeats_nothing(celery, redis, mail_dir):
    celery.worker("worker")
    celery.beat("beat")
    items, publish_at = approve_many(50, DUE_IN)
    # The worker has taken every timed task and holds it unacknowledged until its ETA.
    wait_until(lambda: celery.log("worker").count("publish_item[") >= 50, 10,
               "the worker reserving the 50 timed tasks")
    redis.restart(down_for=1)  # without persistence: every queued message is gone

    assert timezone.now() < publish_at
    assert not Article.objects.published(at=publish_at - dt.timedelta(seconds=1)).filter(
        pk__in=[i.pk for i in items]).exists()
    sleep_until(publish_at)
    assert Article.objects.published().filter(pk__in=[i.pk for i in items]).count() == 50

    wait_until(lambda: recorded(items) == 50 or not celery.alive("worker"), 60,
               "every publication recorded within a minute", interval=0.5)
    assert celery.alive("worker"), celery.log("worker")[-3000:]
    assert "Unrecoverable error" not in celery.log("worker")
    assert celery.alive("beat"), celery.log("beat")[-3000:]
    late = max((i.published_at - publish_at) for i in Article.objects.filter(
        pk__in=[i.pk for i in items]))
    assert late <= dt.timedelta(seconds=60)
    # Two more sweeps, and whatever the broker still redelivers, change nothing.
    wait_until(lambda: celery.log("beat").count("Sending due task") >= 3, 3 * SWEEP_SECONDS + 5,
               "beat sweeping again")
    assert_each_done_once(items, mail_dir)
