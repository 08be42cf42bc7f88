"""Scheduling and embargo: visibility at query time, recording once, expiry, missed schedules."""

import datetime as dt

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.workflow import services, tasks
from newsroom.workflow.models import AuditEntry, Status
from tests import factories

AT = dt.datetime(2040, 5, 1, 9, 0, 0, tzinfo=dt.UTC)


def publications(item):
    return AuditEntry.for_item(item).filter(action="publish").count()


@pytest.fixture
def embargoed(in_review, reviewer):
    with time_machine.travel(AT - dt.timedelta(hours=1), tick=False):
        services.approve(in_review, reviewer, publish_at=AT)
    return in_review


def test_nothing_embargoed_is_public_one_second_early_and_it_is_at_the_second(embargoed):
    with time_machine.travel(AT - dt.timedelta(seconds=1), tick=False):
        assert not Article.objects.published().filter(pk=embargoed.pk).exists()
        assert Article.objects.scheduled().filter(pk=embargoed.pk).exists()
    with time_machine.travel(AT, tick=False):
        assert Article.objects.published().filter(pk=embargoed.pk).exists()


def test_the_eta_task_records_the_publication_once_however_often_delivered(
    embargoed, monkeypatch
):
    retried = []
    monkeypatch.setattr(tasks.publish_item, "retry",
                        lambda eta: retried.append(eta) or Retry(when=eta))
    with time_machine.travel(AT - dt.timedelta(seconds=1), tick=False):
        # Delivered early by a worker (clock skew): it records nothing and retries at the time.
        with pytest.raises(Retry):
            tasks.publish_item.run("articles.article", embargoed.pk)
    assert retried == [AT]
    with time_machine.travel(AT + dt.timedelta(seconds=1), tick=False):
        assert tasks.publish_item.apply(args=("articles.article", embargoed.pk)).get() is True
        assert tasks.publish_item.apply(args=("articles.article", embargoed.pk)).get() is False
        assert services.sweep()["published"] == 0
    embargoed.refresh_from_db()
    assert embargoed.status == Status.PUBLISHED and publications(embargoed) == 1
    assert embargoed.published_at == AT + dt.timedelta(seconds=1)


def test_the_sweeper_records_due_items_and_expiries(in_review, reviewer):
    with time_machine.travel(AT - dt.timedelta(hours=1), tick=False):
        services.approve(in_review, reviewer, publish_at=AT, expire_at=AT + dt.timedelta(days=1))
    with time_machine.travel(AT + dt.timedelta(seconds=30), tick=False):
        assert services.sweep() == {"missed": 0, "published": 1, "expired": 0}
    with time_machine.travel(AT + dt.timedelta(days=1), tick=False):
        assert not Article.objects.published().filter(pk=in_review.pk).exists()
        assert services.sweep()["expired"] == 1
        assert services.sweep()["expired"] == 0
    in_review.refresh_from_db()
    assert in_review.status == Status.UNPUBLISHED
    assert list(AuditEntry.for_item(in_review).values_list("action", flat=True))[:2] == [
        "expire", "publish",
    ]


def test_a_missed_schedule_is_mailed_to_reviewers_once_and_shown_in_the_admin(
    embargoed, client, reviewer, django_capture_on_commit_callbacks
):
    with time_machine.travel(AT + dt.timedelta(minutes=3), tick=False):
        assert Article.objects.missed().filter(pk=embargoed.pk).exists()
        client.force_login(reviewer)  # a session opened in 2040
        page = client.get(f"/admin/articles/article/{embargoed.pk}/change/")
        assert "Schedule failed" in page.content.decode()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.alert_missed("articles.article")
            services.alert_missed("articles.article")
    failed = [m for m in mail.outbox if "Schedule failed" in m.subject]
    assert len(failed) == 1 and failed[0].to == ["reviewer@newsroom.example.org"]
    assert "12:00" in failed[0].body  # 09:00 UTC, told in Baghdad time


def test_approving_with_a_publish_time_queues_an_eta_task(
    in_review, reviewer, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(tasks.publish_item, "apply_async",
                        lambda args, eta: queued.append((args, eta)))
    at = timezone.now() + dt.timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(in_review, reviewer, publish_at=at)
    assert queued == [(("articles.article", in_review.pk), at)]


def test_each_transition_mails_the_right_people(
    article, author, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, author)
    assert mail.outbox[-1].to == ["reviewer@newsroom.example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(article, reviewer)
    subjects = {m.subject.split(":")[0]: m.to for m in mail.outbox}
    assert subjects["[Newsroom] Approved"] == ["author@newsroom.example.org"]
    assert "reviewer@newsroom.example.org" in subjects["[Newsroom] Published"]


def test_an_embargo_releasing_many_items_records_them_in_one_go(reviewer, author):
    items = []
    with time_machine.travel(AT - dt.timedelta(hours=1), tick=False):
        for _ in range(3):
            item = factories.ArticleFactory(created_by=author)
            services.submit(item, author)
            services.approve(item, reviewer, publish_at=AT)
            items.append(item)
    with time_machine.travel(AT, tick=False):
        recorded = services.record_due_publications("articles.article")
        assert sorted(recorded) == sorted(i.pk for i in items)
        assert services.record_due_publications("articles.article") == []
        assert tasks.publish_item.apply(args=("articles.article", items[0].pk)).get() is False
    assert [publications(i) for i in items] == [1, 1, 1]


def test_approving_for_later_in_eager_mode_queues_nothing_that_crashes(
    in_review, reviewer, django_capture_on_commit_callbacks
):
    # CELERY_TASK_ALWAYS_EAGER (the conftest's mode): the ETA is ignored and the task runs
    # at once, before publish_at; it must leave the item to the sweeper, not retry.
    at = timezone.now() + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(in_review, reviewer, publish_at=at)
    in_review.refresh_from_db()
    assert in_review.status == Status.APPROVED and publications(in_review) == 0
    with time_machine.travel(at + dt.timedelta(seconds=1), tick=False):
        assert services.sweep()["published"] == 1
