"""Read one crawled page dump the way a careful person would.

``parse_page`` is pure: no database, no files, no network. It never raises;
anything odd about the page is reported in ``PageRecord.warnings``.

Rules worth knowing when reading the results:

* kind, first rule that applies: no body -> "other"; three or more dated
  entries -> "listing"; a title like "Statement from/by/on ..." (Arabic
  "بيان") -> "statement"; a byline -> "story"; a "For more information
  please contact" block -> "press_release"; a dateline -> "news"; otherwise
  an article with quoted speech or personal narration -> "story", any other
  article of 60+ words -> "news", and a short text -> "other".
* byline: "By: Name" / "By Name, Role" give the text as written
  ("Name" / "Name, Role"); "• Name | Role" gives "Name (Role)".
* dateline: the place only; a trailing ", Iraq" is dropped and an
  all-capitals place is title-cased. A date next to it fills ``date``.
* date: only from a line that is just a (labelled) date near the article
  or from the dateline; years inside sentences are never taken.
* title: the first heading after the navigation chrome, skipping short
  section labels ("News" / "Local"). Without one, the first sentence is
  cut to about 90 characters (with "…" when cut) and ``title_derived`` set.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import places as place_names
from .parsing import chrome, classify, contacts, credits, documents, meta
from .parsing import text as textutil
from .parsing.records import KINDS, ContactRef, DocumentRef, DonorCredit, PageRecord

__all__ = ["KINDS", "ContactRef", "DocumentRef", "DonorCredit", "PageRecord", "parse_page"]

_BYLINE_SEARCH_DEPTH = 3


def parse_page(
    text: str,
    *,
    source: str = "",
    donor_aliases: Mapping[str, str] | None = None,
) -> PageRecord:
    """Turn one page dump into a PageRecord.

    ``donor_aliases`` maps lower-case aliases ("japan", "government of
    japan", "eu") to canonical donor names; a leading "the" and letter case
    are ignored on both sides.
    """
    try:
        return _parse(text or "", source, credits.normalise_aliases(donor_aliases))
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop a batch
        return _fallback(text, source, exc)


def _parse(raw: str, source: str, aliases: Mapping[str, str]) -> PageRecord:
    lines = textutil.logical_lines(textutil.normalise(raw))
    record = PageRecord(source=source)
    if not lines:
        record.warnings.append("empty page: no text at all")
        return record
    rest = lines[chrome.chrome_end(lines, is_meta=_is_meta) :]
    if not rest:
        record.warnings.append("no body text: the page holds only navigation")
        return record
    listing = classify.is_listing(rest)
    body = _read_listing_head(record, rest) if listing else _read_article_head(record, rest)

    found_contacts, body, has_block = contacts.extract_contacts(body)
    record.contacts = found_contacts
    record.related_documents, body = documents.extract_documents(body)
    if not listing:
        body = _read_body_meta(record, body)
    record.paragraphs = body
    _finish(record, aliases, listing=listing, has_contact_block=has_block)
    return record


def _is_meta(line: str) -> bool:
    return bool(meta.byline(line) or meta.is_date_line(line))


def _read_article_head(record: PageRecord, rest: list[str]) -> list[str]:
    """Fill title/byline/date from the lines before the first paragraph; return the body."""
    first = next((i for i, line in enumerate(rest) if textutil.is_paragraph(line)), len(rest))
    headings: list[str] = []
    for line in rest[:first]:
        found_byline = meta.byline(line, bare_pipe=True)
        if found_byline and not record.byline:
            record.byline = found_byline
            continue
        found_date = meta.is_date_line(line)
        if found_date:
            record.date = record.date or found_date
            continue
        headings.append(line)
    if first == len(rest):
        # No running text (a static page): the first line names it.
        record.title = headings[0] if headings else ""
        return headings[1:]
    record.title, standfirst = meta.choose_title(headings)
    return standfirst + rest[first:]


def _read_listing_head(record: PageRecord, rest: list[str]) -> list[str]:
    """A listing's title is its header line(s) above the first entry."""
    first_date = classify.dated_lines(rest)[0]
    # Entries read "Title / Date / Summary": the line above the date is the entry's title.
    header_end = (
        first_date - 1
        if first_date > 0 and not textutil.is_paragraph(rest[first_date - 1])
        else first_date
    )
    header = rest[:header_end]
    if header:
        record.title, extra = meta.choose_title(header)
        return extra + rest[header_end:]
    record.title = meta.derive_title(
        rest[header_end + 1] if header_end == first_date else rest[header_end]
    )
    record.title_derived = True
    record.warnings.append("title derived from the first entry: the listing has no heading")
    return rest


def _read_body_meta(record: PageRecord, body: list[str]) -> list[str]:
    """Take byline, date lines and the dateline out of the body."""
    body = list(body)
    for i in [*range(min(_BYLINE_SEARCH_DEPTH, len(body))), len(body) - 1]:
        if i >= 0 and not record.byline:
            found = meta.byline(body[i])
            if found:
                record.byline = found
                body[i] = ""
    kept = []
    for line in body:
        found_date = meta.is_date_line(line) if line else None
        if found_date:
            record.date = record.date or found_date
        elif line:
            kept.append(line)
    if kept:
        split = meta.split_dateline(kept[0])
        if split:
            record.dateline, dateline_date, remainder = split
            record.date = record.date or dateline_date
            kept[0:1] = [remainder] if remainder else []
    return kept


def _finish(
    record: PageRecord, aliases: Mapping[str, str], *, listing: bool, has_contact_block: bool
) -> None:
    if not record.title and record.paragraphs:
        record.title = meta.derive_title(record.paragraphs[0])
        record.title_derived = True
        record.warnings.append("title derived from first sentence: the page has no title")
    if not record.paragraphs:
        record.warnings.append("no body text")
    if listing:
        record.warnings.append(
            f"listing page with {len(classify.dated_lines(record.paragraphs))} dated entries; no single date taken"
        )
        record.date = None
    headline = [] if record.title_derived else [record.title]
    record.donors = credits.find_donors(headline + record.paragraphs, aliases)
    record.places = place_names.find_places(
        "\n".join([record.title, record.dateline, *record.paragraphs])
    )
    body_text = "\n".join(record.paragraphs) or record.title
    record.language = classify.detect_language(body_text)
    record.kind = classify.classify(
        title=record.title,
        paragraphs=record.paragraphs,
        byline=record.byline,
        dateline=record.dateline,
        has_contact_block=has_contact_block,
        listing=listing,
    )


def _fallback(raw: object, source: str, exc: Exception) -> PageRecord:
    try:
        paragraphs = [line.strip() for line in str(raw or "").splitlines() if line.strip()]
    except Exception:  # noqa: BLE001
        paragraphs = []
    return PageRecord(
        source=source,
        paragraphs=paragraphs,
        warnings=[
            f"could not parse this page ({type(exc).__name__}: {exc}); its lines are kept as paragraphs"
        ],
    )
