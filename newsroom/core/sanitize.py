"""The one HTML allowlist. Every rich-text value passes through here before storage."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "div", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "del", "s",
    "a", "ul", "ol", "li", "blockquote", "pre", "code", "figure", "figcaption", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(value: str | None) -> str:
    """Keep formatting, drop scripts, event handlers and javascript: links."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_BLOCK_END = re.compile(r"(</(p|div|h[2-4]|li|blockquote|pre|figure)>|<br\s*/?>)", re.IGNORECASE)


def html_to_text(value: str | None) -> str:
    """Plain text of a body, one block a line, for summaries, search and diffs."""
    if not value:
        return ""
    text = nh3.clean(_BLOCK_END.sub(lambda m: m.group(0) + "\n", value), tags=set())
    lines = (line.strip() for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)
