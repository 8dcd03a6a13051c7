"""Planted-reuse benchmark (issue 27): recall and span accuracy of ``find_reuse`` on passages planted in real speeches.

A black-box harness: it plants passages copied from one UN General Debate speech into another, runs
``toolkit.analysis.reuse.find_reuse`` on the modified corpus in a fresh process, and scores the table it returns.

1. A seeded sample of ``--speeches N`` speeches (default 2,000, over all years; ``--all``: the whole corpus).
2. ``--plants K`` passages (default 200, as many per edit rate of ``--rates``, default 0, 5, 10, 20 %): each copies
   20 to 80 words of a source speech (from a word's start to a word's end, at a sentence start where there is one),
   edits round(rate x words) of its words (never the first or the last, so that the passage's extent stays defined):
   each edit a substitution by a word drawn from the sample's running text (so in proportion to its frequency), the
   insertion of such a word, or a deletion, in equal proportion; and inserts the result into a speech of a LATER year
   and a DIFFERENT actor at a sentence boundary (after ". " or a line break). A speech receives at most one plant and
   gives at most one, never both; sources are left as they are. Documents keep their ids, actors and years.
3. ``find_reuse(corpus, n=..., min_words=...)`` (``--n``, ``--min-words``; any other keyword with ``--set KEY=VALUE``)
   runs in a fresh process (``--child``), timed: wall seconds and peak MB (resource, the process and its children;
   the corpus in memory included).
4. Scored per edit rate:

   * found: some row links the planted target and the planted source (either order: an "undirected" row may have
     them swapped) and its span in the target overlaps the planted span; the best such row (largest overlap) counts;
   * span accuracy: character intersection over union of that row's target span with the planted target span (in
     the modified target) and of its source span with the planted source span (in the unmodified source); median
     and 10th percentile over the found passages;
   * wrong source: a row whose target-side span covers at least half of a planted span (for an "undirected" row,
     either side) while its other side is neither the planted source nor a document that holds the planted source
     passage itself or a piece of it: the other span and the passage share, in order, at least 70% of the words of
     the shorter of the two (``difflib``'s matching blocks, independent of the toolkit's aligner). The real
     speeches reuse their own and others' passages, so a planted passage often has such an alternative source (a
     state's speech of the next year repeating it, edited; another speech opening with the same courtesy); those
     rows are counted apart (``alternative source``), not as wrong.

Targets (issue 27): recall >= 0.95 up to 10% edits and >= 0.80 at 20%; median span overlap >= 0.95 (target and
source, every rate); no wrong source. The script exits with status 1 when a target fails.

``--oracle`` runs a deliberately naive stand-in instead of ``find_reuse`` (maximal runs of exact word 5-grams shared
by two documents, 5-grams in more than 20 documents dropped), to check the harness itself: recall near 1.0 at 0%
edits, lower with edits.

Usage: python benchmarks/bench_reuse_planted.py [ARCHIVE] [--speeches N | --all] [--plants K] [--seed S]
[--n N] [--min-words N] [--set KEY=VALUE ...] [--oracle] [--verbose] [--json [PATH]]
(ARCHIVE default: $TOOLKIT_UNGDC, then ../shared/corpora/UNGDC_1946-2024.tgz).
"""

from __future__ import annotations

import argparse
import ast
import bisect
import importlib
import json
import pickle
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from archive import archive_argument  # benchmarks/archive.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
WORD = re.compile(r"\w+")
#: Where a planted passage may go: before a capital letter after a sentence's end and a space or line break, or
#: after a paragraph break (a blank line). Single line breaks are not boundaries: many speeches keep the line
#: breaks of their printed page inside sentences.
BOUNDARY = re.compile(r"(?:(?<=[.!?][ \n])|(?<=[.!?] \n)|(?<=\n\n))(?=[A-Z])")
COLUMNS = ("source_doc", "source_start", "source_end", "target_doc", "target_start", "target_end", "n_words",
           "identity", "score", "direction")
