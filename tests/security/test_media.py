"""Uploads of items nobody may read yet are not readable by URL; public ones are."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from newsroom.workflow import services
from newsroom.workflow.models import Status
from tests import factories
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.NEWSROOM_MEDIA_ACCEL_REDIRECT = ""
    return tmp_path


def picture(name: str = "mosul.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def with_image(**fields):
    return factories.ArticleFactory(image=picture(), image_alt_en="A water point", **fields)


def test_the_image_of_a_public_item_is_served(client):
    article = publish(with_image())
    response = client.get(article.image.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
def test_the_image_of_an_item_not_public_is_not_found(client, status):
    article = with_image(status=status)
    assert client.get(article.image.url).status_code == 404


def test_the_image_of_an_embargoed_item_is_not_found_until_its_time(client):
    article = with_image(status=Status.APPROVED, publish_at=timezone.now() + dt.timedelta(hours=1))
    assert client.get(article.image.url).status_code == 404


def test_the_newsroom_sees_the_image_of_a_draft(client, editor):
    article = with_image()
    client.force_login(editor)
    response = client.get(article.image.url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_a_preview_link_shows_its_items_image_and_only_while_active(client, reviewer, editor):
    article = with_image(status=Status.IN_REVIEW, submitted_by=editor)
    link = services.create_preview_link(article, editor)
    page = client.get(f"/en/preview/{link.token}/").content.decode()
    assert f"{article.image.url}?preview={link.token}" in page
    assert client.get(f"{article.image.url}?preview={link.token}").status_code == 200
    assert client.get(f"{article.image.url}?preview=guessed").status_code == 404
    other = with_image()
    assert client.get(f"{other.image.url}?preview={link.token}").status_code == 404
    services.revoke_preview_link(link, reviewer)
    assert client.get(f"{article.image.url}?preview={link.token}").status_code == 404


def test_a_file_no_item_points_at_is_not_found(client, media_root):
    (media_root / "articles").mkdir()
    (media_root / "articles" / "stray.png").write_bytes(b"\x89PNG")
    assert client.get("/media/articles/stray.png").status_code == 404
    assert client.get("/media/../settings.py").status_code == 404


def test_behind_nginx_the_file_is_sent_by_an_internal_redirect(client, settings):
    settings.NEWSROOM_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    article = publish(with_image())
    response = client.get(article.image.url)
    assert response["X-Accel-Redirect"] == f"/protected-media/{article.image.name}"
    assert response["Content-Type"] == "image/png"
