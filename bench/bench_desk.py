"""Desk benchmark: the dashboard, calendar, feed and reports at 10,000 items and 50 donors.

Seeds PostgreSQL once (bulk inserts: 8,000 articles and 2,000 statements over two
years, realistic text, half translated into Arabic, some translations outdated,
some items in review, scheduled or failed), then requests each page in-process
through Django's test client as a reviewer: the first request (the translation
index cold), then the median and worst of the next runs, and the SQL queries of
each. Writes bench/results/desk.json.

    .venv/bin/python bench/bench_desk.py [--items 10000] [--runs 5]

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/newsroom_bench_desk),
BENCH_REDIS_URL (the cache; default redis://127.0.0.1:6379/10).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_desk"
)
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false", "SECRET_KEY": "bench-secret-key-not-for-production",
    "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false", "ALLOWED_HOSTS": "testserver",
    "NEWSROOM_VAR_DIR": str(ROOT / "var" / "bench"),
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"),
    "CELERY_BROKER_URL": "memory://", "LOG_LEVEL": "WARNING",
})

PARAGRAPH = ("Families returning to their villages in Ninewa now have running water after the "
             "repair of a pumping station and twelve kilometres of pipes, the office said. ")
PARAGRAPH_AR = "عادت المياه الجارية إلى القرى بعد إصلاح محطة الضخ وشبكة الأنابيب. "


def ensure_database() -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(items: int, donors: int) -> None:
    """Once: bulk rows shaped like an office's archive (marks computed as saves would)."""
    from datetime import timedelta

    from django.utils import timezone

    from newsroom.articles.models import Article
    from newsroom.donors.models import Donor, DonorAlias
    from newsroom.statements.models import Statement

    if Article.objects.count() + Statement.objects.count() >= items:
        return
    Article.objects.all().delete()
    Statement.objects.all().delete()
    Donor.objects.all().delete()
    made = Donor.objects.bulk_create([
        Donor(name=f"Donor {n}", name_en=f"Donor {n}", short_name=f"D{n}", slug=f"donor-{n}",
              kind=Donor.Kind.GOVERNMENT) for n in range(donors)
    ])
    DonorAlias.objects.bulk_create([DonorAlias(donor=d, alias=f"Alias of donor {d.pk}") for d in made])
    now = timezone.now()
    body = "<p>" + PARAGRAPH * 12 + "</p>" * 1
    body_ar = "<p>" + PARAGRAPH_AR * 12 + "</p>"

    def fill(item, n):
        item.slug = f"bench-desk-{type(item).__name__.lower()}-{n}"
        item.title_en = f"Water returns to village {n}"
        item.summary_en = PARAGRAPH
        item.body_en = body
        if n % 2 == 0:
            item.title_ar, item.summary_ar, item.body_ar = f"عودة المياه {n}", PARAGRAPH_AR, body_ar
            item.translation_marks = {"ar": item.source_digest()}
            if n % 10 == 0:  # the English changed after the Arabic was written
                item.translation_marks = {"ar": "0" * 16}
        if n % 7 == 0:
            item.title_ckb, item.body_ckb = f"ئاو {n}", "<p>ئاوی پاک.</p>"
            item.translation_marks["ckb"] = item.source_digest()
        minutes = (n * 97) % (730 * 24 * 60)
        item.publish_at = now - timedelta(minutes=minutes)
        item.published_at = item.publish_at
        item.status = "published"
        if n % 50 == 1:  # scheduled over the coming weeks
            item.status, item.published_at = "approved", None
            item.publish_at = now + timedelta(hours=(n % 500) + 1)
        elif n % 50 == 2:
            item.status, item.published_at, item.publish_at = "in_review", None, None
        elif n % 997 == 3:  # a failed schedule
            item.status, item.published_at = "approved", None
        item.approved_fingerprint = "bench"
        return item

    articles = [fill(Article(kind=Article.Kind.values[n % 3]), n) for n in range(int(items * 0.8))]
    Article.objects.bulk_create(articles, batch_size=500)
    statements = [fill(Statement(speaker_name="Chief of Mission"), n)
                  for n in range(items - len(articles))]
    Statement.objects.bulk_create(statements, batch_size=500)
    through = Article.donors.through
    links = []
    for n, article in enumerate(articles):
        for k in range(1 + n % 2):
            links.append(through(article_id=article.pk, donor_id=made[(n + k * 7) % donors].pk))
    through.objects.bulk_create(links, batch_size=2000)


