"""Public site benchmark: 10,000 published articles on PostgreSQL, gunicorn, wrk, nginx.

Measures, in one run (wrk shares the machine's cores: compare ratios, not runs):
  - uncached pages (PAGE_CACHE_SECONDS=0), cached in Django (Redis), behind the
    shipped nginx micro-cache (deploy/nginx.conf);
  - baselines: a minimal Django view rendering the same article HTML with no
    database, the same HTML as prebuilt bytes, and nginx serving it as a file;
  - SQL queries per uncached page; how long an unpublished item stays visible
    behind nginx.
Writes bench/results/public.json. Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL.
"""

import json
import os
import re
import shutil
import signal
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
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
WRK = ["wrk", "-t2", "-c32", "-d5s", "--latency"]
PORTS = {"uncached": 8201, "cached": 8202, "nginx": 8203}

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


def seed():
    """10,000 published articles with tags, donors, contacts and documents (once)."""
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from newsroom.articles.models import Article, RelatedDocument
    from newsroom.contacts.models import Contact
    from newsroom.core.models import Tag, TaggedItem
    from newsroom.donors.models import Donor

    if Article.objects.published().count() >= ARTICLES:
        return
    Article.objects.all().delete()
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
    now = timezone.now()
    paragraph = "<p>" + "Families returning to their villages receive water, shelter and care. " * 6 + "</p>"
    batch = []
    for i in range(ARTICLES):
        fields = dict(
            kind=["news", "press_release", "story"][i % 3],
            title_en=f"Returnees in district {i} receive support",
            slug=f"returnees-{i}",
            summary_en="Water, shelter and health care reach families who came home.",
            body_en=paragraph * 5,
            dateline_en="Mosul",
            byline="Bench Writer",
            status="published",
            publish_at=now - timedelta(minutes=i),
            published_at=now - timedelta(minutes=i),
        )
        if i % 2 == 0:
            fields.update(title_ar=f"دعم العائدين في المنطقة {i}", body_ar="<p>" + "تصل المياه والمأوى إلى الأسر. " * 40 + "</p>")
        batch.append(Article(**fields))
    Article.objects.bulk_create(batch, batch_size=1000)
    ids = list(Article.objects.values_list("pk", flat=True))
    ct = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        [TaggedItem(tag=tags[(pk + k) % 40], content_type=ct, object_id=pk) for pk in ids for k in range(3)],
        batch_size=5000,
    )
    Article.donors.through.objects.bulk_create(
        [Article.donors.through(article_id=pk, donor_id=donors[(pk + k) % 20].pk) for pk in ids for k in range(2)],
        batch_size=5000,
    )
    Article.contacts.through.objects.bulk_create(
        [Article.contacts.through(article_id=pk, contact_id=contacts[(pk + k) % 15].pk) for pk in ids for k in range(2)],
        batch_size=5000,
    )
    RelatedDocument.objects.bulk_create(
        [RelatedDocument(article_id=pk, title_en=f"Report {k}", url="https://example.org/r.pdf", position=k)
         for pk in ids for k in range(2)],
        batch_size=5000,
    )


