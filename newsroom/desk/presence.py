"""In which languages an item really exists, in SQL, so reports can group by it.

The rule is the core's (Translatable.translation_state): a language is missing
while any of the model's required translated fields is empty in it. Written
here as a condition so a report over thousands of items never loads their text;
tests/desk/test_presence.py holds it to the Python rule.
"""

from django.db.models import BooleanField, Case, Q, Value, When

from newsroom.core.languages import CODES, localized_name


def present(model, code: str, prefix: str = "") -> Q:
    """The item exists in `code`; `prefix` ("article__") when queried through a relation."""
    condition = Q()
    for field in model.required_translated_fields:
        column = prefix + localized_name(field, code)
        condition &= Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})
    return condition


def presence_annotations(model, prefix: str = "") -> dict:
    """`has_en`, `has_ar`, ... as boolean annotations."""
    return {
        f"has_{code}": Case(
            When(present(model, code, prefix), then=Value(True)), default=Value(False),
            output_field=BooleanField(),
        )
        for code in CODES
    }


def languages_of(row: dict) -> list[str]:
    return [code for code in CODES if row.get(f"has_{code}")]