def measure(client, url: str, runs: int) -> dict:
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # Each request would empty the query log that CaptureQueriesContext reads.
    request_started.disconnect(reset_queries)

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        cold = time.perf_counter() - start
    count = len(queries)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return {
        "url": url, "first_ms": round(cold * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1), "queries": count, "bytes": len(response.content),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--donors", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone, translation

    call_command("migrate", verbosity=0, interactive=False)
    translation.activate("en")
    started = time.perf_counter()
    seed(args.items, args.donors)
    seeded = time.perf_counter() - started

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsroom.core import roles
    from newsroom.desk import feeds
    from newsroom.desk.translation_index import CACHE_KEY

    reviewer, _ = get_user_model().objects.get_or_create(
        username="bench-desk-reviewer", defaults={"is_staff": True})
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWERS))
    for label in ("articles.article", "statements.statement"):
        # The first request builds the index.
        cache.delete_many([CACHE_KEY.format(label=label), CACHE_KEY.format(label=label) + ":meta"])
    client = Client()
    client.force_login(reviewer)
    token = feeds.issue(reviewer, "en")
    today = timezone.localdate()
    year = today.year
    pages = {
        "dashboard (cold index)": "/admin/",
        "dashboard": "/admin/",
        "calendar month": f"/admin/desk/calendar/?date={today}",
        "calendar week": f"/admin/desk/calendar/?view=week&date={today}",
        "ical feed": f"/desk/calendar/{token}.ics",
        "donor report, all donors": f"/admin/desk/donors/?since={year - 1}-01-01&until={year}-12-31",
        "donor report, one donor": f"/admin/desk/donors/?donor=donor-3&since={year - 1}-01-01&until={year}-12-31",
        "donor report CSV": f"/admin/desk/donors/?since={year - 1}-01-01&until={year}-12-31&format=csv",
        "donor admin page": "/admin/donors/donor/{pk}/change/",
        "translation report": "/admin/desk/translations/",
        "translation report ar": "/admin/desk/translations/?language=ar",
        "translation report ar, page 20": "/admin/desk/translations/?language=ar&page=20",
        "translation CSV ar": "/admin/desk/translations/?language=ar&format=csv",
    }
    from newsroom.donors.models import Donor

    donor_pk = Donor.objects.get(slug="donor-3").pk
    results = {}
    for name, url in pages.items():
        results[name] = measure(client, url.format(pk=donor_pk), args.runs)
    from newsroom.articles.models import Article
    from newsroom.statements.models import Statement

    report = {
        "items": Article.objects.count() + Statement.objects.count(),
        "donors": Donor.objects.count(),
        "seed_s": round(seeded, 1),
        "pages": results,
        "note": "in-process Django test client on PostgreSQL + Redis cache, on a shared 2-core machine",
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "desk.json").write_text(json.dumps(report, indent=2))
    print(f"{report['items']} items, {report['donors']} donors (seeded in {report['seed_s']} s)")
    print(f"{'page':34} {'first ms':>9} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    slow = []
    for name, row in results.items():
        print(f"{name:34} {row['first_ms']:>9} {row['median_ms']:>10} {row['max_ms']:>8} "
              f"{row['queries']:>8}")
        if row["median_ms"] >= 1000:
            slow.append(name)
    if slow:
        print("over a second:", ", ".join(slow))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
