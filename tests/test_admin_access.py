"""Editors and reviewers reach what their role needs in the admin, and nothing else."""

import pytest

from tests.factories import ArticleFactory, ContactFactory, DonorFactory, StatementFactory


@pytest.fixture
def objects(db):
    return {
        "articles/article": ArticleFactory().pk,
        "statements/statement": StatementFactory().pk,
        "contacts/contact": ContactFactory().pk,
        "donors/donor": DonorFactory().pk,
    }


EDITOR_CAN_CHANGE = ["articles/article", "statements/statement", "contacts/contact", "donors/donor"]


@pytest.mark.parametrize("model", EDITOR_CAN_CHANGE)
def test_editors_list_add_and_change(editor_client, objects, model):
    assert editor_client.get(f"/admin/{model}/").status_code == 200
    assert editor_client.get(f"/admin/{model}/add/").status_code == 200
    assert editor_client.get(f"/admin/{model}/{objects[model]}/change/").status_code == 200


@pytest.mark.parametrize("model", EDITOR_CAN_CHANGE)
def test_reviewers_read_but_do_not_add(reviewer_client, objects, model):
    assert reviewer_client.get(f"/admin/{model}/").status_code == 200
    assert reviewer_client.get(f"/admin/{model}/{objects[model]}/change/").status_code == 200
    assert reviewer_client.get(f"/admin/{model}/add/").status_code == 403


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"])
def test_neither_role_touches_accounts(editor_client, reviewer, url):
    assert editor_client.get(url).status_code == 403
    editor_client.force_login(reviewer)
    assert editor_client.get(url).status_code == 403


def test_editors_cannot_delete_articles(editor_client, objects):
    pk = objects["articles/article"]
    assert editor_client.get(f"/admin/articles/article/{pk}/delete/").status_code == 403


def test_the_tabbed_translation_admin_loads_nothing_from_the_internet(editor_client, objects):
    page = editor_client.get(f"/admin/articles/article/{objects['articles/article']}/change/")
    html = page.content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "/static/vendor/trix/trix.umd.min.js" in html
    assert "googleapis" not in html and 'src="//' not in html
    assert 'name="title_ar"' in html and 'name="body_ckb"' in html


def test_anonymous_visitors_are_sent_to_the_login(client, objects):
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
