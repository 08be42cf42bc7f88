"""Times to the second in Baghdad time, and the small things an editor meets first."""

import datetime as dt

import pytest
from django.apps import apps

from newsroom.workflow.forms import ApproveForm
from newsroom.workflow.models import Status
from tests.workflow.helpers import action_url, change_url


@pytest.mark.parametrize("typed, seconds", [
    ("2040-03-01T12:00:05", 5), ("2040-03-01T12:00", 0), ("2040-03-01 12:00:30", 30),
    ("2040-03-01 12:00", 0),
])
def test_a_publish_time_with_or_without_seconds_is_accepted_in_baghdad_time(typed, seconds):
    form = ApproveForm({"schedule": "1", "publish_at": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["publish_at"] == dt.datetime(2040, 3, 1, 9, 0, seconds, tzinfo=dt.UTC)


@pytest.mark.parametrize("typed", ["2040-13-01T12:00", "tomorrow", "2040-03-01T25:00"])
def test_a_malformed_time_is_a_form_error_naming_the_field(typed):
    form = ApproveForm({"schedule": "1", "expire_at": typed, "publish_at": "2040-03-01T12:00"})
    assert not form.is_valid()
    assert form.errors["expire_at"][0].startswith("Expire at (optional): this is not a date")


def test_the_picker_works_to_the_second_and_says_the_offset():
    field = ApproveForm()["publish_at"]
    html = str(field)
    assert 'step="1"' in html and 'type="datetime-local"' in html
    assert "UTC+03:00" in str(field.help_text) and "Asia/Baghdad" in str(field.help_text)


def test_an_approval_to_the_second_shows_in_baghdad_time_with_the_offset(reviewer_client,
                                                                          in_review):
    response = reviewer_client.post(action_url(in_review, "approve"), {
        "schedule": "1", "publish_at": "2040-03-01T12:00:05",
    })
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == Status.APPROVED
    assert in_review.publish_at == dt.datetime(2040, 3, 1, 9, 0, 5, tzinfo=dt.UTC)
    page = reviewer_client.get(change_url(in_review)).content.decode()
    assert "2040-03-01 12:00:05 (UTC+03:00)" in page


def test_a_login_without_next_lands_on_the_admin(client, editor):
    response = client.post("/admin/login/", {"username": "editor", "password": "pass-word-123"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_site_has_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.ico")


def test_app_labels_say_what_editors_find_there_and_never_repeat_the_model():
    for label in ("core", "articles", "statements", "contacts", "donors", "workflow"):
        config = apps.get_app_config(label)
        assert str(config.verbose_name) != "Core"
        for model in config.get_models():
            assert str(config.verbose_name).lower() != str(model._meta.verbose_name_plural).lower()


def test_the_change_list_breadcrumbs_do_not_say_articles_twice(reviewer_client):
    page = reviewer_client.get("/admin/articles/article/").content.decode()
    crumbs = page[page.index('class="breadcrumbs"'):]
    crumbs = crumbs[:crumbs.index("</div>")]
    assert "News and stories" in crumbs and crumbs.count("Articles") == 1
