"""A reader's search, parsed once for every language: words, "phrases", -exclusions, or.

`water "clean water" -Basra sanitation or hygiene` reads as
water AND "clean water" AND (sanitation OR hygiene) AND NOT Basra.
The parse is language-neutral; each configuration (postgres.py) or the plain
matcher (plain.py) turns the same atoms into its own query, so the syntax
behaves the same in English, Arabic and Kurdish.

What cannot be searched is answered here, before any database work: too long,
too many words, nothing but punctuation, single letters, diacritics or clitics
(وال), or only exclusions (which would have to scan every row).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from newsroom.public.search import arabic, kurdish
from newsroom.public.search.letters import MARKS

MAX_LENGTH = 200
MAX_ATOMS = 10
# "or" in the site's languages; a word on its own between two others.
OR_WORDS = {"or", "أو", "او", "یان"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_MARKS = str.maketrans("", "", MARKS)


@dataclass(frozen=True)
class Atom:
    text: str
    phrase: bool = False

    def words(self) -> list[str]:
        return re.findall(r"\w+", self.text.translate(_MARKS))


@dataclass
class Query:
    # Every group must match; within a group, any atom.
    groups: list[list[Atom]] = field(default_factory=list)
    excluded: list[Atom] = field(default_factory=list)
    problem: str = ""  # why nothing was searched, for the reader

    def atoms(self) -> list[Atom]:
        return [a for group in self.groups for a in group] + self.excluded


def clean(raw: str) -> str:
    """Control characters (NUL included: PostgreSQL refuses it) become spaces."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in raw)
    return " ".join(text.split())


def _meaningful(word: str) -> bool:
    return len(word) >= 2 and word not in arabic.CLITICS


def _common(atom: Atom) -> bool:
    """A lone word found in nearly every Arabic or Kurdish text (English stop
    words are PostgreSQL's: postgres.tsqueries)."""
    words = atom.words()
    return not atom.phrase and len(words) == 1 and (
        arabic.normalise(words[0]) in arabic.STOP_WORDS
        or kurdish.normalise(words[0]) in kurdish.STOP_WORDS
    )


def parse(raw: str) -> Query:
    text = clean(raw).translate(_QUOTES)
    if len(text) > MAX_LENGTH:
        return Query(problem=_("That search is too long: use a few words (at most %(n)d characters).") % {"n": MAX_LENGTH})
    query = Query()
    join_next = common = False
    for match in _TOKEN.finditer(text):
        minus, quoted, bare = match.groups()
        if bare is not None and bare.lower() in OR_WORDS:
            join_next = bool(query.groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        atom = Atom(quoted, phrase=True) if bare is None else Atom(bare)
        if not any(_meaningful(w) for w in atom.words()):
            continue
        if _common(atom):
            common = True
            continue
        if minus:
            query.excluded.append(atom)
        elif join_next:
            query.groups[-1].append(atom)
        else:
            query.groups.append([atom])
        join_next = False
    if len(query.atoms()) > MAX_ATOMS:
        query.problem = _("That search has too many words: use at most %(n)d.") % {"n": MAX_ATOMS}
    elif not query.groups and query.excluded:
        query.problem = _("Add a word to look for: a search cannot only leave words out.")
    elif not query.groups and common:
        query.problem = too_common()
    elif not query.groups:
        query.problem = _("Type at least one whole word of two letters or more to search for.")
    return query


def too_common() -> str:
    return _("Those words are too common to search for. Try other words.")
