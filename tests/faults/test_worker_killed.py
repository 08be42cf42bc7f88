"""A worker killed with -9 while it holds the timed task: the item is public at its time
anyway, the sweeper records it, and the lost task delivered again changes nothing."""

import datetime as dt

import pytest

from newsroom.articles.models import Article
from newsroom.workflow.tasks import publish_item
from tests.faults.conftest import SWEEP_SECONDS
from tests.faults.scenarios import approve_many, assert_each_done_once, recorded, sleep_until
from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.postgres]


def test_a_worker_killed_holding_the_timed_tasks_loses_no_publication(celery, mail_dir):
    celery.worker("doomed")
    items, publish_at = approve_many(10, dt.timedelta(seconds=10))
    wait_until(lambda: celery.log("doomed").count("publish_item[") >= 10, 10,
               "the worker holding the timed tasks")
    celery.kill("doomed")  # -9: nothing acknowledged, nothing run
    celery.worker("survivor")
    celery.beat("beat")
    sleep_until(publish_at)
    assert Article.objects.published().filter(pk__in=[i.pk for i in items]).count() == 10
    wait_until(lambda: recorded(items) == 10, 30, "the sweeper recording them", interval=0.5)
    # The lost tasks, redelivered later (visibility timeout), change nothing.
    for item in items:
        publish_item.delay("articles.article", item.pk)
    wait_until(lambda: celery.log("survivor").count("publish_item[") >= 2 * 10, 30,
               "the redelivered tasks run")
    wait_until(lambda: celery.log("beat").count("Sending due task") >= 3, 3 * SWEEP_SECONDS + 10,
               "beat sweeping again")
    assert_each_done_once(items, mail_dir)
