import pytest
from django.db import connection

from newsroom.articles.models import Article
from newsroom.contacts.models import Contact
from newsroom.donors.models import Donor
from newsroom.imports import services
from newsroom.imports.models import ImportBatch, ImportItem
from newsroom.statements.models import Statement
from newsroom.workflow.models import Status
from tests import factories

from .conftest import import_files, outcomes, page, upload

pytestmark = pytest.mark.django_db
PRESS_RELEASE = "en_chrome_press_release.txt"


def test_a_press_release_becomes_a_draft_article_with_its_credits(known_donors, press_contact):
    batch = import_files({PRESS_RELEASE: page(PRESS_RELEASE)})

    assert batch.status == ImportBatch.Status.DONE
    assert (batch.total, batch.processed, batch.created_count) == (1, 1, 1)
    item = batch.items.get()
    article = item.draft
    assert isinstance(article, Article)
    assert article.status == Status.DRAFT and article.publish_at is None
    assert article.kind == Article.Kind.PRESS_RELEASE
    assert article.title_en.startswith("New Water Network Reaches 12,000 Residents")
    assert article.dateline_en == "Mosul"
    assert article.source_language == "en"
    assert article.body_en.startswith("<p>") and article.body_en.count("<p>") == 4
    norway = Donor.objects.get(name_en="Government of Norway")
    assert set(article.donors.all()) == {known_donors["eu"], norway}
    assert press_contact in article.contacts.all()
    assert "Mosul" in article.tags.names()
    assert "unknown funder proposed: Government of Norway" in item.reason
    assert item.summary["kind"] == "press_release"


def test_an_unknown_funder_becomes_a_proposed_donor_the_public_does_not_see(known_donors):
    import_files({PRESS_RELEASE: page(PRESS_RELEASE)})

    norway = Donor.objects.get(name_en__icontains="Norway")
    assert norway.is_proposed and norway.kind == Donor.Kind.GOVERNMENT
    assert norway not in Donor.objects.public()
    assert known_donors["eu"] in Donor.objects.public()
    assert list(Donor.objects.proposals()) == [norway]


def test_the_same_unknown_funder_on_two_pages_is_one_proposal(known_donors):
    other = page(PRESS_RELEASE).replace(b"New Water Network", b"Second Water Network")

    import_files({PRESS_RELEASE: page(PRESS_RELEASE), "other.txt": other})

    assert Donor.objects.filter(name_en="Government of Norway").count() == 1


def test_an_unknown_contact_given_in_full_becomes_a_proposal(db):
    batch = import_files({PRESS_RELEASE: page(PRESS_RELEASE)})

    created = Contact.objects.get(email="ofarouk@example.org")
    assert created.name == "Omar Farouk" and created.phone == "+9647705550202"
    assert created.is_proposed and created not in Contact.objects.public()
    assert "contact proposed: Omar Farouk" in batch.items.get().reason


def test_approving_the_item_confirms_the_contacts_and_donors_it_names(known_donors):
    from newsroom.workflow import services as workflow

    editor, reviewer = factories.editor(), factories.reviewer()
    article = import_files({PRESS_RELEASE: page(PRESS_RELEASE)}, user=editor).items.get().draft
    workflow.submit(article, editor)

    workflow.approve(article, reviewer)

    assert Contact.objects.get(email="ofarouk@example.org") in Contact.objects.public()
    assert Donor.objects.get(name_en="Government of Norway") in Donor.objects.public()
    assert not Donor.objects.proposals().exists() and not Contact.objects.proposals().exists()


def test_running_the_same_pages_again_creates_nothing(known_donors):
    files = {PRESS_RELEASE: page(PRESS_RELEASE), "statement.txt": page("statement_chief_of_mission.txt")}
    import_files(files)
    counts = (Article.objects.count(), Statement.objects.count(), Contact.objects.count())

    again = import_files(files)

    assert set(outcomes(again).values()) == {"unchanged"}
    assert again.unchanged_count == 2
    assert (Article.objects.count(), Statement.objects.count(), Contact.objects.count()) == counts


def test_a_newer_version_updates_the_draft_instead_of_duplicating_it(known_donors):
    first = import_files({PRESS_RELEASE: page(PRESS_RELEASE)})
    article = first.items.get().draft
    newer = page(PRESS_RELEASE).replace(
        b"A European Union-funded", b"Engineers say a European Union-funded"
    )

    batch = import_files({"renamed.txt": newer})

    item = batch.items.get()
    assert item.outcome == "updated"
    assert item.evidence.startswith("the same title and") and "of the same body" in item.evidence
    assert item.evidence in item.reason
    assert Article.objects.count() == 1
    article.refresh_from_db()
    assert "Engineers say" in article.body_en
    assert article.version == 2


