"""The services: transitions, approval fingerprints, revisions of live items."""

import pytest
from django.core import mail
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.errors import PermissionDenied, StaleEdit, TransitionNotAllowed
from newsroom.workflow import content, services
from newsroom.workflow.models import AuditEntry, Revision, Status
from tests import factories


def actions(item):
    return list(AuditEntry.for_item(item).order_by("pk").values_list("action", flat=True))


def test_it_walks_the_happy_path_with_one_audit_row_per_transition(
    article, author, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, author)
        services.approve(article, reviewer)
    assert article.status == Status.PUBLISHED
    assert article.published_at is not None
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert actions(article) == ["submit", "approve", "publish"]
    assert article.approved_fingerprint == content.item_fingerprint(article)
    subjects = [m.subject for m in mail.outbox]
    assert any("Awaiting your review" in s for s in subjects)
    assert any("Published" in s for s in subjects)


def test_it_refuses_self_approval_even_to_a_superuser(article, admin_user):
    services.submit(article, admin_user)
    with pytest.raises(PermissionDenied, match="own submission"):
        services.approve(article, admin_user)
    assert Article.objects.get(pk=article.pk).status == Status.IN_REVIEW


def test_self_approval_can_be_allowed_by_setting(article, admin_user, settings):
    settings.NEWSROOM_ALLOW_SELF_APPROVAL = True
    services.submit(article, admin_user)
    services.approve(article, admin_user)
    assert article.status == Status.PUBLISHED


def test_a_refused_transition_names_the_state_and_who_may_act(article, reviewer):
    with pytest.raises(TransitionNotAllowed) as error:
        services.approve(article, reviewer)
    assert "is draft" in str(error.value) and "submit for review (editors)" in str(error.value)


def test_editors_cannot_approve(in_review, editor):
    with pytest.raises(PermissionDenied, match="only reviewers may approve it"):
        services.approve(in_review, editor)


def test_request_changes_needs_a_comment_and_mails_it(
    in_review, reviewer, django_capture_on_commit_callbacks
):
    with pytest.raises(services.InvalidInput):
        services.request_changes(in_review, reviewer, "  ")
    assert Article.objects.get(pk=in_review.pk).status == Status.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(in_review, reviewer, "Add the donor credit.")
    assert in_review.status == Status.CHANGES_REQUESTED
    assert "Add the donor credit." in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["author@newsroom.example.org"]


def test_an_edit_voids_an_approval_that_no_longer_matches(approved_later, author):
    assert services.edit(approved_later, user=author, changes={"title_en": "New title"}) == "applied"
    approved_later.refresh_from_db()
    assert approved_later.status == Status.IN_REVIEW
    assert approved_later.approved_fingerprint == ""
    assert actions(approved_later)[-1] == "void_approval"


def test_an_edit_of_tags_voids_the_approval_too(approved_later, author):
    services.edit(approved_later, user=author, changes={}, m2m={"tags": ["water"]})
    assert approved_later.status == Status.IN_REVIEW


def test_an_edit_of_a_live_item_waits_as_a_revision(published, author, reviewer):
    title = published.title_en
    donor = factories.DonorFactory()
    result = services.edit(
        published, user=author, changes={"title_ar": "عنوان", "body_en": "<p>New text</p>"},
        m2m={"donors": [donor]},
    )
    assert result == "pending"
    row = Article.objects.get(pk=published.pk)
    assert row.title_en == title and row.title_ar in ("", None) and row.status == Status.PUBLISHED
    assert not row.donors.exists()
    revision = services.pending_revision(row)
    changed = {c["key"] for c in content.diff(Article, content.snapshot(row), revision.data)}
    assert changed == {"title_ar", "body_en", "donors"}
    services.approve_revision(revision, reviewer)
    row.refresh_from_db()
    assert row.title_ar == "عنوان" and list(row.donors.all()) == [donor]
    assert row.approved_fingerprint == content.item_fingerprint(row)
    assert revision.state == Revision.State.APPLIED
    assert actions(row)[-2:] == ["revision_submitted", "revision_approved"]


def test_the_author_of_a_revision_cannot_approve_it(published, admin_user):
    services.edit(published, user=admin_user, changes={"title_en": "Mine"})
    with pytest.raises(PermissionDenied):
        services.approve_revision(services.pending_revision(published), admin_user)


def test_approval_is_refused_when_the_content_changed_since_the_reviewer_looked(
    in_review, reviewer, author
):
    seen = content.item_fingerprint(in_review)
    services.edit(in_review, user=author, changes={"summary_en": "Changed"})
    with pytest.raises(StaleEdit):
        services.approve(in_review, reviewer, expected_fingerprint=seen)


def test_a_schedule_with_expiry_before_publication_is_refused(in_review, reviewer):
    at = timezone.now() + timezone.timedelta(hours=1)
    with pytest.raises(services.InvalidSchedule):
        services.approve(in_review, reviewer, publish_at=at, expire_at=at)
    assert Article.objects.get(pk=in_review.pk).status == Status.IN_REVIEW
    assert actions(in_review) == ["submit"]


def test_unpublish_takes_it_offline(published, reviewer):
    services.unpublish(published, reviewer)
    assert not Article.objects.published().filter(pk=published.pk).exists()
    services.reopen(published, factories.editor("e2"))
    assert published.status == Status.DRAFT


def test_one_schedule_rule_for_the_model_the_service_and_the_form(in_review, reviewer):
    from django.core.exceptions import ValidationError

    from newsroom.workflow.forms import ApproveForm

    past = timezone.now() - timezone.timedelta(hours=1)
    message = "The expiry must come after the publish time."
    in_review.expire_at = past  # unscheduled: the publish time would be now
    with pytest.raises(ValidationError, match=message):
        in_review.clean()
    with pytest.raises(services.InvalidSchedule, match=message):
        services.approve(in_review, reviewer, expire_at=past)
    form = ApproveForm({"expire_at": past.strftime("%Y-%m-%dT%H:%M")})
    assert not form.is_valid() and form.errors["expire_at"] == [message]


def test_a_preview_link_in_the_past_is_refused_by_the_service_from_the_admin(
    reviewer_client, approved_later
):
    response = reviewer_client.post(
        f"/admin/articles/article/{approved_later.pk}/preview-links/",
        {"expires_at": "2001-01-01T10:00"},
    )
    assert response.status_code == 400
    assert "must expire in the future" in response.content.decode()