MIN_WORDS, MAX_WORDS = 20, 80
#: Minimum recall per edit rate (%), the rate's own or the one of the largest listed rate below it.
RECALL_TARGETS = {0: 0.95, 5: 0.95, 10: 0.95, 20: 0.80}
MEDIAN_IOU_TARGET = 0.95
SAME_PASSAGE = 0.70  # share of the shorter's words, in order, that makes another span "the planted passage itself"


@dataclass(frozen=True)
class Plant:
    """One planted passage: where it was taken from and where it went (character offsets)."""

    rate: int  # edit rate, percent
    source: str
    source_start: int
    source_end: int
    target: str
    target_start: int  # in the modified target text
    target_end: int
    words: int  # words of the source passage
    edits: int


# --------------------------------------------------------------------------- reading and planting


def read_sample(archive: str, speeches: int | None, seed: int) -> list:
    """The speeches of the archive (all of them when ``speeches`` is None, else a seeded sample), in archive order."""
    from toolkit.io import iter_corpus

    docs = [doc for doc in iter_corpus(archive) if doc.text.strip()]
    if speeches is None or speeches >= len(docs):
        return docs
    keep = set(random.Random(seed).sample(range(len(docs)), speeches))
    return [doc for i, doc in enumerate(docs) if i in keep]


def words_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word token."""
    return [m.span() for m in WORD.finditer(text)]


def sentence_starts(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Indexes of the words that start a sentence: a capitalised word first in the text, or after [.!?] or a blank
    line."""
    starts = []
    for i, (start, _) in enumerate(spans):
        before = text[spans[i - 1][1]:start] if i else "."
        if text[start].isupper() and ("\n\n" in before or any(c in before for c in ".!?")):
            starts.append(i)
    return starts


def choose_passage(text: str, rng: random.Random) -> tuple[int, int] | None:
    """(index of the first word, number of words) of a passage of 20 to 80 words, at a sentence start where one
    fits; None when the text is too short."""
    spans = words_of(text)
    if len(spans) < MIN_WORDS:
        return None
    length = rng.randint(MIN_WORDS, min(MAX_WORDS, len(spans)))
    fits = [i for i in sentence_starts(text, spans) if i + length <= len(spans)]
    first = rng.choice(fits) if fits else rng.randrange(len(spans) - length + 1)
    return first, length


def edit_passage(text: str, spans: list[tuple[int, int]], rate: int, pool: list[str],
                 rng: random.Random) -> tuple[str, int]:
    """The passage (the words ``spans`` of ``text`` and what lies between them) with round(rate% x words) interior
    words edited: substituted, followed by an inserted word, or deleted, in equal proportion. Returns the text and
    the number of edits."""
    n = len(spans)
    edits = round(rate / 100 * n)
    chosen = rng.sample(range(1, n - 1), edits) if edits else []
    ops = [("sub", "ins", "del")[k % 3] for k in range(edits)]
    rng.shuffle(ops)
    op_at = dict(zip(chosen, ops))
    pieces = []
    for i, (start, end) in enumerate(spans):
        word = text[start:end]
        gap = text[end:spans[i + 1][0]] if i + 1 < n else ""
        op = op_at.get(i)
        if op == "del":  # the word and the gap after it
            continue
        if op == "sub":
            word = draw(pool, rng, avoid=word)
        elif op == "ins":
            word = word + " " + draw(pool, rng, avoid=word)
        pieces.append(word + gap)
    return "".join(pieces), edits


def draw(pool: list[str], rng: random.Random, *, avoid: str) -> str:
    """A word of the running text ``pool`` other than ``avoid`` (case-insensitive)."""
    while True:
        word = rng.choice(pool)
        if word.lower() != avoid.lower():
            return word


def plan_rates(plants: int, rates: list[int]) -> list[int]:
    """The edit rate of each plant: the rates in turn, so that each gets plants // len(rates) (the first ones one
    more when it does not divide)."""
    return [rates[i % len(rates)] for i in range(plants)]


