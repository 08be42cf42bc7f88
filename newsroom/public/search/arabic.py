"""Arabic light stemming (after Larkey's light10), for stored vectors and queries.

PostgreSQL's Snowball `arabic` stemmer alone is erratic with clitics
(المياه → مياه but والمياه → والمي, مياه → ميا): text and query are first
brought to one form here, then go through the `arabic` configuration (its stop
words and Snowball) on both sides.

1. marks and tatweel are dropped; أ إ آ ٱ → ا, ة → ه, ى → ي;
2. a leading و (and) when three letters remain;
3. the article with its clitics, ال بال كال فال لل, when two letters remain.
   ب ل ك alone are not stripped: too many words begin with them (بيت، لجنة، كتاب);
4. the suffixes ها ان ات ون ين يه ه ي, in that order, each when two letters remain.

Broken plurals (مدارس for مدرسة) cannot be reached by stripping: the query side
expands the newsroom's common ones (BROKEN_PLURALS) to their singular and back.
"""

import functools

from newsroom.public.search.letters import (
    MARKS_CLASS,
    compile_steps,
    run,
    strip_prefix,
    strip_suffix,
)

LETTERS_FROM = "أإآٱةى"
LETTERS_TO = "ااااهي"
CONJUNCTION = strip_prefix("و", 3)
ARTICLE = strip_prefix("ال|بال|كال|فال|لل", 2)
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

# The same steps as a list: the SQL function in the migration is built from it.
STEPS = [
    ("replace", MARKS_CLASS, ""),
    ("translate", LETTERS_FROM, LETTERS_TO),
    ("replace", *CONJUNCTION),
    ("replace", *ARTICLE),
    *[("replace", *strip_suffix(s, 2)) for s in SUFFIXES],
]

# What a query word can be made of and still say nothing: clitics alone.
CLITICS = {"و", "ال", "وال", "بال", "كال", "فال", "لل", "ب", "ل", "ك", "ف"}

# The newsroom's common words whose plural is broken, each with its singular.
# A query for one finds the other. A list, not a trigram fallback: trigrams of
# مدارس and مدرسة share almost nothing (مدا/دار/ارس vs مدر/درس/رسة), so
# similarity would not join them but would join unrelated words that share a root.
BROKEN_PLURALS = {
    "مدارس": "مدرسة",  # schools
    "اسر": "أسرة",  # families (a light stem of both already; kept as documentation)
    "عوائل": "عائلة",  # families
    "مخيمات": "مخيم",  # camps (sound plural, light-stemmed already)
    "مشاريع": "مشروع",  # projects
    "اطفال": "طفل",  # children
    "مراكز": "مركز",  # centres
    "مناطق": "منطقة",  # areas
    "منازل": "منزل",  # houses
    "بيوت": "بيت",  # houses
    "قرى": "قرية",  # villages
    "مدن": "مدينة",  # cities
    "برامج": "برنامج",  # programmes
    "نساء": "امرأة",  # women
    "اطباء": "طبيب",  # doctors
    "عمال": "عامل",  # workers
    "دول": "دولة",  # countries
    "مساجد": "مسجد",  # mosques
    "طرق": "طريق",  # roads
    "مياه": "ماء",  # water
    "ادوية": "دواء",  # medicines
    "شباب": "شاب",  # young people
    "مستشفيات": "مستشفى",  # hospitals (sound plural, light-stemmed already)
}

_compiled = compile_steps(STEPS)


def normalise(text: str) -> str:
    return run(_compiled, text)


# Highlighting normalises word by word; words repeat across snippets and requests.
normalise_word = functools.lru_cache(maxsize=8192)(normalise)


def _groups() -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for plural, singular in BROKEN_PLURALS.items():
        forms = {normalise(plural), normalise(singular)}
        for form in forms:
            groups.setdefault(form, set()).update(forms)
    return groups


# Normalised form → every normalised form of the same word (itself included).
FORMS = _groups()


def forms(word: str) -> list[str]:
    """The normalised forms a query word stands for: itself, and its broken
    plural or singular when it has one."""
    base = normalise(word)
    return sorted(FORMS.get(base, {base}))

# PostgreSQL's `arabic` configuration has no stop list. Words in nearly every
# text, dropped from queries (not from vectors: a "phrase" may still hold them).
STOP_WORDS = {normalise(w) for w in (
    "في من إلى الى على عن أن إن ان مع هذا هذه ذلك تلك التي الذي الذين كان كانت "
    "قد لا ما لم لن هو هي هم كل بين حتى أو او ثم عند بعد قبل منذ خلال"
).split()}