def test_a_newer_version_of_a_live_item_becomes_a_pending_revision(known_donors):
    from newsroom.workflow import services as workflow
    from newsroom.workflow.models import Revision

    editor, reviewer = factories.editor(), factories.reviewer()
    article = import_files({PRESS_RELEASE: page(PRESS_RELEASE)}, user=editor).items.get().draft
    workflow.submit(article, editor)
    workflow.approve(article, reviewer)
    article.refresh_from_db()
    live_body = article.body_en
    newer = page(PRESS_RELEASE).replace(b"ending years of", b"ending nearly a decade of")

    batch = import_files({PRESS_RELEASE: newer}, user=editor)

    item = batch.items.get()
    assert item.outcome == "updated" and item.reason.startswith("pending review")
    assert "matched by the same title" in item.reason
    article.refresh_from_db()
    assert article.body_en == live_body
    assert Revision.objects.filter(object_id=article.pk, state=Revision.State.PENDING).exists()


def test_a_listing_page_is_skipped_with_its_reason(db):
    batch = import_files({"listing.txt": page("listing_page.txt")})

    item = batch.items.get()
    assert item.outcome == "skipped"
    assert item.reason == "listing page: many dated summaries, not one article"
    assert batch.skipped_count == 1


def test_a_static_page_is_skipped(db):
    batch = import_files({"privacy.txt": page("other_static_page.txt")})

    assert outcomes(batch) == {"privacy.txt": "skipped"}
    assert Article.objects.count() == 0


def test_each_bad_file_fails_alone_with_its_reason_while_the_rest_completes(settings, known_donors):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 20_000
    files = {
        "empty.txt": b"",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "latin.txt": "Caf\xe9 na\xefve d\xe9j\xe0 vu r\xe9sum\xe9".encode("latin-1") * 20,
        "huge.txt": b"word " * 5_000,
        PRESS_RELEASE: page(PRESS_RELEASE),
    }

    batch = import_files(files)

    reasons = {item.source: item.reason for item in batch.items.all()}
    assert outcomes(batch) == {
        "empty.txt": "failed", "photo.txt": "failed", "latin.txt": "failed",
        "huge.txt": "failed", PRESS_RELEASE: "created",
    }
    assert reasons["empty.txt"] == "empty file"
    assert reasons["photo.txt"].startswith("binary file")
    assert reasons["latin.txt"].startswith("not valid UTF-8")
    assert reasons["huge.txt"].startswith("file too large: 25,000 bytes")
    assert (batch.status, batch.processed, batch.failed_count) == ("done", 5, 4)


def test_an_oversized_file_is_refused_before_it_is_stored(settings, db):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 100
    batch = services.create_batch(
        [services.Upload("big.txt", 10**9, open=lambda: pytest.fail("the file was read"))],
        queue=False,
    )

    item = batch.items.get()
    assert item.outcome == "failed" and item.reason.startswith("file too large")
    assert (batch.total, batch.processed) == (1, 1)


def test_utf16_and_windows_arabic_pages_are_decoded(known_donors):
    arabic = page("ar_short_header.txt").decode("utf-8")
    english = page(PRESS_RELEASE).decode("utf-8")

    batch = import_files({
        "utf16.txt": "\ufeff".encode("utf-16-le") + english.encode("utf-16-le"),
        "cp1256.txt": arabic.encode("cp1256"),
    })

    assert outcomes(batch) == {"utf16.txt": "created", "cp1256.txt": "created"}
    arabic_article = batch.items.get(source="cp1256.txt").draft
    assert arabic_article.source_language == "ar"
    assert arabic_article.title_ar.startswith("توزيع مستلزمات الشتاء")
    assert not arabic_article.title_en and not arabic_article.body_en
    assert arabic_article.dateline_ar == "الرمادي"


def test_a_kurdish_page_lands_in_the_sorani_fields(db):
    batch = import_files({"ckb.txt": page("ckb_article.txt")})

    article = batch.items.get().draft
    assert article.source_language == "ckb"
    assert article.title_ckb and article.body_ckb and not article.title_en


def test_markup_in_a_page_is_kept_as_escaped_text(db):
    data = page(PRESS_RELEASE).replace(
        b"The works, carried out", b"<script>alert('x')</script> <b onclick=x>The works</b>, carried out"
    )

    article = import_files({"markup.txt": data}).items.get().draft

    assert "<script>" not in article.body_en and "<b " not in article.body_en
    assert "&lt;script&gt;alert" in article.body_en
    assert "&lt;b onclick=x&gt;The works" in article.body_en


