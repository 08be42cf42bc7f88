"""What an editor reads on a page: its visible text, and how much of it is Arabic script."""

import re
from html.parser import HTMLParser

# Arabic, Arabic Supplement, Extended-A, and the presentation forms (Sorani uses them all).
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_HIDDEN = {"script", "style", "template", "noscript", "title"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def arabic_share(html: str) -> float:
    """The share of the letters on the page that are Arabic-script (0..1)."""
    letters = [c for c in visible_text(html) if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ARABIC_SCRIPT.match(c)) / len(letters)


def latin_words(html: str) -> list[str]:
    """The words still in Latin letters: what a translator looks at when the share is low."""
    return sorted(set(re.findall(r"[A-Za-z][A-Za-z’'-]+", visible_text(html))))
