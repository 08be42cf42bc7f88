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


# Explicit-direction controls (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI): in a title
# or a name they reorder what a reader sees ("Trojan Source"); nothing typed needs them.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Browsers read a backslash as a slash in web URLs: "/\host" is protocol-relative too.
_PROTOCOL_RELATIVE = re.compile(r"^[\x00-\x20]*[/\\]{2}")


def strip_bidi_controls(value: str | None) -> str | None:
    return value if not value else value.translate(BIDI_CONTROLS)


def _external_href(tag: str, attribute: str, value: str) -> str:
    # A protocol-relative link (//host/) leaves the site like an https:// one: make it one,
    # so it gets the same scheme check and rel as every other external link.
    if attribute == "href" and _PROTOCOL_RELATIVE.match(value):
        return "https://" + _PROTOCOL_RELATIVE.sub("", value)
    return value


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
        attribute_filter=_external_href,
    )


def plain_text(value: str | None) -> str | None:
    """Text with no markup at all (summaries): tags dropped, entities read, no bidi controls.

    Repeated until stable, so that storing the result and cleaning it again changes
    nothing ("&lt;b&gt;" becomes "<b>" on the first pass, and nothing on the next).
    """
    if not value:
        return value
    for _ in range(5):
        cleaned = strip_bidi_controls(html.unescape(nh3.clean(value, tags=set())))
        if cleaned == value:
            break
        value = cleaned
    return value


_BLOCK_END = re.compile(r"(</(p|div|h[2-4]|li|blockquote|pre|figure)>|<br\s*/?>)", re.IGNORECASE)


def html_to_text(value: str | None) -> str:
    """Plain text of a body, one block a line, for summaries, search and diffs."""
    if not value:
        return ""
    text = nh3.clean(_BLOCK_END.sub(lambda m: m.group(0) + "\n", value), tags=set())
    lines = (line.strip() for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)
