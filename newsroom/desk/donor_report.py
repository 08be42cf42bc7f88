"""The donor visibility report: published items that credit a donor, by month, kind, language.

"Published" is what readers can see now (Article.objects.published()), dated by
publish_at, the date the public pages show; months are cut in the office's time
zone. A language counts when the item really exists in it (not a fallback). An
item imported under one of the donor's aliases is linked to the donor itself,
so it counts here like any other credit.

The counting is one grouped query over the article-donor links; nothing loads
the items' text.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.articles.models import Article
from newsroom.core.languages import CODES
from newsroom.desk.periods import Period, ReportInputError, office_zone
from newsroom.desk.presence import languages_of, presence_annotations
from newsroom.donors.models import Donor, normalize_alias
from newsroom.workflow.models import LIVE_STATUSES

CSV_HEADER = ["donor", "month", "kind", "language", "items"]


@dataclass(frozen=True)
class Row:
    donor: str
    month: str
    kind: str
    language: str
    items: int


@dataclass
class DonorTotals:
    """One donor's figures: what the admin page and the chart show."""

    donor: Donor
    items: int = 0
    by_month: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


def find_donor(text: str, parameter: str = "donor") -> Donor:
    """A donor by id, slug, name in any language, short name, or one of its aliases."""
    value = (text or "").strip()
    donors = Donor.objects.all()
    if value.isdigit() and (donor := donors.filter(pk=int(value)).first()):
        return donor
    key = normalize_alias(value)
    match = donors.filter(
        Q(slug=value) | Q(short_name__iexact=value) | Q(name_en__iexact=value)
        | Q(name_ar=value) | Q(name_ckb=value) | Q(aliases__alias__iexact=value)
    ).distinct().first()
    if match is None and key:
        canonical = Donor.objects.alias_map().get(key)
        if canonical:
            match = donors.filter(Q(name_en=canonical) | Q(name=canonical)).first()
    if match is None:
        raise ReportInputError(parameter, _(
            "%(parameter)s: no donor is called “%(value)s” (by name, short name, alias or id)."
        ) % {"parameter": parameter, "value": value})
    return match


def _published(period: Period, at, prefix: str = "") -> Q:
    """PublishableQuerySet.published() within the period, as a condition (on `prefix`).

    Written out so the report can join through the donor links instead of nesting
    `IN (subquery)`, which PostgreSQL planned badly at ten thousand rows.
    tests/desk/test_donor_report.py holds it to published().
    """
    now = at or timezone.now()
    p = prefix
    return Q(**{f"{p}status__in": LIVE_STATUSES, f"{p}publish_at__lte": now,
                f"{p}publish_at__gte": period.start, f"{p}publish_at__lt": period.end}) & (
        Q(**{f"{p}expire_at__isnull": True}) | Q(**{f"{p}expire_at__gt": now})
    )


def _links(period: Period, donors, at):
    links = Article.donors.through.objects.filter(_published(period, at, "article__"))
    if donors is not None:
        links = links.filter(donor__in=[d.pk for d in donors])
    return links


def report(period: Period, donors: list[Donor] | None = None, *, at=None) -> list[DonorTotals]:
    """Per donor with at least one item in the period, sorted by name."""
    zone = office_zone()
    grouped = (
        _links(period, donors, at)
        .annotate(month=TruncMonth("article__publish_at", tzinfo=zone),
                  **presence_annotations(Article, prefix="article__"))
        .values("donor_id", "month", "article__kind", *(f"has_{c}" for c in CODES))
        .annotate(items=Count("article_id"))
        .order_by()
    )
    found = defaultdict(list)
    for row in grouped:
        found[row["donor_id"]].append(row)
    names = {d.pk: d for d in (donors or Donor.objects.filter(pk__in=list(found)))}
    totals = []
    for donor_id, rows in found.items():
        donor = names[donor_id]
        result = DonorTotals(donor=donor, by_month=dict.fromkeys(period.months(), 0))
        counted = defaultdict(int)
        for row in rows:
            month = month_label(row["month"])
            kind, items = row["article__kind"], row["items"]
            result.items += items
            result.by_month[month] = result.by_month.get(month, 0) + items
            result.by_kind[kind] = result.by_kind.get(kind, 0) + items
            for code in languages_of(row):
                result.by_language[code] = result.by_language.get(code, 0) + items
                counted[(month, kind, code)] += items
        name = donor_name(donor)
        result.rows = [Row(name, m, k, c, n) for (m, k, c), n in sorted(counted.items())]
        totals.append(result)
    totals.sort(key=lambda t: (donor_name(t.donor), t.donor.pk))
    return totals


def donor_name(donor: Donor) -> str:
    """The name the CSV sorts and prints: the canonical (English) one."""
    return donor.name_en or donor.name or donor.short_name


def monthly_items(period: Period, *, at=None) -> dict[str, int]:
    """Distinct items crediting any donor, per month (an item with two donors counts once)."""
    zone = office_zone()
    months = dict.fromkeys(period.months(), 0)
    rows = (
        Article.objects.filter(_published(period, at), donors__isnull=False)
        .annotate(month=TruncMonth("publish_at", tzinfo=zone))
        .values("month").annotate(items=Count("pk", distinct=True)).order_by()
    )
    for row in rows:
        months[month_label(row["month"])] = row["items"]
    return months


def month_label(value) -> str:
    if timezone.is_aware(value):
        value = timezone.localtime(value, office_zone())
    return value.strftime("%Y-%m")


def csv_rows(totals: list[DonorTotals]) -> list[Row]:
    return sorted(
        (row for t in totals for row in t.rows),
        key=lambda r: (r.donor, r.month, r.kind, r.language),
    )


def to_csv(totals: list[DonorTotals]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in csv_rows(totals):
        writer.writerow([row.donor, row.month, row.kind, row.language, row.items])
    return out.getvalue()
