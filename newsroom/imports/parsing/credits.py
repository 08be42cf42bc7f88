"""Funders the page credits ("with funding from the Government of Japan").

Only words that credit money count. "Strong" phrases (funding from, funded
by, X-funded, X has donated, thanks to X for supporting) accept any proper
name; "weak" ones (with the support of) are about help in general, so they
count only for a known donor or a name shaped like one (a foreign
government, an embassy, an agency), never for Iraq's own authorities, which
are partners rather than funders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .records import DonorCredit

# A proper name: capitalised words, joined by "of", "for", "the"; an
# acronym in brackets may follow ("Agency for International Development (USAID)").
# Dots only in initialisms ("U.S."), so a sentence's full stop ends the name.
_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’&-]*)"
_NAME = (
    rf"(?:[Tt]he\s+)?{_WORD}(?:\s+(?:(?:of|for|de|du|on)\s+(?:the\s+)?)?{_WORD})*"
    r"(?:\s+\([A-Z][A-Za-z.&]{1,12}\))?"
)
# A comma list counts only when "and" closes it: in "from Japan, IOM said"
# the comma ends the name.
_NAMES = rf"(?P<names>{_NAME}(?:(?:\s*,\s*{_NAME})*,?\s+and\s+{_NAME})?)"

_GENEROUS = r"(?:(?:generous|kind|continued|continuous|sustained|ongoing|financial)\s+)*"
_STRONG_NOUN = r"(?:funding|funds|financial\s+support|financial\s+contribution|contributions?|donations?|grants?|financing)"
_WEAK_NOUN = r"(?:support|assistance|backing)"


@dataclass(frozen=True)
class _Trigger:
    pattern: re.Pattern[str]
    strong: bool
    # Lower-case words one of which must be in the text for the pattern to
    # match: checking them first skips most paragraphs cheaply.
    keywords: tuple[str, ...] = ()


_STRONG_WORDS = ("fund", "financ", "contribution", "donation", "grant")


def _en(pattern: str, *, strong: bool, keywords: tuple[str, ...]) -> _Trigger:
    return _Trigger(re.compile(pattern), strong, keywords)


_WEAK_WORDS = ("support", "assistance", "backing")
_TRIGGERS: tuple[_Trigger, ...] = (
    _en(
        rf"(?i:with\s+(?:the\s+)?{_GENEROUS}{_STRONG_NOUN}\s+(?:from|of|by))\s+{_NAMES}",
        strong=True,
        keywords=_STRONG_WORDS,
    ),
    _en(
        rf"(?i:(?:thanks\s+to|through)\s+(?:the\s+|a\s+)?{_GENEROUS}{_STRONG_NOUN}\s+(?:from|of|by))"
        rf"\s+{_NAMES}",
        strong=True,
        keywords=_STRONG_WORDS,
    ),
    _en(rf"(?i:{_GENEROUS}{_STRONG_NOUN}\s+from)\s+{_NAMES}", strong=True, keywords=_STRONG_WORDS),
    _en(
        rf"(?i:(?:co-)?(?:funded|financed|sponsored)\s+by)\s+{_NAMES}",
        strong=True,
        keywords=("funded", "financed", "sponsored"),
    ),
    _en(
        rf"(?i:thanks\s+to)\s+{_NAMES}\s+(?i:for\s+(?:(?:its|their|the|his|her)\s+)?{_GENEROUS}"
        r"(?:supporting|support|funding|contribution|contributing|donation|financing))",
        strong=True,
        keywords=("thanks",),
    ),
    _en(
        rf"(?i:with\s+(?:the\s+)?{_GENEROUS}{_WEAK_NOUN}\s+(?:of|from))\s+{_NAMES}",
        strong=False,
        keywords=_WEAK_WORDS,
    ),
    _en(rf"(?i:{_WEAK_NOUN}\s+(?:of|from))\s+{_NAMES}", strong=False, keywords=_WEAK_WORDS),
    _en(rf"(?i:supported\s+by)\s+{_NAMES}", strong=False, keywords=("supported",)),
    _en(rf"(?i:thanks\s+to)\s+{_NAMES}", strong=False, keywords=("thanks",)),
)
# "The Government of Japan is providing / has allocated / donates / has extended
# its partnership", also in headlines ("Canada Donates ..."): the name is the
# verb's subject. Any name for "donated" and "funded"; for the other verbs, which
# also have other subjects, only a known donor or a name shaped like one.
_GIVING_VERB = re.compile(
    r"(?i:\s+(?:(?:is|are)\s+providing|provides|(?:has|have)\s+(?:generously\s+)?(?:provided|allocated|"
    r"contributed|pledged|extended\s+(?:its|their)\s+partnership)|allocated|contributed|pledged|donates|funds)\b)"
)
_GIVING_WORDS = ("provid", "allocat", "contribut", "pledg", "donates", "funds", "partnership")
# "The Government of Norway has donated": found from the verb backwards, as
# trying a name at every capital letter of every paragraph is slow.
_DONATION_VERB = re.compile(r"(?i:\s+(?:(?:has|have)\s+)?(?:generously\s+)?(?:donated|funded)\b)")
_NAME_BEFORE = re.compile(rf"(?<![\w'’-]){_NAMES}$")
_NAME_WINDOW = 160
_ANY_KEYWORD = re.compile(
    "|".join(
        sorted({word for trigger in _TRIGGERS for word in trigger.keywords}
               | {"donated", "funded", "provid", "allocat", "contribut", "pledg", "donates", "funds", "partnership"})
    )
)
# "Japan-funded", "EU-Funded", "European Union-funded": the capitalised words
# right before the hyphen, not counting "IOM Iraq's" in "IOM Iraq's EU-Funded".
_HYPHEN_FUNDED = re.compile(r"(?P<run>(?:[A-Z][\w.'’]*\s+){0,3}[A-Z][\w.]*)-(?i:funded|financed)\b")

_AR_NAME = r"(?P<names>[\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+){0,4})"
_AR_TRIGGERS: tuple[_Trigger, ...] = (
    _Trigger(
        re.compile(
            rf"(?:بتمويل|وبتمويل|تمويل|الممول|الممولة|الممَوَّل)(?:\s+كريم)?\s+من(?:\s+قبل)?\s+{_AR_NAME}"
        ),
        True,
    ),
    _Trigger(re.compile(rf"(?:بفضل|بمساهمة|بمنحة)\s+(?:سخية\s+)?(?:من\s+)?{_AR_NAME}"), True),
    _Trigger(re.compile(rf"(?:بدعم|وبدعم)(?:\s+سخي)?\s+من\s+{_AR_NAME}"), False),
    _Trigger(re.compile(rf"بە\s+(?:پاڵپشتیی?|پشتگیریی?)\s+(?:دارایی\s+)?{_AR_NAME}"), False),
)
# Words that end an Arabic funder's name ("... من الاتحاد الأوروبي في كركوك").
_AR_STOP = frozenset(
    {"في", "إلى", "الى", "على", "عن", "مع", "ضمن", "من", "خلال", "لە", "بۆ", "و", "لـ"}
)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_AR_HEAD_WORDS = frozenset(
    {"حكومة", "الحكومة", "الاتحاد", "سفارة", "حکومەتی", "یەکێتی", "باڵیۆزخانەی"}
)
_AR_DONOR_WORDS = (
    "حكومة",
    "الحكومة",
    "الاتحاد",
    "سفارة",
    "وزارة",
    "الوكالة",
    "صندوق",
    "حکومەتی",
    "یەکێتی",
)

_DONOR_SHAPE = re.compile(
    r"\b(?:Government|Embassy|Consulate|Ministry|Agency|Fund|Foundation|Union|Commission|"
    r"Department|Office|Kingdom|Republic|Cooperation|Development|Bureau|USAID|ECHO|UK|US|EU|KfW|GIZ)\b"
)
_HOST_AUTHORITIES = re.compile(
    r"\b(?:Iraq|Iraqi|Kurdistan|KRG|Governorate|Baghdad|Erbil)\b|العراق|العراقية|كوردستان|کوردستان"
)
_POSSESSIVE = re.compile(r"['’]s$")
_BRACKETED = re.compile(r"\s*\(([^)]*)\)$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def alias_key(name: str) -> str:
    """How aliases are compared: lower case, single spaces, no leading "the", no "'s"."""
    key = " ".join(name.split()).lower()
    key = _LEADING_THE.sub("", key)
    return _POSSESSIVE.sub("", key).strip(" .,;:")


def normalise_aliases(aliases: Mapping[str, str] | None) -> dict[str, str]:
    return {alias_key(alias): canonical for alias, canonical in (aliases or {}).items()}


def find_donors(texts: Iterable[str], aliases: Mapping[str, str]) -> list[DonorCredit]:
    """One credit per distinct funder, in order of first mention; ``aliases`` from normalise_aliases."""
    found: dict[str, DonorCredit] = {}
    for chunk in texts:
        for _position, name, phrase, strong in sorted(
            _credits_in(chunk, aliases), key=lambda c: c[0]
        ):
            credit = _resolve(name, phrase, strong, aliases)
            if credit is not None:
                found.setdefault(credit.name.lower(), credit)
    return list(found.values())


def _credits_in(chunk: str, aliases: Mapping[str, str]) -> Iterable[tuple[int, str, str, bool]]:
    lower = chunk.lower()
    if chunk.isascii() and not _ANY_KEYWORD.search(lower):
        return
    for trigger in _TRIGGERS:
        if not any(word in lower for word in trigger.keywords):
            continue
        for match in trigger.pattern.finditer(chunk):
            phrase = _clean_phrase(match.group(0))
            for name in _split_names(match.group("names"), aliases):
                yield match.start(), name, phrase, trigger.strong
    if "donated" in lower or "funded" in lower:
        for verb in _DONATION_VERB.finditer(chunk):
            window_start = max(0, verb.start() - _NAME_WINDOW)
            match = _NAME_BEFORE.search(chunk, window_start, verb.start())
            if match:
                phrase = _clean_phrase(chunk[match.start() : verb.end()])
                for name in _split_names(match.group("names"), aliases):
                    yield match.start(), name, phrase, True
    if any(word in lower for word in _GIVING_WORDS):
        for verb in _GIVING_VERB.finditer(chunk):
            window_start = max(0, verb.start() - _NAME_WINDOW)
            match = _NAME_BEFORE.search(chunk, window_start, verb.start())
            if match:
                phrase = _clean_phrase(chunk[match.start() : verb.end()])
                for name in _split_names(match.group("names"), aliases):
                    yield match.start(), name, phrase, False
    hyphenated = "-funded" in lower or "-financed" in lower
    for match in _HYPHEN_FUNDED.finditer(chunk) if hyphenated else ():
        run = match.group("run")
        funder = _hyphen_funder(run)
        yield match.start(), funder, funder + match.group(0)[len(run) :], True
    if not chunk.isascii() and _ARABIC_SCRIPT.search(chunk):
        for trigger in _AR_TRIGGERS:
            for match in trigger.pattern.finditer(chunk):
                name = _arabic_name(match.group("names"))
                phrase = match.group(0)[: match.start("names") - match.start()] + name
                yield match.start(), name, phrase, trigger.strong


def _split_names(names: str, aliases: Mapping[str, str]) -> list[str]:
    """Funders in a list: "Japan, Norway and Sweden", "the EU and the Government of Germany".

    "and" inside one name ("Agency for Development and Cooperation") does not
    split it: only a comma list, a second "the ..." or two known donors do.
    """
    if alias_key(names) in aliases or _AGENCY.search(names.partition(",")[0]):
        # One office's long name ("Bureau of Democracy, Human Rights and Labor") is one funder.
        return [names]
    head, sep, last = names.rpartition(" and ")
    if not sep:
        return [names]
    parts = [p for p in re.split(r"\s*,\s*", head.rstrip(",")) if p]
    if (
        len(parts) > 1
        or last.lower().startswith("the ")
        or (_lookup(head, aliases) is not None and _lookup(last, aliases) is not None)
    ):
        return [*parts, last]
    return [names]


_NOT_FUNDER_WORDS = frozenset(
    {"a", "an", "the", "this", "that", "its", "their", "our", "new", "one"}
)


def _hyphen_funder(run: str) -> str:
    words = run.split()
    for i in range(len(words) - 1, -1, -1):
        if _POSSESSIVE.search(words[i]):
            words = words[i + 1 :]
            break
    while len(words) > 1 and words[0].lower() in _NOT_FUNDER_WORDS:
        words = words[1:]
    return " ".join(words)


def _arabic_name(words_text: str) -> str:
    kept: list[str] = []
    for word in words_text.split():
        bare = word.strip("،,.؛:")
        if (
            not bare
            or bare in _AR_STOP
            or (bare.startswith("ل") and not bare.startswith("ال") and kept)
        ):
            break
        kept.append(bare)
        if bare != word:  # punctuation ended the name
            break
    return " ".join(kept)


def _clean_phrase(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    return re.sub(r"(?<![A-Z])\.$", "", phrase)


def _resolve(
    name: str, phrase: str, strong: bool, aliases: Mapping[str, str]
) -> DonorCredit | None:
    name = _tidy_name(name)
    if not name or _IMPLEMENTER.search(name):
        return None  # the organisation publishing the page is never its own donor
    canonical = _lookup(name, aliases)
    if canonical is None and _AGENCY.search(name):
        state = _state_of(name, aliases)
        if state is not None:
            return DonorCredit(name=state, known=True, phrase=phrase, alias=name)
    if canonical is not None:
        return DonorCredit(name=canonical, known=True, phrase=phrase)
    if _ARABIC_SCRIPT.match(name):
        # Arabic and Kurdish names have no capitals to end them: keep the
        # head word and its complement ("حكومة اليابان"), or three words.
        short = " ".join(name.split()[: 2 if name.split()[0] in _AR_HEAD_WORDS else 3])
        phrase, name = phrase[: len(phrase) - len(name)] + short, short
    if not strong and (_HOST_AUTHORITIES.search(name) or not _looks_like_donor(name)):
        return None
    return DonorCredit(name=name, known=False, phrase=phrase)


# The organisation itself, under its names: never a donor of its own pages.
_IMPLEMENTER = re.compile(
    r"^(?:IOM|UN\s+Migration(?:\s+Agency)?|International\s+Organi[sz]ation\s+for\s+Migration)\b", re.I
)
# A ministry or agency of a state is that state's donor entry.
_AGENCY = re.compile(r"\b(?:Ministry|Department|Bureau|Office|Agency|Directorate|Embassy|Consulate)\b")
_DEMONYMS = {
    "us": "united states", "u.s.": "united states", "american": "united states", "usa": "united states",
    "german": "germany", "japanese": "japan", "british": "united kingdom", "uk": "united kingdom",
    "french": "france", "canadian": "canada", "norwegian": "norway", "dutch": "netherlands",
    "korean": "korea", "swiss": "switzerland", "italian": "italy", "australian": "australia",
    "swedish": "sweden", "danish": "denmark", "finnish": "finland", "belgian": "belgium",
}


def _state_of(name: str, aliases: Mapping[str, str]) -> str | None:
    words = [w.strip(",.()'’").lower() for w in _POSSESSIVE.sub("", name).replace("’s ", " ").replace("'s ", " ").split()]
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            key = _DEMONYMS.get(key, key)
            if key in aliases and key not in ("the", "of"):
                return aliases[key]
    return None


def _tidy_name(name: str) -> str:
    name = _POSSESSIVE.sub("", _LEADING_THE.sub("", name.strip()))
    return name.strip(" ,;:")


def _lookup(name: str, aliases: Mapping[str, str]) -> str | None:
    key = alias_key(name)
    if key in aliases:
        return aliases[key]
    bracket = _BRACKETED.search(name)
    if bracket:
        for candidate in (name[: bracket.start()], bracket.group(1)):
            if alias_key(candidate) in aliases:
                return aliases[alias_key(candidate)]
    # "European Union Delegation" -> try shorter leading parts.
    words = key.split()
    for end in range(len(words) - 1, 0, -1):
        shorter = " ".join(words[:end])
        if shorter in aliases:
            return aliases[shorter]
    return None


def _looks_like_donor(name: str) -> bool:
    return bool(_DONOR_SHAPE.search(name)) or any(w in name for w in _AR_DONOR_WORDS)
