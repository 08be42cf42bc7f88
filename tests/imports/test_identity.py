"""The same page only on strong evidence; a newer version never overwrites an editor."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from newsroom.articles.models import Article
from newsroom.imports import services
from newsroom.imports.models import ImportItem
from newsroom.imports.services import conflicts

from .conftest import import_files, outcomes, page, upload

pytestmark = pytest.mark.django_db
NEWS = "news_local_header.txt"
BOILERPLATE = (
    "Baghdad – The organisation works with the government, communities and partners across the "
    "country to support displaced families, returnees and host communities in every governorate."
)


def distinct_page(n: int, *, url: str = "") -> bytes:
    """Page n of many: its own title and story, after an opening every page shares."""
    lines = [url] if url else []
    lines += [
        "News", f"Page {n}: Families Return to Village {n} After the Floods",
        f"{BOILERPLATE} This week the teams visited village number {n} in the north.",
        f"In village {n}, {n + 3} families received tools, seeds and cash for repairs this month.",
        f"The community of village {n} chose the {n % 7 + 1} projects it needed most at a meeting.",
    ]
    return "\n".join(lines).encode()


def test_pages_sharing_a_file_name_in_two_uploads_are_two_pages(db):
    import_files({"page.txt": distinct_page(1)})

    second = import_files({"page.txt": distinct_page(2)})

    assert outcomes(second) == {"page.txt": "created"}
    assert Article.objects.count() == 2


def test_two_hundred_pages_sharing_a_name_and_an_opening_are_two_hundred_drafts(db):
    for n in range(0, 200, 50):
        batch = services.create_batch(
            [upload("page.txt", distinct_page(i)) for i in range(n, n + 50)], queue=False
        )
        services.run_batch(batch.pk)

    assert Article.objects.count() == 200
    assert set(ImportItem.objects.values_list("outcome", flat=True)) == {"created"}


def test_the_same_title_over_a_different_body_is_another_page(db):
    import_files({"a.txt": page(NEWS)})
    other = page(NEWS).split(b"\n")
    other = b"\n".join(other[:3] + [
        b"Basra \xe2\x80\x93 A new clinic opened its doors on Sunday to some two thousand patients "
        b"from the camps and the villages around them, with three doctors, six nurses and a pharmacy. "
        b"Staff trained over the winter will run maternal care, vaccinations and mental health "
        b"consultations six days a week, and a mobile team will visit the farthest villages monthly."
    ])

    batch = import_files({"b.txt": other})

    assert outcomes(batch) == {"b.txt": "created"}


def test_the_same_stated_address_is_the_same_page_whatever_its_title(db):
    url = "https://iraq.example.org/news/village-returns"
    import_files({"old.txt": distinct_page(1, url=url)})

    item = import_files({"new.txt": distinct_page(2, url=url)}).items.get()

    assert item.outcome == "updated" and item.evidence == "the same source URL"
    assert Article.objects.count() == 1


def test_identical_text_in_another_file_is_unchanged_and_says_why(db):
    first = import_files({"a.txt": page(NEWS)})

    item = import_files({"copy.txt": page(NEWS) + b"\n\n"}).items.get()

    assert item.outcome == "unchanged" and item.evidence == "the same text"
    assert f"already imported in batch #{first.pk}" in item.reason


def _newer(data: bytes) -> bytes:
    return data.replace(b"140 tents", b"160 tents")


def test_a_newer_version_keeps_an_editors_title_and_summary_and_shows_the_conflict(db):
    article = import_files({"a.txt": page(NEWS)}).items.get().draft
    article.title_en, article.summary_en = "Floods in Basra camps (edited)", "Edited summary."
    article.save()

    item = import_files({"a.txt": _newer(page(NEWS))}).items.get()

    article.refresh_from_db()
    assert article.title_en == "Floods in Basra camps (edited)"
    assert article.summary_en == "Edited summary."
    assert "160 tents" in article.body_en  # the importer's own body takes the newer text
    assert item.outcome == "conflict"
    assert set(item.conflicts) == {"summary_en"}
    assert item.conflicts["summary_en"]["current"] == "Edited summary."
    assert "160 tents" in item.conflicts["summary_en"]["imported"]
    assert "an editor changed summary_en" in item.reason


def test_a_field_the_page_did_not_change_keeps_the_editors_value_without_a_conflict(db):
    article = import_files({"a.txt": page(NEWS)}).items.get().draft
    article.dateline_en = "Basra Governorate"
    article.save()

    item = import_files({"a.txt": _newer(page(NEWS))}).items.get()

    article.refresh_from_db()
    assert item.outcome == "updated"
    assert article.dateline_en == "Basra Governorate" and "160 tents" in article.body_en


def test_a_person_takes_the_imported_version_of_a_conflict(db, editor):
    article = import_files({"a.txt": page(NEWS)}).items.get().draft
    article.summary_en = "Edited summary."
    article.save()
    item = import_files({"a.txt": _newer(page(NEWS))}).items.get()

    assert conflicts.resolve(item, take="imported", user=editor) == "applied"

    article.refresh_from_db()
    assert "160 tents" in article.summary_en and item.resolved_at is not None
    with pytest.raises(conflicts.AlreadyDecided):
        conflicts.resolve(item, take="current", user=editor)


def test_related_documents_an_editor_changed_are_kept(db):
    article = import_files({"docs.txt": page("related_documents.txt")}).items.get().draft
    article.documents.order_by("position").first().delete()
    newer = page("related_documents.txt").replace(b"fell by eight", b"fell by nine")
    newer = newer.replace(b"Market Monitor: https://example.org/files/market-monitor.pdf",
                          b"Market Monitor: https://example.org/files/market-monitor-v2.pdf")

    item = import_files({"docs.txt": newer}).items.get()

    assert item.outcome == "conflict" and "documents" in item.conflicts
    assert not article.documents.filter(url__endswith="v2.pdf").exists()


def test_an_editor_working_on_a_live_item_is_never_overwritten(db):
    from newsroom.workflow import services as workflow
    from tests import factories

    editor, reviewer = factories.editor(), factories.reviewer()
    article = import_files({"a.txt": page(NEWS)}, user=editor).items.get().draft
    article.summary_en = "Edited summary."
    article.save()
    workflow.submit(article, editor)
    workflow.approve(article, reviewer)

    item = import_files({"a.txt": _newer(page(NEWS))}, user=editor).items.get()

    article.refresh_from_db()
    assert article.summary_en == "Edited summary." and "140 tents" in article.body_en
    assert item.outcome == "conflict" and item.reason.startswith("an editor changed summary_en")
    assert "pending review" in item.reason


def test_the_admin_list_flags_a_derived_title(admin_client):
    import_files({"story.txt": page("titleless_story.txt")})

    response = admin_client.get("/admin/imports/importitem/")

    assert response.status_code == 200
    assert b"Derived title" in response.content and b'alt="True"' in response.content


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith(".postgresql"),
    reason="two transactions at once need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_twenty_files_in_two_batches_at_once_make_twenty_drafts():
    files = [upload(f"page-{n}.txt", distinct_page(n)) for n in range(20)]
    batches = [services.create_batch(files, queue=False) for _ in range(2)]
    start = threading.Barrier(2)
    errors = []

    def run(batch_id):
        try:
            start.wait()
            services.run_batch(batch_id)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(b.pk,)) for b in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Article.objects.count() == 20
    found = sorted(ImportItem.objects.values_list("outcome", flat=True))
    assert found == ["created"] * 20 + ["unchanged"] * 20
    assert not Article.objects.filter(slug__endswith="-2").exists()


def test_the_admin_shows_a_conflict_side_by_side_and_a_person_decides_it(admin_client):
    article = import_files({"a.txt": page(NEWS)}).items.get().draft
    article.summary_en = "Edited summary."
    article.save()
    item = import_files({"a.txt": _newer(page(NEWS))}).items.get()
    address = f"/admin/imports/importitem/{item.pk}/change/"

    html = admin_client.get(address).content.decode()
    response = admin_client.post(f"/admin/imports/importitem/{item.pk}/resolve/", {"take": "current"})

    assert "Edited summary." in html and "160 tents" in html and "Take the imported version" in html
    assert response.status_code == 302
    item.refresh_from_db()
    article.refresh_from_db()
    assert item.resolved_at is not None and article.summary_en == "Edited summary."
