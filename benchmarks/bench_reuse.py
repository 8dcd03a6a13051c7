"""Speed and memory of ``find_reuse`` on UN General Debate speeches, against a baseline in the same run (issue 27).

Each task runs in a fresh Python process (its peak memory is its own): it reads the archive, plants the passages
of ``benchmarks/bench_reuse_planted.py`` (the same seeded plants for every task), then goes from the planted corpus
to the table of passages, timed (tokenisation included: both sides tokenise with ``toolkit.tokenize_corpus``, so
that the comparison is of the candidate search, not of tokenisation), and finally scores the table against the
plants (not timed).

* ``find_reuse``: ``toolkit.analysis.reuse.find_reuse(corpus, n=5, min_words=15)``, as the planted benchmark runs it.
* ``baseline, sparse product`` (the baseline of the table): what a competent user writes with scikit-learn/SciPy:
  the toolkit's tokens, every word 5-gram of every speech hashed (numpy), a binary sparse matrix speeches x
  5-grams keeping the 5-grams in 2 to 50 speeches (scikit-learn's ``min_df``/``max_df``, the toolkit's cap), the
  product ``X @ X.T`` for the shared 5-grams of every pair of speeches, the pairs sharing at least 3; then for each
  pair the positions of its shared 5-grams, chained (a new region where the next shared 5-gram is more than 20
  words further in either speech), each chain of at least 3 widened by 20 words and aligned with THE SAME aligner
  (``toolkit.analysis.reuse.align_region``, same scores), passages of at least ``min_words`` aligned words; the
  overlapping passages of a pair merged (the best score kept), oriented by year.
* ``baseline, MinHash-LSH`` (``--baseline lsh``): datasketch ``MinHashLSH`` (128 permutations, threshold 0.1) over
  windows of 50 words with a stride of 25 (every passage of 20 words lies whole in one window; a 20-word passage
  shared by two windows has a 5-gram Jaccard similarity of about 0.2, less with edits), the candidate window pairs
  of two speeches merged into regions, widened and aligned as above.

Why the sparse product: both were tried on a sample. MinHash-LSH over whole speeches cannot see a 20-word passage in
two 3,000-word speeches (a 5-gram Jaccard similarity of about 0.003: no threshold separates that from noise); over
windows, datasketch picks 64 bands of 2 rows for the threshold 0.1 that a 20-word passage with edits needs, and
spends its time in per-window Python (hashing, permutations, band keys) and in floods of candidate window pairs made
of common phrases: on 1,000 speeches its candidate search alone took 84 s (81,000 regions to align), where the whole
sparse baseline took 21 s. The sparse product is exact (every pair of speeches considered), vectorised up to the
per-pair step, and uses the same document-frequency cap as the toolkit: the stronger of the two plain baselines.

Measured (2 shared cores, other jobs running; seconds from the planted corpus to the table):

========  ===============  =================  =====  =================================
speeches  find_reuse       sparse baseline    ratio  recall (0/5/10/20% edits), both
========  ===============  =================  =====  =================================
2,000     26 s, 930 MB     50 s, 946 MB       0.53   1.00 / 1.00 / 1.00 / 1.00
4,000     69 s, 1,409 MB   163 s, 1,389 MB    0.42   1.00 / 1.00 / 1.00 / 1.00
10,952    238 s, 3,324 MB  ~900 s (extrap.)   ~0.26  find_reuse: 1.00 / 1.00 / 1.00 / 0.98
========  ===============  =================  =====  =================================

The baseline grows as speeches^1.7 (its candidate pairs grow with the square of the corpus, each handled in Python):
from 163 s on 4,000 speeches, about 900 s (15 minutes) on the whole corpus, an extrapolation; ``--all`` runs it all
the same (allow 20 minutes). find_reuse on the whole corpus: 238 s and 3.3 GB peak (the read archive included),
recall 1.00 / 1.00 / 1.00 / 0.98: over the issue's 180 s and 3 GB.

Targets (issue 27): find_reuse under 180 s and 3 GB on the whole corpus (two cores), at most 0.5x the baseline's
time, with a recall on the planted passages at least the baseline's at every edit rate. The script exits with status
1 when a target fails. ``--speeches N`` (default 2,000) measures a seeded sample; ``--all`` the whole corpus.

Usage: python benchmarks/bench_reuse.py [ARCHIVE] [--speeches N | --all] [--baseline sparse|lsh]
(ARCHIVE default: $TOOLKIT_UNGDC, then ../shared/corpora/UNGDC_1946-2024.tgz); prints markdown tables.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from archive import archive_argument  # benchmarks/archive.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
#: The planted benchmark's settings: passages, edit rates, seed, and find_reuse's keywords.
PLANTS, RATES, SEED = 200, [0, 5, 10, 20], 0
OPTIONS: dict[str, Any] = {"n": 5, "min_words": 15}
#: The baseline's candidate search: the toolkit's defaults where they have a counterpart.
MAX_DF, MIN_SHARED, GAP, MARGIN = 50, 3, 20, 20
#: MinHash-LSH over windows: words a window, words between window starts, permutations, Jaccard threshold.
WINDOW, STRIDE, PERMUTATIONS, THRESHOLD = 50, 25, 128, 0.1
#: The targets: seconds and MB of find_reuse on the whole corpus, its time over the baseline's.
MAX_SECONDS, MAX_MB, MAX_RATIO = 180.0, 3072.0, 0.5
TASKS = {"find_reuse": "find_reuse, 1 process", "find_reuse_2": "find_reuse, 2 processes",
         "sparse": "baseline, sparse product", "lsh": "baseline, MinHash-LSH"}


# --------------------------------------------------------------------------- the baselines


def shingle_keys(ids: np.ndarray, n: int) -> np.ndarray:
    """A 64-bit hash of each word n-gram of one statement's token ids (position i: ids[i:i + n])."""
    total = ids.size - n + 1
    if total <= 0:
        return np.zeros(0, dtype=np.uint64)
    mult = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                    dtype=np.uint64)
    wide = ids.astype(np.uint64) + np.uint64(1)
    keys = np.zeros(total, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            keys = keys * np.uint64(31) + wide[j:j + total] * mult[j]
    return keys


def sparse_candidates(ids: list[np.ndarray], n: int) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """The pairs of statements sharing at least MIN_SHARED informative n-grams (df 2 to MAX_DF), by the sparse
    product; and each statement's informative n-grams (column ids) and their positions."""
    from scipy import sparse

    keys = [shingle_keys(x, n) for x in ids]
    rows = np.repeat(np.arange(len(keys)), [k.size for k in keys])
    columns, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    matrix = sparse.csr_matrix((np.ones(rows.size, dtype=np.int32), (rows, inverse)),
                               shape=(len(keys), columns.size))
    matrix.data[:] = 1  # binary: a set of n-grams per statement
    df = np.asarray(matrix.sum(axis=0)).ravel()
    informative = (df >= 2) & (df <= MAX_DF)
    kept = matrix[:, np.flatnonzero(informative)]
    shared = sparse.triu(kept @ kept.T, k=1).tocoo()
    pairs = np.stack([shared.row, shared.col], axis=1)[shared.data >= MIN_SHARED]
    cuts = np.cumsum([k.size for k in keys])[:-1]
    good = np.split(informative[inverse], cuts)
    return pairs, np.split(inverse, cuts), [np.flatnonzero(g) for g in good]


def sparse_regions(pairs: np.ndarray, columns: list[np.ndarray], kept: list[np.ndarray]) -> list[tuple]:
    """For each candidate pair, its chains of shared n-grams: (a, first, last, b, first, last) in token positions
    (an n-gram found twice in one statement counts at its first position)."""
    by_column = []
    for cols, positions in zip(columns, kept):
        order = np.argsort(cols[positions], kind="stable")
        by_column.append((cols[positions][order], positions[order]))
    regions: list[tuple] = []
    for a, b in pairs.tolist():
        (ca, pa), (cb, pb) = by_column[a], by_column[b]
        _, ia, ib = np.intersect1d(ca, cb, return_indices=True)
        x, y = pa[ia], pb[ib]
        order = np.argsort(x, kind="stable")
        x, y = x[order], y[order]
        regions.extend((a, x0, x1, b, y0, y1) for x0, x1, y0, y1 in chains(x, y))
    return regions


def chains(x: np.ndarray, y: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Seeds (positions ``x`` in a, sorted, and ``y`` in b) chained while the next is at most GAP words further in
    both; the chains of at least MIN_SHARED seeds as (first a, last a, first b, last b)."""
    new = np.ones(x.size, dtype=bool)
    new[1:] = (np.diff(x) > GAP) | (np.abs(np.diff(y - x)) > GAP)
    first = np.flatnonzero(new)
    keep = np.diff(np.r_[first, x.size]) >= MIN_SHARED
    if not keep.any():
        return []
    return list(zip(np.minimum.reduceat(x, first)[keep].tolist(), np.maximum.reduceat(x, first)[keep].tolist(),
                    np.minimum.reduceat(y, first)[keep].tolist(), np.maximum.reduceat(y, first)[keep].tolist()))


def lsh_candidates(ids: list[np.ndarray], n: int) -> list[tuple]:
    """The window pairs of two statements that MinHash-LSH returns, chained into regions
    (a, first, last, b, first, last) in token positions (last: the start of the last n-gram)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    windows: list[tuple[int, int]] = []
    sketches = []
    for k, x in enumerate(ids):
        keys = (shingle_keys(x, n) & np.uint64(0xFFFFFFFF)).tolist()
        for start in range(0, max(len(keys) - WINDOW + n, 0) + 1, STRIDE):
            part = keys[start:start + WINDOW - n + 1]
            if not part:
                continue
            sketch = MinHash(num_perm=PERMUTATIONS, hashfunc=int)
            sketch.update_batch(part)
            windows.append((k, start))
            sketches.append(sketch)
    with lsh.insertion_session() as session:
        for w, sketch in enumerate(sketches):
            session.insert(w, sketch, check_duplication=False)
    found: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for w, sketch in enumerate(sketches):
        a, start_a = windows[w]
        for v in lsh.query(sketch):
            b, start_b = windows[v]
            if a < b:
                found.setdefault((a, b), []).append((start_a, start_b))
    regions: list[tuple] = []
    for (a, b), starts in found.items():
        for _count, a0, a1, b0, b1 in window_chains(starts):
            regions.append((a, a0, a1 + WINDOW - n, b, b0, b1 + WINDOW - n))
    return regions


def window_chains(starts: list[tuple[int, int]]) -> list[tuple[int, int, int, int, int]]:
    """Candidate window pairs of two statements (start in a, start in b), chained where consecutive along a and b."""
    out = []
    run: list[tuple[int, int]] = []
    for x, y in sorted(starts):
        if run and (x - run[-1][0] > STRIDE or abs(y - run[-1][1]) > STRIDE):
            out.append(run)
            run = []
        run.append((x, y))
    out.append(run)
    return [(len(r), min(x for x, _ in r), max(x for x, _ in r), min(y for _, y in r), max(y for _, y in r))
            for r in out if r]


def baseline(corpus: Any, *, method: str, n: int = 5, min_words: int = 15) -> Any:
    """The baseline's table of passages (the first columns of find_reuse's) for ``method`` "sparse" or "lsh"."""
    from toolkit import tokenize_corpus
    from toolkit.analysis.reuse import align_region

    tc = tokenize_corpus(corpus)
    ids = tc.ids
    if method == "sparse":
        regions = sparse_regions(*sparse_candidates(ids, n))
    else:
        regions = lsh_candidates(ids, n)
    rows = []
    for a, a0, a1, b, b0, b1 in regions:
        sa, ea = max(0, a0 - MARGIN), min(ids[a].size, a1 + n + MARGIN)
        sb, eb = max(0, b0 - MARGIN), min(ids[b].size, b1 + n + MARGIN)
        found = align_region(ids[a][sa:ea], ids[b][sb:eb])
        if found is not None and found[4] >= min_words:
            s_a, e_a, s_b, e_b, pairs, equal, score = found
            rows.append((a, sa + s_a, sa + e_a, b, sb + s_b, sb + e_b, pairs, equal, score))
    return passages(tc, rows)


def passages(tc: Any, rows: list[tuple]) -> Any:
    """The aligned regions as a table: overlapping ones of a pair merged (best score first), token positions
    mapped to characters, the earlier speech as the source."""
    import pandas as pd

    kept: dict[tuple[int, int], list[tuple]] = {}
    for row in sorted(rows, key=lambda r: (r[0], r[3], -r[8])):
        taken = kept.setdefault((row[0], row[3]), [])
        if not any(row[1] < t[2] and t[1] < row[2] and row[4] < t[5] and t[4] < row[5] for t in taken):
            taken.append(row)
    doc_ids, years = tc.statements["doc_id"].tolist(), tc.statements["year"].tolist()
    out = []
    for a, a0, a1, b, b0, b1, pairs, equal, score in (r for rows_ in kept.values() for r in rows_):
        sides = [(a, *characters(tc, a, a0, a1)), (b, *characters(tc, b, b0, b1))]
        direction = "forward" if years[a] is not None and years[b] is not None and years[a] != years[b] \
            else "undirected"
        if direction == "forward" and years[b] < years[a]:
            sides.reverse()
        (s, s0, s1), (t, t0, t1) = sides
        out.append((doc_ids[s], s0, s1, doc_ids[t], t0, t1, pairs, equal / pairs if pairs else 0.0, score,
                    direction))
    return pd.DataFrame(out, columns=["source_doc", "source_start", "source_end", "target_doc", "target_start",
                                      "target_end", "n_words", "identity", "score", "direction"])


def characters(tc: Any, k: int, first: int, last: int) -> tuple[int, int]:
    """The character span in its document of statement ``k``'s tokens ``first`` to ``last - 1``."""
    starts, ends = tc.spans(k, first, last)
    return int(tc.offsets[k]) + int(starts[0]), int(tc.offsets[k]) + int(ends[-1])


# --------------------------------------------------------------------------- one task, in a fresh process


def child(task: str, archive: str, speeches: str) -> None:
    """Read, plant, run the task timed, score; print the result as JSON."""
    import pandas  # noqa: F401  (imported before the clock starts)
    from bench_reuse_planted import plant, read_sample, score, summarise

    from toolkit.text.corpus import Corpus

    start = time.perf_counter()
    docs = read_sample(archive, None if speeches == "all" else int(speeches), SEED)
    read = time.perf_counter() - start
    planted, plants = plant(docs, PLANTS, RATES, SEED)
    corpus = Corpus(planted)
    start = time.perf_counter()
    if task == "find_reuse":
        from toolkit.analysis.reuse import find_reuse

        table = find_reuse(corpus, **OPTIONS)
    elif task == "find_reuse_2":
        from toolkit.backends.parallel import reuse_parallel

        table = reuse_parallel(corpus, jobs=2, **OPTIONS)
    else:
        table = baseline(corpus, method=task, **OPTIONS)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results, _ = score(table, plants, {doc.id: doc.text for doc in planted})
    lines = summarise(results, RATES)
    print(json.dumps({"task": task, "speeches": len(docs), "read_seconds": read, "seconds": seconds,
                      "peak_mb": peak, "rows": len(table), "rates": lines,
                      "attrs": {k: v for k, v in table.attrs.items() if isinstance(v, int)}}))


def run(task: str, archive: str, speeches: str) -> dict[str, Any]:
    """One task in a fresh process; its peak memory is the largest sum of the proportional set sizes (PSS) of its
    processes, sampled every 0.2 s (a worker forked from it shares its pages: PSS counts each page once)."""
    with subprocess.Popen([sys.executable, __file__, "--child", task, archive, speeches], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as process:
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, tree_pss(process.pid))
            time.sleep(0.2)
        out, err = process.communicate()
    if process.returncode:
        sys.stderr.write(err)
        raise SystemExit(f"bench_reuse: the task {task} failed")
    result = json.loads(out.splitlines()[-1])
    if peak:  # /proc is there (Linux): PSS of the whole tree, else the process's own maximum resident size
        result["peak_mb"] = peak
    return result


def tree_pss(pid: int) -> float:
    """The summed PSS in MB of a process and its descendants (0 where /proc cannot tell)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/task/{current}/children") as listing:
                todo += [int(child) for child in listing.read().split()]
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024
        except (OSError, ValueError):
            continue
    return total


# --------------------------------------------------------------------------- the tables


def reuse_markdown(archive: str, *, speeches: int | None = None, method: str = "sparse"
                   ) -> tuple[list[str], bool]:
    """The benchmark's tables (time and memory, recall per edit rate, targets), and whether every target is met.

    ``speeches`` None: the whole corpus (the issue's targets); else a seeded sample. find_reuse runs on one process
    (against the baseline, which runs on one) and on two (the issue's "two cores").
    """
    which = "all" if speeches is None else str(speeches)
    ours, theirs, two = run("find_reuse", archive, which), run(method, archive, which), run("find_reuse_2", archive,
                                                                                             which)
    ratio = ours["seconds"] / theirs["seconds"]
    lines = [f"Text reuse, {ours['speeches']} speeches with {PLANTS} planted passages (seed {SEED}), "
             f"{OPTIONS}; from the planted corpus to the table, tokenisation included (reading the archive: "
             f"{ours['read_seconds']:.0f} s, not counted). Peak MB: the PSS of the task's processes.", "",
             "| task                         |       s | peak MB | vs. baseline |   rows |",
             "|------------------------------|---------|---------|--------------|--------|"]
    for r, vs in ((ours, f"{ratio:.2f}"), (two, f"{two['seconds'] / theirs['seconds']:.2f}"), (theirs, "")):
        lines.append(f"| {TASKS[r['task']]:<28} | {r['seconds']:>7.1f} | {r['peak_mb']:>7.0f} | {vs:>12} | "
                     f"{r['rows']:>6} |")
    lines += ["", "| edit rate | planted | recall find_reuse | recall baseline | median IoU find_reuse (target / "
              "source) | median IoU baseline | wrong source, find_reuse | alternative source, find_reuse |",
              "|---|---|---|---|---|---|---|---|"]
    recall_ok = two["rows"] == ours["rows"]
    for mine, other in zip(ours["rates"], theirs["rates"]):
        recall_ok &= mine["recall"] >= other["recall"]
        lines.append(f"| {mine['rate']}% | {mine['planted']} | {mine['recall']:.3f} | {other['recall']:.3f} | "
                     f"{mine['median_iou_target']:.3f} / {mine['median_iou_source']:.3f} | "
                     f"{other['median_iou_target']:.3f} | {mine['wrong_source']} | {mine['alternative_source']} |")
    checks = [(f"find_reuse (2 processes) < {MAX_SECONDS:g} s", f"{two['seconds']:.1f} s",
               two["seconds"] < MAX_SECONDS),
              (f"find_reuse (2 processes) < {MAX_MB / 1024:g} GB", f"{two['peak_mb']:.0f} MB",
               two["peak_mb"] < MAX_MB),
              (f"time ratio, 1 process, <= {MAX_RATIO}", f"{ratio:.2f}", ratio <= MAX_RATIO),
              ("recall >= baseline's at every rate; the same rows on 2 processes", "", recall_ok)]
    lines += ["", "| target | value | met |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {'met' if met else '**not met**'} |" for name, value, met in checks]
    if speeches is not None:
        lines += ["", "(A sample: the issue's targets are for the whole corpus; `--all` measures them.)"]
    return lines, all(met for _, _, met in checks)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(*argv[1:])
        return 0
    parser = argparse.ArgumentParser(prog="bench_reuse", description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", nargs="?", help="the UNGDC archive (default: $TOOLKIT_UNGDC, then ../shared)")
    parser.add_argument("--speeches", type=int, default=2000, help="speeches sampled (default 2000)")
    parser.add_argument("--all", action="store_true", help="the whole corpus")
    parser.add_argument("--baseline", choices=["sparse", "lsh"], default="sparse", help="the baseline (sparse)")
    args = parser.parse_args(argv)
    archive = archive_argument([args.archive] if args.archive else [], "bench_reuse", str(DEFAULT_ARCHIVE))
    if archive is None:
        return 1
    lines, ok = reuse_markdown(archive, speeches=None if args.all else args.speeches, method=args.baseline)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
