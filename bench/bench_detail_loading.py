"""Article detail, in process, four ways of loading it: is loading.py's machinery worth it?

  - loading.py as shipped: the article and its four relations in one statement psycopg
    prepares (server-side binding);
  - loading.py's five compiled queries (PUBLIC_PREPARED_DETAIL=False);
  - the plain ORM (published().for_detail().get(slug=...)), client-side binding (Django's default);
  - the plain ORM with psycopg's own server-side prepared statements
    (OPTIONS server_side_binding=True, prepare_threshold=1).
Persistent connections (CONN_MAX_AGE) in all four. Interleaved rounds over 50 articles;
median ms per request. Uses bench_public's database (run bench_public.py first).
Writes bench/results/detail_loading.json.
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_public  # noqa: E402

ROUNDS = 5


def main():
    bench_public.setup_django()
    from django.db import connection
    from django.http import Http404
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from newsroom.articles.models import Article
    from newsroom.public import loading
    from newsroom.public.views import pages

    shipped = loading.published_article

    def plain_orm(slug):
        try:
            return Article.objects.published().for_detail().get(slug=slug)
        except Article.DoesNotExist:
            raise Http404 from None

    modes = {
        "loading.py, one prepared statement (shipped)": (shipped, {}, True),
        "loading.py, five compiled queries": (shipped, {}, False),
        "plain ORM, client-side binding": (plain_orm, {}, True),
        "plain ORM, server-side binding, prepare_threshold=1": (
            plain_orm, {"server_side_binding": True, "prepare_threshold": 1}, True,
        ),
    }
    slugs = [f"returnees-{i}" for i in range(50)]
    client = Client()
    times = {mode: [] for mode in modes}
    queries = {}
    original = dict(connection.settings_dict["OPTIONS"])
    try:
        with override_settings(CACHE_MIDDLEWARE_SECONDS=0, ALLOWED_HOSTS=["*"]):
            for _ in range(ROUNDS):
                for mode, (loader, options, prepared) in modes.items():
                    connection.close()
                    connection.settings_dict["OPTIONS"] = {**original, **options}
                    loading._compiled.clear()
                    pages.loading.published_article = loader
                    with override_settings(PUBLIC_PREPARED_DETAIL=prepared):
                        for slug in slugs[:10]:  # prepare, warm
                            client.get(f"/en/news/{slug}/")
                        start = time.perf_counter()
                        for slug in slugs:
                            assert client.get(f"/en/news/{slug}/").status_code == 200
                        times[mode].append((time.perf_counter() - start) * 1000 / len(slugs))
                        with CaptureQueriesContext(connection) as captured:
                            client.get(f"/en/news/{slugs[3]}/")
                        queries[mode] = len(captured)
    finally:
        pages.loading.published_article = shipped
        connection.close()
        connection.settings_dict["OPTIONS"] = original
    results = {
        mode: {"ms": round(statistics.median(t), 2), "queries": queries[mode], "rounds": t}
        for mode, t in times.items()
    }
    out = bench_public.ROOT / "bench" / "results" / "detail_loading.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\n{'article detail, uncached, in process':56} {'ms':>7} {'SQL':>4}")
    for mode, row in results.items():
        print(f"{mode:56} {row['ms']:>7} {row['queries']:>4}")


if __name__ == "__main__":
    main()
