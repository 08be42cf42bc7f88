"""Embargo preview links: readable while embargoed, revocable, expiring, then a redirect."""

import datetime as dt

import pytest
from django.utils import timezone

from newsroom.core.errors import TransitionNotAllowed
from newsroom.workflow import services
from newsroom.workflow.models import PreviewLink


@pytest.fixture
def link(approved_later, editor):
    return services.create_preview_link(approved_later, editor)


def test_a_journalist_reads_the_embargoed_page_without_it_being_indexed(client, link, approved_later):
    response = client.get(f"/preview/{link.token}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert approved_later.title_en in response.content.decode()
    assert response.context["preview_until"] == approved_later.publish_at
    assert response.context["object"] == response.context["article"] == approved_later


def test_a_revoked_link_is_gone(client, link, reviewer):
    services.revoke_preview_link(link, reviewer)
    response = client.get(f"/preview/{link.token}/")
    assert response.status_code == 410 and b"revoked" in response.content


def test_an_expired_link_is_gone(client, link):
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(f"/preview/{link.token}/")
    assert response.status_code == 410 and b"expired" in response.content


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/preview/nothing-here/").status_code == 404


def test_after_publication_the_link_redirects_to_the_public_page(client, link, approved_later):
    type(approved_later).objects.filter(pk=approved_later.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(f"/preview/{link.token}/")
    assert response.status_code == 302
    assert response["Location"] == approved_later.get_absolute_url()


def test_an_edit_that_voids_the_approval_closes_the_preview(client, link, approved_later, author):
    services.edit(approved_later, user=author, changes={"title_en": "Unreviewed"})
    assert client.get(f"/preview/{link.token}/").status_code == 410


def test_links_are_only_for_embargoed_items(in_review, editor):
    with pytest.raises(TransitionNotAllowed, match="under embargo"):
        services.create_preview_link(in_review, editor)


def test_links_are_created_and_revoked_from_the_admin_by_post(reviewer_client, approved_later):
    base = f"/admin/articles/article/{approved_later.pk}/preview-links/"
    assert reviewer_client.get(base).status_code == 405
    assert reviewer_client.post(base).status_code == 302
    link = PreviewLink.objects.get()
    assert reviewer_client.post(f"{base}{link.pk}/revoke/").status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