def plant(docs: list, plants: int, rates: list[int], seed: int) -> tuple[list, list[Plant]]:
    """The documents with ``plants`` passages planted (modified targets replace their documents), and the plants."""
    rng = random.Random(seed + 1)
    pool = [m.group() for i in rng.sample(range(len(docs)), min(100, len(docs))) for m in WORD.finditer(docs[i].text)]
    by_year = sorted((doc.year, i) for i, doc in enumerate(docs) if doc.year is not None)
    years = [year for year, _ in by_year]
    used: set[int] = set()
    found: list[Plant] = []
    texts = {i: doc.text for i, doc in enumerate(docs)}
    for rate in plan_rates(plants, rates):
        for _attempt in range(1000):
            made = try_plant(docs, texts, used, by_year, years, rate, pool, rng)
            if made is not None:
                found.append(made)
                break
        else:
            raise SystemExit(f"bench_reuse_planted: could not plant {plants} passages in {len(docs)} speeches")
    index = {doc.id: i for i, doc in enumerate(docs)}
    out = list(docs)
    for p in found:
        i = index[p.target]
        out[i] = replace(docs[i], text=texts[i], statements=None)
    return out, found


def try_plant(docs: list, texts: dict[int, str], used: set[int], by_year: list[tuple[int, int]], years: list[int],
              rate: int, pool: list[str], rng: random.Random) -> Plant | None:
    """One plant at ``rate`` (source and target drawn at random, both marked used), or None when the draw fails."""
    s = rng.randrange(len(docs))
    source = docs[s]
    if s in used or source.year is None:
        return None
    later = bisect.bisect_right(years, source.year)
    if later == len(years):
        return None
    t = by_year[rng.randrange(later, len(years))][1]
    target = docs[t]
    if t in used or (target.actor_id or target.actor) == (source.actor_id or source.actor):
        return None
    passage = choose_passage(source.text, rng)
    points = [m.start() for m in BOUNDARY.finditer(texts[t])]
    if passage is None or not points:
        return None
    first, length = passage
    spans = words_of(source.text)[first:first + length]
    edited, edits = edit_passage(source.text, spans, rate, pool, rng)
    at = rng.choice(points)
    texts[t] = texts[t][:at] + edited + " " + texts[t][at:]
    used.update((s, t))
    return Plant(rate, source.id, spans[0][0], spans[-1][1], target.id, at, at + len(edited), length, edits)


# --------------------------------------------------------------------------- running find_reuse (or the oracle)


def oracle_reuse(corpus: Any, *, n: int = 5, min_words: int = 15, max_df: int = 20) -> Any:
    """A naive stand-in for ``find_reuse``, for checking the harness: maximal runs of exact word ``n``-grams (lower
    case) shared by two documents on one diagonal, of at least ``min_words`` words; n-grams in more than ``max_df``
    documents dropped. Identity 1.0, score the word count."""
    import pandas as pd

    docs = list(corpus)
    vocab: dict[str, int] = {}
    keys, doc_of, pos_of, offsets = [], [], [], []
    mult = np.random.default_rng(12345).integers(1, 2**63 - 1, size=n, dtype=np.int64).astype(np.uint64) | np.uint64(1)
    for d, doc in enumerate(docs):
        matches = list(WORD.finditer(doc.text))
        offsets.append(np.array([m.span() for m in matches], dtype=np.int64).reshape(-1, 2))
        ids = np.array([vocab.setdefault(m.group().lower(), len(vocab)) for m in matches], dtype=np.uint64)
        if len(ids) < n:
            continue
        grams = np.zeros(len(ids) - n + 1, dtype=np.uint64)
        for k in range(n):  # a hash of the n word ids, wrapping in 64 bits
            grams += (ids[k:len(ids) - n + 1 + k] + np.uint64(1)) * mult[k]
        keys.append(grams)
        doc_of.append(np.full(len(grams), d, dtype=np.int64))
        pos_of.append(np.arange(len(grams), dtype=np.int64))
    key, doc_i, pos = np.concatenate(keys), np.concatenate(doc_of), np.concatenate(pos_of)
    order = np.lexsort((pos, doc_i, key))
    key, doc_i, pos = key[order], doc_i[order], pos[order]
    pairs = shared_pairs(key, doc_i, pos, max_df)
    rows = runs_to_rows(pairs, n, min_words, docs, offsets)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def shared_pairs(key: np.ndarray, doc_i: np.ndarray, pos: np.ndarray, max_df: int) -> np.ndarray:
    """(doc a, doc b, position in a, position in b), a < b, of each n-gram occurrence shared by two documents."""
    new_key = np.r_[True, key[1:] != key[:-1]]
    new_doc = new_key | np.r_[True, doc_i[1:] != doc_i[:-1]]
    group = np.cumsum(new_key) - 1
    df = np.bincount(group, weights=new_doc).astype(np.int64)
    size = np.bincount(group)
    keep = (df >= 2) & (df <= max_df) & (size <= 2 * max_df)
    starts = np.flatnonzero(new_key)
    out: list[tuple[int, int, int, int]] = []
    for g in np.flatnonzero(keep):
        lo, hi = starts[g], starts[g] + size[g]
        occ = list(zip(doc_i[lo:hi].tolist(), pos[lo:hi].tolist()))
        out.extend((a, b, pa, pb) for k, (a, pa) in enumerate(occ) for b, pb in occ[k + 1:] if a != b)
    return np.array(out, dtype=np.int64).reshape(-1, 4)


