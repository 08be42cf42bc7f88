"""The admin index: what concerns the person looking, each block linking to its list."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.imports.models import ImportBatch, ImportItem
from newsroom.workflow import services
from tests import factories
from tests.desk.conftest import baghdad, translated

NOW = baghdad(2024, 6, 10, 12, 0)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk(clock, author, reviewer, approve_for, publish):
    def submitted(title, due=None, **extra):
        item = factories.ArticleFactory(title_en=title, created_by=author, **extra)
        services.submit(item, author, review_due=due)
        return item

    made = {
        "due_later": submitted("Due next week", date(2024, 6, 17)),
        "overdue": submitted("Overdue since Friday", date(2024, 6, 7)),
        "no_date": submitted("No due date"),
        "soon": approve_for(factories.ArticleFactory(title_en="Out tomorrow"),
                            baghdad(2024, 6, 11, 9, 0)),
        "later": approve_for(factories.ArticleFactory(title_en="Out in a week"),
                             baghdad(2024, 6, 17, 9, 0)),
        "live": publish(factories.ArticleFactory(title_en="Live already", **translated()),
                        baghdad(2024, 6, 1, 9, 0)),
    }
    sent_back = submitted("Needs another look")
    services.request_changes(sent_back, reviewer, "First remark.")
    clock.shift(timedelta(minutes=1))
    services.reopen(sent_back, author)
    services.submit(sent_back, author)
    services.request_changes(sent_back, reviewer, "Please cite the donor's full name.")
    made["sent_back"] = sent_back
    missed = factories.ArticleFactory(title_en="Stuck schedule")
    clock.move_to(baghdad(2024, 6, 10, 10, 0))
    approve_for(missed, baghdad(2024, 6, 10, 11, 0))
    clock.move_to(NOW)
    made["missed"] = missed
    batch = ImportBatch.objects.create(status=ImportBatch.Status.DONE, total=2, processed=2,
                                       created_count=1, failed_count=1)
    ImportItem.objects.create(batch=batch, source="broken.txt", outcome="failed",
                              reason="not a page dump")
    made["batch"] = batch
    return made


def block(html: str, key: str) -> str:
    return html.split(f'id="block-{key}"')[1].split("</section>")[0]


def test_awaiting_my_review_lists_overdue_first_with_due_dates(desk, reviewer_client):
    html = reviewer_client.get("/admin/").content.decode()
    mine = block(html, "awaiting_review")

    order = [mine.index(t) for t in ("Overdue since Friday", "Due next week", "No due date")]
    assert order == sorted(order)
    assert "overdue since 2024-06-07" in mine and "due 2024-06-17" in mine
    assert "/admin/articles/article/?queue=awaiting_me" in mine


def test_my_items_with_changes_requested_show_the_latest_comment(desk, client, author):
    client.force_login(author)
    mine = block(client.get("/admin/").content.decode(), "changes_requested")

    assert "Needs another look" in mine
    assert "Please cite the donor&#x27;s full name." in mine and "First remark." not in mine
    listed = client.get("/admin/articles/article/", {"queue": "my_changes_requested"})
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [desk["sent_back"]]


def test_scheduled_in_the_next_48_hours_and_its_list(desk, reviewer_client):
    html = reviewer_client.get("/admin/").content.decode()
    soon = block(html, "scheduled_soon")

    assert "Out tomorrow" in soon and "Out in a week" not in soon
    listed = reviewer_client.get("/admin/articles/article/", {"queue": "next_48_hours"})
    assert list(listed.context["cl"].result_list) == [desk["soon"]]


def test_a_missed_schedule_stands_out_and_links_to_its_list(desk, reviewer_client):
    missed = block(reviewer_client.get("/admin/").content.decode(), "missed")

    assert "Stuck schedule" in missed and "desk-alert" in missed
    listed = reviewer_client.get("/admin/articles/article/", {"queue": "missed"})
    assert list(listed.context["cl"].result_list) == [desk["missed"]]


def test_recent_imports_link_to_their_failed_pages(desk, editor_client):
    imports = block(editor_client.get("/admin/").content.decode(), "imports")

    url = f"/admin/imports/importitem/?batch__id__exact={desk['batch'].pk}&amp;outcome__exact=failed"
    assert url in imports
    listed = editor_client.get(url.replace("&amp;", "&"))
    assert [item.source for item in listed.context["cl"].result_list] == ["broken.txt"]


def test_translation_gaps_are_counted_per_language(desk, editor_client):
    gaps = block(editor_client.get("/admin/").content.decode(), "translations")

    rows = dict(re.findall(r'\?language=(\w+)">[^<]+</a></th><td>(\d+)</td>', gaps))
    # Eight items: all but the live one lack Arabic, all lack Kurdish; English is the source.
    assert rows == {"en": "0", "ar": "7", "ckb": "8"}


def test_the_review_queue_is_still_on_the_index(desk, reviewer_client):
    assert 'id="review-queue"' in reviewer_client.get("/admin/").content.decode()


def test_the_index_costs_the_same_queries_with_more_items(desk, reviewer_client, author,
                                                           approve_for):
    def count():
        reviewer_client.get("/admin/")  # bring the translation index up to date
        with CaptureQueriesContext(connection) as queries:
            reviewer_client.get("/admin/")
        return len(queries)

    before = count()
    for n in range(6):
        item = factories.ArticleFactory(created_by=author)
        services.submit(item, author, review_due=date(2024, 6, 1 + n))
        approve_for(factories.StatementFactory(), baghdad(2024, 6, 11, n, 0))
    assert count() == before


def test_the_index_counts_each_review_queue_once(desk, reviewer_client):
    reviewer_client.get("/admin/")  # bring the translation index up to date
    with CaptureQueriesContext(connection) as queries:
        page = reviewer_client.get("/admin/").content.decode()
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]

    assert 'id="review-queue"' in page and 'id="dashboard"' in page
    assert counts and len(counts) == len(set(counts)), "a queue was counted twice"
