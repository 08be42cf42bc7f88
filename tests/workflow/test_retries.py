"""A database that blinks: the tasks retry with backoff, and record each item once.
An item recorded late but public on time is logged, not alarmed about."""

import datetime as dt
import logging

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.db import OperationalError

from newsroom.workflow import services, tasks
from newsroom.workflow.models import AuditEntry, ScheduleAlert, Status
from newsroom.workflow.services import publication

AT = dt.datetime(2040, 5, 1, 9, 0, 0, tzinfo=dt.UTC)


def publications(item):
    return AuditEntry.for_item(item).filter(action="publish").count()


@pytest.fixture
def embargoed(in_review, reviewer):
    with time_machine.travel(AT - dt.timedelta(hours=1), tick=False):
        services.approve(in_review, reviewer, publish_at=AT)
    return in_review


def deliver(task, args=()):
    """Run a task as a worker would: again, each time it asks to be retried. (result, delays)"""
    delays = []
    for retries in range(task.max_retries + 1):
        try:
            return task.apply(args=args, retries=retries, throw=True).get(), delays
        except Retry as retry:
            delays.append(retry.when)
    raise AssertionError(f"{task.name} still retrying after {delays}")


def failing_first(monkeypatch, module, name: str, times: int = 1):
    """Make module.name raise OperationalError `times` times, then behave."""
    real, calls = getattr(module, name), []

    def flaky(*args, **kwargs):
        calls.append(args)
        if len(calls) <= times:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, flaky)
    return calls


def test_the_sweeper_retries_a_database_error_and_records_the_item_once(
    embargoed, monkeypatch, django_capture_on_commit_callbacks
):
    calls = failing_first(monkeypatch, publication, "record_due_publications", times=2)
    with time_machine.travel(AT + dt.timedelta(seconds=5), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            counts, delays = deliver(tasks.sweep_schedules)
    # Two failures, then the retry that worked (for articles, then statements).
    assert len(calls) == 4 and delays == [1, 2]
    assert counts["published"] == 1
    embargoed.refresh_from_db()
    assert embargoed.status == Status.PUBLISHED and publications(embargoed) == 1


def test_the_sweeper_does_not_swallow_a_database_error_as_one_broken_item(embargoed, monkeypatch):
    failing_first(monkeypatch, publication, "record_due_publications", times=9)
    failing_first(monkeypatch, publication, "record_publication", times=9)
    with time_machine.travel(AT + dt.timedelta(seconds=5), tick=False):
        with pytest.raises(OperationalError):
            services.sweep()


def test_the_eta_task_retries_a_database_error_with_growing_delays(embargoed, monkeypatch):
    failing_first(monkeypatch, tasks.services, "record_due_publications", times=3)
    with time_machine.travel(AT, tick=False):
        recorded, delays = deliver(tasks.publish_item, ("articles.article", embargoed.pk))
        assert deliver(tasks.publish_item, ("articles.article", embargoed.pk)) == (False, [])
    assert recorded is True and delays == [1, 2, 4]
    assert publications(embargoed) == 1


def test_an_item_recorded_late_but_public_on_time_gets_no_schedule_failed_mail(
    embargoed, caplog, django_capture_on_commit_callbacks
):
    # The workers were down for ten minutes: readers saw the item at its second anyway.
    mail.outbox.clear()
    with time_machine.travel(AT + dt.timedelta(minutes=10), tick=False):
        with caplog.at_level(logging.WARNING, logger=publication.__name__):
            with django_capture_on_commit_callbacks(execute=True):
                counts = services.sweep()
    assert counts == {"missed": 0, "published": 1, "expired": 0}
    assert not [m for m in mail.outbox if "Schedule failed" in m.subject], [m.subject for m in mail.outbox]
    assert [m for m in mail.outbox if "Published" in m.subject], [m.subject for m in mail.outbox]
    assert not ScheduleAlert.objects.exists()
    late = [r.getMessage() for r in caplog.records if "recorded late" in r.getMessage()]
    assert len(late) == 1 and f"#{embargoed.pk}" in late[0]


def test_an_item_that_cannot_be_recorded_is_still_alarmed_about(
    embargoed, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ValueError("a broken row")

    monkeypatch.setattr(publication, "record_due_publications", broken)
    monkeypatch.setattr(publication, "record_publication", broken)
    mail.outbox.clear()
    with time_machine.travel(AT + dt.timedelta(minutes=10), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            counts = services.sweep()
    assert counts["missed"] == 1 and counts["published"] == 0
    assert len([m for m in mail.outbox if "Schedule failed" in m.subject]) == 1


def test_an_item_recorded_in_time_is_not_logged_as_late(embargoed, caplog):
    with time_machine.travel(AT + dt.timedelta(seconds=30), tick=False):
        with caplog.at_level(logging.WARNING, logger=publication.__name__):
            services.sweep()
    assert "recorded late" not in caplog.text
