"""In-admin notifications: what concerns each person, at the top of every admin page."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.workflow import services
from newsroom.workflow.models import Notification, ScheduleAlert
from newsroom.workflow.services.notifications import send_for_entry, send_missed_schedule
from tests.workflow.helpers import change_url


def notes(user) -> list[str]:
    return [n.action_name for n in Notification.objects.filter(user=user).order_by("pk")]


def test_a_submission_notifies_the_reviewer_and_changes_requested_notify_the_author(
    author, reviewer, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, author)
    assert notes(reviewer) == ["Submitted for review"] and notes(author) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(article, reviewer, "Add the dateline.")
    assert notes(author) == ["Changes requested"]
    assert notes(reviewer) == ["Submitted for review"]  # nobody is told of their own act


def test_publication_and_a_missed_schedule_notify_who_they_concern(
    author, reviewer, in_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(in_review, reviewer)
    assert "Published" in notes(author)
    Article.objects.filter(pk=in_review.pk).update(status="approved")
    alert = ScheduleAlert.objects.create(
        content_type=ContentType.objects.get_for_model(Article), object_id=in_review.pk,
        publish_at=timezone.now(),
    )
    send_missed_schedule(alert.pk)
    assert notes(reviewer)[-1] == "Schedule failed"


def test_a_retried_task_adds_no_second_notification(author, reviewer, article,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, author)
    entry = Notification.objects.get(user=reviewer).entry
    send_for_entry(entry.pk)
    send_for_entry(entry.pk)
    assert Notification.objects.filter(user=reviewer).count() == 1


def test_every_admin_page_shows_my_unread_notifications_until_i_look(
    client, author, reviewer, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, author)
        services.request_changes(article, reviewer, "Shorten the title, please.")
    client.force_login(author)
    for url in ("/admin/", "/admin/articles/article/", "/admin/donors/donor/"):
        page = client.get(url).content.decode()
        assert "1 new notification" in page and "Shorten the title, please." in page, url

    note = Notification.objects.get(user=author)
    response = client.get(f"/admin/workflow/notification/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == change_url(article)
    note.refresh_from_db()
    assert note.read_at is not None
    assert "No new notifications" in client.get("/admin/").content.decode()
    listing = client.get("/admin/workflow/notification/").content.decode()
    assert "Changes requested" in listing


def test_nobody_opens_or_lists_anothers_notifications(
    client, author, reviewer, editor, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, author)
    note = Notification.objects.get(user=reviewer)
    client.force_login(editor)
    assert client.get(f"/admin/workflow/notification/{note.pk}/open/").status_code == 404
    assert "Submitted for review" not in client.get("/admin/workflow/notification/").content.decode()


def test_mark_all_as_read(client, author, reviewer, django_capture_on_commit_callbacks):
    for _ in range(3):
        item = Article.objects.create(title_en="To review", created_by=author)
        with django_capture_on_commit_callbacks(execute=True):
            services.submit(item, author)
    client.force_login(reviewer)
    assert "3 new notifications" in client.get("/admin/").content.decode()
    client.post("/admin/workflow/notification/read-all/", HTTP_REFERER="https://evil.example/")
    assert not Notification.objects.unread().filter(user=reviewer).exists()


@pytest.mark.parametrize("url", ["/admin/login/"])
def test_the_login_page_shows_no_notifications(client, url):
    assert "workflow-notifications" not in client.get(url).content.decode()


@pytest.mark.parametrize("view", ["open", "change", "history"])
def test_nobody_opens_or_reads_another_persons_notification(
    client, author, reviewer, article, django_capture_on_commit_callbacks, view
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, author)
    mine = Notification.objects.get(user=reviewer)
    client.force_login(author)
    response = client.get(f"/admin/workflow/notification/{mine.pk}/{view}/")
    assert response.status_code in (302, 403, 404)
    mine.refresh_from_db()
    assert mine.read_at is None
