"""Kurdish (Sorani) normalisation and a light suffix stemmer, for vectors and queries.

PostgreSQL has no Kurdish stemmer; the stored vector is the `simple`
configuration over the text brought to one form here:

1. marks, tatweel and zero-width non-joiners are dropped;
2. Arabic kaf and yeh typed on Arabic keyboards become Kurdish ک and ی
   (ك → ک, ي ى → ی), ة → ە, ھ → ه; a word-final ه becomes ە (a final h is
   rare in Sorani, a final ە typed as ه is common);
3. the suffixes below are stripped in this order, each when three letters
   remain: وە (postposition), یان, یەک, ێک (indefinite), ی (ezafe,
   possessive), کان, کە (definite), ە, ان (plural). Each step may expose the
   next one: منداڵەکانی → منداڵەکان → منداڵە → منداڵ; نەخۆشخانەکە →
   نەخۆشخانە → نەخۆشخان → نەخۆشخ, like نەخۆشخانە and نەخۆشخانەی.
   A stem need not be a word; text and query only have to meet.
"""

import functools

from newsroom.public.search.letters import AFTER_WORD, MARKS_CLASS, compile_steps, run, strip_suffix

LETTERS_FROM = "كيىةھ"
LETTERS_TO = "کییەه"
FINAL_HEH = "ه" + AFTER_WORD
SUFFIXES = ("وە", "یان", "یەک", "ێک", "ی", "کان", "کە", "ە", "ان")

STEPS = [
    ("replace", MARKS_CLASS, ""),
    ("translate", LETTERS_FROM, LETTERS_TO),
    ("replace", FINAL_HEH, "ە\\1"),
    *[("replace", *strip_suffix(s, 3)) for s in SUFFIXES],
]

_compiled = compile_steps(STEPS)


def normalise(text: str) -> str:
    return run(_compiled, text)


# Highlighting normalises word by word; words repeat across snippets and requests.
normalise_word = functools.lru_cache(maxsize=8192)(normalise)


def forms(word: str) -> list[str]:
    return [normalise(word)]

# Words in nearly every Sorani text, dropped from queries (the `simple`
# configuration has no stop list).
STOP_WORDS = {normalise(w) for w in (
    "لە بۆ بە و کە ئەم ئەو لەگەڵ یان تا هەر ئەوە ئەمە دوای پێش لەسەر"
).split()}
