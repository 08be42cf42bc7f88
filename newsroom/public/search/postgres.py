"""Search over the stored vectors (migration public/0001), under a statement timeout.

Per reader language L, an item matches when the query matches, in that
language's configuration, the text the reader sees: L's own text, the
fallback it is shown in at L (an Arabic-only item at /en/ is found by its
Arabic words), or its source language. One tsquery per configuration, each
made from the same parse (query.py), so `-word` excludes an item whose text
in *any* language has the word: an exclusion is never OR-ed away.

Cost: the GIN indexes find the matches; the 100 newest of them are ranked
(ts_rank reads each vector) and the best 30 shown. A word in every item costs
about the same as a rare one: PostgreSQL walks the publish_at index and stops
at 100. Exclusions are applied to the 1,000 newest matches, not to every match:
excluding a word that nearly every match has would otherwise read every row.

One statement per model does it all (match, rank, the best 30, their snippet
text): building it with the ORM's Q objects cost more than running it, and
each round trip costs several milliseconds on a loaded machine.
"""

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from newsroom.core.languages import CODES, localized_name
from newsroom.public.search import arabic, kurdish
from newsroom.public.search.query import Atom, Query

CONFIGS = {"en": "english", "ar": "arabic", "ckb": "simple"}
FORMS = {"en": lambda word: [word], "ar": arabic.forms, "ckb": kurdish.forms}
NORMALISE = {"en": lambda text: text, "ar": arabic.normalise, "ckb": kurdish.normalise}
CANDIDATES = 100
EXCLUSION_WINDOW = 1000


@dataclass
class TsQueries:
    """Per language code: the tsquery text of what must match, and of what must not."""

    wanted: dict[str, str]
    unwanted: dict[str, str]

    def empty(self) -> bool:
        return not any(self.wanted.values())


def _atom_sql(atom: Atom, code: str) -> tuple[str, list]:
    config = CONFIGS[code]
    if atom.phrase:
        return f"phraseto_tsquery('{config}', %s)", [NORMALISE[code](atom.text)]
    forms = FORMS[code](atom.text) if len(atom.words()) == 1 else [NORMALISE[code](atom.text)]
    sql = " || ".join(f"plainto_tsquery('{config}', %s)" for _ in forms)
    return f"({sql})", forms


def tsqueries(query: Query, timeout_ms: int | None = None) -> TsQueries:
    """PostgreSQL parses each atom in each configuration (stop words, stemming) in
    one short statement; the tsqueries are put together from those texts.

    A word that is a stop word in any of the configurations (the, في) is left
    out of all of them: otherwise `the` would be searched for in every Arabic
    and Kurdish text, where no stop list knows it.
    """
    atoms = query.atoms()
    columns, params = [], []
    if timeout_ms is not None:
        # set_config(..., true) is SET LOCAL (this transaction), and unlike SET
        # takes a parameter under server-side binding too.
        columns.append("set_config('statement_timeout', %s, true)")
        params.append(str(timeout_ms))
    for atom in atoms:
        for code in CODES:
            sql, p = _atom_sql(atom, code)
            columns.append(f"({sql})::text")
            params += p
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()[1 if timeout_ms is not None else 0 :]
    n = len(CODES)
    parsed = {atom: dict(zip(CODES, row[i * n : (i + 1) * n], strict=True)) for i, atom in enumerate(atoms)}
    kept = {atom: texts for atom, texts in parsed.items() if all(texts.values())}

    def any_of(group: list[Atom], code: str) -> str:
        return " | ".join(f"({kept[a][code]})" for a in group if a in kept)

    wanted, unwanted = {}, {}
    groups = [g for g in query.groups if any(a in kept for a in g)]
    for code in CODES:
        wanted[code] = " & ".join(f"({any_of(g, code)})" for g in groups)
        unwanted[code] = any_of(query.excluded, code)
    return TsQueries(wanted, unwanted)


def _present(model, code: str, table: str = "") -> str:
    prefix = f"{table}." if table else ""
    return "(" + " AND ".join(
        f"coalesce({prefix}{localized_name(f, code)}, '') <> ''"
        for f in model.required_translated_fields
    ) + ")"


def _shown_in(model, reader: str, code: str) -> str:
    """SQL: the item is shown in `code` to readers of `reader`: the first of the
    fallback chain it has (Translatable.shown_language)."""
    chain = dict.fromkeys([reader, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]])
    earlier = []
    for candidate in chain:
        if candidate == code:
            return " AND ".join([*earlier, _present(model, code)])
        earlier.append("NOT " + _present(model, candidate))
    return " AND ".join([*earlier, f"source_language = '{code}'"])


def _latin(tsquery: str) -> bool:
    """Whether a query has a Latin letter or digit. English text is not searched
    for words in Arabic script only: it has none, and reading the English
    vector of every row that does not match otherwise doubled the cost."""
    return bool(re.search(r"[A-Za-z0-9]", tsquery))


def _arms(model, reader: str, ts: TsQueries) -> list[tuple[str, str, list]]:
    """(language, SQL, params) for each language whose text may match, reader's first."""
    arms = []
    for code in dict.fromkeys([reader, *CODES]):
        if not ts.wanted[code] or (code == "en" and not _latin(ts.wanted[code])):
            continue
        sql = f"search_{code} @@ %s::tsquery"
        if code != reader:
            sql = f"{sql} AND (source_language = '{code}' OR ({_shown_in(model, reader, code)}))"
        arms.append((code, f"({sql})", [ts.wanted[code]]))
    return arms


