"""Every item's translation state per language, kept in the cache and brought up to date per row.

A state needs the source text's digest (Translatable.translation_state), so
computing it means reading every translated field of every item: too much for
each request at ten thousand items. The index keeps, per item, the states
computed by the core's own machinery together with the row's signature
(updated_at and version); each request reads only the signatures of every row
and recomputes the rows whose signature changed. Every save of an item moves
its updated_at, and every save is what changes a translation or its marks.

Measured at 10,000 items (bench/bench_desk.py): the signatures are read as text
(no datetime conversion) and the cache holds plain tuples of strings and
numbers, because unpickling dataclasses of datetimes, and converting 10,000
datetimes, each cost more than the rest of the page.
"""

import hashlib
from datetime import UTC, datetime
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import CharField
from django.db.models.functions import Cast, Concat

from newsroom.core.languages import CODES, localized_name
from newsroom.workflow.models import LIVE_STATUSES

CACHE_KEY = "desk:translation-index:v6:{label}"
_CHUNK = 500


# States travel as one letter each ("cmo": complete, missing, outdated) and rows as columns:
# a cached index of 10,000 rows then unpickles in milliseconds.
_LETTER = {"complete": "c", "missing": "m", "outdated": "o"}
_STATE = {letter: state for state, letter in _LETTER.items()}


class Entry(NamedTuple):
    pk: int
    kind: str
    status: str
    publish_ts: float | None
    expire_ts: float | None
    letters: str  # one state per CODES, in order, as a letter (see _LETTER)

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(_STATE[letter] for letter in self.letters)

    def state(self, code: str) -> str:
        return _STATE[self.letters[CODES.index(code)]]

    def needs_work(self, code: str | None = None) -> bool:
        """Missing or outdated in `code` (in any language, if None)."""
        if code is None:
            return self.letters.count("c") != len(self.letters)
        return self.letters[CODES.index(code)] != "c"

    @property
    def publish_at(self) -> datetime | None:
        return None if self.publish_ts is None else datetime.fromtimestamp(self.publish_ts, UTC)

    def is_live(self, now: float) -> bool:
        return (
            self.status in LIVE_STATUSES and self.publish_ts is not None
            and self.publish_ts <= now and (self.expire_ts is None or self.expire_ts > now)
        )


def kind_of(model, item) -> str:
    """An article's kind (news, press_release, story); a statement is "statement"."""
    return getattr(item, "kind", None) or model._meta.model_name


def _columns(model) -> list[str]:
    text = [localized_name(f, c) for f in model.translated_fields for c in CODES]
    extra = ["kind"] if any(f.name == "kind" for f in model._meta.fields) else []
    return ["source_language", "translation_marks", "status", "publish_at", "expire_at",
            "updated_at", "version", *extra, *text]


def _signature():
    return Concat(Cast("updated_at", CharField()), Cast("version", CharField()),
                  output_field=CharField())


def _ts(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _compute(model, pks: list[int]) -> dict[int, tuple]:
    wanted = set(pks)
    rows = model._base_manager.order_by().only(*_columns(model)).annotate(signature=_signature())
    # A few changed rows by key; a cold index in one pass over the table.
    rows = rows.filter(pk__in=pks) if len(pks) <= _CHUNK else rows.iterator(chunk_size=2000)
    computed = {}
    for item in rows:
        if item.pk in wanted:
            states = item.translation_states()
            computed[item.pk] = (
                item.signature, kind_of(model, item), item.status, _ts(item.publish_at),
                _ts(item.expire_at), "".join(_LETTER[states[c]] for c in CODES),
            )
    return computed


def _pack(rows: dict[int, tuple]) -> dict:
    pks = list(rows)
    columns = list(zip(*rows.values(), strict=True)) if rows else [()] * 6
    return {
        "pks": pks, "signatures": list(columns[0]), "kinds": list(columns[1]),
        "statuses": list(columns[2]), "publish": list(columns[3]), "expire": list(columns[4]),
        "states": list(columns[5]),
    }


def _unpack(packed: dict | None) -> dict[int, tuple]:
    if not packed:
        return {}
    return {
        pk: (signature, kind, status, publish, expire, letters)
        for pk, signature, kind, status, publish, expire, letters in zip(
            packed["pks"], packed["signatures"], packed["kinds"], packed["statuses"],
            packed["publish"], packed["expire"], packed["states"], strict=True,
        )
    }


def _gaps(rows) -> dict[str, dict[str, int]]:
    counts = {code: {"missing": 0, "outdated": 0} for code in CODES}
    for row in rows:
        for code, letter in zip(CODES, row[5], strict=True):
            if letter != "c":
                counts[code][_STATE[letter]] += 1
    return counts


def read(model, *, with_rows: bool = True) -> tuple[list[Entry] | None, dict]:
    """(entries, gaps), current with the database: four queries at most, whatever the size.

    Without rows, an unchanged index answers from its small summary alone.
    """
    label = model._meta.label_lower
    rows_key, meta_key = CACHE_KEY.format(label=label), CACHE_KEY.format(label=label) + ":meta"
    signatures = list(model._base_manager.order_by("pk").values_list("pk", _signature()))
    digest = hashlib.sha1(
        "\n".join(f"{pk} {sig}" for pk, sig in signatures).encode(), usedforsecurity=False
    ).hexdigest()
    meta = cache.get(meta_key)
    if not with_rows and meta and meta["digest"] == digest:
        return None, meta["gaps"]
    cached = _unpack(cache.get(rows_key))
    if not (meta and meta["digest"] == digest and len(cached) == len(signatures)):
        changed = [pk for pk, signature in signatures
                   if pk not in cached or cached[pk][0] != signature]
        fresh = {pk: cached[pk] for pk, _ in signatures if pk in cached}
        fresh.update(_compute(model, changed))
        meta = {"digest": digest, "gaps": _gaps(fresh.values())}
        cache.set(rows_key, _pack(fresh), None)
        cache.set(meta_key, meta, None)
        cached = fresh
    return [Entry(pk, *row[1:]) for pk, row in cached.items()], meta["gaps"]


def entries(model) -> list[Entry]:
    return read(model)[0]


def gaps(model) -> dict[str, dict[str, int]]:
    """Per language, how many of the model's items miss it or have it outdated."""
    return read(model, with_rows=False)[1]
