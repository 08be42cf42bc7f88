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
# Word boundaries as captured characters, not look-arounds: PostgreSQL's
# look-behind made the normaliser five times slower. \A and \Z mean the same
# in both engines (Python's $ would also match before a final newline).
BEFORE_WORD = "(\\A|[^" + LETTER[1:-1] + "])"
AFTER_WORD = "([^" + LETTER[1:-1] + "]|\\Z)"

# Removed before anything else: harakat, superscript alef, tatweel, Quranic
# marks, zero-width non-joiner. They change no word's meaning for a search.
MARKS = "".join(
    chr(c)
    for c in [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE), 0x200C]
)
# The same as a regex class: PostgreSQL's translate() with 47 characters was
# the slowest step of the normaliser (3 ms for a 2 KB body), the class 0.1 ms.
MARKS_CLASS = "[\\u064B-\\u065F\\u0670\\u0640\\u06D6-\\u06ED\\u200C]"


def strip_prefix(prefixes: str, rest: int) -> tuple[str, str]:
    """(pattern, replacement): a word-initial prefix (an alternation of distinct
    first letters) followed by at least `rest` letters."""
    return f"{BEFORE_WORD}(?:{prefixes})({LETTER}{{{rest}}})", "\\1\\2"


def strip_suffix(suffix: str, stem: int) -> tuple[str, str]:
    """(pattern, replacement): a word-final suffix after at least `stem` letters."""
    return f"({LETTER}{{{stem},}}){suffix}{AFTER_WORD}", "\\1\\2"


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
