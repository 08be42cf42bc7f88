"""People at the desk, each in a browser context of their own: what they click and read.

Selectors are names and ids, never words, so the same steps run with the admin in any
language. The browser is set to New York time on purpose: the office's times are Baghdad's.
"""

import io
import zipfile
from pathlib import Path

from django.utils import timezone

PASSWORD = "pass-word-123"
PAGES = Path(__file__).parent / "pages"
AXE = (Path(__file__).parent.parent / "public" / "vendor" / "axe.min.js").read_text()


class Person:
    def __init__(self, browser, base_url: str, language: str, kept: list, username: str = ""):
        self.base = base_url
        # The site's CSP (rightly) forbids injected scripts: bypassed only to run axe.
        self.context = browser.new_context(
            locale=language, timezone_id="America/New_York", bypass_csp=True,
            extra_http_headers={"Accept-Language": language},
        )
        self.page = self.context.new_page()
        kept.append((username or "reader", self.page))
        if username:
            self.goto("/admin/login/")
            self.page.fill("#id_username", username)
            self.page.fill("#id_password", PASSWORD)
            self.page.click("input[type=submit]")
            self.page.wait_for_url(f"{base_url}/admin/")

    def goto(self, path: str):
        return self.page.goto(self.base + path)

    def get(self, path: str):
        """A request beside the page (feeds, sitemaps, status codes), with this person's
        cookies and language."""
        return self.context.request.get(self.base + path)

    def done(self) -> str:
        """Wait for the admin's success message; its text."""
        return self.page.locator(".messagelist .success").first.inner_text()

    def post_as_if_pressed(self, url: str, fields: dict | None = None) -> None:
        """Send a form the page does not offer, as a curious or mistaken person could."""
        self.page.evaluate(
            """([url, fields]) => {
                const form = document.createElement("form");
                form.method = "post"; form.action = url;
                const token = document.querySelector("[name=csrfmiddlewaretoken]").value;
                for (const [name, value] of Object.entries({csrfmiddlewaretoken: token, ...fields})) {
                    const input = document.createElement("input");
                    input.type = "hidden"; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }""",
            [url, fields or {}],
        )
        self.page.wait_for_load_state("load")

    def axe(self, path: str) -> list:
        """Serious and critical axe-core violations of a page."""
        self.goto(path)
        self.page.wait_for_load_state("networkidle")  # scripts that build widgets are done
        self.page.add_script_tag(content=AXE)
        result = self.page.evaluate("async () => await axe.run(document)")
        return [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]

    def close(self):
        self.context.close()


def rich_text(page, field: str, parts: list[tuple[str, bool]]) -> None:
    """Type into the Trix editor of a body field; (text, bold) parts."""
    page.locator(f".rich-text:has(#id_{field}) trix-editor").click()
    bold = page.locator(f".rich-text:has(#id_{field}) trix-toolbar [data-trix-attribute=bold]")
    for text, strong in parts:
        if strong:
            bold.click()
        page.keyboard.type(text)
        if strong:
            bold.click()


def language_tab(page, field: str, code: str) -> None:
    page.click(f'.ui-tabs-nav li[aria-controls="tab_id_{field}_{code}"] a')


def fields_in(page, code: str) -> None:
    """Show every translated field's tab in one language (the form opens in the admin's)."""
    page.select_option("#modeltranslation-main-switch", label=code)


def choose(page, field: str, text: str) -> None:
    """Pick a value in one of the admin's autocomplete (select2) fields."""
    page.click(f".field-{field} .select2-selection")
    page.keyboard.type(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def baghdad(moment) -> str:
    """A moment as the reviewer types it in the picker: Baghdad time, to the second."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")


def page_dumps_zip(folder: Path) -> Path:
    path = folder / "legacy-pages.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for dump in sorted(PAGES.glob("*.txt")):
            archive.writestr(f"pages/{dump.name}", dump.read_bytes())
    path.write_bytes(buffer.getvalue())
    return path