# published() is compiled once per model with this stand-in for "now", which
# each search replaces with the time of the request: compiling the ORM's
# filter cost more than the rare-word search itself.
_NOW = datetime(1900, 1, 1, tzinfo=UTC)


@functools.cache
def _published_template(model) -> tuple[str, tuple]:
    query = model.objects.published(at=_NOW).query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, tuple(params)


def _published(model) -> tuple[str, list]:
    """published()'s WHERE: what is public is written once, in the QuerySet."""
    sql, params = _published_template(model)
    now = timezone.now()
    return sql, [now if p == _NOW else p for p in params]


def best(model, reader: str, ts: TsQueries, limit: int) -> list:
    """The best `limit` of the newest matches, as model instances (bodies
    deferred) with `rank`, `matched` (the language whose text matched) and
    `present_<code>` flags (listing.shown_language)."""
    arms = _arms(model, reader, ts)
    if not arms:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    published, params = _published(model)
    match_sql = " OR ".join(sql for _c, sql, _p in arms)
    arm_params = [p for _c, _s, ps in arms for p in ps]
    matched = "CASE " + " ".join(f"WHEN {sql} THEN '{code}'" for code, sql, _p in arms) + " END"
    # In the order the placeholders appear in the text.
    params = [*arm_params, *params, *arm_params]
    excluded = [(c, q) for c, q in ts.unwanted.items() if q and (c != "en" or _latin(q))]
    window = EXCLUSION_WINDOW if excluded else CANDIDATES
    newest = (
        # Bandit B608: only code constants (language codes, quoted table and column
        # names, ints) are interpolated; the reader's words are bound as %s parameters.
        f"SELECT id, publish_at, search_en, search_ar, search_ckb, {matched} AS matched "  # nosec B608
        f"FROM {table} WHERE {published} AND ({match_sql}) ORDER BY publish_at DESC LIMIT {window}"
    )
    if excluded:
        newest = (
            # Bandit B608: constants only, as above.
            f"SELECT * FROM ({newest}) n WHERE NOT ("  # nosec B608
            + " OR ".join(f"n.search_{code} @@ %s::tsquery" for code, _q in excluded)
            + f") ORDER BY publish_at DESC LIMIT {CANDIDATES}"
        )
        params += [q for _c, q in excluded]
    codes = [code for code, _s, _p in arms]
    vector = "CASE m.matched " + " ".join(f"WHEN '{c}' THEN m.search_{c}" for c in codes) + " END"
    tsquery = "CASE m.matched " + " ".join(f"WHEN '{c}' THEN %s::tsquery" for c in codes) + " END"
    params = [*(ts.wanted[c] for c in codes), *params]
    ranked = (
        # Bandit B608: constants only, as above.
        f"SELECT m.id, m.publish_at, m.matched, ts_rank({vector}, {tsquery}) AS rank "  # nosec B608
        f"FROM ({newest}) m ORDER BY rank DESC, m.publish_at DESC LIMIT {int(limit)}"
    )

    # Every column but the bodies (the snippet has its text); whether each
    # language is present, as listing.teasers() gives it (the shown language).
    bodies = {localized_name("body", c) for c in CODES} | {"body"}
    columns = ", ".join(
        [f"t.{connection.ops.quote_name(f.column)}" for f in model._meta.concrete_fields
         if f.column not in bodies]
        + [f"{_present(model, c, 't')} AS present_{c}" for c in CODES]
    )
    sql = (
        # Bandit B608: constants only, as above.
        f"SELECT {columns}, r.rank, r.matched "  # nosec B608
        f"FROM ({ranked}) r JOIN {table} t ON t.id = r.id ORDER BY r.rank DESC, r.publish_at DESC"
    )
    return list(model.objects.raw(sql, params))


def _text(code: str) -> str:
    body, summary = localized_name("body", code), localized_name("summary", code)
    return f"newsroom_plain(coalesce(nullif({body}, ''), {summary}, ''))"


def snippet_sources(items: list) -> dict[tuple, str]:
    """(model label, pk) → the plain text of the matched language's body (else
    summary), for the items shown, in one statement. snippets.py marks it: not
    ts_headline, which cost a millisecond an item and cannot see our Arabic and
    Kurdish normalisers (they would have to live in a text-search dictionary)."""
    selects, params = [], []
    for model in sorted({type(item) for item in items}, key=lambda m: m._meta.label):
        mine = [i for i in items if type(i) is model]
        table = connection.ops.quote_name(model._meta.db_table)
        text = "CASE " + " ".join(f"WHEN id = ANY(%s) THEN {_text(c)}" for c in CODES) + " END"
        # Bandit B608: constants only, as above.
        selects.append(f"SELECT %s, id, {text} FROM {table} WHERE id = ANY(%s)")  # nosec B608
        params += [model._meta.label, *([i.pk for i in mine if i.matched == c] for c in CODES)]
        params.append([i.pk for i in mine])
    if not selects:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return {(label, pk): text or "" for label, pk, text in cursor.fetchall()}


def lexemes(tsquery: str) -> set[str]:
    """The words of a tsquery's text ('water' & 'clean' <-> 'water')."""
    return {m.replace("''", "'") for m in re.findall(r"'((?:[^']|'')+)'", tsquery)}
