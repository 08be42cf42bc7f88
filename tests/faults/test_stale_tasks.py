"""A schedule moved or cancelled after its timed task was queued: the stale task does nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.workflow import services
from newsroom.workflow.models import AuditEntry, Status
from tests import factories
from tests.faults.scenarios import assert_each_done_once, sleep_until
from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.postgres]


def test_a_cancelled_or_moved_schedule_is_not_published_by_its_stale_task(celery, mail_dir):
    celery.worker("worker")
    celery.beat("beat")
    author, reviewer = factories.editor("author"), factories.reviewer()
    cancelled, moved = factories.ArticleFactory.create_batch(
        2, status=Status.IN_REVIEW, created_by=author, submitted_by=author
    )
    first_time = timezone.now().replace(microsecond=0) + dt.timedelta(seconds=8)
    for item in (cancelled, moved):
        services.approve(item, reviewer, publish_at=first_time)
    wait_until(lambda: celery.log("worker").count("publish_item[") >= 2, 10,
               "the worker holding both timed tasks")
    # After the tasks were queued: one approval withdrawn, the other moved later.
    services.unpublish(cancelled, reviewer, comment="Hold: the partner asked to wait")
    services.edit(moved, user=author, changes={"title_en": "Moved: a corrected title"})
    later = first_time + dt.timedelta(seconds=8)
    services.approve(moved, factories.reviewer("reviewer2"), publish_at=later)

    sleep_until(first_time + dt.timedelta(seconds=3))  # the stale tasks have fired
    wait_until(lambda: celery.log("worker").count("publish_item[") >= 4, 10,
               "both stale tasks run")
    for item in (cancelled, moved):
        item.refresh_from_db()
        assert not AuditEntry.for_item(item).filter(action="publish").exists()
    assert cancelled.status == Status.UNPUBLISHED
    assert moved.status == Status.APPROVED
    assert not Article.objects.published().filter(pk__in=[cancelled.pk, moved.pk]).exists()

    sleep_until(later)
    assert Article.objects.published().filter(pk=moved.pk).exists()
    wait_until(lambda: Article.objects.filter(pk=moved.pk, status=Status.PUBLISHED).exists(), 30,
               "the moved item recorded at its new time", interval=0.5)
    assert_each_done_once([moved], mail_dir)
    cancelled.refresh_from_db()
    assert cancelled.status == Status.UNPUBLISHED
