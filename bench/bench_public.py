"""Public site benchmark: every public page and the admin lists at 10,000 and BENCH_ARTICLES
published articles (default 10,000; `make bench BENCH_ARTICLES=100000`) on PostgreSQL,
gunicorn (2 sync workers), wrk, nginx.

Measures, in one run (wrk shares the machine's cores: compare ratios, not runs):
  - at each size, every public page uncached (PAGE_CACHE_SECONDS=0; what the pages
    remember per purge generation stays remembered), its SQL queries, and the
    admin's article and statement change lists with and without a search (ms);
    side by side with the ratio largest / 10,000;
  - at the largest size, the article detail cached in Django (Redis) and behind
    the shipped nginx micro-cache (deploy/nginx.conf), against baselines: a minimal
    Django view rendering the same article HTML with no database, the same HTML as
    prebuilt bytes, and nginx serving it as a file; how long an unpublished item
    stays visible behind nginx.
Writes bench/results/public.json. Needs wrk and nginx (`apt-get install wrk nginx`).
Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL (the largest archive's; each smaller
one uses <database>_<size> and the next Redis database), BENCH_ARTICLES, BENCH_FROM (the
size compared with, 10,000), BENCH_SECONDS (wrk's duration per page, 5), BENCH_DETAIL_ROUNDS
(interleaved rounds of the article detail and its baselines, 7; medians), BENCH_PORT
(first of four ports, 8201).
"""

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PY = sys.executable
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
SIZES = sorted({min(int(os.environ.get("BENCH_FROM", "10000")), ARTICLES), ARTICLES})
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WRK = ["wrk", "-t2", "-c32", f"-d{SECONDS}s", "--latency", "--timeout", "10s"]
DETAIL_ROUNDS = int(os.environ.get("BENCH_DETAIL_ROUNDS", "7"))
_PORT = int(os.environ.get("BENCH_PORT", "8201"))
PORTS = {"uncached": _PORT, "cached": _PORT + 1, "nginx": _PORT + 2}
# Each smaller size in its own database and Redis database (so both are served side by
# side and measured in turn, page by page: the machine's load drifts less between them).
SMALL_PORT = _PORT + 3


def urls_for(size: int) -> tuple[str, str]:
    """(database URL, Redis URL) of the archive of `size` articles."""
    if size == ARTICLES:
        return DB_URL, REDIS_URL
    base, number = REDIS_URL.rsplit("/", 1)
    return f"{DB_URL}_{size}", f"{base}/{(int(number) + 1) % 16}"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

ENV = {
    **os.environ,
    "DEBUG": "false",
    "SECRET_KEY": "bench-secret-key-not-for-production",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "NEWSROOM_VAR_DIR": str(VAR),
    "DATABASE_URL": DB_URL,
    "REDIS_URL": REDIS_URL,
    "CELERY_BROKER_URL": "memory://",
    "DJANGO_SETTINGS_MODULE": "public_site.settings",
    "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
    "LOG_LEVEL": "WARNING",
}


def require_tools():
    missing = [name for name, found in (("wrk", shutil.which("wrk")), ("nginx", os.path.exists(NGINX)))
               if not found]
    if missing:
        sys.exit(f"bench_public needs {' and '.join(missing)}: apt-get install -y {' '.join(missing)}")


def setup_django():
    os.environ.update(ENV)
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    os.chdir(ROOT)
    import django

    django.setup()


def create_database():
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname=%s", [name]).fetchone():
            conn.execute(f'create database "{name}"')
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "-v0"], env=ENV, cwd=ROOT, check=True)
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--no-input", "-v0"], env=ENV, cwd=ROOT, check=True
    )


PLACES = ["Mosul", "Sinjar", "Erbil", "Duhok", "Basra", "Anbar", "Kirkuk", "Najaf", "Tikrit", "Zakho"]
TOPICS = [  # one in ten mentions water: a search term matching a tenth of the archive
    "clean water and sanitation", "shelter repairs", "health care", "livelihoods grants",
    "school reopening", "mine clearance", "legal aid", "cash assistance", "seed and tools",
    "winter kits",
]


def _copy(table: str, columns: list[str], rows) -> None:
    """COPY rows in: the relation tables have no ORM-side logic to skip."""
    from django.db import connection

    with connection.cursor() as cursor, cursor.copy(
        f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)


