import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsroom.imports.models import ImportBatch

from .conftest import page

pytestmark = pytest.mark.django_db
ADD = "admin:imports_importbatch_add"


def test_the_upload_page_opens_for_an_editor(editor_client):
    response = editor_client.get(reverse(ADD))

    assert response.status_code == 200
    assert b'type="file" name="files" multiple' in response.content


def test_uploading_two_files_queues_a_batch_of_two_pages(editor_client, editor, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("newsroom.imports.tasks.run_import_batch.delay", sent.append)
    files = [
        SimpleUploadedFile("one.txt", page("news_local_header.txt"), "text/plain"),
        SimpleUploadedFile("two.txt", page("ckb_article.txt"), "text/plain"),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse(ADD), {"files": files})

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:imports_importbatch_change", args=[batch.pk])
    assert batch.created_by == editor and batch.total == 2
    assert sorted(batch.items.values_list("source", flat=True)) == ["one.txt", "two.txt"]
    assert sent == [batch.pk]


def test_the_batch_page_shows_progress_and_each_page_with_a_link_to_its_draft(editor_client, editor):
    from .conftest import import_files

    batch = import_files({"one.txt": page("news_local_header.txt"), "list.txt": page("listing_page.txt")}, user=editor)

    response = editor_client.get(reverse("admin:imports_importbatch_change", args=[batch.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 of 2" in html and "imports/batch-progress.js" in html
    assert "listing page: many dated summaries" in html
    article = batch.items.get(source="one.txt").draft
    assert reverse("admin:articles_article_change", args=[article.pk]) in html
    assert "<script>" not in html.replace("<script src=", "")


def test_the_progress_endpoint_reports_n_of_total(editor_client, editor):
    from newsroom.imports import services

    from .conftest import upload

    batch = services.create_batch([upload("a.txt", page("news_local_header.txt"))], user=editor, queue=False)

    data = editor_client.get(reverse("admin:imports_importbatch_progress", args=[batch.pk])).json()

    assert data["processed"] == 0 and data["total"] == 1 and data["finished"] is False


def test_a_reviewer_cannot_upload(reviewer_client):
    assert reviewer_client.get(reverse(ADD)).status_code == 403


def test_the_upload_form_states_the_limits_of_a_file_and_of_an_archive(editor_client, settings, monkeypatch):
    from newsroom.imports import archives

    settings.NEWSROOM_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    monkeypatch.setattr(archives, "MAX_ENTRIES", 2_000)
    monkeypatch.setattr(archives, "MAX_TOTAL_BYTES", 200 * 1024 * 1024)

    html = editor_client.get(reverse(ADD)).content.decode()

    assert "at most 5.0\xa0MB" in html or "at most 5.0 MB" in html
    assert "2,000" in html or "2000" in html
    assert "200.0\xa0MB" in html or "200.0 MB" in html
