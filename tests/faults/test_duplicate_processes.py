"""Two beats and two workers at once: every item recorded once, one audit row, one e-mail."""

import datetime as dt

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from tests.faults.conftest import SWEEP_SECONDS
from tests.faults.scenarios import approve_many, assert_each_done_once, recorded, sleep_until
from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.postgres]


def test_two_beats_and_two_workers_record_thirty_items_once_each(celery, mail_dir):
    for name in ("worker-a", "worker-b"):
        celery.worker(name)
    for name in ("beat-a", "beat-b"):
        celery.beat(name)
    # Four processes starting at once load a small machine: approve once the beats run.
    wait_until(lambda: all("Sending due task" in celery.log(name) for name in ("beat-a", "beat-b")),
               60, "both beats sweeping")
    items, publish_at = approve_many(30, dt.timedelta(seconds=15))
    sleep_until(publish_at)
    assert Article.objects.published().filter(pk__in=[i.pk for i in items]).count() == 30
    wait_until(lambda: recorded(items) == 30, 60, "all thirty recorded", interval=0.5)
    # Both beats go on sweeping (duplicate sweeps) and both workers take them: nothing changes.
    seen = {name: celery.log(name).count("Sending due task") for name in ("beat-a", "beat-b")}
    wait_until(lambda: all(celery.log(name).count("Sending due task") >= seen[name] + 2
                           for name in seen), 4 * SWEEP_SECONDS + 10, "both beats sweeping again")
    assert all(celery.alive(name) for name in ("worker-a", "worker-b", "beat-a", "beat-b"))
    assert_each_done_once(items, mail_dir)
    assert (timezone.now() - publish_at) < dt.timedelta(minutes=2)