def seed(size: int):
    """Published articles (and a tenth as many statements) with tags, donors, contacts and
    documents, up to `size`; adds only what is missing. Articles and statements go
    through bulk_create (so what the ORM or a trigger computes per row still happens);
    their relations are COPYed. One article an hour back from the first: the
    archive spans years."""
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from newsroom.articles.models import Article, RelatedDocument
    from newsroom.contacts.models import Contact
    from newsroom.core.models import Tag, TaggedItem
    from newsroom.donors.models import Donor
    from newsroom.statements.models import Statement

    have = Article.objects.filter(slug__startswith="returnees-").count()
    if have >= size:
        return
    tags = [Tag.objects.get_or_create(slug=f"topic-{i}", defaults={"name": f"Topic {i}"})[0]
            for i in range(40)]
    donors = [Donor.objects.get_or_create(
        slug=f"donor-{i}",
        defaults={"name_en": f"Government of Benchland {i}", "kind": "government",
                  "acknowledgement_en": f"Funded by the people of Benchland {i}."},
    )[0] for i in range(20)]
    contacts = [Contact.objects.get_or_create(
        email=f"press{i}@bench.example.org",
        defaults={"name": f"Press Officer {i}", "role_en": "Communications", "phone": "+9647501234567"},
    )[0] for i in range(15)]
    first = Article.objects.filter(slug="returnees-0").values_list("publish_at", flat=True).first()
    anchor = first or timezone.now() - timedelta(minutes=5)
    paragraphs = [
        "<p>" + f"Families returning to their villages receive {topic} from the teams. " * 6 + "</p>"
        for topic in TOPICS
    ]
    with transaction.atomic():
        batch = []
        for i in range(have, size):
            place, topic = PLACES[i % len(PLACES)], TOPICS[(i // 10) % len(TOPICS)]
            fields = dict(
                kind=["news", "press_release", "story"][i % 3],
                title_en=f"Returnees in {place} district {i} receive {topic}",
                slug=f"returnees-{i}",
                summary_en=f"{topic.capitalize()} reach families who came home to {place}.",
                body_en=paragraphs[(i // 10) % len(TOPICS)] * 5,
                dateline_en=place,
                byline="Bench Writer",
                status="published",
                publish_at=anchor - timedelta(hours=i),
                published_at=anchor - timedelta(hours=i),
            )
            if i % 2 == 0:
                fields.update(title_ar=f"دعم العائدين في المنطقة {i}",
                              body_ar="<p>" + "تصل المياه والمأوى إلى الأسر. " * 40 + "</p>")
            batch.append(Article(**fields))
        Article.objects.bulk_create(batch, batch_size=2000)
        ids = list(Article.objects.filter(slug__startswith="returnees-")
                   .order_by("pk").values_list("pk", flat=True)[have:])
        statements = [
            Statement(
                title_en=f"Statement on returns to {PLACES[i % len(PLACES)]} {i}",
                slug=f"statement-{i}", speaker_name="Bench Speaker", speaker_title_en="Chief of Mission",
                body_en=paragraphs[i % len(TOPICS)], status="published",
                publish_at=anchor - timedelta(hours=10 * i), published_at=anchor - timedelta(hours=10 * i),
            )
            for i in range(have // 10, size // 10)
        ]
        Statement.objects.bulk_create(statements, batch_size=2000)
        statement_ids = list(Statement.objects.filter(slug__startswith="statement-")
                             .order_by("pk").values_list("pk", flat=True)[have // 10:])
        article_ct = ContentType.objects.get_for_model(Article).pk
        statement_ct = ContentType.objects.get_for_model(Statement).pk
        _copy(TaggedItem._meta.db_table, ["tag_id", "content_type_id", "object_id"], [
            *((tags[(pk + k) % 40].pk, article_ct, pk) for pk in ids for k in range(3)),
            *((tags[pk % 40].pk, statement_ct, pk) for pk in statement_ids),
        ])
        _copy(Article.donors.through._meta.db_table, ["article_id", "donor_id"],
              ((pk, donors[(pk + k) % 20].pk) for pk in ids for k in range(2)))
        _copy(Article.contacts.through._meta.db_table, ["article_id", "contact_id"],
              ((pk, contacts[(pk + k) % 15].pk) for pk in ids for k in range(2)))
        _copy(RelatedDocument._meta.db_table, ["article_id", "title_en", "title", "url", "kind", "position"],
              ((pk, f"Report {k}", f"Report {k}", "https://example.org/r.pdf", "report", k)
               for pk in ids for k in range(2)))


def analyze():
    """Planner statistics and the visibility map, as autovacuum keeps them in production.

    Without statistics (a freshly seeded database, autovacuum off here) PostgreSQL
    scanned all 10,000 articles for a single one by slug when the query had an ORDER BY.
    Without the visibility map the admin's COUNT(*) read the whole table (180 ms at
    100,000 articles) instead of an index (13 ms after VACUUM).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def count_queries(paths, user=None):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    if user is not None:
        client.force_login(user)
    counts = {}
    with override_settings(CACHE_MIDDLEWARE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        for name, path in paths.items():
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
            assert status == 200, (path, status)
            counts[name] = len(queries)
    return counts


def admin_times(paths, user, runs=7):
    """Median milliseconds of each admin page, in process (no HTTP), and its queries."""
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    client.force_login(user)
    results = {}
    queries = count_queries(paths, user)
    with override_settings(ALLOWED_HOSTS=["*"]):
        for name, path in paths.items():
            client.get(path)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                assert client.get(path).status_code == 200, path
                times.append((time.perf_counter() - start) * 1000)
            results[name] = {"ms": round(statistics.median(times), 1), "queries": queries[name]}
    return results


def timed_requests(url, runs=3, limit_s=60):
    """Milliseconds per request, sequentially (for a page too slow for wrk)."""
    times, start = [], time.monotonic()
    for _ in range(runs):
        t = time.perf_counter()
        urllib.request.urlopen(url, timeout=limit_s).read()
        times.append((time.perf_counter() - t) * 1000)
        if time.monotonic() - start > limit_s / 4:
            break
    ms = statistics.median(times)
    return {"rps": round(1000 / ms, 1), "p99_ms": round(max(times), 1), "non_2xx": 0, "sequential": True}


def wait_for(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def gunicorn(port, extra_env):
    log = open(VAR / f"gunicorn-{port}.log", "w")
    return subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "sync", "--keep-alive", "5", "--log-level", "warning"],
        env={**ENV, **extra_env}, cwd=ROOT, stdout=log, stderr=log, start_new_session=True,
    )


def nginx_config(static_html: Path) -> Path:
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    prefix = VAR / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    (prefix / "cache").mkdir(parents=True)
    (prefix / "logs").mkdir()
    replacements = {
        "pid /run/nginx-newsroom.pid;": f"pid {prefix}/nginx.pid;",
        "error_log /var/log/nginx/newsroom-error.log warn;": f"error_log {prefix}/logs/error.log warn;",
        "/var/cache/nginx/newsroom": f"{prefix}/cache",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{PORTS['cached']};",
        "listen 80;": f"listen 127.0.0.1:{PORTS['nginx']};",
        "/srv/newsroom/var/static/": f"{VAR}/static/",
        "/srv/newsroom/var/media/": f"{VAR}/media/",
        "    server {\n": "    client_body_temp_path {p}/tmp; proxy_temp_path {p}/tmp;\n"
                         "    fastcgi_temp_path {p}/tmp; uwsgi_temp_path {p}/tmp; scgi_temp_path {p}/tmp;\n"
                         "    server {{\n".replace("{p}", str(prefix)).replace("{{", "{"),
        "        location /static/ {": f"        location = /same-page.html {{ root {static_html.parent}; }}\n"
                                      "        location /static/ {",
    }
    for old, new in replacements.items():
        assert old in conf, old
        conf = conf.replace(old, new)
    path = prefix / "nginx.conf"
    path.write_text(conf)
    return path


def wrk(url):
    out = subprocess.run([*WRK, url], capture_output=True, text=True, check=True).stdout
    # wrk stops with up to 30 requests still queued at the server (32 connections, 2
    # workers). They are served anyway, up to a second of CPU on a list page, taken from
    # whichever page ran next: "news list, tag" (10,000 first, then 100,000) gave a ratio
    # of 0.70-0.74 in three runs and 1.00-1.05 alone. One more request waits behind them.
    urllib.request.urlopen(url, timeout=60).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": round(rps), "p99_ms": round(float(p99.group(1)) * factor, 2),
            "non_2xx": int(errors.group(1)) if errors else 0}


def unpublished_gone_after(slug, base):
    """Unpublish the article (as the workflow would: save, purge after commit) and time
    how long nginx still serves it."""
    from newsroom.articles.models import Article

    url = f"{base}/en/news/{slug}/"
    for _ in range(3):
        urllib.request.urlopen(url).read()
    article = Article.objects.get(slug=slug)
    start = time.monotonic()
    article.status = "unpublished"
    article.save()
    try:
        while time.monotonic() - start < 10:
            try:
                urllib.request.urlopen(url).read()
            except urllib.error.HTTPError as error:
                if error.code == 404:
                    return round(time.monotonic() - start, 3)
            time.sleep(0.02)
        return None
    finally:
        article.status = "published"
        article.save()


def public_pages(article, statement, sections: int) -> dict[str, str]:
    year = article.publish_at.year - 1
    deep = min(50, sections * 500 // 40)  # a page that exists at every size
    return {
        "home": "/en/",
        "news list": "/en/news/",
        f"news list, page {deep}": f"/en/news/?page={deep}",
        "news list, year": f"/en/news/?year={year}",
        "news list, tag": "/en/news/?tag=topic-1",
        "tag page": "/en/tags/topic-1/",
        "donor page": "/en/donors/donor-1/",
        "statement list": "/en/statements/",
        "article detail": f"/en/news/{article.slug}/",
        "statement detail": f"/en/statements/{statement.slug}/",
        "sitemap index": "/sitemap.xml",
        "sitemap section 1": "/sitemap-articles-1.xml",
        f"sitemap section {sections}": f"/sitemap-articles-{sections}.xml",
        "RSS feed": "/en/feeds/rss/",
        "Atom feed": "/en/feeds/atom/",
        "tag RSS feed": "/en/tags/topic-1/rss/",
        "search ?q=water": "/en/search/?q=water",
    }


ADMIN = {
    "admin article list": "/admin/articles/article/",
    "admin article list, search": "/admin/articles/article/?q=sinjar",
    "admin statement list": "/admin/statements/statement/",
    "admin statement list, search": "/admin/statements/statement/?q=sinjar",
}


def prepare(size: int, sections: int) -> dict:
    """In this size's own process and database: seed, count queries, time the admin."""
    from django.contrib.auth import get_user_model

    from newsroom.articles.models import Article
    from newsroom.public import pagecache
    from newsroom.statements.models import Statement

    create_database()
    t0 = time.time()
    seed(size)
    seeded = round(time.time() - t0, 1)
    analyze()
    pagecache.purge()
    article = Article.objects.published().get(slug="returnees-0")
    statement = Statement.objects.published().get(slug="statement-0")
    pages = public_pages(article, statement, sections)
    user = get_user_model().objects.filter(username="bench-admin").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "bench-pass-1")
    return {
        "seed_seconds": seeded,
        "articles": Article.objects.published().count(),
        "statements": Statement.objects.published().count(),
        "paths": pages,
        "queries": count_queries({k: v for k, v in pages.items() if not k.startswith("search")}),
        "admin_queries": count_queries(ADMIN, user),
    }


def admin_round() -> dict:
    from django.contrib.auth import get_user_model

    return admin_times(ADMIN, get_user_model().objects.get(username="bench-admin"))


def in_size(size: int, task: str, sections: int = 0) -> dict:
    """Run `task` (prepare, admin) in a process of its own on this size's database."""
    db, redis = urls_for(size)
    out = subprocess.run(
        [PY, __file__, task, str(size), str(sections)], capture_output=True, text=True,
        env={**os.environ, "BENCH_DATABASE_URL": db, "BENCH_REDIS_URL": redis}, cwd=ROOT,
    )
    if out.returncode != 0:
        sys.exit(f"{task} at {size} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_pages(prepared: dict) -> dict:
    """Every public page uncached, each size in turn (the order alternating by page)."""
    servers, ports = [], {}
    for size in SIZES:
        db, redis = urls_for(size)
        ports[size] = PORTS["uncached"] if size == ARTICLES else SMALL_PORT
        servers.append(gunicorn(ports[size], {"PAGE_CACHE_SECONDS": "0", "DATABASE_URL": db,
                                              "REDIS_URL": redis}))
    rows = {size: {} for size in SIZES}
    try:
        for size in SIZES:
            wait_for(f"http://127.0.0.1:{ports[size]}/en/")
        for n, page in enumerate(prepared[SIZES[0]]["paths"]):
            for size in (SIZES if n % 2 == 0 else SIZES[::-1]):
                url = f"http://127.0.0.1:{ports[size]}{prepared[size]['paths'][page]}"
                try:
                    urllib.request.urlopen(url, timeout=60).read()
                    result = timed_requests(url) if page.startswith("search") else wrk(url)
                except (OSError, urllib.error.URLError) as error:  # e.g. gunicorn's 30 s timeout
                    result = {"rps": 0, "p99_ms": None, "non_2xx": None, "error": str(error)}
                rows[size][page] = {**result, "queries": prepared[size]["queries"].get(page)}
                print(f"  {size:>7} {page:28} {result['rps']:>8} req/s", flush=True)
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
    return rows


def main():
    require_tools()
    VAR.mkdir(parents=True, exist_ok=True)
    # The last sitemap section of the smallest archive: a page that exists at every size.
    from_size = min(SIZES)
    sections = max(1, from_size // 500)
    prepared = {}
    for size in SIZES:
        print(f"preparing {size} articles", flush=True)
        prepared[size] = in_size(size, "prepare", sections)
    results = {"sizes": {str(n): {k: v for k, v in prepared[n].items() if k != "paths"}
                         for n in SIZES}, "uptime": os.getloadavg()}
    admin = {size: [] for size in SIZES}
    for _ in range(3):  # in turn, three rounds: the median of each
        for size in SIZES:
            admin[size].append(in_size(size, "admin"))
    for size in SIZES:
        results["sizes"][str(size)]["admin"] = {
            page: {"ms": statistics.median(r[page]["ms"] for r in admin[size]),
                   "queries": prepared[size]["admin_queries"][page]}
            for page in ADMIN
        }
    for size, pages in measure_pages(prepared).items():
        results["sizes"][str(size)]["pages"] = pages

    setup_django()
    from newsroom.articles.models import Article
    from newsroom.public import pagecache

    article = Article.objects.published().get(slug="returnees-0")
    (VAR / "slug.txt").write_text(article.slug)
    pagecache.purge()
    detail_path = f"/en/news/{article.slug}/"
    detail = {"queries_uncached": count_queries({"detail": detail_path})["detail"]}
    servers = [gunicorn(PORTS["uncached"], {"PAGE_CACHE_SECONDS": "0"}),
               gunicorn(PORTS["cached"], {})]
    html_dir = VAR / "static-copy"
    html_dir.mkdir(exist_ok=True)
    nginx = None
    try:
        for port in (PORTS["uncached"], PORTS["cached"]):
            wait_for(f"http://127.0.0.1:{port}/en/")
        same_html = urllib.request.urlopen(f"http://127.0.0.1:{PORTS['uncached']}{detail_path}").read()
        (html_dir / "same-page.html").write_bytes(same_html)
        nginx = subprocess.Popen(
            [NGINX, "-c", str(nginx_config(html_dir / "same-page.html")), "-g", "daemon off;"],
            start_new_session=True, stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{PORTS['nginx']}/same-page.html")

        measured = {
            ("baseline", "minimal Django view (same template, no DB)"): f"{PORTS['cached']}/en/bench/minimal/",
            ("baseline", "Django prebuilt bytes (floor)"): f"{PORTS['cached']}/en/bench/prebuilt/",
            ("baseline", "nginx static file (same HTML)"): f"{PORTS['nginx']}/same-page.html",
            **{("detail", mode): f"{PORTS[mode]}{detail_path}" for mode in ("uncached", "cached", "nginx")},
        }
        for url in measured.values():
            for _ in range(4):  # warm every worker: the held article, the prepared statement
                urllib.request.urlopen(f"http://127.0.0.1:{url}").read()
        # Interleaved rounds, the median of each: one 5 s run of each page in turn
        # drifted by 15% with the machine's load, more than the ratios compared.
        # Seven: on a noisy virtual machine one round's detail / minimal ratio ranged
        # 0.60-0.97 in a run, and three rounds' medians 0.63-0.89 between runs.
        rounds = {key: [] for key in measured}
        for _ in range(DETAIL_ROUNDS):
            for key, url in measured.items():
                rounds[key].append(wrk(f"http://127.0.0.1:{url}"))
        results["baselines"] = {}
        for (group, name), runs in rounds.items():
            row = min(runs, key=lambda r: abs(r["rps"] - statistics.median(x["rps"] for x in runs)))
            row = {**row, "rounds_rps": [r["rps"] for r in runs]}
            (results["baselines"] if group == "baseline" else detail)[name] = row
        results["article detail"] = detail
        results["unpublished_gone_after_s"] = unpublished_gone_after(
            article.slug, f"http://127.0.0.1:{PORTS['nginx']}"
        )
    finally:
        for process in [*servers, nginx]:
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)

    minimal = results["baselines"]["minimal Django view (same template, no DB)"]["rps"]
    static = results["baselines"]["nginx static file (same HTML)"]["rps"]
    small, large = (results["sizes"][str(n)] for n in (SIZES[0], SIZES[-1]))
    results["targets"] = {
        "uncached detail >= 75% of minimal view": [round(detail["uncached"]["rps"] / minimal, 2), 0.75],
        "cached detail >= 80% of minimal view": [round(detail["cached"]["rps"] / minimal, 2), 0.80],
        "nginx micro-cache detail >= 70% of nginx static": [round(detail["nginx"]["rps"] / static, 2), 0.70],
        "queries per uncached detail <= 6": [detail["queries_uncached"], 6],
        "unpublished gone within 1 s": [results["unpublished_gone_after_s"], 1.0],
    }
    if len(SIZES) > 1:
        for page in ("news list", "tag page", "donor page", "statement list"):
            ratio = large["pages"][page]["rps"] / (small["pages"][page]["rps"] or 1)
            results["targets"][f"{page} at {SIZES[-1]} >= 80% of {SIZES[0]}"] = [round(ratio, 2), 0.80]
    for page in (k for k in large["pages"] if k.startswith("sitemap section")):
        results["targets"][f"{page} >= 100 req/s uncached"] = [large["pages"][page]["rps"], 100]
    for page, row in large["admin"].items():
        results["targets"][f"{page} <= 300 ms"] = [row["ms"], 300]
    results["page_bytes"] = len(same_html)
    results["wrk"] = " ".join(WRK)
    results["uptime_after"] = os.getloadavg()
    out = ROOT / "bench" / "results" / "public.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print_table(results)


def print_table(results):
    sizes = list(results["sizes"])
    small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
    print(f"\nPublic site, uncached (PAGE_CACHE_SECONDS=0), {results['wrk']}; load {results['uptime']}")
    print(f"{'page':30} {'SQL':>4} | {sizes[0] + ' r/s':>12} {'p99':>7} | {sizes[-1] + ' r/s':>12} {'p99':>7} | {'ratio':>5}")
    for page, a in small["pages"].items():
        b = large["pages"].get(page, {"rps": 0, "p99_ms": None, "queries": None})
        queries = f"{a['queries']}/{b['queries']}" if a["queries"] != b["queries"] else str(a["queries"])
        ratio = round(b["rps"] / a["rps"], 2) if a["rps"] else None
        print(f"{page:30} {queries!s:>4} | {a['rps']:>12} {a['p99_ms']!s:>7} | {b['rps']:>12} {b['p99_ms']!s:>7} | {ratio!s:>5}"
              + (" (failed: " + (a.get("error") or b.get("error")) + ")" if a.get("error") or b.get("error") else ""))
    print(f"\n{'admin (in process)':30} {'SQL':>4} | {sizes[0] + ' ms':>12} | {sizes[-1] + ' ms':>12} | {'ratio':>5}")
    for page, a in small["admin"].items():
        b = large["admin"][page]
        queries = f"{a['queries']}/{b['queries']}" if a["queries"] != b["queries"] else str(a["queries"])
        print(f"{page:30} {queries:>4} | {a['ms']:>12} | {b['ms']:>12} | {round(b['ms'] / a['ms'], 2):>5}")
    print("\nseeded: " + ", ".join(f"{n} in {results['sizes'][n]['seed_seconds']} s" for n in sizes))
    print(f"\nArticle detail at {sizes[-1]}, page {results['page_bytes']} bytes")
    print(f"{'baseline':46} {'req/s':>8} {'p99 ms':>8}")
    for name, r in results["baselines"].items():
        print(f"{name:46} {r['rps']:>8} {r['p99_ms']:>8}  rounds {r['rounds_rps']}")
    detail = results["article detail"]
    for mode in ("uncached", "cached", "nginx"):
        r = detail[mode]
        print(f"{'article detail, ' + mode:46} {r['rps']:>8} {r['p99_ms']:>8}  rounds {r['rounds_rps']}")
    print("\ntargets:")
    for name, (value, target) in results["targets"].items():
        if value is None:
            verdict = "MISSED"
        elif "<=" in name or "within" in name:
            verdict = "met" if value <= target else "MISSED"
        else:
            verdict = "met" if value >= target else "MISSED"
        print(f"  {name:60} {value!s:>8}  {verdict}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("prepare", "admin"):
        setup_django()
        size, sections = int(sys.argv[2]), int(sys.argv[3])
        print(json.dumps(prepare(size, sections) if sys.argv[1] == "prepare" else admin_round()))
    else:
        main()
