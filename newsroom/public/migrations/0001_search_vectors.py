"""Stored search vectors for articles and statements, one per language (PostgreSQL).

search_en (english), search_ar (arabic over newsroom_arabic()), search_ckb
(simple over newsroom_kurdish()): title weighted A, summary B, body C, each
with a GIN index. A BEFORE INSERT OR UPDATE OF <the text columns> trigger fills
them (a language's vector only when its text changed), so no save path (save(), bulk_create(), QuerySet.update(), raw SQL)
leaves a vector stale.

The columns are not model fields: Django never reads or writes them; search
(newsroom/public/search/) refers to them by name. The two normalising
functions are frozen here as the Python (arabic.py, kurdish.py) wrote them;
tests/public/test_search_languages.py checks that they still agree. A change
to either is a new migration that replaces the function and refills the
vectors (the UPDATE at the end of this one).

On SQLite this migration does nothing: search there is plain matching
(newsroom/public/search/plain.py) and says so on the results page.
"""

from django.db import migrations

ARABIC = r"""CREATE OR REPLACE FUNCTION newsroom_arabic(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
-- The steps of newsroom/public/search/arabic.py, innermost first.
SELECT regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    translate(
    regexp_replace(
    t,
    '[\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200C]', '', 'g'),
    'أإآٱةى', 'ااااهي'),
    '(\A|[^\u0620-\u064A\u066E-\u06D5])(?:و)([\u0620-\u064A\u066E-\u06D5]{3})', '\1\2', 'g'),
    '(\A|[^\u0620-\u064A\u066E-\u06D5])(?:ال|بال|كال|فال|لل)([\u0620-\u064A\u066E-\u06D5]{2})', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})ها([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})ان([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})ات([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})ون([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})ين([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})يه([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})ه([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{2,})ي([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g')
$$;"""

KURDISH = r"""CREATE OR REPLACE FUNCTION newsroom_kurdish(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
-- The steps of newsroom/public/search/kurdish.py, innermost first.
SELECT regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    translate(
    regexp_replace(
    t,
    '[\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200C]', '', 'g'),
    'كيىةھ', 'کییەه'),
    'ه([^\u0620-\u064A\u066E-\u06D5]|\Z)', 'ە\1', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})وە([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})یان([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})یەک([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})ێک([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})ی([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})کان([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})کە([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})ە([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g'),
    '([\u0620-\u064A\u066E-\u06D5]{3,})ان([^\u0620-\u064A\u066E-\u06D5]|\Z)', '\1\2', 'g')
$$;"""

PLAIN = r"""CREATE OR REPLACE FUNCTION newsroom_plain(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
-- Body HTML as words: tags and entities become spaces.
SELECT regexp_replace(regexp_replace(t, '<[^>]+>', ' ', 'g'), '&#?[a-zA-Z0-9]+;', ' ', 'g')
$$;"""

LANGUAGES = {"en": ("english", ""), "ar": ("arabic", "newsroom_arabic"), "ckb": ("simple", "newsroom_kurdish")}
FIELDS = (("title", "A"), ("summary", "B"), ("body", "C"))
TABLES = {"articles_article": "article", "statements_statement": "statement"}


def _vector(code: str) -> str:
    config, normalise = LANGUAGES[code]
    parts = []
    for field, weight in FIELDS:
        text = f"coalesce(NEW.{field}_{code}, '')"
        if field == "body":
            text = f"newsroom_plain({text})"
        if normalise:
            text = f"{normalise}({text})"
        parts.append(f"setweight(to_tsvector('{config}', {text}), '{weight}')")
    return " || ".join(parts)


def _changed(code: str) -> str:
    return " OR ".join(f"NEW.{f}_{code} IS DISTINCT FROM OLD.{f}_{code}" for f, _w in FIELDS)


def _table_sql(table: str, name: str) -> tuple[str, str]:
    columns = ", ".join(f"{f}_{c}" for c in LANGUAGES for f, _w in FIELDS)
    # Only the languages whose text changed: a save() that changes the status
    # rewrites every column, and the Arabic and Kurdish normalisers are not free
    # (~2 ms for a 2 KB body).
    assignments = "\n".join(
        f"  IF TG_OP = 'INSERT' OR ({_changed(c)}) THEN\n    NEW.search_{c} := {_vector(c)};\n  END IF;"
        for c in LANGUAGES
    )
    forwards = [
        *(f"ALTER TABLE {table} ADD COLUMN search_{c} tsvector NOT NULL DEFAULT ''" for c in LANGUAGES),
        f"""CREATE FUNCTION newsroom_{name}_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{assignments}
  RETURN NEW;
END $$""",
        f"""CREATE TRIGGER {name}_search BEFORE INSERT OR UPDATE OF {columns} ON {table}
FOR EACH ROW EXECUTE FUNCTION newsroom_{name}_search()""",
        # Fill the vectors of the rows already there (the trigger skips unchanged text).
        # Bandit B608: table and column names come from this migration's constants, not from input.
        *(f"UPDATE {table} SET search_{c} = {_vector(c).replace('NEW.', '')}" for c in LANGUAGES),  # nosec B608
        *(f"CREATE INDEX {name}_search_{c} ON {table} USING gin (search_{c})" for c in LANGUAGES),
    ]
    backwards = [
        f"DROP TRIGGER {name}_search ON {table}",
        f"DROP FUNCTION newsroom_{name}_search()",
        *(f"ALTER TABLE {table} DROP COLUMN search_{c}" for c in LANGUAGES),
    ]
    return ";\n".join(forwards) + ";", ";\n".join(backwards) + ";"


class RunSQLOnPostgres(migrations.RunSQL):
    """RunSQL that does nothing on other databases (SQLite has no tsvector)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial"),
        ("statements", "0001_initial"),
    ]

    operations = [
        RunSQLOnPostgres(
            [ARABIC, KURDISH, PLAIN],
            [
                "DROP FUNCTION newsroom_arabic(text)",
                "DROP FUNCTION newsroom_kurdish(text)",
                "DROP FUNCTION newsroom_plain(text)",
            ],
        ),
        *(RunSQLOnPostgres(*_table_sql(table, name)) for table, name in TABLES.items()),
    ]
