"""The translation report: per item and language, missing, complete or outdated.

Reads the translation index (newsroom/desk/translation_index.py); the titles of
the rows shown are fetched afterwards, one query per model, for that page only.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from newsroom.articles.models import Article
from newsroom.core.languages import CODES, SOURCE, localized_name
from newsroom.desk import translation_index
from newsroom.desk.periods import ReportInputError, office_zone
from newsroom.workflow.services.publication import WORKFLOW_MODELS

CSV_HEADER = ["kind", "id", "title", "state", "published_at"]
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
    """One item of the report; its title is loaded only for the lines shown."""

    model: type
    entry: translation_index.Entry
    live: bool
    title: str | None = None  # for the lines shown (load_items)

    @property
    def published_at(self) -> datetime | None:
        """When it became public, for an item public now."""
        return self.entry.publish_at if self.live else None

    @property
    def admin_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.entry.pk])

    @property
    def kind_name(self) -> str:
        return self.model._meta.verbose_name

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def states(self) -> dict[str, str]:
        return dict(zip(CODES, self.entry.states, strict=True))


def _models():
    return [apps.get_model(label) for label in WORKFLOW_MODELS]


def read_index() -> dict[type, tuple[list[translation_index.Entry], dict]]:
    """Every workflow model's translation index and gaps, read once per request."""
    return {model: translation_index.read(model) for model in _models()}


def lines(*, language: str | None = None, kind: str | None = None, published_only: bool = False,
          now: datetime | None = None, index: dict | None = None) -> list[Line]:
    """Items whose `language` (any language, if None) needs translating, newest published first.

    Items not public yet follow, newest first by id.
    """
    now = (now or timezone.now()).timestamp()
    found = []
    for model, (entries, _gaps) in (index if index is not None else read_index()).items():
        for entry in entries:
            if kind and entry.kind != kind:
                continue
            if not entry.needs_work(language):
                continue
            live = entry.is_live(now)
            if published_only and not live:
                continue
            found.append(((live, entry.publish_ts if live else 0, entry.pk), model, entry, live))
    found.sort(key=itemgetter(0), reverse=True)
    return [Line(model, entry, live) for _key, model, entry, live in found]


def gaps(index: dict | None = None) -> dict[str, dict[str, int]]:
    """Per language: how many items miss it and how many have it outdated (the dashboard)."""
    counts = {code: {"missing": 0, "outdated": 0} for code in CODES}
    per_model = [g for _, g in index.values()] if index is not None else [
        translation_index.gaps(model) for model in _models()]
    for model_gaps in per_model:
        for code, states in model_gaps.items():
            for state, n in states.items():
                counts[code][state] += n
    return counts


def _title(row: dict, chain: list[str]) -> str:
    """What str(item) shows, from its title columns: the reader's language, then the
    fallbacks, then the item's source language (modeltranslation's own order)."""
    for code in [*chain, row["source_language"]]:
        value = row.get(localized_name("title", code))
        if value:
            return value
    return ""


def load_items(shown: list[Line]) -> list[Line]:
    """Attach each shown line's title: one query per model, no model instances (an export
    holds thousands of lines, and each instance costs more than its title)."""
    chain = [get_language() or SOURCE, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    chain = [code for code in dict.fromkeys(chain) if code in CODES]
    titles = [localized_name("title", code) for code in CODES]
    by_model: dict[type, list[Line]] = {}
    for line in shown:
        by_model.setdefault(line.model, []).append(line)
    for model, group in by_model.items():
        wanted = [line.entry.pk for line in group]
        rows = {}
        for start in range(0, len(wanted), 2000):
            for row in model._base_manager.order_by().filter(pk__in=wanted[start:start + 2000]) \
                    .values("pk", "source_language", *titles):
                rows[row["pk"]] = _title(row, chain)
        for line in group:
            line.title = rows.get(line.entry.pk)
    return [line for line in shown if line.title is not None]


def to_csv(found: list[Line], language: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for line in load_items(found):
        published = timezone.localtime(line.published_at, office_zone()).isoformat() \
            if line.published_at else ""
        writer.writerow([line.kind, line.entry.pk, line.title, line.entry.state(language),
                         published])
    return out.getvalue()
