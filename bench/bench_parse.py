"""Benchmark the page-dump parser on 10,000 generated pages.

Run: .venv/bin/python bench/bench_parse.py [--pages N] [--seed S]
Prints pages/s (on process CPU time, and on wall time with the load
average beside it) and peak memory, and writes bench/results/parse.json.
No Django, no database: the parser is a pure function.

Pages are built in memory from templates with invented wording: every chrome
variant (country site in English or Arabic, global site, short "News" /
"Local" header, none), every kind (press release, news, story, statement,
listing, static page), English, Arabic and Kurdish bodies, hard-wrapped
dumps, contact blocks, donor credits and related-document links, and
lengths from a couple of paragraphs to about forty.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsroom.imports.parser import parse_page  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "parse.json"
TARGET_PAGES_PER_SECOND = 500

ALIASES = {
    "japan": "Government of Japan",
    "government of japan": "Government of Japan",
    "eu": "European Union",
    "european union": "European Union",
    "canada": "Government of Canada",
    "government of canada": "Government of Canada",
    "germany": "Government of Germany",
    "government of germany": "Government of Germany",
}

EN_CHROME = [
    "-",
    "Who We Are",
    "WHO WE AREA field office that works with displaced families and their hosts in every governorate.",
    "About",
    "About",
    "Global Office",
    "Global Office",
    "-",
    "Our Work",
    "Our WorkRelief, recovery and social cohesion programmes that follow families home.",
    "Thematic Areas",
    "Thematic Areas",
    "- Data and Resources",
    "- Take Action",
    "- 2030 Agenda",
]
AR_CHROME = [
    "-",
    "من نحن",
    "من نحننعمل مع الأسر النازحة والمجتمعات المضيفة في جميع المحافظات منذ سنوات طويلة.",
    "عن المكتب",
    "عن المكتب",
    "-",
    "عملنا",
    "عملنابرامج الإغاثة والتعافي والتماسك الاجتماعي في المدن والقرى.",
    "- البيانات والتقارير",
    "- شارك معنا",
]
GLOBAL_CHROME = [
    "-",
    "Who we are",
    "WHO WE AREA network of offices that helps people move in safety and dignity.",
    "-",
    "Our Work",
    "Our WorkFrom the first days of a crisis to the years of recovery after it.",
    "What We Do",
    "What We Do",
    "Partnerships",
    "Partnerships",
    "- Where we work",
    "-",
    "Get involved",
    "Get involved",
    "- Data and Research",
]

PLACES = ["Mosul", "Erbil", "Kirkuk", "Baghdad", "Basra", "Sinjar", "Dohuk", "Ramadi", "Tikrit"]
AR_PLACES = ["الموصل", "أربيل", "كركوك", "بغداد", "سنجار", "دهوك"]
SUBJECTS = ["Mobile clinics", "Volunteer teams", "Youth councils", "Water engineers", "Teachers"]
VERBS = ["reached", "trained", "supported", "visited", "equipped"]
OBJECTS = ["returnee families", "village schools", "small traders", "health centres", "farmers"]
DONOR_PHRASES = [
    "with funding from the Government of Japan",
    "thanks to a generous contribution from the European Union",
    "funded by the Government of Germany",
    "with the support of the Government of Canada",
]
AR_SENTENCES = [
    "وصلت الفرق الميدانية إلى القرى البعيدة لتقديم المساعدة للأسر العائدة.",
    "وقال أحد المنسقين إن العمل سيستمر حتى نهاية فصل الشتاء.",
    "ويشمل البرنامج تدريب الشباب على مهارات جديدة في سوق العمل.",
]
CKB_SENTENCES = [
    "تیمەکان سەردانی گوندەکانیان کرد بۆ یارمەتیدانی خێزانە گەڕاوەکان.",
    "ئەم پڕۆژەیە لە ساڵی ئایندەدا بەردەوام دەبێت.",
]


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.randint(20, 900)} "
        f"{rng.choice(OBJECTS)} in {rng.choice(PLACES)} during the last {rng.randint(2, 12)} weeks."
    )


def paragraph(rng: random.Random, *, quote: bool = False) -> str:
    text = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
    if quote:
        text += f' "We can plan again," said a resident of {rng.choice(PLACES)}.'
    return text


def chrome(rng: random.Random) -> list[str]:
    return rng.choice([EN_CHROME, AR_CHROME, GLOBAL_CHROME, ["News", "Local"], []])


def english_article(rng: random.Random) -> list[str]:
    place = rng.choice(PLACES)
    count = rng.choice([2, 4, 8, 15, 40])
    lines = [f"New Support Reaches Families in {place}"]
    shape = rng.random()
    if shape < 0.2:
        lines.append("By: Noor Example")
    elif shape < 0.3:
        lines[0] = f"Statement by the Chief of Mission on the Situation in {place}"
        lines.append(f"Date: {rng.randint(1, 28)} March 2023")
    body = [paragraph(rng, quote=rng.random() < 0.3) for _ in range(count)]
    if shape >= 0.3:
        body[0] = f"{place} – {body[0]}"
    body.insert(1, f"The work is carried out {rng.choice(DONOR_PHRASES)}.")
    if rng.random() < 0.3:
        body += ["The full report is available at:", "https://example.org/report.pdf"]
    if rng.random() < 0.5:
        body += [
            "For more information, please contact:",
            "Jane Example, Tel. +964 750 000 1234, Email: jane@example.org",
        ]
    if rng.random() < 0.15:
        return lines + [""] + ["\n".join(textwrap.wrap(p, 72)) + "\n" for p in body]
    return lines + body


def arabic_article(rng: random.Random) -> list[str]:
    place = rng.choice(AR_PLACES)
    body = [
        " ".join(rng.choices(AR_SENTENCES, k=rng.randint(2, 6))) for _ in range(rng.randint(2, 20))
    ]
    body[0] = f"{place} – {body[0]}"
    body.append("وتم تنفيذ المشروع بتمويل من الاتحاد الأوروبي.")
    return [f"توزيع مساعدات جديدة في {place}", *body]


def kurdish_article(rng: random.Random) -> list[str]:
    body = [
        " ".join(rng.choices(CKB_SENTENCES, k=rng.randint(2, 5))) for _ in range(rng.randint(2, 10))
    ]
    return ["کردنەوەی ناوەندێکی نوێ لە هەولێر", *body]


def listing(rng: random.Random) -> list[str]:
    lines = ["Latest Updates"]
    for _ in range(rng.randint(3, 12)):
        lines += [
            f"Update from {rng.choice(PLACES)}",
            f"{rng.randint(1, 28)} May 2023",
            sentence(rng),
        ]
    return lines


def static_page(rng: random.Random) -> list[str]:
    return ["Privacy Notice", "We keep the details you send us only as long as needed."]


def generate(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    makers = [english_article] * 6 + [arabic_article] * 2 + [kurdish_article, listing, static_page]
    pages = []
    for _ in range(count):
        lines = chrome(rng) + rng.choice(makers)(rng)
        pages.append("\n".join(lines))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    pages = generate(args.pages, args.seed)
    total_bytes = sum(len(page.encode()) for page in pages)

    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    kinds: dict[str, int] = {}
    for i, page in enumerate(pages):
        record = parse_page(page, source=f"bench-{i}", donor_aliases=ALIASES)
        kinds[record.kind] = kinds.get(record.kind, 0) + 1
    elapsed = time.perf_counter() - started
    cpu_elapsed = time.process_time() - cpu_started
    wall_rate = len(pages) / elapsed
    # CPU time is what the parser costs; wall time also counts whatever else
    # the machine runs meanwhile (the load average is recorded for that).
    rate = len(pages) / cpu_elapsed

    # Peak memory of parsing, measured on a separate pass so tracing does not
    # slow the timed one.
    sample = pages[:1000]
    tracemalloc.start()
    for page in sample:
        parse_page(page, donor_aliases=ALIASES)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    result = {
        "pages": len(pages),
        "input_mb": round(total_bytes / 1e6, 2),
        "wall_seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu_elapsed, 3),
        "pages_per_second": round(rate, 1),
        "wall_pages_per_second": round(wall_rate, 1),
        "cpu_ms_per_page": round(1000 * cpu_elapsed / len(pages), 3),
        "load_average_before": round(load_before, 2),
        "target_pages_per_second": TARGET_PAGES_PER_SECOND,
        "meets_target": rate >= TARGET_PAGES_PER_SECOND,
        "parse_peak_traced_kb": round(traced_peak / 1024, 1),
        "process_max_rss_mb": round(max_rss_kb / 1024, 1),
        "kinds": dict(sorted(kinds.items())),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"parsed {result['pages']} pages ({result['input_mb']} MB): "
        f"{result['pages_per_second']} pages/s on CPU time ({result['cpu_ms_per_page']} ms/page), "
        f"{result['wall_pages_per_second']} pages/s on wall time "
        f"(load average {result['load_average_before']}); "
        f"target {TARGET_PAGES_PER_SECOND} pages/s {'met' if result['meets_target'] else 'NOT met'}"
    )
    print(
        f"peak memory: {result['parse_peak_traced_kb']} KB traced while parsing, "
        f"{result['process_max_rss_mb']} MB process max RSS"
    )
    print(f"kinds: {result['kinds']}")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
