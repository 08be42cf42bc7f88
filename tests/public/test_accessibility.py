"""axe-core in Chromium (Playwright, Debian's /usr/bin/chromium): no serious or critical
violation on the main public pages, in English and Arabic. One shared browser."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory, ContactFactory, DonorFactory, StatementFactory
from tests.public.conftest import publish

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious_violations(page, url):
    page.goto(url)
    page.add_script_tag(content=AXE)
    result = page.evaluate("async () => await axe.run(document)")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_public_pages_pass_axe(live_server, browser):
    article = publish(ArticleFactory(title_ar="عنوان", body_ar="<p>نص عربي</p>", byline="A. Writer"))
    article.donors.add(DonorFactory())
    article.contacts.add(ContactFactory())
    article.tags.add("Health")
    untranslated = publish(ArticleFactory())
    statement = publish(StatementFactory())
    paths = []
    for code in ("en", "ar"):
        with translation.override(code):
            paths += [
                reverse("public:home"),
                reverse("public:article-list"),
                article.get_absolute_url(),
                untranslated.get_absolute_url(),
                statement.get_absolute_url(),
                reverse("public:search") + "?q=water",
            ]
    with translation.override("ckb"):
        paths.append(reverse("public:contacts"))
    # The site's CSP (rightly) forbids injected scripts: let the test inject axe.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    problems = {path: serious_violations(page, live_server.url + path) for path in paths}
    context.close()
    assert {p: v for p, v in problems.items() if v} == {}


def test_the_skip_link_and_the_arabic_font_are_served(live_server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    context.close()
