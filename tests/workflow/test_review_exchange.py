"""The exchange between reviewer and editor: the comment stands where the editor looks,
a resubmission goes straight back to the same reviewer, a live edit can be sent back."""

import pytest

from newsroom.articles.models import Article
from newsroom.workflow import comments, services
from newsroom.workflow.models import AuditEntry, Revision, Status
from tests.workflow.helpers import action_url, change_url, form_data

COMMENT = "Please give the number of families and the full name of the donor."


@pytest.fixture
def sent_back(in_review, reviewer):
    services.request_changes(in_review, reviewer, COMMENT)
    return in_review


def test_the_reviewers_comment_stands_at_the_top_of_the_form_and_in_the_panel(client, author,
                                                                              sent_back):
    client.force_login(author)
    page = client.get(change_url(sent_back)).content.decode()
    top = page.index('id="review-request"')
    assert top < page.index("workflow-panel") < page.index('id="article_form"')
    assert page.index(COMMENT) < page.index("workflow-panel")
    assert page.count("Please give the number of families") == 3  # top, panel, history
    assert "Changes requested by reviewer" in page


def test_the_comment_shows_in_the_editors_list_of_their_items(client, author, sent_back, article):
    other = Article.objects.create(title_en="Untouched draft", created_by=author)
    client.force_login(author)
    page = client.get("/admin/articles/article/?queue=my_drafts").content.decode()
    assert "Untouched draft" in page and COMMENT not in page
    page = client.get("/admin/articles/article/?queue=changes_requested").content.decode()
    assert COMMENT[:60] in page and "reviewer&#x27;s comment" in page.lower()
    assert other.title_en not in page
    page = client.get("/admin/articles/article/?queue=mine").content.decode()
    assert COMMENT[:60] in page and "Untouched draft" in page


def test_the_comment_disappears_once_the_editor_resubmits(author, sent_back):
    assert comments.latest_request(sent_back).comment == COMMENT
    services.submit(sent_back, author)
    assert comments.latest_request(sent_back) is None
    row = comments.with_latest_request(Article.objects.filter(pk=sent_back.pk)).get()
    assert row.last_review_action == "submit"


def test_an_editor_resubmits_straight_from_changes_requested_to_the_same_reviewer(
    client, author, reviewer, second_reviewer, sent_back
):
    client.force_login(author)
    page = client.get(change_url(sent_back)).content.decode()
    assert "Submit for review again" in page
    form = client.get(change_url(sent_back)).context["wf"]["submit_form"]
    assert form["assigned_reviewer"].value() == reviewer.pk  # who asked for the changes

    response = client.post(action_url(sent_back, "submit"), {"assigned_reviewer": reviewer.pk})
    assert response.status_code == 302
    sent_back.refresh_from_db()
    assert sent_back.status == Status.IN_REVIEW and sent_back.assigned_reviewer == reviewer
    actions = list(AuditEntry.for_item(sent_back).order_by("pk").values_list("action", flat=True))
    assert actions == ["submit", "request_changes", "submit"]  # no "back to draft" between


def test_a_pending_edit_of_a_live_item_is_sent_back_with_a_comment(
    client, author, second_reviewer, published
):
    public_title = published.title_en
    client.force_login(author)
    data = form_data(client.get(change_url(published)))
    data["title_en"] = "Corrected, but not quite"
    assert client.post(change_url(published), data).status_code == 302
    revision = Revision.objects.get(state=Revision.State.PENDING)

    client.force_login(second_reviewer)
    base = f"/admin/articles/article/{published.pk}/revisions/{revision.pk}/"
    assert "Send back with this comment" in client.get(base).content.decode()
    refused = client.post(base + "send_back/", {"comment": "  "})
    assert refused.status_code == 400 and "a comment is required" in refused.content.decode()
    assert client.post(base + "send_back/", {"comment": "Say which district."}).status_code == 302
    revision.refresh_from_db()
    assert revision.state == Revision.State.SENT_BACK
    assert Article.objects.published().get(pk=published.pk).title_en == public_title

    # The editor sees the comment at the top, and the form starts from their edit.
    client.force_login(author)
    response = client.get(change_url(published))
    page = response.content.decode()
    assert page.index("Say which district.") < page.index('id="article_form"')
    assert response.context["adminform"].form.initial["title_en"] == "Corrected, but not quite"
    data = form_data(response)
    data["title_en"] = "Corrected: Hawija district"
    assert client.post(change_url(published), data).status_code == 302
    fixed = Revision.objects.get(state=Revision.State.PENDING)
    assert fixed.data["title_en"] == "Corrected: Hawija district"
    assert comments.latest_request(published) is None


def test_an_edit_sent_back_and_then_edited_back_to_the_live_text_is_withdrawn(
    client, author, reviewer, second_reviewer, published
):
    services.edit(published, user=author, changes={"title_en": "A change nobody wants"})
    revision = services.pending_revision(published)
    services.send_back_revision(revision, second_reviewer, comment="Keep the original title.")
    live_title = Article.objects.get(pk=published.pk).title_en
    client.force_login(author)
    data = form_data(client.get(change_url(published)))
    data["title_en"] = live_title
    client.post(change_url(published), data)
    revision.refresh_from_db()
    assert revision.state == Revision.State.DISCARDED
    form = client.get(change_url(published)).context["adminform"].form
    assert form.initial["title_en"] == live_title


def test_the_slug_of_a_live_item_is_corrected_through_the_same_review(
    client, author, second_reviewer, published
):
    old = published.slug
    client.force_login(author)
    data = form_data(client.get(change_url(published)))
    data["slug"] = "clean-water-ninewa-corrected"
    assert client.post(change_url(published), data).status_code == 302
    assert Article.objects.get(pk=published.pk).slug == old  # the public URL has not moved
    revision = Revision.objects.get(state=Revision.State.PENDING)
    services.approve_revision(revision, second_reviewer)
    assert Article.objects.published().get(pk=published.pk).slug == "clean-water-ninewa-corrected"
