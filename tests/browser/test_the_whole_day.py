"""The whole day at the desk, in Chromium, against a live server with PostgreSQL, Redis and
a real Celery worker and beat: in English, then with the admin in Arabic (issue 10, §5).

Where a step relies on another branch of the same issue, its check is collected by
`later` and fails the test at the end, naming the branch, so every other step still runs.
"""

import time

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.articles.models import Article
from newsroom.imports.models import ImportBatch
from newsroom.workflow.models import AuditEntry, Status
from tests import factories
from tests.browser.conftest import real_stack_available
from tests.browser.desk import (
    Person,
    baghdad,
    choose,
    fields_in,
    language_tab,
    page_dumps_zip,
    rich_text,
)
from tests.workflow.helpers import writer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.celery_worker,
    pytest.mark.skipif(not real_stack_available(),
                       reason="needs PostgreSQL and a Redis broker shared with a real worker"),
]

EMBARGO = timezone.timedelta(seconds=40)  # long enough to check every surface before it
TITLE_EN = "Footbridge reopens over the Lesser Zab"
TITLE_AR = "إعادة افتتاح جسر المشاة فوق الزاب الصغير"
COMMENT = "Give the number of families who cross the bridge each day."


class Later:
    """Checks that pass once another branch of issue 10 is merged (see the report)."""

    def __init__(self):
        self.missing = []

    def __call__(self, ok: bool, what: str, branch: str) -> None:
        if not ok:
            self.missing.append(f"{what} [needs branch {branch}]")


def arabic_letters(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / max(len(letters), 1)


def url_of(article, code: str) -> str:
    with translation.override(code):
        return article.get_absolute_url()


def public_paths(code: str, word: str) -> list[str]:
    with translation.override(code):
        return [reverse("public:home"), reverse("public:article-list"),
                reverse("public:feed-rss"), reverse("public:feed-atom"),
                reverse("public:search") + f"?q={word}"]


def sitemap_text(reader) -> str:
    """The sitemap index and every sitemap it lists."""
    import re

    index = reader.get("/sitemap.xml").text()
    parts = [index]
    for loc in re.findall(r"<loc>([^<]+)</loc>", index):
        parts.append(reader.context.request.get(loc.replace("http://127.0.0.1:8000", reader.base)).text())
    return "\n".join(parts)


def wait_until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"waited {seconds:.0f} s: {what}")


