"""Compare benchmark on the UN General Debate Corpus: keyness and collocates, beside a plain baseline.

Each task runs in a fresh Python process (so that peak memory is its own), from the archive to the
table, reading included. Both the toolkit and the baseline read the archive with the toolkit's
reader (``iter_corpus``), so that the ratio compares the counting and the arithmetic:

* ``keyness, words``: ``keyness(corpus, by="year", target=(2001, 2010), reference=(1991, 2000))``;
* ``baseline, words``: what a user would write: ``collections.Counter`` over the regex-split
  lower-cased tokens of each group, then the same signed G2 and log ratio in pandas;
* ``keyness, 2-4-grams``: the same groups, ``features="ngrams"`` (pruned at ``min_count`` after the
  counts of both groups are summed);
* ``collocates of condemn*``: window 5, in one process and in two (``collocates_parallel``).

Targets (issue 24): keyness of words under 15 s, 2 GB and at most 0.8x the baseline's time;
keyness of 2-4-grams under 15 s and 2 GB; collocates of ``condemn*`` under 10 s (the faster
back end). The script exits with status 1 when a target fails.

Usage: python benchmarks/bench_compare.py [ARCHIVE]   (default: $TOOLKIT_UNGDC, then
../shared/corpora/UNGDC_1946-2024.tgz); prints a markdown table.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from archive import archive_argument  # benchmarks/archive.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
TARGET, REFERENCE = (2001, 2010), (1991, 2000)
NODE = "condemn*"
#: (seconds, peak MB, ratio to the baseline) each task must stay under; None: no target.
TARGETS = {"keyness, words": (15.0, 2048.0, 0.8), "keyness, 2-4-grams": (15.0, 2048.0, None),
           "collocates, 2 processes": (10.0, None, None)}


def read(archive: str):
    from toolkit.io import iter_corpus
    from toolkit.text.corpus import Corpus

    return Corpus(tuple(iter_corpus(archive)))


def baseline_words(archive: str) -> dict:
    """Counter over regex-split lower-cased tokens of each group, then G2 and log ratio in pandas."""
    import re
    from collections import Counter

    import numpy as np
    import pandas as pd

    token = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
    counts: tuple[Counter, Counter] = (Counter(), Counter())
    for doc in read(archive):
        year = doc.year
        for g, (low, high) in enumerate((TARGET, REFERENCE)):
            if year is not None and low <= year <= high:
                counts[g].update(token.findall(doc.text.lower()))
    table = pd.DataFrame({"a": pd.Series(counts[0], dtype="int64"), "b": pd.Series(counts[1], dtype="int64")})
    table = table.fillna(0)
    table = table[table["a"] + table["b"] >= 5]
    t, r = float(sum(counts[0].values())), float(sum(counts[1].values()))
    a, b, n = table["a"].astype(float), table["b"].astype(float), t + r
    g2: Any = 0.0
    cells = ((a, (a + b) * t / n), (b, (a + b) * r / n), (t - a, (n - a - b) * t / n), (r - b, (n - a - b) * r / n))
    for o, e in cells:
        g2 = g2 + np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / e), 0.0)
    table["log_likelihood"] = np.where(a * r >= b * t, 2 * g2, -2 * g2)
    smooth = np.where((a == 0) | (b == 0), 0.5, 0.0)
    table["log_ratio"] = np.log2(((a + smooth) / t) / ((b + smooth) / r))
    table = table.sort_values("log_ratio", ascending=False)
    return {"rows": len(table), "top": str(table.index[0])}


def toolkit_keyness(archive: str, features: str) -> dict:
    from toolkit.analysis.keyness import keyness

    table = keyness(read(archive), by="year", target=TARGET, reference=REFERENCE, features=features)
    return {"rows": len(table), "top": str(table["feature"].iloc[0])}


def toolkit_collocates(archive: str, jobs: int) -> dict:
    from toolkit.analysis.collocates import collocates
    from toolkit.backends import collocates_parallel
    from toolkit.io import iter_corpus

    if jobs == 1:
        table = collocates(read(archive), NODE, window=5)
    else:
        table = collocates_parallel(iter_corpus(archive), NODE, window=5, jobs=jobs)
    return {"rows": len(table), "top": str(table["collocate"].iloc[0])}


TASKS = {
    "baseline, words": baseline_words,
    "keyness, words": lambda archive: toolkit_keyness(archive, "words"),
    "keyness, 2-4-grams": lambda archive: toolkit_keyness(archive, "ngrams"),
    "collocates, 1 process": lambda archive: toolkit_collocates(archive, 1),
    "collocates, 2 processes": lambda archive: toolkit_collocates(archive, 2),
}


def child(task: str, archive: str) -> None:
    import numpy  # noqa: F401  (imports before the clock starts, for every task)
    import pandas  # noqa: F401

    import toolkit.analysis.collocates
    import toolkit.analysis.keyness
    import toolkit.backends
    import toolkit.io  # noqa: F401

    start = time.perf_counter()
    result = TASKS[task](archive)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, **result}))


def measure(task: str, archive: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", task, archive], capture_output=True, text=True,
                          check=True)
    return {"task": task, **json.loads(done.stdout.splitlines()[-1])}


def compare_rows(archive: str) -> list[dict]:
    """One row per task: task, seconds, peak_mb, rows, top, and whether it meets its target."""
    rows = [measure(task, archive) for task in TASKS]
    base = rows[0]["seconds"]
    for r in rows:
        r["ratio"] = r["seconds"] / base if r["task"].startswith("keyness, words") else None
        limit = TARGETS.get(r["task"])
        r["target"] = "" if limit is None else " and ".join(
            f"{name} < {value:g}" for name, value in zip(("s", "MB", "x base."), limit) if value is not None)
        r["ok"] = limit is None or ((r["seconds"] < limit[0]) and (limit[1] is None or r["peak_mb"] < limit[1])
                                    and (limit[2] is None or r["ratio"] <= limit[2]))
    return rows


def compare_markdown(archive: str) -> tuple[list[str], bool]:
    """The rows of :func:`compare_rows` as a markdown table, and whether every target is met."""
    rows = compare_rows(archive)
    lines = [f"Keyness of {TARGET[0]}-{TARGET[1]} against {REFERENCE[0]}-{REFERENCE[1]} (min_count 5) and collocates "
             f"of {NODE!r} (window 5), from the archive to the table (reading included, iter_corpus for every task); "
             "each task in a fresh process.", "",
             "| task | s | peak MB | vs. baseline | rows | first row | target | met |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        met = "" if not r["target"] else ("yes" if r["ok"] else "**no**")
        lines.append(f"| {r['task']} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | {ratio} | {r['rows']} | {r['top']} | "
                     f"{r['target']} | {met} |")
    return lines, all(r["ok"] for r in rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(*argv[1:])
        return 0
    archive = archive_argument(argv, "bench_compare", str(DEFAULT_ARCHIVE))
    if archive is None:
        return 1
    lines, ok = compare_markdown(archive)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
