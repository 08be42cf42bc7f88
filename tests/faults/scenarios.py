"""What the scenarios share: items approved for a time, and what "done once" means."""

import datetime as dt
import time

from django.db import transaction
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.workflow import services
from newsroom.workflow.models import AuditEntry, Status
from tests import factories
from tests.faults.conftest import sent_mail
from tests.faults.services import wait_until


def approve_many(count: int, due_in: dt.timedelta) -> tuple[list[Article], dt.datetime]:
    """`count` articles in review, approved through the workflow for one time `due_in` from
    now (a whole second), their ETA tasks queued. (items, publish_at)

    The items are written first and approved in one transaction, so that a slow, loaded
    machine still approves them all well before the time.
    """
    author, reviewer = factories.editor("author"), factories.reviewer()
    items = factories.ArticleFactory.create_batch(
        count, status=Status.IN_REVIEW, created_by=author, submitted_by=author
    )
    publish_at = timezone.now().replace(microsecond=0) + due_in
    with transaction.atomic():
        for item in items:
            services.approve(item, reviewer, publish_at=publish_at)
    assert timezone.now() < publish_at, "the machine is too slow for this scenario"
    return items, publish_at


def sleep_until(moment: dt.datetime) -> None:
    delay = (moment - timezone.now()).total_seconds()
    if delay > 0:
        time.sleep(delay)


def recorded(items) -> int:
    return Article.objects.filter(pk__in=[i.pk for i in items], status=Status.PUBLISHED).count()


def assert_each_done_once(items, mail_dir) -> None:
    """One publish row and one "Published" e-mail per item: nothing lost, nothing twice."""
    pks = [i.pk for i in items]
    assert recorded(items) == len(items)
    rows = AuditEntry.objects.filter(action="publish", object_id__in=pks)
    counts = {pk: 0 for pk in pks}
    for object_id in rows.values_list("object_id", flat=True):
        counts[object_id] += 1
    assert set(counts.values()) == {1}, {pk: n for pk, n in counts.items() if n != 1}
    # The e-mails follow the recording (a task each, after commit).
    published = wait_until(
        lambda: (found := sent_mail(mail_dir, "[Newsroom] Published: ")) and len(found) >= len(items)
        and found, 60, "a Published e-mail for each item", interval=0.5,
    )
    for item in Article.objects.filter(pk__in=pks):
        assert published.count(f"[Newsroom] Published: {item.title_en}") == 1, item.title_en
