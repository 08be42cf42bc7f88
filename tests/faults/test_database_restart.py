"""PostgreSQL goes down across the publication time and comes back: the timed tasks and
the sweeps retry with backoff, and every item is recorded once."""

import datetime as dt

import pytest

from newsroom.articles.models import Article
from tests.faults.conftest import reconnect
from tests.faults.scenarios import approve_many, assert_each_done_once, recorded, sleep_until
from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.postgres]


def test_a_database_down_at_the_publication_time_delays_the_recording_only(
    celery, postgres, mail_dir
):
    celery.worker("worker")
    celery.beat("beat")
    items, publish_at = approve_many(40, dt.timedelta(seconds=12))
    wait_until(lambda: celery.log("worker").count("publish_item[") >= 40, 10,
               "the worker holding the 40 timed tasks")
    sleep_until(publish_at - dt.timedelta(seconds=2))
    postgres.stop()  # the timed tasks fire, and sweeps start, while it is down
    sleep_until(publish_at + dt.timedelta(seconds=4))
    postgres.start()
    reconnect()

    assert Article.objects.published(at=publish_at).filter(pk__in=[i.pk for i in items]).count() == 40
    wait_until(lambda: recorded(items) == 40 or not celery.alive("worker"), 60,
               "every publication recorded after the restart", interval=0.5)
    assert celery.alive("worker"), celery.log("worker")[-3000:]
    assert celery.alive("beat"), celery.log("beat")[-3000:]
    assert "Retry in" in celery.log("worker")  # the tasks waited, not dropped
    assert_each_done_once(items, mail_dir)


def test_a_database_restart_in_the_middle_of_sweeping_records_each_item_once(
    celery, postgres, mail_dir
):
    from newsroom.workflow.tasks import sweep_schedules

    celery.worker("worker")
    items, publish_at = approve_many(40, dt.timedelta(seconds=6))
    sleep_until(publish_at)
    # The worker records them (timed tasks and these sweeps) while the database restarts.
    for _ in range(5):
        sweep_schedules.delay()
    postgres.restart()
    reconnect()
    for _ in range(2):
        sweep_schedules.delay()
    wait_until(lambda: recorded(items) == 40 or not celery.alive("worker"), 60,
               "every publication recorded", interval=0.5)
    assert celery.alive("worker"), celery.log("worker")[-3000:]
    assert_each_done_once(items, mail_dir)
