"""Per-field accuracy of the parser over invented pages of every family it used to miss.

tests/fixtures/pages/families/<family>/*.txt are pages in the seeds' shape;
expected.json says what a careful reader finds in each (only the fields it
names are measured). Every field must be right on at least 95% of the pages
that state it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from newsroom.imports.parser import parse_page

FAMILIES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "families"
EXPECTED = json.loads((FAMILIES / "expected.json").read_text(encoding="utf-8"))
ALIASES = {
    "government of japan": "Government of Japan", "japan": "Government of Japan",
    "european union": "European Union", "eu": "European Union",
    "government of canada": "Government of Canada", "canada": "Government of Canada",
    "kingdom of the netherlands": "Kingdom of the Netherlands", "netherlands": "Kingdom of the Netherlands",
    "united states of america": "United States of America", "united states": "United States of America",
    "usaid": "United States of America", "germany": "Germany", "government of germany": "Germany",
    "government of norway": "Government of Norway", "norway": "Government of Norway",
}
MINIMUM = 0.95


def _found(record, field: str):
    if field == "donors":
        return sorted(d.name for d in record.donors)
    return getattr(record, field)


def _measure() -> tuple[dict, dict]:
    right, wrong = defaultdict(int), defaultdict(list)
    for name, expected in sorted(EXPECTED.items()):
        text = (FAMILIES / name).read_text(encoding="utf-8")
        record = parse_page(text, source=name, donor_aliases=ALIASES)
        for field, value in expected.items():
            value = sorted(value) if field == "donors" else value
            if _found(record, field) == value:
                right[field] += 1
            else:
                wrong[field].append((name, value, _found(record, field)))
    return right, wrong


def test_there_are_enough_pages_in_every_family():
    families = defaultdict(int)
    for name in EXPECTED:
        families[name.split("/")[0]] += 1
    assert len(families) == 9 and min(families.values()) >= 6


@pytest.mark.parametrize("field", ["kind", "title", "title_derived", "dateline", "byline", "language", "donors"])
def test_each_field_is_right_on_at_least_95_percent_of_the_pages(field):
    right, wrong = _measure()
    total = right[field] + len(wrong[field])
    assert total, f"no page states {field}"
    assert right[field] / total >= MINIMUM, f"{field}: {right[field]}/{total}; misses: {wrong[field]}"
