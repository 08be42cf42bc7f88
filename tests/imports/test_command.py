import io
import json

import pytest
from django.core.management import call_command

from newsroom.articles.models import Article
from newsroom.imports.models import ImportBatch, ImportItem
from newsroom.imports.services.summary import KEYS

from .conftest import PAGES, page, zipped

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_pages", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_dry_run_prints_one_object_per_page_with_exactly_the_agreed_keys(known_donors):
    results = json.loads(run(PAGES, "--dry-run", "--format", "json"))

    assert len(results) == len(list(PAGES.rglob("*.txt")))
    for result in results:
        assert tuple(result) == KEYS
        assert isinstance(result["paragraphs"], int)
        assert result["error"] is None
    release = next(r for r in results if r["source"] == "en_chrome_press_release.txt")
    assert release["kind"] == "press_release"
    assert {"name": "European Union", "known": True} | {"phrase": release["donors"][1]["phrase"]} in release["donors"]
    assert release["date"] == "2023-05-14"


def test_a_dry_run_writes_nothing(known_donors):
    run(PAGES, "--dry-run", "--format", "json")

    assert not ImportBatch.objects.exists() and not Article.objects.exists()


def test_a_dry_run_reports_unreadable_files_and_archive_entries_as_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "pages.zip").write_bytes(zipped({"../evil.txt": page("ckb_article.txt"), "ok.txt": page("ckb_article.txt")}))

    results = {r["source"]: r for r in json.loads(run(tmp_path, "--dry-run", "--format", "json"))}

    assert results["empty.txt"]["error"] == "empty file"
    assert tuple(results["empty.txt"]) == KEYS
    assert results["pages.zip/../evil.txt"]["error"].startswith("path outside the archive")
    assert results["pages.zip/ok.txt"]["language"] == "ckb"


def test_sync_imports_in_this_process(tmp_path):
    (tmp_path / "a.txt").write_bytes(page("news_local_header.txt"))

    report = json.loads(run(tmp_path / "a.txt", "--sync", "--format", "json"))

    assert report["status"] == "done" and report["counts"]["created"] == 1
    assert ImportItem.objects.get().source == "a.txt"


def test_wait_runs_the_batch_itself_when_no_worker_takes_it(tmp_path):
    (tmp_path / "a.txt").write_bytes(page("news_local_header.txt"))

    # Inside a test transaction the queued task is never sent: nobody else will run it.
    report = json.loads(run(tmp_path, "--wait", "--takeover", "0", "--format", "json"))

    assert report["status"] == "done" and report["processed"] == report["total"] == 1


def test_without_wait_the_batch_is_queued_for_the_worker(tmp_path, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("newsroom.imports.tasks.run_import_batch.delay", sent.append)
    (tmp_path / "a.txt").write_bytes(page("news_local_header.txt"))

    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path)

    batch = ImportBatch.objects.get()
    assert sent == [batch.pk] and batch.status == "queued"


def test_a_missing_path_is_an_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no such file"):
        run("/nonexistent/page.txt", "--dry-run")


def test_wait_resumes_a_batch_whose_worker_died(tmp_path, monkeypatch):
    import datetime

    from django.utils import timezone

    from newsroom.imports import services
    from newsroom.imports.management.commands import import_pages

    real_create_batch = services.create_batch

    def create_batch(*args, **kwargs):
        batch = real_create_batch(*args, **kwargs)
        long_ago = timezone.now() - datetime.timedelta(hours=1)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status="running", started_at=long_ago, heartbeat_at=long_ago
        )
        return batch

    waits = []

    def sleep(seconds):
        waits.append(seconds)
        assert len(waits) < 20, "the command waited for a worker that is gone"

    monkeypatch.setattr(services, "create_batch", create_batch)
    monkeypatch.setattr(import_pages.time, "sleep", sleep)
    (tmp_path / "a.txt").write_bytes(page("news_local_header.txt"))

    report = json.loads(run(tmp_path, "--wait", "--takeover", "0", "--format", "json"))

    assert report["status"] == "done" and report["processed"] == report["total"] == 1
