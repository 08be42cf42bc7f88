"""Which earlier import a page is a version of, decided under a lock.

The keys of a page (its title, its stated address) are rows of PageKey; the
importer locks them (sorted, so two pages never wait on each other in a
circle) before it looks for an earlier version, and holds them until its
transaction commits. Two batches importing the same page at the same moment
therefore take turns: the second finds the first's draft and is "unchanged".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from newsroom.imports.models import ImportItem, PageKey

from . import fingerprints

_CANDIDATES = 50


@dataclass
class Match:
    draft: object
    evidence: str
    identical: bool  # the very same text: nothing to do
    batch_id: int | None
    written: dict  # what the importer last wrote to the draft, by field


def keys(item: ImportItem) -> list[str]:
    found = []
    if item.title_key:
        found.append(f"t:{item.title_key}")
    if item.source_url:
        found.append("u:" + hashlib.sha256(item.source_url.encode()).hexdigest())
    return found


def lock(names: list[str]) -> None:
    """Hold the page's identity rows until the transaction ends (see the module)."""
    names = sorted(set(names))
    if not names:
        return
    if connection.vendor == "postgresql":
        # One round trip: an upsert that touches the row holds its lock to the end.
        table = PageKey._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                # Bandit B608: the table name is the model's own; the keys are bound as a parameter.
                f"INSERT INTO {table} (key) SELECT unnest(%s::text[]) ORDER BY 1 "  # nosec B608
                "ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key",
                [names],
            )
        return
    PageKey.objects.bulk_create([PageKey(key=name) for name in names], ignore_conflicts=True)
    list(PageKey.objects.select_for_update().filter(key__in=names).order_by("key").values_list("pk"))


def find(model: type, item: ImportItem) -> Match | None:
    """The draft this page is a version of, on strong evidence only; None for a new page."""
    ct = ContentType.objects.get_for_model(model)
    wanted = Q(title_key=item.title_key) if item.title_key else Q()
    if item.source_url:
        wanted = (wanted | Q(source_url=item.source_url)) if item.title_key else Q(source_url=item.source_url)
    if not wanted:
        return None
    # The content type is compared here, not in SQL, so that the database uses
    # the title and address indexes (a content-type index would scan every import).
    # No ORDER BY ... LIMIT in SQL: the planner would walk the primary key backwards
    # through every import instead of the few rows the title and address indexes hold.
    found = ImportItem.objects.filter(wanted).exclude(pk=item.pk).order_by().values(
        "pk", "content_type_id", "object_id", "batch_id", "checksum", "source_url", "title_key", "sketch"
    )
    rows = sorted(
        (row for row in found if row["content_type_id"] == ct.pk and row["object_id"] is not None),
        key=lambda row: -row["pk"],
    )[:_CANDIDATES]
    existing = set(model.objects.filter(pk__in={r["object_id"] for r in rows}).values_list("pk", flat=True))
    rows = [r for r in rows if r["object_id"] in existing]
    for row in rows:
        if row["checksum"] == item.checksum:
            return _match(model, ct, item, row, _("the same text"), identical=True)
    if item.source_url:
        for row in rows:
            if row["source_url"] == item.source_url:
                return _match(model, ct, item, row, _("the same source URL"))
        by_hand = model.objects.filter(source_url=item.source_url).order_by("-pk").first()
        if by_hand is not None:
            return Match(by_hand, _("the same source URL"), False, None, _written(ct, by_hand.pk, item))
    best, score = None, 0.0
    for row in rows:
        if row["title_key"] == item.title_key:
            same = fingerprints.similarity(item.sketch, row["sketch"])
            if same >= fingerprints.SAME_BODY and same > score:
                best, score = row, same
    if best is not None:
        evidence = _("the same title and %(share)d%% of the same body") % {"share": round(score * 100)}
        return _match(model, ct, item, best, evidence)
    return None


def _match(model, ct, item, row, evidence, *, identical=False) -> Match:
    draft = model.objects.get(pk=row["object_id"])
    return Match(draft, str(evidence), identical, row["batch_id"], _written(ct, draft.pk, item))


def _written(ct, object_id: int, item: ImportItem) -> dict:
    """The importer's record of its last writes to this draft ({} when none was kept)."""
    rows = (
        ImportItem.objects.filter(content_type_id=ct.pk, object_id=object_id).exclude(pk=item.pk)
        .order_by().values_list("pk", "written")
    )
    for _pk, written in sorted(rows, key=lambda row: -row[0]):
        if written:
            return written
    return {}
