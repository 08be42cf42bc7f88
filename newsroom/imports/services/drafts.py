"""A parsed page becomes a draft Article or Statement, or updates the one it came from.

Rules (see also DESIGN.md, "Imports"):

* news / press_release / story -> Article of that kind; statement -> Statement;
  listing and other pages are skipped with the reason.
* Text lands in the fields of the detected language (title_ar, body_ar...);
  each paragraph becomes an escaped <p>, so markup in a dump stays text.
* An earlier version of the page is, in this order: the item with the same
  source URL (when the dump states one), the latest draft imported from the
  same source name, the latest draft whose body opens with the same ~200
  characters. A draft is updated in place; a live item gets a pending
  revision through the workflow (`services.edit`).
* Statement speaker: the byline when the page has one ("Name, Title"), else
  "Chief of Mission" as the speaker's title when the page names that role,
  with the speaker's name left as "—" for the editor to fill in.
* Donors are attached only when the page names a known donor; unknown
  funders are listed as proposals in the item's reason, never created.
* Contacts are matched by e-mail; an unknown contact is created only when
  the page gives a name, a valid phone and a valid e-mail, else proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from newsroom.articles.models import Article, RelatedDocument
from newsroom.contacts.models import Contact
from newsroom.core.errors import NewsroomError
from newsroom.core.languages import CODES, SOURCE, localized_name
from newsroom.core.models import Tag, TaggedItem
from newsroom.core.phones import validate_phone
from newsroom.imports.models import ImportItem
from newsroom.imports.parser import PageRecord
from newsroom.statements.models import Statement
from newsroom.workflow import services as workflow
from newsroom.workflow.models import Status

LISTING_REASON = "listing page: many dated summaries, not one article"
ARTICLE_KINDS = {
    "news": Article.Kind.NEWS,
    "press_release": Article.Kind.PRESS_RELEASE,
    "story": Article.Kind.STORY,
}
_SUMMARY_CHARS = 300
_CHIEF = {"en": "Chief of Mission", "ar": "رئيس البعثة", "ckb": "سەرۆکی نێردە"}
_OCCASION = re.compile(r"\b(?:on the occasion of|on)\s+(.+)$", re.I)
_UNNAMED_SPEAKER = "—"


@dataclass
class Outcome:
    outcome: str
    notes: list[str] = field(default_factory=list)
    draft: object | None = None

    @property
    def reason(self) -> str:
        return "; ".join(self.notes)


class Lookups:
    """Ids of tags and contacts by name / e-mail, remembered across the pages of a batch."""

    def __init__(self):
        self.tags: dict[str, int] | None = None
        self.contacts: dict[str, int] = {}

    def forget(self) -> None:
        self.tags, self.contacts = None, {}

    def tag_ids(self, names: list[str]) -> list[int]:
        if self.tags is None:
            self.tags = dict(Tag.objects.values_list("name", "pk"))
        for name in names:
            if name not in self.tags:
                self.tags[name] = Tag.objects.get_or_create(name=name)[0].pk
        return [self.tags[name] for name in names]

    def contact(self, email: str) -> int | None:
        if email not in self.contacts:
            self.contacts[email] = (
                Contact.objects.filter(email__iexact=email).values_list("pk", flat=True).first()
            )
        return self.contacts[email]


@dataclass
class Draft:
    """What a record asks of the database, before anything is written."""

    model: type
    values: dict
    donors: list[int]
    contacts: list[int]
    tags: list[str]
    documents: list[tuple[str, str]]
    notes: list[str]


def skip_reason(record: PageRecord) -> str:
    if record.kind == "listing":
        return LISTING_REASON
    if record.kind not in ARTICLE_KINDS and record.kind != "statement":
        why = "; ".join(record.warnings) or "no article text found"
        return f"not an article or statement ({why})"
    if not record.paragraphs:
        return "no body text"
    return ""


def target_model(record: PageRecord) -> type:
    return Statement if record.kind == "statement" else Article


def build(record: PageRecord, donor_ids: dict[str, int], source_url: str, lookups: Lookups) -> Draft:
    lang = record.language if record.language in CODES else SOURCE
    model = target_model(record)
    body = "".join(f"<p>{escape(p)}</p>" for p in record.paragraphs)
    values = {
        localized_name("title", lang): _cut(record.title, 255),
        localized_name("summary", lang): _cut(record.paragraphs[0], _SUMMARY_CHARS),
        localized_name("body", lang): body,
        "source_language": lang,
        "source_url": _valid_url(source_url),
    }
    notes: list[str] = []
    if model is Article:
        values["kind"] = ARTICLE_KINDS[record.kind]
        values[localized_name("dateline", lang)] = _cut(record.dateline, 100)
        values["byline"] = _cut(record.byline, 200)
    else:
        values.update(_speaker(record, lang, notes))
        values[localized_name("occasion", lang)] = _occasion(record.title)
        values["date"] = record.date or timezone.localdate()
    donors = []
    for credit in record.donors:
        if credit.known and credit.name in donor_ids:
            donors.append(donor_ids[credit.name])
        else:
            notes.append(f"unknown funder proposed: {credit.name} — '{credit.phrase}'")
    contacts = _contacts(record, notes, lookups)
    documents = [(_cut(d.title, 255), _valid_url(d.url)) for d in record.related_documents]
    if documents and model is Statement:
        notes.append(f"{len(documents)} related document(s) not kept: statements have none")
        documents = []
    return Draft(model, values, list(dict.fromkeys(donors)), contacts,
                 list(dict.fromkeys(record.places)), documents, notes)


def create(draft: Draft, user, lookups: Lookups) -> object:
    item = draft.model(**draft.values, created_by=user)
    item.save()
    _write_relations(item, draft, lookups)
    return item


def update(item, draft: Draft, user) -> str:
    """Apply a newer version; returns "applied" or "pending" (a revision awaits review)."""
    values = _keep_source_language(item, draft.values)
    if item.status == Status.DRAFT:
        for name, value in values.items():
            setattr(item, name, value)
        item.version += 1  # the workflow's optimistic lock: an open editor sees it changed
        item.save()
        _replace_relations(item, draft)
        return "applied"
    if user is None:
        raise NotApplied(
            f"the earlier import is {item.get_status_display()}: a newer version is proposed "
            "as a revision by an editor, and this batch has no user (import_pages --user)"
        )
    # Related documents are not part of a revision; they stay as they are.
    m2m = {"tags": draft.tags}
    if draft.model is Article:
        m2m |= {"donors": draft.donors, "contacts": draft.contacts}
    return workflow.edit(item, user=user, changes=values, m2m=m2m)


class NotApplied(NewsroomError):
    """A newer version was found but cannot be applied; the message says why."""


def history(model: type, item: ImportItem) -> list[tuple]:
    """Earlier imports into `model` sharing this page's checksum, source name or opening.

    One query: (object_id, batch_id, checksum, source, opening), newest first.
    The content type is checked here, not in SQL, so that the database looks the
    three keys up in their own indexes (a content-type index would scan every import).
    """
    keys = Q(checksum=item.checksum) | Q(source=item.source)
    if item.opening:
        keys |= Q(opening=item.opening)
    ct = ContentType.objects.get_for_model(model)
    rows = (
        ImportItem.objects.filter(keys).exclude(pk=item.pk).order_by("-pk")
        .values_list("content_type_id", "object_id", "batch_id", "checksum", "source", "opening")[:50]
    )
    return [row[1:] for row in rows if row[0] == ct.pk and row[1] is not None]


def same_input(model: type, item: ImportItem, earlier: list[tuple]):
    """(draft, batch id) of an earlier import of exactly this input, or None."""
    for object_id, batch_id, checksum, *_ in earlier:
        if checksum == item.checksum:
            found = model.objects.filter(pk=object_id).first()
            if found is not None:
                return found, batch_id
    return None


def find_earlier(model: type, item: ImportItem, source_url: str, earlier: list[tuple]):
    """The draft this page is a newer version of, or None (see the module's rules)."""
    if source_url:
        found = model.objects.filter(source_url=source_url).order_by("-pk").first()
        if found:
            return found, "same source URL"
    candidates = [
        (object_id, "same source name" if source == item.source else "same opening text")
        for object_id, _, _, source, opening in earlier
        if source == item.source or (item.opening and opening == item.opening)
    ]
    # Source-name matches first, newest first within each.
    candidates.sort(key=lambda c: c[1] != "same source name")
    existing = set(model.objects.filter(pk__in=[c[0] for c in candidates]).values_list("pk", flat=True))
    for object_id, label in candidates:
        if object_id in existing:
            return model.objects.get(pk=object_id), label
    return None, ""


def _write_relations(item, draft: Draft, lookups: Lookups) -> None:
    # A new draft is on no public page: rows are written in bulk, without the
    # per-row signals (page-cache purges) that edits of public items need.
    if draft.model is Article:
        Article.donors.through.objects.bulk_create(
            Article.donors.through(article_id=item.pk, donor_id=pk) for pk in draft.donors
        )
        Article.contacts.through.objects.bulk_create(
            Article.contacts.through(article_id=item.pk, contact_id=pk) for pk in draft.contacts
        )
        _add_documents(item, draft)
    if draft.tags:
        ct = ContentType.objects.get_for_model(item)
        TaggedItem.objects.bulk_create(
            TaggedItem(content_type=ct, object_id=item.pk, tag_id=pk) for pk in lookups.tag_ids(draft.tags)
        )


def _replace_relations(item, draft: Draft) -> None:
    if draft.model is Article:
        item.donors.set(draft.donors)
        item.contacts.set(draft.contacts)
        item.documents.all().delete()
        _add_documents(item, draft)
    item.tags.set(draft.tags)


def _add_documents(item, draft: Draft) -> None:
    lang = draft.values["source_language"]
    RelatedDocument.objects.bulk_create(
        RelatedDocument(article=item, url=url, position=n, **{localized_name("title", lang): title})
        for n, (title, url) in enumerate(draft.documents)
    )


def _keep_source_language(item, values: dict) -> dict:
    """A version in another language adds a translation instead of replacing the source."""
    lang = values["source_language"]
    if lang == item.source_language or not item.source_value("title"):
        return values
    return {k: v for k, v in values.items() if k != "source_language"}


def _speaker(record: PageRecord, lang: str, notes: list[str]) -> dict:
    title_field = localized_name("speaker_title", lang)
    if record.byline:
        name, _, role = record.byline.partition(",")
        name = name.split("(")[0].strip()
        role = role.strip() or record.byline.partition("(")[2].rstrip(")").strip()
        return {"speaker_name": _cut(name, 200), title_field: _cut(role, 200)}
    text = " ".join([record.title, *record.paragraphs[:3]])
    chief = _CHIEF.get(lang, _CHIEF["en"])
    if chief.lower() in text.lower() or _CHIEF["en"].lower() in text.lower():
        notes.append("speaker not named on the page: titled Chief of Mission, name left as —")
        return {"speaker_name": _UNNAMED_SPEAKER, title_field: chief}
    notes.append("speaker not found on the page: left as —")
    return {"speaker_name": _UNNAMED_SPEAKER, title_field: ""}


def _occasion(title: str) -> str:
    found = _OCCASION.search(title)
    return _cut(found.group(1).strip(" ."), 200) if found else ""


def _contacts(record: PageRecord, notes: list[str], lookups: Lookups) -> list[int]:
    found: list[int] = []
    for ref in record.contacts:
        email = ref.email.strip().lower()
        pk = lookups.contact(email) if email else None
        if pk is None and _complete(ref):
            pk = Contact.objects.create(name=_cut(ref.name, 200), phone=ref.phone, email=email).pk
            lookups.contacts[email] = pk
            notes.append(f"contact created: {_cut(ref.name, 200)} <{email}>")
        if pk is None:
            described = ", ".join(part for part in (ref.name, ref.phone, ref.email) if part)
            notes.append(f"contact proposed: {described}")
        elif pk not in found:
            found.append(pk)
    return found


def _complete(ref) -> bool:
    if not (ref.name.strip() and ref.phone.strip() and ref.email.strip()):
        return False
    try:
        EmailValidator()(ref.email.strip())
        validate_phone(ref.phone)
    except ValidationError:
        return False
    return True


def _valid_url(url: str) -> str:
    if not url or len(url) > 500:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


def _cut(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
