"""Every role × every transition × GET and POST: only the right POST changes anything."""

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.errors import PermissionDenied
from newsroom.workflow import services
from newsroom.workflow.models import AuditEntry, PreviewLink, Revision, Status
from tests import factories
from tests.workflow.helpers import action_url, writer

START = {
    "submit": Status.DRAFT,
    "approve": Status.IN_REVIEW,
    "request_changes": Status.IN_REVIEW,
    "reopen": Status.CHANGES_REQUESTED,
    "unpublish": Status.PUBLISHED,
}
TARGET = {
    "submit": Status.IN_REVIEW,
    "approve": Status.PUBLISHED,  # approved now, publication recorded at once
    "request_changes": Status.CHANGES_REQUESTED,
    "reopen": Status.DRAFT,
    "unpublish": Status.UNPUBLISHED,
}
# The author writes, submits and also holds the reviewer role: all but approving their own.
ALLOWED = {
    "submit": {"editor", "admin", "author"},
    "approve": {"reviewer", "admin"},
    "request_changes": {"reviewer", "admin", "author"},
    "reopen": {"editor", "admin", "author"},
    "unpublish": {"reviewer", "admin", "author"},
}
ROLES = ["anonymous", "editor", "reviewer", "admin", "author"]


@pytest.fixture
def people(db):
    return {
        "editor": factories.editor(),
        "reviewer": factories.reviewer(),
        "admin": factories.UserFactory(username="admin", is_superuser=True),
        "author": writer(),
    }


def item_in(status: str, author) -> Article:
    article = factories.ArticleFactory(created_by=author)
    fields = {"status": status, "submitted_by": author}
    if status == Status.PUBLISHED:
        fields.update(publish_at=timezone.now() - timezone.timedelta(hours=1))
    Article.objects.filter(pk=article.pk).update(**fields)
    return article


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("action", list(START))
@pytest.mark.parametrize("role", ROLES)
def test_only_the_right_person_posting_changes_state(client, people, role, action, method):
    article = item_in(START[action], people["author"])
    if role != "anonymous":
        client.force_login(people[role])
    data = {"comment": "Please add the donor credit."}
    response = getattr(client, method)(action_url(article, action), data)

    article.refresh_from_db()
    allowed = method == "post" and role in ALLOWED[action]
    assert article.status == (TARGET[action] if allowed else START[action])
    entries = AuditEntry.for_item(article).count()
    if not allowed:
        assert entries == 0
    if role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif method == "get":
        assert response.status_code == 405
    elif allowed:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert b"may" in response.content or b"own submission" in response.content


# --- pending revisions of a live item: approve or discard ----------------------------

# The author made the edit: they may discard it (they review too) but never approve it.
DECIDE_ALLOWED = {
    "approve": {"reviewer", "admin"},
    "discard": {"reviewer", "admin", "author"},
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("decision", list(DECIDE_ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_only_a_reviewer_posting_decides_a_pending_edit(client, people, role, decision, method):
    article = item_in(Status.PUBLISHED, people["author"])
    services.edit(article, user=people["author"], changes={"title_en": "Pending edit"})
    revision = services.pending_revision(article)
    if role != "anonymous":
        client.force_login(people[role])
    url = f"/admin/articles/article/{article.pk}/revisions/{revision.pk}/{decision}/"
    response = getattr(client, method)(url, {"comment": "ok"})

    revision.refresh_from_db()
    article.refresh_from_db()
    allowed = method == "post" and role in DECIDE_ALLOWED[decision]
    if allowed:
        assert response.status_code == 302
        assert revision.state == (
            Revision.State.APPLIED if decision == "approve" else Revision.State.DISCARDED
        )
        assert (article.title_en == "Pending edit") == (decision == "approve")
        return
    assert revision.state == Revision.State.PENDING and article.title_en != "Pending edit"
    assert not AuditEntry.for_item(article).filter(action__startswith="revision_").exclude(
        action="revision_submitted"
    ).exists()
    if role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif method == "get":
        assert response.status_code == 405
    else:
        assert response.status_code == 403


# --- preview links: create and revoke ---------------------------------------------------


@pytest.fixture
def embargoed(people):
    article = item_in(Status.IN_REVIEW, people["author"])
    services.approve(article, people["reviewer"],
                     publish_at=timezone.now() + timezone.timedelta(hours=2))
    return article


@pytest.mark.parametrize("who", ["anonymous", "no_role"])
def test_nobody_without_a_role_creates_or_revokes_a_preview_link(client, people, embargoed, who):
    link = services.create_preview_link(embargoed, people["editor"])
    if who == "no_role":
        client.force_login(factories.UserFactory(username="staff-without-role"))
    base = f"/admin/articles/article/{embargoed.pk}/preview-links/"
    created = client.post(base)
    revoked = client.post(f"{base}{link.pk}/revoke/")

    assert list(PreviewLink.objects.values_list("pk", flat=True)) == [link.pk]
    link.refresh_from_db()
    assert link.revoked_at is None
    for response in (created, revoked):
        if who == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            assert response.status_code == 403


def test_the_services_refuse_preview_links_to_a_user_without_a_role(people, embargoed):
    nobody = factories.UserFactory(username="staff-without-role")
    with pytest.raises(PermissionDenied):
        services.create_preview_link(embargoed, nobody)
    link = services.create_preview_link(embargoed, people["editor"])
    with pytest.raises(PermissionDenied):
        services.revoke_preview_link(link, nobody)
    link.refresh_from_db()
    assert link.revoked_at is None


# --- bulk actions --------------------------------------------------------------------------


@pytest.mark.parametrize("action, start, role", [
    ("submit_selected", Status.DRAFT, "reviewer"),  # reviewers do not submit
    ("unpublish_selected", Status.PUBLISHED, "editor"),  # editors do not unpublish
])
def test_a_bulk_action_without_the_permission_is_not_offered_and_changes_nothing(
    client, people, action, start, role
):
    items = [item_in(start, people["author"]) for _ in range(2)]
    client.force_login(people[role])
    offered = client.get("/admin/articles/article/").context["action_form"].fields["action"]
    assert action not in [value for value, _ in offered.choices]
    response = client.post("/admin/articles/article/", {
        "action": action, "_selected_action": [item.pk for item in items],
    }, follow=True)
    for item in items:
        item.refresh_from_db()
        assert item.status == start
        assert not AuditEntry.for_item(item).exists()
    assert response.status_code == 200  # the change list again, nothing done
