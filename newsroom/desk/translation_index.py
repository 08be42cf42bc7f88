"""Every item's translation state per language, kept in the cache and brought up to date per row.

A state needs the source text's digest (Translatable.translation_state), so
computing it means reading every translated field of every item: too much for
each request at ten thousand items. The index keeps, per item, the states
computed by the core's own machinery together with the row's (updated_at,
version); each request reads only those two columns of every row and
recomputes the rows whose pair changed. Every save of an item moves its
updated_at, and every save is what changes a translation or its marks.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache

from newsroom.core.languages import CODES, localized_name
from newsroom.workflow.models import LIVE_STATUSES

CACHE_KEY = "desk:translation-index:v1:{label}"
_CHUNK = 500


@dataclass(frozen=True)
class Entry:
    pk: int
    kind: str
    status: str
    publish_at: datetime | None
    expire_at: datetime | None
    states: tuple[str, ...]  # one per CODES, in order

    def state(self, code: str) -> str:
        return self.states[CODES.index(code)]

    def is_live(self, now: datetime) -> bool:
        return (
            self.status in LIVE_STATUSES and self.publish_at is not None and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )


def kind_of(model, item) -> str:
    """An article's kind (news, press_release, story); a statement is "statement"."""
    return getattr(item, "kind", None) or model._meta.model_name


def _columns(model) -> list[str]:
    text = [localized_name(f, c) for f in model.translated_fields for c in CODES]
    extra = ["kind"] if any(f.name == "kind" for f in model._meta.fields) else []
    return ["source_language", "translation_marks", "status", "publish_at", "expire_at",
            "updated_at", "version", *extra, *text]


def _compute(model, pks: list[int]) -> dict[int, tuple]:
    wanted = set(pks)
    rows = model._base_manager.order_by().only(*_columns(model))
    # A few changed rows by key; a cold index in one pass over the table.
    rows = rows.filter(pk__in=pks) if len(pks) <= _CHUNK else rows.iterator(chunk_size=2000)
    computed = {}
    for item in rows:
        if item.pk in wanted:
            states = item.translation_states()
            computed[item.pk] = (
                (item.updated_at, item.version),
                Entry(item.pk, kind_of(model, item), item.status, item.publish_at, item.expire_at,
                      tuple(states[c] for c in CODES)),
            )
    return computed


def entries(model) -> list[Entry]:
    """The model's index, current with the database (three queries at most, whatever its size)."""
    key = CACHE_KEY.format(label=model._meta.label_lower)
    cached: dict[int, tuple] = cache.get(key) or {}
    signatures = dict(
        (pk, (updated_at, version))
        for pk, updated_at, version in model._base_manager.order_by().values_list(
            "pk", "updated_at", "version"
        )
    )
    changed = [pk for pk, signature in signatures.items()
               if pk not in cached or cached[pk][0] != signature]
    if changed or len(cached) != len(signatures):
        fresh = {pk: cached[pk] for pk in signatures if pk in cached}
        fresh.update(_compute(model, changed))
        cache.set(key, fresh, None)
        cached = fresh
    return [entry for _, entry in cached.values()]
