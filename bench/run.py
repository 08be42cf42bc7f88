"""`make bench`: the public site's benchmark, then the others' benchmarks when present."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = ["bench_public.py", "bench_parse.py", "bench_import.py", "bench_publish.py", "bench_search.py"]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        script = BENCH / name
        if not script.exists():
            continue
        print(f"\n=== {name} ===", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=BENCH.parent).returncode != 0:
            failed.append(name)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
