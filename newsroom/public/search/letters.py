"""What Arabic-script words are made of, for the Arabic and Kurdish normalisers.

The patterns here are written once and run twice: by PostgreSQL (regexp_replace
in the SQL functions that fill the stored vectors, see the migration
public/0001) and by Python's `re` (on queries and for highlighting). They are
kept to forms both engines read the same way: \\uXXXX escapes, bracket
classes, fixed-width look-behind, look-ahead, a single greedy group.
"""

import re

# A letter of a word once marks are gone: hamza through yeh, then the
# Persian/Kurdish letters up to ae (ە, U+06D5).
LETTER = "[\\u0620-\\u064A\\u066E-\\u06D5]"
NOT_AFTER_LETTER = "(?<!" + LETTER + ")"
NOT_BEFORE_LETTER = "(?!" + LETTER + ")"

# Removed before anything else: harakat, superscript alef, tatweel, Quranic
# marks, zero-width non-joiner. They change no word's meaning for a search.
MARKS = "".join(
    chr(c)
    for c in [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE), 0x200C]
)


def strip_prefix(prefixes: str, rest: int) -> str:
    """A word-initial prefix (an alternation of distinct first letters) followed
    by at least `rest` letters."""
    return f"{NOT_AFTER_LETTER}({prefixes})(?={LETTER}{{{rest},}})"


def strip_suffix(suffix: str, stem: int) -> str:
    """A word-final suffix after at least `stem` letters; the stem is group 1."""
    return f"({LETTER}{{{stem},}}){suffix}{NOT_BEFORE_LETTER}"


def compile_steps(steps):
    """STEPS (what the SQL function does, in order) as Python callables."""
    compiled = []
    for kind, pattern, replacement in steps:
        if kind == "translate":
            table = str.maketrans(pattern, replacement) if replacement else str.maketrans("", "", pattern)
            compiled.append(lambda text, table=table: text.translate(table))
        else:
            regex = re.compile(pattern)
            compiled.append(lambda text, regex=regex, r=replacement: regex.sub(r, text))
    return compiled


def run(compiled, text: str) -> str:
    for step in compiled:
        text = step(text)
    return text
