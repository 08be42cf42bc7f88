"""A newer version of a page replaces only what the importer itself wrote.

Every import records a digest of each value it wrote to the draft (fields and
relations: donors, contacts, tags, related documents). When a newer version
arrives, for each field:

* the draft still holds what the importer wrote (or nothing): the newer value
  replaces it;
* an editor changed it and the page did not: the editor's value stays;
* an editor changed it and the page changed it too: a conflict, shown side by
  side on the imported page for a person to decide; nothing is overwritten.

A draft takes the replacements at once; a live item gets them as a pending
revision through the workflow, never on the public page before a review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from newsroom.articles.models import Article
from newsroom.core.errors import NewsroomError
from newsroom.workflow import services as workflow
from newsroom.workflow.models import Status

from . import fingerprints

RELATIONS = ("donors", "contacts", "tags", "documents")
_SHOWN_CHARS = 3000


class NotApplied(NewsroomError):
    """A newer version was found but cannot be applied; the message says why."""


@dataclass
class Plan:
    changes: dict = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)
    written: dict = field(default_factory=dict)


def wanted(draft) -> dict:
    """Every value a draft asks for, fields and relations, by name."""
    values = dict(draft.values)
    values["tags"] = sorted(draft.tags)
    if draft.model is Article:
        values |= {"donors": sorted(draft.donors), "contacts": sorted(draft.contacts),
                   "documents": [f"{title}\x1e{url}" for title, url in draft.documents]}
    return values


def as_created(item, draft) -> dict:
    """What a new draft holds, without asking the database: its fields as saved
    (save() leaves the sanitised values on the instance), its relations as written."""
    values = wanted(draft)
    return {name: value if name in RELATIONS else getattr(item, name) for name, value in values.items()}


def current(item, names) -> dict:
    found = {}
    for name in names:
        if name in ("donors", "contacts"):
            found[name] = sorted(getattr(item, name).values_list("pk", flat=True))
        elif name == "tags":
            found[name] = sorted(item.tags.values_list("name", flat=True))
        elif name == "documents":
            found[name] = [f"{d.title}\x1e{d.url}" for d in item.documents.order_by("position", "pk")]
        else:
            found[name] = getattr(item, name)
    return found


def written_for(values: dict) -> dict:
    return {name: fingerprints.digest(value) for name, value in values.items()}


def plan(item, values: dict, written: dict) -> Plan:
    result = Plan(written=dict(written))
    now = current(item, values)
    for name, new in values.items():
        old = now[name]
        new_digest, old_digest = fingerprints.digest(new), fingerprints.digest(old)
        if new_digest == old_digest:
            result.written[name] = new_digest
        elif _empty(old) or written.get(name) == old_digest:
            result.changes[name] = new
            result.written[name] = new_digest
        elif written.get(name) == new_digest:
            pass  # the page did not change it; the editor's value stays
        else:
            result.conflicts[name] = {"current": shown(old), "imported": shown(new), "value": new}
    return result


def apply(item, changes: dict, user) -> str:
    """Write `changes`; "applied" on a draft, "pending" when a revision awaits review."""
    fields = {k: v for k, v in changes.items() if k not in RELATIONS}
    relations = {k: v for k, v in changes.items() if k in RELATIONS}
    if item.status == Status.DRAFT:
        for name, value in fields.items():
            setattr(item, name, value)
        item.version += 1  # the workflow's optimistic lock: an open editor sees it changed
        item.save()
        _set_relations(item, relations)
        return "applied"
    if user is None:
        raise NotApplied(
            _("the earlier import is %(status)s: a newer version is proposed as a revision by an "
              "editor, and this batch has no user (import_pages --user)")
            % {"status": item.get_status_display()}
        )
    m2m = {name: _m2m_value(name, value) for name, value in relations.items() if name != "documents"}
    return workflow.edit(item, user=user, changes=fields, m2m=m2m)


def _set_relations(item, relations: dict) -> None:
    from newsroom.articles.models import RelatedDocument
    from newsroom.core.languages import localized_name

    for name, value in relations.items():
        if name == "documents":
            lang = item.source_language
            item.documents.all().delete()
            RelatedDocument.objects.bulk_create(
                RelatedDocument(article=item, url=url, position=n, **{localized_name("title", lang): title})
                for n, (title, url) in enumerate(entry.split("\x1e", 1) for entry in value)
            )
        else:
            getattr(item, name).set(_m2m_value(name, value))


def _m2m_value(name: str, value):
    return list(value)


def _empty(value) -> bool:
    return value in (None, "", [], ())


def shown(value) -> str:
    if isinstance(value, list):
        return "\n".join(str(v).replace("\x1e", " — ") for v in value)
    text = str(value or "")
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"
