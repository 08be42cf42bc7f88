"""Embargo preview links: readable while embargoed, revocable, expiring, then a redirect."""

import datetime as dt

import pytest
from django.utils import timezone

from newsroom.core.errors import TransitionNotAllowed
from newsroom.workflow import services
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import PreviewLink
from tests import factories


@pytest.fixture
def link(approved_later, editor):
    return services.create_preview_link(approved_later, editor)


def page(client, link, code: str = "en"):
    return client.get(f"/{code}/preview/{link.token}/")


def test_the_link_handed_out_leads_to_the_preview_in_the_readers_language(client, link):
    response = client.get(link.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar")
    assert link.get_absolute_url() == f"/preview/{link.token}/"
    assert response.status_code == 302 and response["Location"] == f"/ar/preview/{link.token}/"


def test_a_journalist_reads_the_embargoed_page_without_it_being_indexed(client, link, approved_later):
    response = page(client, link)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert approved_later.title_en in response.content.decode()
    assert response.context["preview_until"] == approved_later.publish_at
    assert response.context["object"] == response.context["article"] == approved_later


def test_a_revoked_link_is_gone(client, link, reviewer):
    services.revoke_preview_link(link, reviewer)
    response = page(client, link)
    assert response.status_code == 410 and b"revoked" in response.content


def test_an_expired_link_is_gone(client, link):
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = page(client, link)
    assert response.status_code == 410 and b"expired" in response.content


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/en/preview/nothing-here/").status_code == 404


def test_after_publication_the_link_redirects_to_the_public_page(client, link, approved_later):
    type(approved_later).objects.filter(pk=approved_later.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = page(client, link)
    assert response.status_code == 302
    assert response["Location"] == approved_later.get_absolute_url()


def test_an_edit_that_voids_the_approval_closes_the_preview(client, link, approved_later, author):
    services.edit(approved_later, user=author, changes={"title_en": "Unreviewed"})
    assert page(client, link).status_code == 410


def test_a_link_voided_by_an_edit_stays_revoked_after_the_item_is_approved_again(
    client, link, approved_later, author, second_reviewer
):
    services.edit(approved_later, user=author, changes={"title_en": "Corrected"})
    link.refresh_from_db()
    assert link.revoked_at is not None
    services.approve(approved_later, second_reviewer,
                     publish_at=timezone.now() + dt.timedelta(hours=3))
    assert page(client, link).status_code == 410
    # A new link, made for the text now approved, works.
    fresh = services.create_preview_link(approved_later, author)
    assert page(client, fresh).status_code == 200


def test_a_withdrawn_approval_revokes_the_link_for_good(
    client, link, approved_later, reviewer, author, second_reviewer
):
    services.unpublish(approved_later, reviewer, comment="Hold it")
    services.reopen(approved_later, author)
    services.submit(approved_later, author)
    assert page(client, link).status_code == 410  # in review again: still revoked
    services.approve(approved_later, second_reviewer,
                     publish_at=timezone.now() + dt.timedelta(hours=3))
    response = page(client, link)
    assert response.status_code == 410 and b"revoked" in response.content


def test_changes_requested_revoke_a_link_made_in_review(client, in_review, author, reviewer):
    link = services.create_preview_link(in_review, author)
    services.request_changes(in_review, reviewer, "Shorter, please")
    if not flow.may(in_review, "submit", author):  # resubmitting may take a step back first
        services.reopen(in_review, author)
    services.submit(in_review, author)
    assert page(client, link).status_code == 410


def test_a_link_can_be_made_while_the_item_is_in_review(client, in_review, editor):
    link = services.create_preview_link(in_review, editor)
    assert link.expires_at > timezone.now() + dt.timedelta(days=6)
    response = page(client, link)
    assert response.status_code == 200
    assert in_review.title_en in response.content.decode()
    assert b"In review: not approved" in response.content
    assert b'<meta name="robots" content="noindex">' in response.content


def test_links_are_not_for_drafts_nor_public_items(article, published, editor):
    with pytest.raises(TransitionNotAllowed, match="in review or approved"):
        services.create_preview_link(factories.ArticleFactory(), editor)
    with pytest.raises(TransitionNotAllowed, match="already public"):
        services.create_preview_link(published, editor)


def test_a_preview_shows_each_language_under_the_same_token(client, approved_later, editor):
    type(approved_later).objects.filter(pk=approved_later.pk).update(
        title_ar="عنوان المعاينة", body_ar="<p>نص</p>"
    )
    link = services.create_preview_link(approved_later, editor)
    english, arabic = page(client, link, "en"), page(client, link, "ar")
    assert english.status_code == arabic.status_code == 200
    assert "عنوان المعاينة" in arabic.content.decode()
    assert 'dir="rtl"' in arabic.content.decode()
    # Its language links stay inside the preview.
    for code in ("en", "ar", "ckb"):
        assert f'href="/{code}/preview/{link.token}/"' in english.content.decode()


def test_links_are_created_and_revoked_from_the_admin_by_post(reviewer_client, approved_later):
    base = f"/admin/articles/article/{approved_later.pk}/preview-links/"
    assert reviewer_client.get(base).status_code == 405
    assert reviewer_client.post(base).status_code == 302
    link = PreviewLink.objects.get()
    assert reviewer_client.post(f"{base}{link.pk}/revoke/").status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
