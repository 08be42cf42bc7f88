"""What an approval is bound to: a snapshot of an item's content, its fingerprint, its diff.

A snapshot is a flat JSON dict: every translated field in every language
(`title_en`, `title_ar`, ...), every other content field (kind, slug, byline,
image...), and the relations readers see (donors, contacts, tags, documents).
Workflow bookkeeping (status, times, reviewers, version) is not content.
"""

import difflib
import hashlib
import json

from django.db.models import CharField, FileField, ForeignKey, TextField

from newsroom.core.languages import CODES, localized_name
from newsroom.core.sanitize import html_to_text
from newsroom.workflow.models import Publishable

_NOT_CONTENT = {f.name for f in Publishable._meta.fields} | {"id", "translation_marks"}
# Relations compared by primary key (their own names may change without editing the item).
_RELATIONS_BY_PK = ("donors", "contacts")
_DOCUMENT_FIELDS = ("url", "kind", "position")


def _translated(model) -> tuple[str, ...]:
    return tuple(getattr(model, "translated_fields", ()))


def content_fields(model) -> list[str]:
    """Attribute names of the item's own content columns, localized columns for translations."""
    translated = _translated(model)
    localized = {localized_name(f, c) for f in translated for c in CODES}
    names = []
    for field in model._meta.concrete_fields:
        if field.name in _NOT_CONTENT or field.name in translated:
            continue
        if isinstance(field, ForeignKey):
            names.append(field.attname)
        elif field.name in localized or field.editable:
            names.append(field.name)
    return names


def relation_names(model) -> list[str]:
    names = [name for name in _RELATIONS_BY_PK if _has(model, name)]
    if _has(model, "tags"):
        names.append("tags")
    return names


def _has(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


def _value(item, name: str):
    value = getattr(item, name)
    field = type(item)._meta.get_field(name) if not name.endswith("_id") else None
    if isinstance(field, FileField):
        return value.name or ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None and isinstance(field, (CharField, TextField)):
        return ""  # an empty translation is stored as NULL or "", and is the same content
    return value


def snapshot(item) -> dict:
    """The item's content as stored now (reads relations from the database)."""
    model = type(item)
    data = {name: _value(item, name) for name in content_fields(model)}
    for name in relation_names(model):
        if name == "tags":
            data["tags"] = sorted(item.tags.names())
        else:
            data[name] = sorted(getattr(item, name).values_list("pk", flat=True))
    if _has(model, "documents"):
        data["documents"] = [document_row(doc) for doc in item.documents.all()]
    return data


def document_row(doc) -> dict:
    row = {localized_name("title", c): getattr(doc, localized_name("title", c)) or "" for c in CODES}
    row.update({name: getattr(doc, name) for name in _DOCUMENT_FIELDS})
    return row


def fingerprint(data: dict) -> str:
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def item_fingerprint(item) -> str:
    return fingerprint(snapshot(item))


def apply(item, data: dict) -> None:
    """Write a snapshot onto the item (row, relations, documents). The caller holds the lock."""
    model = type(item)
    for name in content_fields(model):
        if name not in data:
            continue
        field = model._meta.get_field(name) if not name.endswith("_id") else None
        if isinstance(field, FileField):
            getattr(item, name).name = data[name]
        elif field is not None:
            setattr(item, name, field.to_python(data[name]))
        else:
            setattr(item, name, data[name])
    item.save()
    for name in relation_names(model):
        if name in data:
            getattr(item, name).set(data[name])
    if _has(model, "documents") and "documents" in data:
        item.documents.all().delete()
        for row in data["documents"]:
            item.documents.create(**row)


# --- diffs -----------------------------------------------------------------


def _label(model, key: str) -> tuple[str, str]:
    """`title_ar` -> ("title", "ar"); `kind` -> ("kind", "")."""
    for base in _translated(model):
        for code in CODES:
            if key == localized_name(base, code):
                return str(model._meta.get_field(base).verbose_name), code
    try:
        name = key[:-3] if key.endswith("_id") else key
        return str(model._meta.get_field(name).verbose_name), ""
    except Exception:
        return key, ""


def _as_lines(model, key: str, value) -> list[str]:
    if key == "documents":
        return [f"{d.get('title_en') or d.get('title_ar') or d.get('title_ckb')} — {d.get('url')}" for d in value or []]
    if key in _RELATIONS_BY_PK:
        related = model._meta.get_field(key).related_model
        names = dict(related._base_manager.filter(pk__in=value or []).values_list("pk", "name"))
        return [names.get(pk, f"#{pk} (deleted)") for pk in value or []]
    if isinstance(value, list):
        return [str(v) for v in value]
    return html_to_text(str(value)).splitlines() if value not in (None, "") else []


def diff(model, old: dict, new: dict) -> list[dict]:
    """Per field and language, the lines removed and added, in reading order."""
    changes = []
    for key in list(dict.fromkeys([*old, *new])):
        if old.get(key) == new.get(key):
            continue
        field, language = _label(model, key)
        before, after = _as_lines(model, key, old.get(key)), _as_lines(model, key, new.get(key))
        lines = [
            (line[0], line[2:])
            for line in difflib.ndiff(before, after)
            if line[:1] in "+- " and line[:2] != "? "
        ]
        changes.append({"key": key, "field": field, "language": language, "lines": lines})
    return changes
