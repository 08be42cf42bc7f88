"""The admin flow: buttons, form errors, optimistic locking, pending revisions, queue."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.workflow import content, services
from newsroom.workflow.models import AuditEntry, Revision, Status
from newsroom.workflow.signals import public_content_changed
from tests import factories
from tests.workflow.helpers import action_url, change_url, form_data

BAGHDAD = ZoneInfo("Asia/Baghdad")


def test_a_reviewer_sees_the_buttons_and_history(reviewer_client, in_review):
    page = reviewer_client.get(change_url(in_review)).content.decode()
    assert "Approve now" in page and "Approve for a time" in page and "Request changes" in page
    assert "Submit for review" not in page
    assert "History" in page and "submit" in page


def test_approve_for_a_time_is_entered_and_stored_in_baghdad_time(reviewer_client, in_review):
    response = reviewer_client.post(action_url(in_review, "approve"), {
        "schedule": "1", "publish_at": "2040-03-01T12:00", "expire_at": "2040-03-02T12:00",
    })
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == Status.APPROVED
    assert in_review.publish_at == dt.datetime(2040, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert timezone.localtime(in_review.publish_at).hour == 12
    page = reviewer_client.get(change_url(in_review)).content.decode()
    assert "2040-03-01 12:00" in page


@pytest.mark.parametrize("data, message", [
    ({"schedule": "1", "publish_at": "2001-01-01T10:00"}, "must be in the future"),
    ({"schedule": "1", "publish_at": "2040-01-02T10:00", "expire_at": "2040-01-01T10:00"},
     "expiry must come after"),
    ({"schedule": "1"}, "Choose when"),
])
def test_bad_schedules_are_form_errors_and_nothing_is_saved(reviewer_client, in_review, data, message):
    response = reviewer_client.post(action_url(in_review, "approve"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == Status.IN_REVIEW and in_review.publish_at is None
    assert list(AuditEntry.for_item(in_review).values_list("action", flat=True)) == ["submit"]


def test_a_change_request_without_comment_is_a_form_error(reviewer_client, in_review):
    response = reviewer_client.post(action_url(in_review, "request_changes"), {"comment": " "})
    assert response.status_code == 400
    assert "a comment is required" in response.content.decode()
    assert Article.objects.get(pk=in_review.pk).status == Status.IN_REVIEW


def test_a_refused_transition_says_the_state_and_who_may_act(reviewer_client, article):
    response = reviewer_client.post(action_url(article, "approve"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "is draft" in page and "submit for review (editors)" in page


def test_a_stale_save_is_refused_and_keeps_what_was_typed(editor_client, article, author):
    loaded = editor_client.get(change_url(article))
    data = form_data(loaded)
    services.edit(article, user=author, changes={"summary_en": "Author's summary"})
    data["title_en"] = "Editor's new title"
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Somebody else saved this article" in page
    assert "Editor&#x27;s new title" in page or "Editor's new title" in page
    article.refresh_from_db()
    assert article.summary_en == "Author's summary" and article.title_en != "Editor's new title"


def test_a_fresh_save_goes_through_and_bumps_the_version(editor_client, article):
    data = form_data(editor_client.get(change_url(article)))
    data["title_en"] = "A better title"
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title_en == "A better title" and article.version == 2


def test_an_admin_edit_voids_a_scheduled_approval(editor_client, approved_later):
    data = form_data(editor_client.get(change_url(approved_later)))
    data["body_en"] = "<p>Changed after approval</p>"
    assert editor_client.post(change_url(approved_later), data).status_code == 302
    approved_later.refresh_from_db()
    assert approved_later.status == Status.IN_REVIEW
    assert AuditEntry.for_item(approved_later).first().action == "void_approval"


def test_editing_a_live_item_waits_for_review_and_then_goes_live(
    client, editor, second_reviewer, published, django_capture_on_commit_callbacks
):
    public_title = published.title_en
    client.force_login(editor)
    data = form_data(client.get(change_url(published)))
    data["title_en"] = "Corrected title"
    data["body_ar"] = "<p>نص عربي</p>"
    assert client.post(change_url(published), data).status_code == 302
    published.refresh_from_db()
    assert published.title_en == public_title and published.status == Status.PUBLISHED
    assert Article.objects.published().get(pk=published.pk).title_en == public_title
    revision = Revision.objects.get(state=Revision.State.PENDING)
    # The editor comes back to their pending edit, not the public text.
    assert "Corrected title" in client.get(change_url(published)).content.decode()

    client.force_login(second_reviewer)
    url = f"/admin/articles/article/{published.pk}/revisions/{revision.pk}/"
    page = client.get(url).content.decode()
    assert "Corrected title" in page and public_title in page and "نص عربي" in page
    assert "ar" in page
    received = []

    def receive(**kwargs):
        received.append(kwargs["reason"])

    # Only this receiver: the public cache's own must stay connected for later tests.
    public_content_changed.connect(receive)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url + "approve/").status_code == 302
    finally:
        public_content_changed.disconnect(receive)
    published.refresh_from_db()
    assert published.title_en == "Corrected title" and received == ["revised"]


def test_saving_a_live_item_unchanged_stores_no_pending_edit(client, editor, published):
    # Empty translations stored as NULL (imports, factories) and posted back as ""
    # are the same content.
    assert published.title_ckb is None
    client.force_login(editor)
    data = form_data(client.get(change_url(published)))
    assert client.post(change_url(published), data).status_code == 302
    assert not Revision.objects.filter(state=Revision.State.PENDING).exists()


def test_versions_can_be_compared(reviewer_client, published, author, reviewer):
    services.edit(published, user=author, changes={"title_en": "Second version"})
    services.approve_revision(services.pending_revision(published), reviewer)
    first, second = Revision.objects.order_by("pk")
    page = reviewer_client.get(
        f"/admin/articles/article/{published.pk}/versions/?a={first.pk}&b={second.pk}"
    ).content.decode()
    assert "Second version" in page and "title" in page


def test_the_index_and_change_list_show_the_queue_with_counts(reviewer_client, in_review):
    factories.ArticleFactory(status=Status.CHANGES_REQUESTED)
    index = reviewer_client.get("/admin/").content.decode()
    assert "Review queue" in index and "Awaiting my review" in index
    listing = reviewer_client.get("/admin/articles/article/?queue=awaiting_me")
    assert "Awaiting my review (1)" in listing.content.decode()
    assert list(listing.context["cl"].result_list) == [in_review]


def test_there_is_no_bulk_approval_an_approval_is_bound_to_content_seen(client, admin_user):
    item = factories.ArticleFactory()
    services.submit(item, factories.editor("e3"))
    client.force_login(admin_user)
    listing = client.get("/admin/articles/article/")
    offered = [name for name, _ in listing.context["action_form"].fields["action"].choices]
    assert "approve_selected_now" not in offered and "submit_selected" in offered
    client.post("/admin/articles/article/", {
        "action": "approve_selected_now", "_selected_action": [item.pk],
    })
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_bulk_submission_goes_through_the_service(client, admin_user):
    first, second = factories.ArticleFactory(), factories.ArticleFactory(status=Status.IN_REVIEW)
    client.force_login(admin_user)
    client.post("/admin/articles/article/", {
        "action": "submit_selected", "_selected_action": [first.pk, second.pk],
    })
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == Status.IN_REVIEW and first.submitted_by == admin_user
    assert list(AuditEntry.for_item(second).values_list("action", flat=True)) == []


def test_statements_share_the_workflow(reviewer_client, editor):
    statement = factories.StatementFactory()
    services.submit(statement, editor)
    response = reviewer_client.post(
        f"/admin/statements/statement/{statement.pk}/workflow/approve/"
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == Status.PUBLISHED


def _pending_edit(item, user, **data):
    """A pending revision of a live item changing what the admin form cannot show."""
    row = Article.objects.get(pk=item.pk)
    snapshot = {**content.snapshot(row), **data}
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(Article), object_id=row.pk,
        state=Revision.State.PENDING, data=snapshot, fingerprint=content.fingerprint(snapshot),
        base_version=row.version, created_by=user,
    )


@pytest.mark.parametrize("changed, message", [
    ({"documents": [{"title_en": "Annual report", "title_ar": "", "title_ckb": "",
                     "url": "https://example.org/report.pdf", "kind": "document", "position": 0}]},
     "changes this article&#x27;s documents"),
    ({"image": "articles/2040/new.jpg"}, "changes this article&#x27;s image"),
])
def test_a_save_that_would_drop_a_pending_edit_of_documents_or_image_is_refused(
    client, editor, author, published, changed, message
):
    revision = _pending_edit(published, author, **changed)
    client.force_login(editor)
    data = form_data(client.get(change_url(published)))
    data["title_en"] = "Corrected title"
    response = client.post(change_url(published), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    revision.refresh_from_db()
    assert revision.state == Revision.State.PENDING
    assert Revision.for_item(published).count() == 2  # the approval's version and the edit


def test_the_reviewer_and_review_date_of_a_live_item_are_saved(
    client, editor, second_reviewer, published
):
    client.force_login(editor)
    data = form_data(client.get(change_url(published)))
    data["assigned_reviewer"] = str(second_reviewer.pk)
    data["review_due"] = "2040-03-01"
    response = client.post(change_url(published), data, follow=True)
    published.refresh_from_db()
    assert published.assigned_reviewer == second_reviewer
    assert published.review_due == dt.date(2040, 3, 1)
    page = response.content.decode()
    assert "Reviewer and review date saved" in page