def runs_to_rows(pairs: np.ndarray, n: int, min_words: int, docs: list, offsets: list[np.ndarray]) -> list[tuple]:
    """Maximal runs of consecutive shared n-grams on one diagonal, as rows of the result table."""
    if not len(pairs):
        return []
    a, b, pa, pb = pairs.T
    diag = pb - pa
    order = np.lexsort((pa, diag, b, a))
    a, b, pa, diag = a[order], b[order], pa[order], diag[order]
    brk = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (diag[1:] != diag[:-1]) | (pa[1:] != pa[:-1] + 1)]
    first = np.flatnonzero(brk)
    last = np.r_[first[1:], len(a)] - 1
    rows = []
    for f, la in zip(first.tolist(), last.tolist()):
        words = pa[la] - pa[f] + n
        if words < min_words:
            continue
        da, db = docs[a[f]], docs[b[f]]
        sa, sb = int(pa[f]), int(pa[f] + diag[f])
        span_a = (int(offsets[a[f]][sa, 0]), int(offsets[a[f]][sa + words - 1, 1]))
        span_b = (int(offsets[b[f]][sb, 0]), int(offsets[b[f]][sb + words - 1, 1]))
        if (da.year or 0) > (db.year or 0):
            da, db, span_a, span_b = db, da, span_b, span_a
        direction = "undirected" if da.year == db.year else "forward"
        rows.append((da.id, *span_a, db.id, *span_b, int(words), 1.0, float(words), direction))
    return rows


def child(corpus_path: str, table_path: str, options_json: str, oracle: str) -> None:
    """In a fresh process: read the pickled documents, run find_reuse (or the oracle) timed, pickle the table."""
    import pandas  # noqa: F401  (imports before the clock starts)

    from toolkit.text.corpus import Corpus

    with open(corpus_path, "rb") as f:
        corpus = Corpus(pickle.load(f))
    options = json.loads(options_json)
    if oracle == "1":
        method = oracle_reuse
    else:
        method = importlib.import_module("toolkit.analysis.reuse").find_reuse
    start = time.perf_counter()
    table = method(corpus, **options)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    with open(table_path, "wb") as f:
        pickle.dump(table, f)
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "rows": len(table)}))


def run_reuse(docs: list, options: dict[str, Any], oracle: bool) -> tuple[Any, dict]:
    """The table of find_reuse (or the oracle) on ``docs``, run in a fresh process, and its seconds and peak MB."""
    with tempfile.TemporaryDirectory(prefix="bench_reuse_") as tmp:
        corpus_path, table_path = Path(tmp) / "corpus.pickle", Path(tmp) / "table.pickle"
        with open(corpus_path, "wb") as f:
            pickle.dump(docs, f)
        done = subprocess.run([sys.executable, __file__, "--child", str(corpus_path), str(table_path),
                               json.dumps(options), "1" if oracle else "0"], capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"bench_reuse_planted: {'the oracle' if oracle else 'find_reuse'} failed")
        with open(table_path, "rb") as f:
            table = pickle.load(f)
    return table, json.loads(done.stdout.splitlines()[-1])