def test_a_statement_by_the_chief_of_mission_becomes_a_draft_statement(db):
    batch = import_files({"statement.txt": page("statement_chief_of_mission.txt")})

    statement = batch.items.get().draft
    assert isinstance(statement, Statement)
    assert statement.status == Status.DRAFT
    assert statement.speaker_title_en == "Chief of Mission"
    assert statement.speaker_name == "—"
    assert statement.occasion_en.startswith("World Refugee Day")
    assert "speaker not named" in batch.items.get().reason


def test_related_documents_become_rows_of_the_article(db):
    article = import_files({"docs.txt": page("related_documents.txt")}).items.get().draft

    assert article.documents.count() >= 1


def test_a_second_delivery_of_the_task_does_nothing(known_donors):
    batch = import_files({PRESS_RELEASE: page(PRESS_RELEASE)})

    assert services.run_batch(batch.pk) is None
    assert ImportItem.objects.count() == 1 and Article.objects.count() == 1


def test_a_failure_while_writing_rolls_back_only_that_page(monkeypatch, known_donors):
    from newsroom.imports.services import drafts

    real_create = drafts.create

    def create(draft, user, lookups):
        created = real_create(draft, user, lookups)
        if "Halabja" in created.title_en:
            raise RuntimeError("disk on fire")
        return created

    monkeypatch.setattr(drafts, "create", create)
    batch = import_files({"murals.txt": page("markup_in_text.txt"), PRESS_RELEASE: page(PRESS_RELEASE)})

    assert outcomes(batch) == {"murals.txt": "failed", PRESS_RELEASE: "created"}
    assert "disk on fire" in batch.items.get(source="murals.txt").reason
    assert Article.objects.count() == 1


def test_a_newer_version_of_a_live_item_without_an_importing_editor_fails_with_a_reason(known_donors):
    from newsroom.workflow import services as workflow

    editor, reviewer = factories.editor(), factories.reviewer()
    article = import_files({PRESS_RELEASE: page(PRESS_RELEASE)}, user=editor).items.get().draft
    workflow.submit(article, editor)
    workflow.approve(article, reviewer)
    newer = page(PRESS_RELEASE).replace(b"ending years of", b"ending nearly a decade of")

    item = import_files({PRESS_RELEASE: newer}).items.get()

    assert item.outcome == "failed"
    assert "this batch has no user" in item.reason


def test_the_bytes_of_each_page_wait_in_the_database_not_in_a_local_folder(settings, db):
    batch = services.create_batch([upload(PRESS_RELEASE, page(PRESS_RELEASE))], queue=False)

    assert bytes(batch.items.get().data) == page(PRESS_RELEASE)
    assert not (settings.VAR_DIR / "imports").exists()


def test_the_bytes_are_dropped_once_the_page_is_imported(db):
    batch = import_files({PRESS_RELEASE: page(PRESS_RELEASE), "empty.txt": b""})

    assert list(batch.items.values_list("data", flat=True)) == [None, None]


def test_a_batch_whose_creation_fails_leaves_nothing_behind(db):
    def uploads():
        yield upload(PRESS_RELEASE, page(PRESS_RELEASE))
        raise OSError("upload interrupted")

    with pytest.raises(OSError):
        services.create_batch(uploads(), queue=False)

    assert not ImportBatch.objects.exists() and not ImportItem.objects.exists()


def _stall(batch, minutes_ago: float) -> None:
    """Leave the batch as a worker killed mid-run would: RUNNING, heartbeat `minutes_ago`."""
    import datetime

    from django.utils import timezone

    beat = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING, started_at=beat, heartbeat_at=beat
    )


def _half_done(known_donors):
    """A batch of two pages whose first page was imported before its worker died."""
    from newsroom.imports.services import batches

    batch = services.create_batch(
        [upload(PRESS_RELEASE, page(PRESS_RELEASE)),
         upload("statement.txt", page("statement_chief_of_mission.txt"))],
        queue=False,
    )
    first = batch.items.order_by("pk").first()
    services.import_item(first, batches.BatchContext.load(batch))
    return batch


def test_a_batch_whose_worker_died_is_resumed_and_only_its_pending_pages_run(known_donors):
    batch = _half_done(known_donors)
    _stall(batch, minutes_ago=10)
    article = Article.objects.get()

    resumed = services.run_batch(batch.pk)

    assert resumed is not None and resumed.status == ImportBatch.Status.DONE
    assert outcomes(resumed) == {PRESS_RELEASE: "created", "statement.txt": "created"}
    assert (resumed.processed, resumed.created_count) == (2, 2)
    assert list(Article.objects.all()) == [article] and Statement.objects.count() == 1
    assert resumed.heartbeat_at is not None


