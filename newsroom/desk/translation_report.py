"""The translation report: per item and language, missing, complete or outdated.

Reads the translation index (newsroom/desk/translation_index.py); the titles of
the rows shown are fetched afterwards, one query per model, for that page only.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.articles.models import Article
from newsroom.core.languages import CODES, localized_name
from newsroom.core.models import TranslationState
from newsroom.desk import translation_index
from newsroom.desk.periods import ReportInputError, office_zone
from newsroom.workflow.services.publication import WORKFLOW_MODELS

CSV_HEADER = ["kind", "id", "title", "state", "published_at"]
NEEDS_WORK = (TranslationState.MISSING, TranslationState.OUTDATED)
STATEMENT = "statement"


def kinds() -> list[tuple[str, str]]:
    """What the kind filter offers: the article kinds, then statements."""
    return [*Article.Kind.choices, (STATEMENT, gettext_lazy("statement"))]


def check_language(code: str | None, parameter: str = "language", *,
                   required: bool = False) -> str | None:
    if code in (None, "") and not required:
        return None
    if code not in CODES:
        raise ReportInputError(parameter, _(
            "%(parameter)s: “%(value)s” is not one of the site's languages (%(codes)s)."
        ) % {"parameter": parameter, "value": code, "codes": ", ".join(CODES)})
    return code


def check_kind(kind: str | None, parameter: str = "kind") -> str | None:
    if kind in (None, ""):
        return None
    known = [value for value, _label in kinds()]
    if kind not in known:
        raise ReportInputError(parameter, _(
            "%(parameter)s: “%(value)s” is not a kind of item (%(kinds)s)."
        ) % {"parameter": parameter, "value": kind, "kinds": ", ".join(known)})
    return kind


@dataclass
class Line:
    """One item of the report; `item` is loaded only for the rows shown."""

    model: type
    entry: translation_index.Entry
    published_at: datetime | None
    item: object = None

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def states(self) -> dict[str, str]:
        return dict(zip(CODES, self.entry.states, strict=True))


def _models():
    return [apps.get_model(label) for label in WORKFLOW_MODELS]


def read_index() -> dict[type, list[translation_index.Entry]]:
    """Every workflow model's translation index, read once per request."""
    return {model: translation_index.entries(model) for model in _models()}


def lines(*, language: str | None = None, kind: str | None = None, published_only: bool = False,
          now: datetime | None = None, index: dict | None = None) -> list[Line]:
    """Items whose `language` (any language, if None) needs translating, newest published first.

    Items not public yet follow, newest first by id.
    """
    now = now or timezone.now()
    found = []
    for model, entries in (index if index is not None else read_index()).items():
        for entry in entries:
            if kind and entry.kind != kind:
                continue
            states = entry.states if language is None else (entry.state(language),)
            if not any(state in NEEDS_WORK for state in states):
                continue
            live = entry.is_live(now)
            if published_only and not live:
                continue
            found.append(Line(model, entry, entry.publish_at if live else None))
    found.sort(key=lambda line: (
        line.published_at is not None, line.published_at or datetime.min.replace(tzinfo=office_zone()),
        line.entry.pk,
    ), reverse=True)
    return found


def gaps(index: dict | None = None) -> dict[str, dict[str, int]]:
    """Per language: how many items miss it and how many have it outdated (the dashboard)."""
    counts = {code: {"missing": 0, "outdated": 0} for code in CODES}
    for entries in (index if index is not None else read_index()).values():
        for entry in entries:
            for code, state in zip(CODES, entry.states, strict=True):
                if state in NEEDS_WORK:
                    counts[code][state] += 1
    return counts


def load_items(shown: list[Line]) -> list[Line]:
    """Attach each shown line's item: one query per model."""
    by_model: dict[type, list[Line]] = {}
    for line in shown:
        by_model.setdefault(line.model, []).append(line)
    for model, group in by_model.items():
        titles = [localized_name("title", code) for code in CODES]
        # status too: the public cache's post_init signal reads it on every instance.
        items = model._base_manager.only("source_language", "status", *titles).in_bulk(
            [line.entry.pk for line in group]
        )
        for line in group:
            line.item = items.get(line.entry.pk)
    return [line for line in shown if line.item is not None]


def to_csv(found: list[Line], language: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for line in load_items(found):
        published = timezone.localtime(line.published_at, office_zone()).isoformat() \
            if line.published_at else ""
        writer.writerow([line.kind, line.entry.pk, str(line.item), line.entry.state(language),
                         published])
    return out.getvalue()