# --------------------------------------------------------------------------- scoring


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character intersection over union of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same_passage(text: str, passage: list[str]) -> bool:
    """Whether ``text`` and the passage share, in order, :data:`SAME_PASSAGE` of the shorter's words (difflib)."""
    from difflib import SequenceMatcher

    mine = [w.lower() for w in WORD.findall(text)]
    blocks = SequenceMatcher(None, mine, passage, autojunk=False).get_matching_blocks()
    return bool(passage) and bool(mine) and sum(b.size for b in blocks) >= SAME_PASSAGE * min(len(mine), len(passage))


def sides(row: dict, doc: str) -> list[tuple[tuple[int, int], str, tuple[int, int]]]:
    """Where a row puts ``doc`` as a receiver: (its span there, the other document, the other span); a forward row
    only on its target side, an undirected row on either side."""
    out = []
    source, target = (row["source_start"], row["source_end"]), (row["target_start"], row["target_end"])
    if row["target_doc"] == doc:
        out.append((target, row["source_doc"], source))
    if row["source_doc"] == doc and row["direction"] != "forward":
        out.append((source, row["target_doc"], target))
    return out


def score(table: Any, plants: list[Plant], texts: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Per plant: found, IoU target/source of the best row, the number of wrong-source rows, and whether a row
    covering half its span gives another document holding the passage itself (``equivalent_source``: not a wrong
    source, not a find either); and the wrong-source rows."""
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise SystemExit(f"bench_reuse_planted: the table lacks the columns {missing}")
    targets = {p.target for p in plants}
    near = table[table["target_doc"].isin(targets) | table["source_doc"].isin(targets)]
    rows_of: dict[str, list[dict]] = {}
    for row in near.to_dict("records"):
        for doc in {row["source_doc"], row["target_doc"]} & targets:
            rows_of.setdefault(doc, []).append(row)
    results, wrong = [], []
    for p in plants:
        planted_t, planted_s = (p.target_start, p.target_end), (p.source_start, p.source_end)
        passage = [w.lower() for w in WORD.findall(texts[p.source][p.source_start:p.source_end])]
        best: tuple[float, float, dict] | None = None
        wrong_here, equivalent = 0, False
        for row in rows_of.get(p.target, []):
            for span, other, other_span in either_way(row, p.target):
                if other == p.source and overlap(span, planted_t) > 0:
                    found = (iou(span, planted_t), iou(other_span, planted_s), row)
                    best = found if best is None or found[:2] > best[:2] else best
            for span, other, other_span in sides(row, p.target):
                if other == p.source or 2 * overlap(span, planted_t) < p.target_end - p.target_start:
                    continue
                if same_passage(texts[other][other_span[0]:other_span[1]], passage):
                    equivalent = True
                else:
                    wrong_here += 1
                    wrong.append({"plant": asdict(p), "row": row})
        results.append({**asdict(p), "found": best is not None, "iou_target": None if best is None else best[0],
                        "iou_source": None if best is None else best[1], "wrong_source": wrong_here,
                        "equivalent_source": equivalent,
                        "row": None if best is None else best[2]})
    return results, wrong


def either_way(row: dict, doc: str) -> list[tuple[tuple[int, int], str, tuple[int, int]]]:
    """(span in ``doc``, other document, other span) of a row that names ``doc`` on either side."""
    out = []
    source, target = (row["source_start"], row["source_end"]), (row["target_start"], row["target_end"])
    if row["target_doc"] == doc:
        out.append((target, row["source_doc"], source))
    if row["source_doc"] == doc:
        out.append((source, row["target_doc"], target))
    return out


def summarise(results: list[dict], rates: list[int]) -> list[dict]:
    """One line per edit rate: planted, found, recall, median and 10th percentile IoU, wrong sources."""
    lines = []
    for rate in rates:
        mine = [r for r in results if r["rate"] == rate]
        hits = [r for r in mine if r["found"]]
        t = [r["iou_target"] for r in hits]
        s = [r["iou_source"] for r in hits]
        lines.append({"rate": rate, "planted": len(mine), "found": len(hits),
                      "recall": len(hits) / len(mine) if mine else float("nan"),
                      "median_iou_target": statistics.median(t) if t else float("nan"),
                      "median_iou_source": statistics.median(s) if s else float("nan"),
                      "p10_iou_target": percentile(t, 10), "p10_iou_source": percentile(s, 10),
                      "wrong_source": sum(r["wrong_source"] for r in mine),
                      "alternative_source": sum(r["equivalent_source"] for r in mine),
                      "missed_but_equivalent_source": sum(r["equivalent_source"] and not r["found"] for r in mine)})
    return lines


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (numpy's linear interpolation), NaN for no values."""
    return float(np.percentile(values, q)) if values else float("nan")


def recall_target(rate: int) -> float:
    """The recall a rate must reach: its own target, else that of the largest listed rate below it."""
    below = [r for r in RECALL_TARGETS if r <= rate]
    return RECALL_TARGETS[max(below)] if below else RECALL_TARGETS[0]


def check_targets(lines: list[dict]) -> list[dict]:
    """Each target of issue 27, its value and whether it is met."""
    checks = []
    for line in lines:
        want = recall_target(line["rate"])
        checks.append({"target": f"recall >= {want:.2f} at {line['rate']}% edits", "value": line["recall"],
                       "met": line["recall"] >= want})
        for side in ("target", "source"):
            value = line[f"median_iou_{side}"]
            checks.append({"target": f"median IoU {side} >= {MEDIAN_IOU_TARGET} at {line['rate']}% edits",
                           "value": value, "met": value >= MEDIAN_IOU_TARGET})
    wrong = sum(line["wrong_source"] for line in lines)
    checks.append({"target": "no wrong source", "value": wrong, "met": wrong == 0})
    return checks


def markdown(lines: list[dict], checks: list[dict], run: dict, header: str) -> list[str]:
    """The result table and the targets as markdown."""
    out = [header, "", "| rate | planted | found | recall | median IoU target | median IoU source | "
           "p10 IoU (target / source) | wrong source | alternative source |", "|---|---|---|---|---|---|---|---|---|"]
    for r in lines:
        out.append(f"| {r['rate']}% | {r['planted']} | {r['found']} | {r['recall']:.3f} | "
                   f"{r['median_iou_target']:.3f} | {r['median_iou_source']:.3f} | "
                   f"{r['p10_iou_target']:.3f} / {r['p10_iou_source']:.3f} | {r['wrong_source']} | "
                   f"{r['alternative_source']} |")
    out += ["", f"{run['method']}: {run['seconds']:.1f} s, peak {run['peak_mb']:.0f} MB (fresh process, corpus "
            f"included), {run['rows']} rows; planting and scoring {run['harness_seconds']:.1f} s.", "",
            "| target | value | met |", "|---|---|---|"]
    equivalent = sum(r["missed_but_equivalent_source"] for r in lines)
    if equivalent:
        out[-3:-3] = [f"Of the missed passages, {equivalent} were linked to another document that holds the source "
                      "passage itself (not a wrong source, not a find).", ""]
    for c in checks:
        value = f"{c['value']:.3f}" if isinstance(c["value"], float) else str(c["value"])
        out.append(f"| {c['target']} | {value} | {'met' if c['met'] else '**not met**'} |")
    return out


def show(results: list[dict], wrong: list[dict], texts: dict[str, str], planted_texts: dict[str, str],
         limit: int = 3) -> None:
    """Print a few planted/found pairs per rate, the misses, and the wrong-source rows (``--verbose``)."""
    def cut(text: str, span: tuple[int, int]) -> str:
        return repr(text[span[0]:span[1]][:160])

    for rate in sorted({r["rate"] for r in results}):
        mine = [r for r in results if r["rate"] == rate]
        for r in [r for r in mine if r["found"]][:limit] + [r for r in mine if not r["found"]][:limit]:
            print(f"[{rate}%] {r['source']} -> {r['target']} ({r['words']} words, {r['edits']} edits): "
                  f"{'found' if r['found'] else 'MISSED'}", file=sys.stderr)
            print(f"  planted source {r['source_start']}:{r['source_end']} "
                  f"{cut(texts[r['source']], (r['source_start'], r['source_end']))}", file=sys.stderr)
            print(f"  planted target {r['target_start']}:{r['target_end']} "
                  f"{cut(planted_texts[r['target']], (r['target_start'], r['target_end']))}", file=sys.stderr)
            if r["found"]:
                row = r["row"]
                print(f"  found {row['source_doc']}:{row['source_start']}:{row['source_end']} -> "
                      f"{row['target_doc']}:{row['target_start']}:{row['target_end']} ({row['direction']}, "
                      f"{row['n_words']} words), IoU target {r['iou_target']:.3f}, source {r['iou_source']:.3f}",
                      file=sys.stderr)
    for w in wrong[:10]:
        print(f"WRONG SOURCE for {w['plant']['source']} -> {w['plant']['target']}: {w['row']}", file=sys.stderr)


# --------------------------------------------------------------------------- command line


def parse(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="bench_reuse_planted", description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", nargs="?", help="the UNGDC archive (default: $TOOLKIT_UNGDC, then ../shared)")
    parser.add_argument("--speeches", type=int, default=2000, help="speeches sampled (default 2000)")
    parser.add_argument("--all", action="store_true", help="the whole corpus")
    parser.add_argument("--plants", type=int, default=200, help="passages planted (default 200)")
    parser.add_argument("--rates", default="0,5,10,20", help="edit rates in percent (default 0,5,10,20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n", type=int, default=5, help="find_reuse's n (default 5)")
    parser.add_argument("--min-words", type=int, default=15, help="find_reuse's min_words (default 15)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="another keyword of find_reuse (VALUE a Python literal, else a string)")
    parser.add_argument("--oracle", action="store_true", help="a naive exact 5-gram matcher instead of find_reuse")
    parser.add_argument("--verbose", action="store_true", help="print planted/found pairs to stderr")
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH",
                        help="the result as JSON: to stdout instead of the tables, or to PATH")
    return parser.parse_args(argv)


def options_of(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords passed to find_reuse."""
    options: dict[str, Any] = {"n": args.n, "min_words": args.min_words}
    for item in args.set:
        key, _, value = item.partition("=")
        try:
            options[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            options[key] = value
    return options


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(*argv[1:])
        return 0
    args = parse(argv)
    archive = archive_argument([args.archive] if args.archive else [], "bench_reuse_planted", str(DEFAULT_ARCHIVE))
    if archive is None:
        return 1
    rates = [int(r) for r in args.rates.split(",")]
    start = time.perf_counter()
    docs = read_sample(archive, None if args.all else args.speeches, args.seed)
    read_seconds = time.perf_counter() - start
    start = time.perf_counter()
    planted_docs, plants = plant(docs, args.plants, rates, args.seed)
    harness = time.perf_counter() - start
    options = options_of(args)
    table, run = run_reuse(planted_docs, options, args.oracle)
    start = time.perf_counter()
    texts = {doc.id: doc.text for doc in planted_docs}
    results, wrong = score(table, plants, texts)
    lines = summarise(results, rates)
    checks = check_targets(lines)
    run.update(method="oracle (exact 5-gram runs)" if args.oracle else "find_reuse", options=options,
               harness_seconds=harness + time.perf_counter() - start, read_seconds=read_seconds)
    if args.verbose:
        show(results, wrong, {doc.id: doc.text for doc in docs}, texts)
    header = (f"Planted reuse: {len(plants)} passages of {MIN_WORDS}-{MAX_WORDS} words planted in {len(docs)} UN "
              f"General Debate speeches (seed {args.seed}); {run['method']} with {options}.")
    result = {"speeches": len(docs), "seed": args.seed, "run": run, "rates": lines, "targets": checks,
              "plants": [{k: v for k, v in r.items() if k != "row"} for r in results]}
    if args.json:
        text = json.dumps(result, indent=1, default=str)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n")
    if args.json != "-":
        print("\n".join(markdown(lines, checks, run, header)))
    return 0 if all(c["met"] for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
