"""Discovery benchmark on the UN General Debate Corpus: the toolkit beside two plain numpy baselines.

For each fraction of the corpus (its first N speeches), in the same run and each in a fresh Python
process (so that peak memory is the task's own), this measures the whole task from the archive to
the table, reading and tokenising included:

* the toolkit: ``discover_parallel`` (3- to 8-grams used by at least 20 actors, merged, with the
  example, association and lexicon columns), in one process, and at 100% also in two;
* a baseline: what a user would write with numpy and no toolkit (``baseline_counts``): token ids
  from a dict, one 64-bit rolling hash per n-gram length, ``np.unique`` for frequency and a
  ``np.lexsort`` for distinct (n-gram, actor) pairs;
* the same baseline with apriori pruning: an n-gram is hashed only where the two shorter n-grams
  it is made of both passed.

The baselines count n-grams inside sentences (split at ``. ! ?`` and blank lines) and report the
number of n-grams used by at least 20 actors; they neither merge nested n-grams nor give examples.
Peak memory is the largest resident size of the process (with ``--jobs 2``, of it or its workers).

Usage: python benchmarks/bench_discover.py [ARCHIVE]   (default: $TOOLKIT_UNGDC, then
../shared/corpora/UNGDC_1946-2024.tgz); prints a markdown table.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from archive import (  # benchmarks/archive.py (this script's folder is on sys.path)
    script_main,
    speeches,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
TOTAL_SPEECHES = 10952
PHRASE = "in all its forms and manifestations"
MIN_ACTORS = 20


def texts(archive: str, limit: int):
    """(actor, text) of the first ``limit`` speeches, with tarfile and bytes.decode."""
    for actor, _, data in speeches(archive, limit):
        yield actor, data.decode("utf-8-sig")


def baseline_counts(archive: str, limit: int, prune: bool) -> dict:
    """Frequency and actor range of the 3- to 8-grams, as a user would count them with numpy."""
    import numpy as np

    token, sentence_end = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+"), re.compile(r"[.!?]+\s+|\n\s*\n")
    vocabulary: dict[str, int] = {}
    actors: dict[str, int] = {}
    # per speech: token ids; a sentence starts at the token; the actor
    id_parts: list[np.ndarray] = []
    start_parts: list[np.ndarray] = []
    actor_parts: list[np.ndarray] = []
    for actor, text in texts(archive, limit):
        words: list[int] = []
        begins: list[bool] = []
        for sentence in sentence_end.split(text.lower()):
            tokens = [vocabulary.setdefault(w, len(vocabulary)) for w in token.findall(sentence)]
            words += tokens
            begins += [True] + [False] * (len(tokens) - 1) if tokens else []
        id_parts.append(np.array(words, np.uint64))
        start_parts.append(np.array(begins, bool))
        actor_parts.append(np.full(len(words), actors.setdefault(actor, len(actors))))
    ids, starts = np.concatenate(id_parts), np.concatenate(start_parts)
    actor_of = np.concatenate(actor_parts)
    size = ids.size
    hashes = ids + np.uint64(1)  # of the n-gram at each position
    passed = np.ones(size, bool)  # the n-gram at each position is used by enough actors
    inside = np.ones(size, bool)  # the n-gram at each position lies inside one sentence
    found: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    lengths = range(1 if prune else 3, 9)
    for n in range(1, 9):
        if n > 1:  # the n-gram at p: the (n - 1)-gram at p, then token p + n - 1
            inside[:size - n + 1] &= ~starts[n - 1:]
            inside[size - n + 1:] = False
            hashes = hashes * np.uint64(1_000_003) + np.roll(ids, -(n - 1)) + np.uint64(1)
        if n not in lengths:
            continue
        where = inside.copy()
        if prune and n > 1:
            where[:-1] &= passed[:-1] & passed[1:]
            where[-1] = False
        keys, actor = hashes[where], actor_of[where]
        unique, frequency = np.unique(keys, return_counts=True)
        order = np.lexsort((actor, keys))  # distinct (n-gram, actor) pairs
        k, a = keys[order], actor[order]
        first = np.r_[True, (k[1:] != k[:-1]) | (a[1:] != a[:-1])]
        actor_keys, actor_counts = np.unique(k[first], return_counts=True)  # the same keys as unique
        enough = actor_counts >= MIN_ACTORS
        if prune:
            passed = np.zeros(size, bool)
            passed[where] = np.isin(keys, actor_keys[enough])
        if n >= 3:
            found[n] = (unique[enough], frequency[enough], actor_counts[enough])
    phrase = [vocabulary.get(w) for w in PHRASE.split()]
    row = "absent"
    if all(w is not None for w in phrase):
        h = 0
        # the rolling hash above, wrapping at 2**64 as numpy's uint64 does
        for w in (w for w in phrase if w is not None):
            h = (h * 1_000_003 + w + 1) % 2**64
        keys, frequency, n_actors = found[len(phrase)]
        at = np.flatnonzero(keys == np.uint64(h))
        if at.size:
            row = f"frequency {frequency[at[0]]}, {n_actors[at[0]]} actors"
    return {"candidates": int(sum(k.size for k, _, _ in found.values())), "row": row}


def toolkit_counts(archive: str, limit: int, jobs: int) -> dict:
    from itertools import islice

    from toolkit.backends import discover_parallel
    from toolkit.io import default_lexicon, iter_corpus

    table = discover_parallel(islice(iter_corpus(archive), limit), jobs=jobs, min_actors=MIN_ACTORS,
                              lexicon=default_lexicon())
    found = table[table.ngram == PHRASE]
    row = "absent" if found.empty else (f"row {found.index[0]}: frequency {found.frequency.iloc[0]}, "
                                        f"{found.n_actors.iloc[0]} actors")
    return {"candidates": len(table), "row": row}


TASKS = {
    "toolkit": lambda archive, limit: toolkit_counts(archive, limit, 1),
    "toolkit, 2 processes": lambda archive, limit: toolkit_counts(archive, limit, 2),
    "baseline": lambda archive, limit: baseline_counts(archive, limit, False),
    "baseline, pruned": lambda archive, limit: baseline_counts(archive, limit, True),
}


def child(task: str, archive: str, limit: int | str) -> None:
    limit = int(limit)
    import numpy  # noqa: F401  (imports before the clock starts, for every task)

    import toolkit.analysis.discover
    import toolkit.backends  # noqa: F401

    start = time.perf_counter()
    result = TASKS[task](archive, limit)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, **result}))


def measure(task: str, archive: str, fraction: float) -> dict:
    limit = max(1, round(TOTAL_SPEECHES * fraction))
    done = subprocess.run([sys.executable, __file__, "--child", task, archive, str(limit)], capture_output=True,
                          text=True, check=True)
    return {"task": task, "fraction": fraction, "docs": limit, **json.loads(done.stdout.splitlines()[-1])}


def discovery_rows(archive: str, fractions=(0.25, 0.5, 1.0)) -> list[dict]:
    """One row per task and fraction: task, fraction, docs, seconds, peak_mb, candidates, row."""
    rows = []
    for fraction in fractions:
        for task in ("toolkit", "baseline", "baseline, pruned"):
            rows.append(measure(task, archive, fraction))
        if fraction == 1.0:
            rows.append(measure("toolkit, 2 processes", archive, fraction))
    return rows


def discovery_markdown(archive: str, fractions=(0.25, 0.5, 1.0)) -> list[str]:
    """The rows of :func:`discovery_rows` as a markdown table, with the toolkit's time over each baseline's."""
    rows = discovery_rows(archive, fractions)
    lines = [f"Discovery of 3- to 8-grams used by at least {MIN_ACTORS} actors, from the archive to the table "
             "(reading and tokenising included); each task in a fresh process.", "",
             "| task | corpus | docs | s | peak MB | vs. baseline | vs. pruned | n-grams found | "
             f"'{PHRASE}' |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        same = {x["task"]: x for x in rows if x["fraction"] == r["fraction"]}
        ratios = [f"{r['seconds'] / same[b]['seconds']:.2f}" if r["task"].startswith("toolkit") and b in same else ""
                  for b in ("baseline", "baseline, pruned")]
        lines.append(f"| {r['task']} | {r['fraction']:.0%} | {r['docs']} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | "
                     f"{ratios[0]} | {ratios[1]} | {r['candidates']} | {r['row']} |")
    return lines


def main(argv: list[str]) -> int:
    return script_main(argv, "bench_discover", str(DEFAULT_ARCHIVE), child, discovery_markdown)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