def test_a_running_batch_with_a_recent_heartbeat_is_not_stolen(known_donors):
    batch = _half_done(known_donors)
    _stall(batch, minutes_ago=1)

    assert services.run_batch(batch.pk) is None

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING
    assert batch.items.filter(outcome="pending").count() == 1


def test_how_long_a_heartbeat_may_stall_is_a_setting(settings, known_donors):
    settings.NEWSROOM_IMPORT_STALE_AFTER = 30
    batch = _half_done(known_donors)
    _stall(batch, minutes_ago=1)

    assert services.run_batch(batch.pk).status == ImportBatch.Status.DONE


def test_a_runner_that_lost_its_batch_to_another_stops_at_its_next_heartbeat(monkeypatch, known_donors):
    import datetime

    from django.utils import timezone

    from newsroom.imports.services import batches

    monkeypatch.setattr(batches, "_PROGRESS_EVERY", -1)  # a heartbeat after every page
    real_import_item = batches.import_item

    def import_item(item, context):
        outcome = real_import_item(item, context)
        # Meanwhile another worker decided this one was dead and claimed the batch.
        ImportBatch.objects.filter(pk=item.batch_id).update(
            heartbeat_at=timezone.now() + datetime.timedelta(seconds=5)
        )
        return outcome

    monkeypatch.setattr(batches, "import_item", import_item)
    batch = services.create_batch(
        [upload(PRESS_RELEASE, page(PRESS_RELEASE)),
         upload("statement.txt", page("statement_chief_of_mission.txt"))],
        queue=False,
    )

    assert services.run_batch(batch.pk) is None

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING  # the new owner finishes it
    assert batch.items.filter(outcome="pending").count() == 1


def test_a_redelivered_task_for_a_batch_still_running_retries_later(monkeypatch, known_donors):
    from celery.exceptions import Retry

    from newsroom.imports import tasks

    batch = _half_done(known_donors)
    _stall(batch, minutes_ago=1)
    retries = []

    def retry(**options):
        retries.append(options)
        return Retry()

    monkeypatch.setattr(tasks.run_import_batch, "retry", retry)

    with pytest.raises(Retry):
        tasks.run_import_batch(batch.pk)

    assert retries and retries[0]["countdown"] > 0


def test_a_page_another_run_already_imported_is_left_alone(known_donors):
    from newsroom.imports.services import batches

    batch = services.create_batch([upload(PRESS_RELEASE, page(PRESS_RELEASE))], queue=False)
    item = batch.items.get()  # read while pending, as a run's chunk of pending pages is
    ImportItem.objects.filter(pk=item.pk).update(outcome="skipped", reason="done elsewhere")

    assert services.import_item(item, batches.BatchContext.load(batch)) == "skipped"

    assert Article.objects.count() == 0
    assert ImportItem.objects.get(pk=item.pk).reason == "done elsewhere"


def test_a_ministry_of_a_known_state_is_credited_to_the_state_and_kept_as_its_alias(db):
    japan = factories.DonorFactory(name_en="Government of Japan", country="JP")
    factories.DonorAliasFactory(donor=japan, alias="Japan")
    text = (
        "News\nJapan's Ministry Supports Returns in Ninewa\n"
        "Mosul – With funding from the Ministry of Foreign Affairs of Japan, 400 families in Ninewa "
        "will receive help this year to repair their homes, and schools will reopen in six villages."
    ).encode()

    article = import_files({"ministry.txt": text}).items.get().draft

    assert list(article.donors.all()) == [japan]
    assert "Ministry of Foreign Affairs of Japan" in japan.aliases.values_list("alias", flat=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_a_batch_commits_without_waiting_for_the_disk_and_puts_the_setting_back(monkeypatch, known_donors):
    from newsroom.imports.services import batches

    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    before = setting()
    seen = []
    real_import_item = batches.import_item

    def import_item(item, context):
        seen.append(setting())
        return real_import_item(item, context)

    real_parse = batches.parse_page

    def parse_page(text, *, source, **kwargs):
        if source == "broken.txt":  # a page whose transaction rolls back
            raise RuntimeError("parser crashed")
        return real_parse(text, source=source, **kwargs)

    monkeypatch.setattr(batches, "import_item", import_item)
    monkeypatch.setattr(batches, "parse_page", parse_page)
    batch = services.create_batch(
        [upload("broken.txt", page(PRESS_RELEASE)), upload(PRESS_RELEASE, page(PRESS_RELEASE))],
        queue=False,
    )
    services.run_batch(batch.pk)

    assert before == "on" and seen == ["off", "off"]
    assert setting() == before
    assert outcomes(batch) == {PRESS_RELEASE: "created", "broken.txt": "failed"}
