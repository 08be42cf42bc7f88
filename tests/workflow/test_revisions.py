"""Pending revisions of live items: they build on each other and die with the live text."""

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.errors import StaleEdit, TransitionNotAllowed
from newsroom.workflow import services
from newsroom.workflow.models import AuditEntry, Revision, Status
from tests import factories


def actions(item):
    return list(AuditEntry.for_item(item).order_by("pk").values_list("action", flat=True))


def test_unpublishing_discards_the_pending_edit_so_it_never_overwrites_a_later_draft(
    published, author, reviewer
):
    assert services.edit(published, user=author, changes={"title_en": "Pending edit"}) == "pending"
    revision = services.pending_revision(published)
    services.unpublish(published, reviewer)
    revision.refresh_from_db()
    assert revision.state == Revision.State.DISCARDED and revision.decided_by == reviewer
    assert actions(published)[-2:] == ["unpublish", "revision_discarded"]

    services.reopen(published, author)
    assert services.edit(published, user=author, changes={"title_en": "Newer draft text"}) == "applied"
    assert services.pending_revision(published) is None
    assert _form_for(published).initial["title_en"] == "Newer draft text"
    with pytest.raises(TransitionNotAllowed, match="already discarded"):
        services.approve_revision(revision, reviewer)
    row = Article.objects.get(pk=published.pk)
    assert row.title_en == "Newer draft text" and row.status == Status.DRAFT
    assert row.approved_fingerprint != revision.fingerprint


def test_an_expiry_discards_the_pending_edit_too(published, author):
    services.edit(published, user=author, changes={"title_en": "Pending edit"})
    revision = services.pending_revision(published)
    Article.objects.filter(pk=published.pk).update(expire_at=timezone.now())
    assert services.record_expiry("articles.article", published.pk) is True
    revision.refresh_from_db()
    assert revision.state == Revision.State.DISCARDED
    assert actions(published)[-2:] == ["expire", "revision_discarded"]


def test_a_pending_edit_of_an_item_no_longer_live_is_refused(published, author, reviewer):
    services.edit(published, user=author, changes={"title_en": "Pending edit"})
    revision = services.pending_revision(published)
    # As left by code from before the discard on unpublish: the revision outlived the live text.
    Article.objects.filter(pk=published.pk).update(status=Status.DRAFT)
    with pytest.raises(TransitionNotAllowed, match="not live"):
        services.approve_revision(revision, reviewer)
    row = Article.objects.get(pk=published.pk)
    assert row.title_en != "Pending edit" and row.status == Status.DRAFT
    assert Revision.objects.get(pk=revision.pk).state == Revision.State.PENDING


def test_a_pending_edit_made_against_an_older_version_is_refused(published, author, reviewer):
    services.edit(published, user=author, changes={"title_en": "Pending edit"})
    revision = services.pending_revision(published)
    Article.objects.filter(pk=published.pk).update(version=published.version + 5)
    with pytest.raises(StaleEdit, match="changed after this edit"):
        services.approve_revision(revision, reviewer)
    assert Article.objects.get(pk=published.pk).title_en != "Pending edit"


def test_the_form_of_an_item_not_live_starts_from_the_row_not_a_stale_revision(
    published, author
):
    services.edit(published, user=author, changes={"title_en": "Pending edit"})
    Article.objects.filter(pk=published.pk).update(status=Status.DRAFT)
    row = Article.objects.get(pk=published.pk)
    form = _form_for(row)
    assert form.initial["title_en"] == row.title_en != "Pending edit"


def test_the_form_of_a_live_item_starts_from_its_pending_edit(published, author):
    services.edit(published, user=author, changes={"title_en": "Pending edit"})
    form = _form_for(Article.objects.get(pk=published.pk))
    assert form.initial["title_en"] == "Pending edit"


def _form_for(item):
    from django.contrib import admin

    model_admin = admin.site._registry[type(item)]

    class Request:
        user = item.created_by

    form_class = model_admin.get_form(Request(), item)
    return form_class(instance=item)


def test_a_second_edit_of_a_live_item_builds_on_the_pending_one(
    published, author, editor, reviewer
):
    donor = factories.DonorFactory()
    services.edit(published, user=author, changes={"title_en": "First edit"},
                  m2m={"donors": [donor]})
    first = services.pending_revision(published)
    assert services.edit(published, user=editor, changes={"summary_en": "Second edit"}) == "pending"
    second = services.pending_revision(published)
    assert second.data["title_en"] == "First edit" and second.data["donors"] == [donor.pk]
    assert second.data["summary_en"] == "Second edit"
    first.refresh_from_db()
    assert first.state == Revision.State.SUPERSEDED
    assert actions(published)[-3:] == [
        "revision_submitted", "revision_superseded", "revision_submitted",
    ]
    superseded = AuditEntry.for_item(published).get(action="revision_superseded")
    assert superseded.revision == first and superseded.actor == editor

    services.approve_revision(second, reviewer)
    row = Article.objects.get(pk=published.pk)
    assert (row.title_en, row.summary_en) == ("First edit", "Second edit")
    assert list(row.donors.all()) == [donor]


def test_the_same_edit_twice_stores_one_revision(published, author):
    services.edit(published, user=author, changes={"title_en": "First edit"})
    services.edit(published, user=author, changes={"title_en": "First edit"})
    assert Revision.for_item(published).filter(state=Revision.State.PENDING).count() == 1
    assert Revision.for_item(published).filter(state=Revision.State.SUPERSEDED).count() == 0


def test_an_edit_back_to_the_live_text_withdraws_the_pending_one(published, author):
    live_title = published.title_en
    services.edit(published, user=author, changes={"title_en": "First edit"})
    first = services.pending_revision(published)
    services.edit(published, user=author, changes={"title_en": live_title})
    assert services.pending_revision(published) is None
    first.refresh_from_db()
    assert first.state == Revision.State.DISCARDED
    assert actions(published)[-1] == "revision_discarded"
