"""An editor writes in the admin, in Chromium, with no internet and the site's CSP."""

import pytest

from newsroom.articles.models import Article
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def test_an_editor_writes_an_article_in_two_languages_with_formatting(live_server, browser):
    factories.editor()
    context = browser.new_context()
    page = context.new_page()
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None)

    log_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")

    # modeltranslation's tabs need jQuery UI: served locally, they render.
    page.wait_for_selector(".ui-tabs-nav")
    page.fill("#id_title_en", "Mobile clinics reach Hawija")
    editor = page.locator("trix-editor").first
    editor.click()
    bold = page.locator("trix-toolbar [data-trix-attribute=bold]").first
    page.keyboard.type("Teams saw ")
    bold.click()
    page.keyboard.type("1,200 patients")
    bold.click()
    page.keyboard.type(" in a week.")

    # The Arabic tab shows the Arabic fields.
    page.locator(".ui-tabs-nav a", has_text="ar").first.click()
    page.fill("#id_title_ar", "عيادات متنقلة تصل إلى الحويجة")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get()
    assert article.title_en == "Mobile clinics reach Hawija"
    assert article.title_ar == "عيادات متنقلة تصل إلى الحويجة"
    assert "<strong>1,200 patients</strong>" in article.body_en
    assert article.body_en.startswith("<p>")
    assert external == [] and blocked == []
    context.close()
