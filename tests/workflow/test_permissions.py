"""Every role × every transition × GET and POST: only the right POST changes anything."""

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.workflow.models import AuditEntry, Status
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
