"""Search over the stored vectors (migration public/0001), under a statement timeout.

Per reader language L, an item matches when the query matches, in that
language's configuration, the text the reader sees: L's own text, the
fallback it is shown in at L (an Arabic-only item at /en/ is found by its
Arabic words), or its source language. One tsquery per configuration, each
made from the same parse (query.py), so `-word` excludes an item whose text
in *any* language has the word: an exclusion is never OR-ed away.

Cost: the GIN indexes find the matches; the 200 newest of them are ranked
(ts_rank reads each vector) and the best 30 shown. A word in every item costs
the same as a rare one: PostgreSQL walks the publish_at index and stops at 200.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, CharField, FloatField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL

from newsroom.core.languages import CODES, localized_name
from newsroom.public import listing
from newsroom.public.search import arabic, kurdish
from newsroom.public.search.query import Atom, Query

CONFIGS = {"en": "english", "ar": "arabic", "ckb": "simple"}
FORMS = {"en": lambda word: [word], "ar": arabic.forms, "ckb": kurdish.forms}
NORMALISE = {"en": lambda text: text, "ar": arabic.normalise, "ckb": kurdish.normalise}
CANDIDATES = 200
HEADLINE = "StartSel=\x02, StopSel=\x03, MaxWords=35, MinWords=15, ShortWord=1"


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


def tsqueries(query: Query) -> TsQueries:
    """PostgreSQL parses each atom in each configuration (stop words, stemming) in
    one short statement; the tsqueries are put together from those texts.

    A word that is a stop word in any of the configurations (the, في) is left
    out of all of them: otherwise `the` would be searched for in every Arabic
    and Kurdish text, where no stop list knows it.
    """
    atoms = query.atoms()
    columns, params = [], []
    for atom in atoms:
        for code in CODES:
            sql, p = _atom_sql(atom, code)
            columns.append(f"({sql})::text")
            params += p
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
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


def set_timeout() -> None:
    """Inside the caller's transaction.atomic(): this transaction only."""
    # set_config(..., true) is SET LOCAL, and takes a parameter under
    # server-side binding too (SET does not).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, true)",
            [str(settings.PUBLIC_SEARCH_TIMEOUT_MS)],
        )


def _matches(model, code: str, tsquery: str) -> RawSQL:
    table = model._meta.db_table
    return RawSQL(f'"{table}"."search_{code}" @@ %s::tsquery', [tsquery], output_field=BooleanField())


def _present(model, code: str) -> Q:
    q = Q()
    for field in model.required_translated_fields:
        column = localized_name(field, code)
        q &= Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})
    return q


def _shown_in(model, reader: str, code: str) -> Q:
    """The item is shown in `code` at the reader's language: the first of the
    fallback chain it has (Translatable.shown_language, in SQL)."""
    chain = [reader, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    q = Q()
    for earlier in dict.fromkeys(chain):
        if earlier == code:
            return q & _present(model, code)
        q &= ~_present(model, earlier)
    return q & Q(source_language=code)


def _arms(model, reader: str, ts: TsQueries) -> list[tuple[str, Q]]:
    """(language, condition) for each language whose text may match, reader's first."""
    arms = []
    for code in dict.fromkeys([reader, *CODES]):
        if not ts.wanted[code]:
            continue
        match = Q(_matches(model, code, ts.wanted[code]))
        if code != reader:
            match &= Q(source_language=code) | _shown_in(model, reader, code)
        arms.append((code, match))
    return arms


def candidates(model, reader: str, ts: TsQueries) -> list[dict]:
    """The newest matching items, each with its rank and the language that matched."""
    rows = candidate_queryset(model, reader, ts)
    return [] if rows is None else list(rows)


def candidate_queryset(model, reader: str, ts: TsQueries):
    arms = _arms(model, reader, ts)
    if not arms:
        return None
    condition = Q()
    for _code, arm in arms:
        condition |= arm
    table = model._meta.db_table
    rank = Case(
        *(
            When(arm, then=RawSQL(
                f'ts_rank("{table}"."search_{code}", %s::tsquery)', [ts.wanted[code]]
            ))
            for code, arm in arms
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    matched = Case(*(When(arm, then=Value(code)) for code, arm in arms), output_field=CharField())
    rows = model.objects.published().filter(condition)
    for code, tsquery in ts.unwanted.items():
        if tsquery:
            rows = rows.exclude(Q(_matches(model, code, tsquery)))
    rows = rows.order_by("-publish_at").annotate(rank=rank, matched=matched)
    return rows.values("pk", "publish_at", "rank", "matched")[:CANDIDATES]


def load(model, chosen: dict[int, str], ts: TsQueries) -> dict[int, object]:
    """The chosen items as teasers, with the text their snippet comes from: an
    English headline from ts_headline, or the plain Arabic/Kurdish body that
    snippets.py highlights (ts_headline cannot: it would need our normalisers
    inside a text-search dictionary)."""
    table = model._meta.db_table
    by_code = {code: [pk for pk, c in chosen.items() if c == code] for code in CODES}

    def body(code: str) -> str:
        return (
            f'newsroom_plain(coalesce(nullif("{table}"."{localized_name("body", code)}", \'\'), '
            f'"{table}"."{localized_name("summary", code)}", \'\'))'
        )

    headline = Case(
        When(pk__in=by_code["en"] or [0], then=RawSQL(
            f"ts_headline('english', {body('en')}, %s::tsquery, %s)",
            [ts.wanted["en"] or "", HEADLINE],
        )),
        default=Value(None),
        output_field=TextField(),
    )
    text = Case(
        *(
            When(pk__in=by_code[code] or [0], then=RawSQL(body(code), []))
            for code in CODES if code != "en"
        ),
        default=Value(None),
        output_field=TextField(),
    )
    rows = listing.teasers(model.objects.published().filter(pk__in=list(chosen)))
    return {item.pk: item for item in rows.annotate(headline=headline, plain_text=text)}
