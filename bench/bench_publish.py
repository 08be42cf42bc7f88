"""Benchmark: 100 items embargoed until the same second, on PostgreSQL + Redis + a real worker.

Measures, per item, (publish time -> visible in published()) and (publish time ->
transition recorded), while a beat-like sweeper runs alongside the worker's ETA
tasks. Writes bench/results/publish.json and prints a table.

    .venv/bin/python bench/bench_publish.py [--items 100] [--sweep-every 5]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/newsroom_bench_publish,
created and migrated if needed) and BENCH_BROKER_URL (default redis://127.0.0.1:6379/8).
"""

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_publish"
)
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false", "SECRET_KEY": "bench-secret-key-not-for-production",
    "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false",
    "NEWSROOM_VAR_DIR": str(ROOT / "var" / "bench"),
    "DATABASE_URL": DATABASE_URL,
    "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/8"),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)


def ensure_database() -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "min_ms": round(min(values) * 1000, 1),
        "p50_ms": round(percentile(values, 50) * 1000, 1),
        "p99_ms": round(percentile(values, 99) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
        "mean_ms": round(statistics.fmean(values) * 1000, 1),
    }


def start_worker():
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "prefork", "-c", "2",
         "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-n", f"bench-publish-{os.getpid()}@%h"],
        cwd=ROOT, env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    from config.celery import app

    deadline = time.monotonic() + 30
    while not app.control.ping(timeout=0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit("the Celery worker did not start")
    return process


def sweeper(stop: threading.Event, every: float, recorded: list[int]) -> None:
    """Beat-like: the sweep the beat schedule runs every minute, here every `every` seconds."""
    from django.db import connection

    from newsroom.workflow import services

    while not stop.wait(every):
        recorded.append(services.sweep()["published"])
    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--lead", type=float, default=15.0, help="seconds until the publish time")
    parser.add_argument("--sweep-every", type=float, default=5.0)
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone, translation

    from config.celery import app
    from newsroom.articles.models import Article
    from newsroom.core import roles
    from newsroom.workflow import services
    from newsroom.workflow.models import AuditEntry

    translation.activate("en")
    User = get_user_model()
    editor, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWERS))
    Article.objects.filter(slug__startswith="bench-publish-").delete()
    app.control.purge()

    worker = start_worker()
    stop, swept = threading.Event(), []
    sweep_thread = threading.Thread(target=sweeper, args=(stop, args.sweep_every, swept))
    try:
        publish_at = (timezone.now() + dt.timedelta(seconds=args.lead)).replace(microsecond=0)
        ids = []
        for n in range(args.items):
            article = Article.objects.create(
                title_en=f"Embargoed release {n}", slug=f"bench-publish-{n}",
                body_en="<p>Under embargo until the second.</p>", created_by=editor,
            )
            services.submit(article, editor)
            services.approve(article, reviewer, publish_at=publish_at)
            ids.append(article.pk)
        setup_done = timezone.now()
        if setup_done >= publish_at:
            raise SystemExit("setup took longer than --lead; raise it")
        sweep_thread.start()

        seen: dict[int, float] = {}
        recorded_seen: dict[int, float] = {}
        early = 0
        target = publish_at.timestamp()
        deadline = target + 30
        while time.time() < deadline:
            if 0 < target - time.time() < 0.05:
                time.sleep(max(0.0, target - time.time()))  # ask right at the publish time
            before = time.time()
            visible = set(Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
            after = time.time()
            if before < target:
                # Asked before the publish time: only count what the database gave early.
                early += len([pk for pk in visible if after < target])
            for pk in visible:
                seen.setdefault(pk, before if before >= target else after)
            # Recorded = committed and readable by others, as this poller observes it.
            for pk in Article.objects.filter(pk__in=ids, status="published").values_list(
                "pk", flat=True
            ):
                recorded_seen.setdefault(pk, time.time())
            if len(seen) == len(ids) and len(recorded_seen) == len(ids):
                break
            time.sleep(0.002)
    finally:
        stop.set()
        if sweep_thread.is_alive():
            sweep_thread.join()
        worker.terminate()
        worker.wait(timeout=20)

    entries = AuditEntry.objects.filter(action="publish", object_id__in=ids,
                                        content_type__model="article")
    per_item = {}
    for object_id, created_at in entries.values_list("object_id", "created_at"):
        per_item.setdefault(object_id, []).append(created_at)
    duplicates = sum(len(v) - 1 for v in per_item.values())
    visible_lat = [max(0.0, seen[pk] - target) for pk in ids if pk in seen]
    stamped_lat = [(min(v) - publish_at).total_seconds() for v in per_item.values()]
    recorded_lat = [recorded_seen[pk] - target for pk in ids if pk in recorded_seen]
    published_at = list(Article.objects.filter(pk__in=ids).values_list("published_at", flat=True))
    result = {
        "items": args.items,
        "publish_at": publish_at.isoformat(),
        "database": "postgresql", "broker": "redis", "worker": "celery prefork -c 2",
        "sweep_every_s": args.sweep_every,
        "visible_before_publish_time": early,
        "visible": summary(visible_lat) if visible_lat else None,
        "recorded": summary(recorded_lat) if recorded_lat else None,
        "audit_timestamp": summary(stamped_lat) if stamped_lat else None,
        "not_visible": args.items - len(visible_lat),
        "not_recorded": args.items - len(per_item),
        "duplicate_audit_rows": duplicates,
        "recorded_by_sweeper": sum(swept),
        "published_at_set": sum(1 for v in published_at if v is not None),
        "targets": {"visible_p99_ms": "0 (at the publish time)", "recorded_p99_ms": 2000},
    }
    out = ROOT / "bench" / "results" / "publish.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")

    print(f"{args.items} items due at {publish_at:%H:%M:%S} UTC; worker + sweeper every {args.sweep_every}s")
    print(f"{'measure':<38}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for label, key in (("publish time -> visible", "visible"),
                       ("publish time -> recorded (observed)", "recorded"),
                       ("publish time -> audit row timestamp", "audit_timestamp")):
        s = result[key] or {}
        print(f"{label:<38}{s.get('p50_ms', '-'):>9}{s.get('p99_ms', '-'):>9}{s.get('max_ms', '-'):>9}")
    print(f"visible before the time: {early}; not recorded: {result['not_recorded']}; "
          f"duplicate audit rows: {duplicates}; recorded by the sweeper: {sum(swept)}")
    print(f"written {out.relative_to(ROOT)}")
    ok = (early == 0 and result["not_recorded"] == 0 and duplicates == 0
          and result["recorded"]["p99_ms"] <= 2000)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