@pytest.mark.parametrize("admin_language", ["en", "ar"])
def test_the_whole_day_at_the_desk(admin_language, live_server, browser, desk_roles,
                                   celery_processes, pages_kept_on_failure, tmp_path):
    later = Later()
    base = live_server.url
    factories.editor()
    reviewer_user = factories.reviewer()
    donor = factories.DonorFactory(name_en="Government of Finland", short_name="Finland")
    contact = factories.ContactFactory(name="Sara Mahmoud")
    editor = Person(browser, base, admin_language, pages_kept_on_failure, "editor")
    reviewer = Person(browser, base, admin_language, pages_kept_on_failure, "reviewer")
    reader = Person(browser, base, "en", pages_kept_on_failure)
    rtl_admin = admin_language == "ar"

    # 1. The editor writes the article in English and Arabic, with formatting, a donor, a
    #    contact, tags and a related document, and submits it.
    page = editor.page
    editor.goto("/admin/articles/article/add/")
    if rtl_admin:
        assert page.locator("html").get_attribute("dir") == "rtl"
    page.wait_for_selector(".ui-tabs-nav")
    page.select_option("#id_kind", "press_release")
    fields_in(page, "en")
    page.fill("#id_title_en", TITLE_EN + " in Altun Kupri")
    page.fill("#id_summary_en", "The walk to the district hospital is ten minutes again.")
    rich_text(page, "body_en", [("The bridge carries ", False), ("4,000 people", True),
                                (" a day.", False)])
    fields_in(page, "ar")
    page.fill("#id_title_ar", TITLE_AR)
    rich_text(page, "body_ar", [("يعبر الجسر ", False), ("أربعة آلاف شخص", True),
                                (" يومياً.", False)])
    choose(page, "donors", "Finland")
    choose(page, "contacts", "Sara Mahmoud")
    page.fill("#id_tags", "Bridges, Kirkuk")
    fields_in(page, "en")
    page.fill("#id_documents-0-title_en", "Engineering report")
    page.fill("#id_documents-0-url", "https://example.org/reports/bridge.pdf")
    page.click("input[name=_continue]")
    editor.done()
    article = Article.objects.get()
    assert "<strong>4,000 people</strong>" in article.body_en
    assert "<strong>أربعة آلاف شخص</strong>" in article.body_ar
    assert list(article.donors.all()) == [donor] and list(article.contacts.all()) == [contact]
    assert sorted(article.tags.names()) == ["Bridges", "Kirkuk"]
    assert article.documents.get().url == "https://example.org/reports/bridge.pdf"
    change = f"/admin/articles/article/{article.pk}/change/"
    page.click("[name=wf-submit]")
    editor.done()
    assert Article.objects.get().status == Status.IN_REVIEW

    # 2. The reviewer finds it in the queue and requests changes with a comment ...
    page = reviewer.page
    reviewer.goto("/admin/")
    page.click('#review-queue a[href$="queue=awaiting_me"]')
    page.click(f'#result_list a[href*="/{article.pk}/change/"]')
    page.fill("#wf-comment", COMMENT)
    page.click("[name=wf-request-changes]")
    reviewer.done()
    # ... the editor sees it at the top, fixes, and resubmits to the same reviewer ...
    page = editor.page
    editor.goto(change)
    assert COMMENT in page.locator("#review-request").inner_text()
    assert page.locator("#review-request").bounding_box()["y"] < page.locator(
        "#article_form").bounding_box()["y"]
    fields_in(page, "en")
    page.fill("#id_title_en", TITLE_EN)
    page.fill("#id_summary_en", "Some 4,000 people a day cross the rebuilt footbridge.")
    page.click("input[name=_continue]")
    editor.done()
    assert page.locator("#wf-assigned_reviewer").input_value() == str(reviewer_user.pk)
    page.click("[name=wf-submit]")
    editor.done()
    # ... and the reviewer approves it for a time a few seconds ahead, typed to the second.
    page = reviewer.page
    reviewer.goto(change)
    publish_at = (timezone.now() + EMBARGO).replace(microsecond=0)
    page.fill("#wf-publish_at", baghdad(publish_at))
    page.click("[name=wf-approve-later]")
    reviewer.done()
    article.refresh_from_db()
    assert article.status == Status.APPROVED and article.publish_at == publish_at
    assert "(UTC+03:00)" in page.locator(".workflow-panel").inner_text()

    # 3. Before that time: 404, and on no list, feed, sitemap or search ...
    for code in ("en", "ar"):
        assert reader.get(url_of(article, code)).status == 404
        for path in public_paths(code, "footbridge"):
            body = reader.get(path).text()
            assert TITLE_EN not in body and TITLE_AR not in body, path
    assert article.slug not in sitemap_text(reader)
    # ... but a preview link opens it for an anonymous visitor, in both languages.
    page.click('form[action$="/preview-links/"] [type=submit]')
    reviewer.done()
    link = page.locator("code.preview-link").first.inner_text().strip()
    visitor = Person(browser, base, "en", pages_kept_on_failure)
    visitor.page.goto(link)
    assert visitor.page.locator("h1").inner_text() == TITLE_EN
    arabic = visitor.page.locator('nav.languages a[hreflang="ar"]')
    if arabic.count():
        arabic.click()
        visitor.page.wait_for_load_state("load")
    shown_in_arabic = (visitor.page.locator("h1").inner_text() == TITLE_AR
                       and link.split("/preview/")[1].split("/")[0] in visitor.page.url)
    later(shown_in_arabic, "the preview's Arabic link stays inside the preview", "i11 (D)")
    visitor.close()
    assert timezone.now() < publish_at, "the checks before the embargo took too long"

    # At the time, with nobody clicking, the worker records it: public in /en/, /ar/, feeds.
    wait_until(lambda: AuditEntry.objects.filter(object_id=article.pk, action="publish",
                                                 actor__isnull=True).exists(),
               EMBARGO.total_seconds() + 30, "the worker to record the publication")
    assert timezone.now() >= publish_at
    reader.goto(url_of(article, "en"))
    assert reader.page.locator("h1").inner_text() == TITLE_EN
    reader.goto(url_of(article, "ar"))
    assert reader.page.locator("html").get_attribute("dir") == "rtl"
    assert reader.page.locator("h1").inner_text() == TITLE_AR
    for code in ("en", "ar"):
        with translation.override(code):
            feed = reader.get(reverse("public:feed-rss")).text()
        assert (TITLE_EN if code == "en" else TITLE_AR) in feed
    assert article.slug in sitemap_text(reader)

    # 4. The editor corrects the live article; the public keeps the approved text until the
    #    reviewer approves the correction.
    page = editor.page
    editor.goto(change)
    language_tab(page, "title", "en")  # one tab, as an editor would
    page.fill("#id_title_en", TITLE_EN + ", linking two neighbourhoods")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .warning")
    reader.goto(url_of(article, "en"))
    assert reader.page.locator("h1").inner_text() == TITLE_EN
    page = reviewer.page
    reviewer.goto(change)
    page.click('.workflow-panel a[href*="/revisions/"]')
    page.click("[name=wf-approve-edit]")
    reviewer.done()
    reader.goto(url_of(article, "en"))
    assert reader.page.locator("h1").inner_text() == TITLE_EN + ", linking two neighbourhoods"

    # 5. The editor uploads a zip of page dumps, watches the progress, opens the drafts; the
    #    broken file shows its reason, the others import.
    page = editor.page
    editor.goto("/admin/imports/importbatch/add/")
    page.set_input_files("input[type=file]", str(page_dumps_zip(tmp_path)))
    page.click("#content-main [type=submit]")
    page.wait_for_selector("#import-progress progress")
    page.wait_for_selector('#import-progress[data-finished="true"]', timeout=90_000)
    batch = ImportBatch.objects.get()
    assert (batch.processed, batch.total) == (3, 3)
    rows = {row.locator("td").first.inner_text(): row for row in page.locator(
        "#import-progress ~ .module tbody tr").all()}
    broken = next(row for name, row in rows.items() if "broken" in name)
    assert broken.locator("td").nth(2).inner_text().strip()  # a reason, in words
    drafts = page.locator("#import-progress ~ .module tbody a")
    assert drafts.count() == 2
    drafts.first.click()
    page.wait_for_selector("#article_form")
    assert Article.objects.filter(status=Status.DRAFT).count() == 2

    # 6. A reviewer is refused approving their own submission; an editor is refused a
    #    reviewer's action. Neither is offered the button, and a forced request is refused in
    #    a sentence, with nothing to try again.
    writer("writer")
    own = Person(browser, base, admin_language, pages_kept_on_failure, "writer")
    mine = Article.objects.create(title_en="Clinic hours extended in Daquq")
    own.goto(f"/admin/articles/article/{mine.pk}/change/")
    own.page.click("[name=wf-submit]")
    own.done()
    assert own.page.locator("[name=wf-approve-now]").count() == 0
    own.post_as_if_pressed(f"/admin/articles/article/{mine.pk}/workflow/approve/")
    refusal = own.page.locator(".errornote").inner_text()
    assert own.page.locator("#content form [type=submit]").count() == 0
    editor.goto(f"/admin/articles/article/{mine.pk}/change/")
    assert editor.page.locator("[name=wf-request-changes]").count() == 0
    editor.post_as_if_pressed(f"/admin/articles/article/{mine.pk}/workflow/request_changes/",
                              {"comment": "Looks fine to me"})
    editor_refusal = editor.page.locator(".errornote").inner_text()
    assert editor.page.locator("#content form [type=submit]").count() == 0
    if rtl_admin:
        assert own.page.locator("html").get_attribute("dir") == "rtl"
        for sentence in (refusal, editor_refusal):
            later(arabic_letters(sentence) > 0.8, f"the refusal reads in Arabic: {sentence!r}",
                  "i10a (E1's Arabic catalogue)")
    else:
        assert "nobody approves their own submission" in refusal
        assert "only reviewers may request changes" in editor_refusal
    assert Article.objects.get(pk=mine.pk).status == Status.IN_REVIEW
    own.close()

    # 7. axe-core: no serious or critical violation, public pages and the admin, en and ar.
    problems = {}
    for code in ("en", "ar"):
        with translation.override(code):
            paths = [reverse("public:home"), reverse("public:article-list")]
        for path in [*paths, url_of(article, code)]:
            problems[path] = reader.axe(path)
    admin_paths = ["/admin/", "/admin/articles/article/", change]
    for path in admin_paths:
        problems[f"{path} ({admin_language})"] = editor.axe(path)
    found = {path: found for path, found in problems.items() if found}
    assert found == {}, "\n".join(f"{path}: {issues}" for path, issues in found.items())

    # The worker and beat stayed up all day.
    assert all(process.poll() is None for process in celery_processes.values())
    for person in (editor, reviewer, reader):
        person.close()
    assert later.missing == []
