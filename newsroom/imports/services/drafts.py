"""A parsed page becomes a draft Article or Statement, or updates the one it came from.

Rules (see also DESIGN.md, "Imports"):

* news / press_release / story -> Article of that kind; statement -> Statement;
  listing and other pages are skipped with the reason.
* Text lands in the fields of the detected language (title_ar, body_ar...);
  each paragraph becomes an escaped <p>, so markup in a dump stays text.
* An earlier version of the page is found on strong evidence only (see
  `identity`), and replaces only what the importer wrote (see `ownership`).
* Statement speaker: the byline when the page has one ("Name, Title"), else
  "Chief of Mission" as the speaker's title when the page names that role,
  with the speaker's name left as "—" for the editor to fill in.
* Donors: a known donor is attached; an unknown funder becomes a proposed
  donor (`is_proposed`), attached too but shown to nobody outside the admin
  until a person confirms it or approves the item (see `imports.proposals`).
* Contacts are matched by e-mail; an unknown contact becomes a proposed
  contact when the page gives a name, a valid phone and a valid e-mail, else
  it is only named in the item's reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.articles.models import Article, RelatedDocument
from newsroom.contacts.models import Contact
from newsroom.core.languages import CODES, SOURCE, localized_name
from newsroom.core.models import Tag, TaggedItem
from newsroom.core.phones import normalize_phone, validate_phone
from newsroom.donors.models import Donor, DonorAlias, normalize_alias
from newsroom.imports.parser import PageRecord
from newsroom.statements.models import Statement

from . import identity

LISTING_REASON = gettext_lazy("listing page: many dated summaries, not one article")
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
        self.donors: dict[str, int] = {}

    def forget(self) -> None:
        self.tags, self.contacts, self.donors = None, {}, {}

    def tag_ids(self, names: list[str]) -> list[int]:
        if self.tags is None:
            self.tags = dict(Tag.objects.values_list("name", "pk"))
        for name in names:
            if name not in self.tags:
                self.tags[name] = Tag.objects.get_or_create(name=name)[0].pk
        return [self.tags[name] for name in names]

    def proposed_contact(self, name: str, phone: str, email: str) -> int:
        """A contact the page gives in full, kept as a proposal (another batch may add it at once)."""
        Contact.objects.bulk_create(
            [Contact(name=name, phone=normalize_phone(phone), email=email, is_proposed=True)],
            ignore_conflicts=True,
        )
        self.contacts.pop(email, None)
        return self.contact(email)

    def proposed_donor(self, name: str) -> int:
        """The proposed donor for a funder no alias knows, created once (under a lock)."""
        key = normalize_alias(name)
        if key not in self.donors:
            identity.lock([f"d:{key}"[:80]])
            found = Donor.objects.filter(name_en__iexact=name).values_list("pk", flat=True).first()
            if found is None:
                found = Donor.objects.create(
                    name=name[:200], name_en=name[:200], kind=_donor_kind(name), is_proposed=True
                ).pk
            self.donors[key] = found
        return self.donors[key]

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
    if record.language not in CODES:
        # Never stored under another language's fields: a person decides what to do with it.
        return _("page in a language the site does not publish (%s): not imported") % record.language
    if record.kind == "listing":
        return str(LISTING_REASON)
    if record.kind not in ARTICLE_KINDS and record.kind != "statement":
        why = "; ".join(record.warnings) or _("no article text found")
        return _("not an article or statement (%s)") % why
    if not record.paragraphs:
        return _("no body text")
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
        "source_url": valid_url(source_url),
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
    unknown = [c.name for c in record.donors if not (c.known and c.name in donor_ids)]
    if unknown:
        # All at once and sorted, so that two pages naming the same new funders
        # in another order never wait on each other.
        identity.lock([f"d:{normalize_alias(name)}"[:80] for name in unknown])
    for credit in record.donors:
        if credit.known and credit.name in donor_ids:
            donors.append(donor_ids[credit.name])
            if credit.alias:
                # A state's ministry or agency: an alias of the state's donor entry.
                DonorAlias.objects.bulk_create(
                    [DonorAlias(donor_id=donor_ids[credit.name], alias=credit.alias[:200])],
                    ignore_conflicts=True,
                )
        else:
            donors.append(lookups.proposed_donor(credit.name))
            notes.append(_("unknown funder proposed: %(name)s — “%(phrase)s”")
                         % {"name": credit.name, "phrase": credit.phrase})
    contacts = _contacts(record, notes, lookups)
    documents = [(_cut(d.title, 255), valid_url(d.url)) for d in record.related_documents]
    if documents and model is Statement:
        notes.append(_("%d related document(s) not kept: statements have none") % len(documents))
        documents = []
    return Draft(model, values, list(dict.fromkeys(donors)), contacts,
                 list(dict.fromkeys(record.places)), documents, notes)


def create(draft: Draft, user, lookups: Lookups) -> object:
    item = draft.model(**draft.values, created_by=user)
    item.save()
    _write_relations(item, draft, lookups)
    return item


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


def _add_documents(item, draft: Draft) -> None:
    lang = draft.values["source_language"]
    RelatedDocument.objects.bulk_create(
        RelatedDocument(article=item, url=url, position=n, **{localized_name("title", lang): title})
        for n, (title, url) in enumerate(draft.documents)
    )


def keep_source_language(item, values: dict) -> dict:
    """A version in another language adds a translation instead of replacing the source."""
    lang = values["source_language"]
    if lang == item.source_language or not item.source_value("title"):
        return values
    return {k: v for k, v in values.items() if k != "source_language"}


def _speaker(record: PageRecord, lang: str, notes: list[str]) -> dict:
    title_field = localized_name("speaker_title", lang)
    if record.byline:
        name, _comma, role = record.byline.partition(",")
        name = name.split("(")[0].strip()
        role = role.strip() or record.byline.partition("(")[2].rstrip(")").strip()
        return {"speaker_name": _cut(name, 200), title_field: _cut(role, 200)}
    text = " ".join([record.title, *record.paragraphs[:3]])
    chief = _CHIEF.get(lang, _CHIEF["en"])
    if chief.lower() in text.lower() or _CHIEF["en"].lower() in text.lower():
        notes.append(_("speaker not named on the page: titled Chief of Mission, name left as —"))
        return {"speaker_name": _UNNAMED_SPEAKER, title_field: chief}
    notes.append(_("speaker not found on the page: left as —"))
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
            pk = lookups.proposed_contact(_cut(ref.name, 200), ref.phone, email)
            notes.append(_("contact proposed: %(name)s <%(email)s>") % {"name": _cut(ref.name, 200), "email": email})
        if pk is None:
            described = ", ".join(part for part in (ref.name, ref.phone, ref.email) if part)
            notes.append(_("contact named but incomplete, not kept: %s") % described)
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


_GOVERNMENT = re.compile(r"\b(?:government|ministry|department|embassy|kingdom|republic|state|agency)\b", re.I)
_MULTILATERAL = re.compile(r"\b(?:union|united nations|bank|fund|programme|commission)\b", re.I)


def _donor_kind(name: str) -> str:
    if _MULTILATERAL.search(name):
        return Donor.Kind.MULTILATERAL
    if re.search(r"\bfoundation\b", name, re.I):
        return Donor.Kind.FOUNDATION
    if _GOVERNMENT.search(name):
        return Donor.Kind.GOVERNMENT
    return Donor.Kind.PRIVATE


def valid_url(url: str) -> str:
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