def analyze():
    """Planner statistics, as autovacuum keeps them in production. Without them (a
    freshly seeded database, autovacuum off) PostgreSQL scanned all 10,000 articles
    for a single one by slug when the query had an ORDER BY."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def count_queries(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    counts = {}
    with override_settings(CACHE_MIDDLEWARE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        for name, path in paths.items():
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
            assert status == 200, (path, status)
            counts[name] = len(queries)
    return counts


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


def main():
    VAR.mkdir(parents=True, exist_ok=True)
    setup_django()
    create_database()
    t0 = time.time()
    seed()
    seeded = time.time() - t0
    analyze()

    from newsroom.articles.models import Article
    from newsroom.public import pagecache

    article = Article.objects.published().for_detail().first()
    (VAR / "slug.txt").write_text(article.slug)
    pagecache.purge()
    pages = {
        "article detail": f"/en/news/{article.slug}/",
        "news list": "/en/news/",
        "home": "/en/",
        "RSS feed": "/en/feeds/rss/",
    }
    queries = count_queries(pages)

    servers = [gunicorn(PORTS["uncached"], {"PAGE_CACHE_SECONDS": "0"}),
               gunicorn(PORTS["cached"], {})]
    html_dir = VAR / "static-copy"
    html_dir.mkdir(exist_ok=True)
    nginx = None
    try:
        for port in (PORTS["uncached"], PORTS["cached"]):
            wait_for(f"http://127.0.0.1:{port}/en/")
        same_html = urllib.request.urlopen(f"http://127.0.0.1:{PORTS['uncached']}{pages['article detail']}").read()
        (html_dir / "same-page.html").write_bytes(same_html)
        nginx = subprocess.Popen(
            ["/usr/sbin/nginx", "-c", str(nginx_config(html_dir / "same-page.html")), "-g", "daemon off;"],
            start_new_session=True, stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{PORTS['nginx']}/same-page.html")

        results = {"baselines": {}, "pages": {}}
        for name, port, path in [
            ("minimal Django view (same template, no DB)", PORTS["cached"], "/en/bench/minimal/"),
            ("Django prebuilt bytes (floor)", PORTS["cached"], "/en/bench/prebuilt/"),
            ("nginx static file (same HTML)", PORTS["nginx"], "/same-page.html"),
        ]:
            url = f"http://127.0.0.1:{port}{path}"
            urllib.request.urlopen(url).read()  # warm: load the held article
            urllib.request.urlopen(url).read()
            results["baselines"][name] = wrk(url)
        for page, path in pages.items():
            row = {"queries_uncached": queries[page]}
            for mode in ("uncached", "cached", "nginx"):
                url = f"http://127.0.0.1:{PORTS[mode]}{path}"
                urllib.request.urlopen(url).read()
                row[mode] = wrk(url)
            results["pages"][page] = row
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
    detail = results["pages"]["article detail"]
    results["targets"] = {
        "uncached detail >= 75% of minimal view": [round(detail["uncached"]["rps"] / minimal, 2), 0.75],
        "cached detail >= 80% of minimal view": [round(detail["cached"]["rps"] / minimal, 2), 0.80],
        "nginx micro-cache detail >= 70% of nginx static": [round(detail["nginx"]["rps"] / static, 2), 0.70],
        "queries per uncached detail <= 6": [detail["queries_uncached"], 6],
        "unpublished gone within 1 s": [results["unpublished_gone_after_s"], 1.0],
    }
    results["articles"] = Article.objects.published().count()
    results["seed_seconds"] = round(seeded, 1)
    results["page_bytes"] = len(same_html)
    results["wrk"] = " ".join(WRK)
    out = ROOT / "bench" / "results" / "public.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print_table(results)


def print_table(results):
    print(f"\nPublic site: {results['articles']} published articles, page {results['page_bytes']} bytes, {results['wrk']}")
    print(f"{'baseline':46} {'req/s':>8} {'p99 ms':>8}")
    for name, r in results["baselines"].items():
        print(f"{name:46} {r['rps']:>8} {r['p99_ms']:>8}")
    print(f"\n{'page':16} {'SQL':>4} | {'uncached r/s':>12} {'p99':>7} | {'Django cache':>12} {'p99':>7} | {'nginx 1s':>9} {'p99':>7}")
    for page, r in results["pages"].items():
        print(f"{page:16} {r['queries_uncached']:>4} | {r['uncached']['rps']:>12} {r['uncached']['p99_ms']:>7} | "
              f"{r['cached']['rps']:>12} {r['cached']['p99_ms']:>7} | {r['nginx']['rps']:>9} {r['nginx']['p99_ms']:>7}")
    print("\ntargets:")
    for name, (value, target) in results["targets"].items():
        if value is None:
            verdict = "MISSED"
        elif "<=" in name or "within" in name:
            verdict = "met" if value <= target else "MISSED"
        else:
            verdict = "met" if value >= target else "MISSED"
        print(f"  {name:52} {value!s:>8}  {verdict}")


if __name__ == "__main__":
    main()
