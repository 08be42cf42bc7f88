"""A pg_trgm GIN index over the statement change list's search text (core/admin_search.py).

PostgreSQL only: elsewhere (SQLite) this migration does nothing. The indexed
expression is what Haystack compiles to for StatementAdmin.search_fields, with
Django's icontains wrapping (UPPER(...::text)); change both together.
"""

from django.db import migrations

COLUMNS = ["title_en", "title_ar", "title_ckb", "speaker_name", "slug"]
HAYSTACK = " || ' ' || ".join(f"COALESCE(\"{c}\", '')" for c in COLUMNS)
INDEX = "statement_admin_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON "statements_statement" '
        f"USING gin ((UPPER(({HAYSTACK})::text)) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("statements", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
