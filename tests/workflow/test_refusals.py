"""Refusals read as sentences in the user's language, and never offer a hopeless retry."""

import pytest
from django.utils import translation

from newsroom.core.errors import PermissionDenied, TransitionNotAllowed
from newsroom.workflow import services
from newsroom.workflow import transitions as flow
from tests import factories
from tests.workflow.helpers import action_url, change_url, writer


def test_an_editor_is_told_in_a_sentence_that_only_reviewers_approve(client, editor, in_review):
    client.force_login(editor)
    response = client.post(action_url(in_review, "approve"), {"fingerprint": ""})
    assert response.status_code == 403
    page = response.content.decode()
    assert "This article is in review: only reviewers may approve it." in page
    assert "request_changes" not in page and "approve_" not in page
    assert "Correct and send again" not in page and "Try again" not in page  # it never will


def test_a_reviewer_is_refused_approving_their_own_submission_in_a_sentence(client, db):
    own = writer("own")  # an editor who is also a reviewer
    item = factories.ArticleFactory(created_by=own)
    services.submit(item, own)
    client.force_login(own)
    assert "wf-approve-now" not in client.get(change_url(item)).content.decode()
    response = client.post(action_url(item, "approve"), {})
    assert response.status_code == 403
    page = response.content.decode()
    assert "nobody approves their own submission" in page
    assert "Correct and send again" not in page


def test_a_schedule_mistake_brings_the_form_back_to_correct(client, reviewer, in_review):
    client.force_login(reviewer)
    response = client.post(action_url(in_review, "approve"), {"schedule": "1", "publish_at": "soon"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Publish at: this is not a date and time" in page  # names the field
    assert "Correct and send again" in page


def test_a_state_refusal_names_the_state_and_what_can_happen_next(article, reviewer):
    with pytest.raises(TransitionNotAllowed) as error:
        flow.check(article, "approve", reviewer)
    assert str(error.value) == (
        "This article is draft: it cannot be approved now. "
        "What can happen next: submit for review (editors)."
    )


def test_refusals_speak_the_users_language(in_review, editor):
    # Whatever the catalogue holds, the sentence is looked up in the active language when
    # raised (not at import): with no Arabic translation yet it falls back to the English.
    with translation.override("ar"):
        with pytest.raises(PermissionDenied) as error:
            flow.check(in_review, "approve", editor)
        expected = translation.gettext("This %(name)s is %(state)s: only reviewers may approve it.")
    assert str(error.value).startswith(expected.split("%")[0])


def test_bulk_actions_are_offered_only_to_the_roles_that_may_take_them(client, editor, reviewer):
    def offered(user):
        client.force_login(user)
        field = client.get("/admin/articles/article/").context["action_form"].fields["action"]
        return {value for value, _ in field.choices if value}

    assert offered(editor) == {"submit_selected"}
    assert offered(reviewer) == {"unpublish_selected"}
