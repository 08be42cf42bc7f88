"""taggit's stock Tag admin (a model we do not use, with a merge view) is not registered."""

import pytest
from django.contrib import admin
from taggit.models import Tag as TaggitTag

from newsroom.core.models import Tag

pytestmark = pytest.mark.django_db


def test_taggits_stock_tag_admin_is_not_registered():
    assert not admin.site.is_registered(TaggitTag)
    assert admin.site.is_registered(Tag)  # ours, with translated names


def test_its_merge_view_is_gone_for_a_reviewer(reviewer_client):
    response = reviewer_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "x"})
    assert response.status_code == 404
    assert not TaggitTag.objects.exists()
