"""The editorial calendar: by month and week in Baghdad time, coloured by state; moving a time."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.core.errors import PermissionDenied, StaleEdit, TransitionNotAllowed
from newsroom.workflow import services
from newsroom.workflow.models import AuditEntry, Status
from newsroom.workflow.services import InvalidSchedule
from tests import factories
from tests.desk.conftest import baghdad

NOW = baghdad(2024, 6, 10, 12, 0)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def month(clock, publish, approve_for, author):
    """June 2024 as the office sees it at noon on the 10th."""
    made = {
        "published": publish(factories.ArticleFactory(title_en="Out on the first"),
                             baghdad(2024, 6, 1, 0, 30)),
        "scheduled": approve_for(factories.ArticleFactory(title_en="Embargoed release"),
                                 baghdad(2024, 6, 20, 9, 0),
                                 expire_at=baghdad(2024, 6, 27, 9, 0)),
        "statement": approve_for(factories.StatementFactory(title_en="Statement for the day"),
                                 baghdad(2024, 6, 15, 8, 0)),
        "expired": publish(factories.ArticleFactory(title_en="A notice that ran out"),
                           baghdad(2024, 6, 2, 10, 0)),
    }
    expired = made["expired"]
    type(expired)._base_manager.filter(pk=expired.pk).update(expire_at=baghdad(2024, 6, 5, 10, 0))
    in_review = factories.ArticleFactory(title_en="Waiting for a reviewer")
    services.submit(in_review, author)
    type(in_review)._base_manager.filter(pk=in_review.pk).update(publish_at=baghdad(2024, 6, 12, 9))
    in_review.refresh_from_db()
    made["in_review"] = in_review
    # Approved for 11:00 today; at noon nobody has recorded it: the schedule failed.
    missed = factories.ArticleFactory(title_en="Nobody recorded me")
    clock.move_to(baghdad(2024, 6, 10, 10, 0))
    approve_for(missed, baghdad(2024, 6, 10, 11, 0))
    clock.move_to(NOW)
    made["missed"] = missed
    return made


def events(html: str) -> dict[str, str]:
    """event id -> its state, as the page colours it."""
    return dict(re.findall(r'id="event-([\w-]+)" data-state="(\w+)"', html))


def test_the_month_shows_publications_and_expiries_coloured_by_state(month, reviewer_client):
    page = reviewer_client.get("/admin/desk/calendar/", {"view": "month", "date": "2024-06-01"})
    html = page.content.decode()

    assert page.status_code == 200
    pk = {name: item.pk for name, item in month.items()}
    assert events(html) == {
        f"article-{pk['published']}-publish": "published",
        f"article-{pk['expired']}-publish": "expired",
        f"article-{pk['expired']}-expire": "expired",
        f"article-{pk['scheduled']}-publish": "scheduled",
        f"article-{pk['scheduled']}-expire": "scheduled",
        f"statement-{pk['statement']}-publish": "scheduled",
        f"article-{pk['in_review']}-publish": "in_review",
        f"article-{pk['missed']}-publish": "missed",
    }
    assert f'href="/admin/articles/article/{pk["scheduled"]}/change/"' in html


def test_an_item_at_half_past_midnight_on_the_first_is_on_the_first(month, reviewer_client):
    html = reviewer_client.get("/admin/desk/calendar/", {"date": "2024-06-01"}).content.decode()
    first = html.split('<span class="desk-day">1</span>')[1].split("</td>")[0]
    assert f'event-article-{month["published"].pk}-publish' in first and "00:30" in first

    may = reviewer_client.get("/admin/desk/calendar/", {"date": "2024-05-01"}).content.decode()
    assert f'event-article-{month["published"].pk}-publish' not in may


def test_the_week_shows_only_its_seven_days(month, reviewer_client):
    html = reviewer_client.get("/admin/desk/calendar/", {
        "view": "week", "date": "2024-06-12"}).content.decode()

    shown = events(html)
    assert f"article-{month['in_review'].pk}-publish" in shown
    assert f"statement-{month['statement'].pk}-publish" in shown  # Saturday 15 June
    assert f"article-{month['scheduled'].pk}-publish" not in shown  # the 20th, next week
    assert html.count('<span class="desk-day">') == 7


def test_a_reviewer_moves_an_approved_time_and_the_approval_stays(month, reviewer, reviewer_client):
    item = month["scheduled"]
    approval = (item.approved_fingerprint, item.approved_by_id, item.approved_at)

    response = reviewer_client.post(f"/admin/desk/calendar/article/{item.pk}/reschedule/", {
        "publish_at": "2024-06-22T10:30", "expected": item.publish_at.isoformat(),
        "back": "/admin/desk/calendar/?date=2024-06-01",
    })

    assert response.status_code == 302
    assert response["Location"] == "/admin/desk/calendar/?date=2024-06-01"
    item.refresh_from_db()
    assert item.status == Status.APPROVED
    assert item.publish_at == baghdad(2024, 6, 22, 10, 30)
    assert (item.approved_fingerprint, item.approved_by_id, item.approved_at) == approval
    entry = AuditEntry.for_item(item).first()
    assert (entry.action, entry.actor, entry.from_status, entry.to_status) == (
        "reschedule", reviewer, "approved", "approved")
    assert "2024-06-20 09:00" in entry.comment and "2024-06-22 10:30" in entry.comment


def test_only_a_reviewer_sees_the_move_form(month, client, editor, reviewer):
    client.force_login(reviewer)
    assert 'class="desk-move"' in client.get(
        "/admin/desk/calendar/", {"date": "2024-06-01"}).content.decode()
    client.force_login(editor)
    html = client.get("/admin/desk/calendar/", {"date": "2024-06-01"}).content.decode()
    assert 'class="desk-move"' not in html and "Embargoed release" in html


@pytest.mark.parametrize(("name", "publish_at", "status"), [
    ("scheduled", "2024-06-01T10:00", 400),  # a time that has passed
    ("scheduled", "2024-06-28T10:00", 400),  # after its expiry
    ("published", "2024-06-25T10:00", 409),  # public already
    ("in_review", "2024-06-25T10:00", 409),  # not approved
    ("scheduled", "tomorrow", 400),
])
def test_a_move_the_workflow_refuses_is_explained_and_changes_nothing(
        month, reviewer_client, name, publish_at, status):
    item = month[name]
    before = (item.publish_at, item.status, AuditEntry.for_item(item).count())

    response = reviewer_client.post(
        f"/admin/desk/calendar/{item._meta.model_name}/{item.pk}/reschedule/",
        {"publish_at": publish_at},
    )

    assert response.status_code == status
    assert 'class="errornote"' in response.content.decode()
    item.refresh_from_db()
    assert (item.publish_at, item.status, AuditEntry.for_item(item).count()) == before


def test_the_service_refuses_editors_authors_and_stale_calendars(month, author, editor, clock):
    item = month["scheduled"]
    later = baghdad(2024, 6, 23, 9, 0)
    with pytest.raises(PermissionDenied):
        services.reschedule(item, editor, later)
    writer = factories.reviewer("writer")
    type(item)._base_manager.filter(pk=item.pk).update(submitted_by=writer)
    with pytest.raises(PermissionDenied):
        services.reschedule(item, writer, later)
    other = factories.reviewer("other")
    with pytest.raises(StaleEdit):
        services.reschedule(item, other, later, expected_publish_at=later)
    with pytest.raises(InvalidSchedule):
        services.reschedule(item, other, NOW - timedelta(minutes=1))
    with pytest.raises(TransitionNotAllowed):
        services.reschedule(month["missed"], other, later)


def test_an_edit_after_approval_cannot_be_rescheduled_into_publication(month, reviewer):
    item = month["scheduled"]
    type(item)._base_manager.filter(pk=item.pk).update(title_en="Changed behind the approval")
    with pytest.raises(StaleEdit):
        services.reschedule(item, reviewer, baghdad(2024, 6, 23, 9, 0))


def test_a_bad_date_is_a_form_error_naming_it(month, reviewer_client):
    response = reviewer_client.get("/admin/desk/calendar/", {"date": "2024-02-31"})
    assert response.status_code == 400
    assert "date: write the date as YYYY-MM-DD." in response.content.decode()
    response = reviewer_client.get("/admin/desk/calendar/", {"view": "year"})
    assert response.status_code == 400
    assert "view: choose month or week." in response.content.decode()


def test_the_month_costs_the_same_queries_with_more_items(month, reviewer_client, approve_for):
    def count():
        with CaptureQueriesContext(connection) as queries:
            reviewer_client.get("/admin/desk/calendar/", {"date": "2024-06-01"})
        return len(queries)

    before = count()
    for day in range(16, 26):
        approve_for(factories.ArticleFactory(), baghdad(2024, 6, day, 9, 0))
        approve_for(factories.StatementFactory(), baghdad(2024, 6, day, 15, 0))
    assert count() == before


@pytest.mark.parametrize("back", ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example/"])
def test_after_a_move_nobody_is_sent_off_the_site(month, reviewer_client, back):
    item = month["scheduled"]
    response = reviewer_client.post(f"/admin/desk/calendar/article/{item.pk}/reschedule/", {
        "publish_at": "2024-06-21T10:30", "back": back})
    assert response.status_code == 302 and response["Location"] == "/admin/desk/calendar/"
