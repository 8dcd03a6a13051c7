"""Clustering benchmark on the UN General Debate Corpus: the toolkit beside a plain scikit-learn pipeline.

Each task runs in a fresh Python process (so that peak memory is the task's own) over the first N
speeches, from the archive to the labels, reading included:

* ``toolkit``: ``cluster_statements`` with the default features, 8 clusters, 5 stability reruns
  (the formula families that describe each cluster come from one matching pass with the default
  lexicon, included);
* ``sklearn``: what a user would write: TfidfVectorizer (1-2 grams, min_df 5, sublinear tf) +
  TruncatedSVD(100) + KMeans(8, n_init 10), over the same texts, without reruns.

Then, on the whole corpus, one row per feature set of the toolkit: stability (mean ARI against
the reruns on 90% samples), silhouette (5,000 speeches sampled), and the adjusted Rand index
against the decade of the speech, against the speaker's UN regional group
(``toolkit.io.un_regional_groups``) and against the scikit-learn labelling.

Usage: python benchmarks/bench_cluster.py [ARCHIVE]; prints markdown tables.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from archive import (  # benchmarks/archive.py (this script's folder is on sys.path)
    script_main,
    speeches,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
TOTAL_SPEECHES = 10952
CLUSTERS = 8
FEATURES = ("words", "characters", "formulae", "tfidf", "combined")


def sklearn_labels(archive: str, limit: int) -> tuple[np.ndarray, dict]:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [data.decode("utf-8-sig") for _, _, data in speeches(archive, limit)]
    matrix = TfidfVectorizer(ngram_range=(1, 2), min_df=5, sublinear_tf=True).fit_transform(texts)
    reduced = TruncatedSVD(100, random_state=0).fit_transform(matrix)
    return KMeans(CLUSTERS, n_init=10, random_state=0).fit_predict(reduced), {}


def toolkit_labels(archive: str, limit: int, features: str) -> tuple[np.ndarray, dict]:
    from itertools import islice

    from sklearn.metrics import silhouette_score

    from toolkit.analysis.cluster import cluster_statements
    from toolkit.io import default_lexicon, iter_corpus
    from toolkit.text.corpus import Corpus

    corpus = Corpus(tuple(islice(iter_corpus(archive), limit)))
    result = cluster_statements(corpus, features=features, lexicon=default_lexicon(), n_clusters=CLUSTERS, n_runs=5)
    labels = result.assignments["cluster"].to_numpy()
    silhouette = silhouette_score(result.embedding, labels, sample_size=min(5000, len(labels)), random_state=0)
    return labels, {"stability": result.stability, "silhouette": float(silhouette),
                    "weakest": float(result.clusters["stability"].min())}


def child(task: str, archive: str, limit: int | str, out: str) -> None:
    limit = int(limit)
    import sklearn.cluster  # noqa: F401  (imports before the clock starts, for every task)

    import toolkit.analysis.cluster  # noqa: F401

    start = time.perf_counter()
    labels, extra = sklearn_labels(archive, limit) if task == "sklearn" else toolkit_labels(archive, limit, task)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    np.save(out, labels)
    print(json.dumps({"seconds": seconds, "peak_mb": peak, **extra}))


def measure(task: str, archive: str, limit: int, folder: str) -> dict:
    out = str(Path(folder) / f"{task}-{limit}.npy")
    done = subprocess.run([sys.executable, __file__, "--child", task, archive, str(limit), out], capture_output=True,
                          text=True, check=True)
    return {"task": task, "docs": limit, "labels": np.load(out), **json.loads(done.stdout.splitlines()[-1])}


def truths(archive: str) -> dict[str, list]:
    """The decade and the UN regional group of every speech, in archive order."""
    from toolkit.io import un_regional_groups

    groups = un_regional_groups()
    decade, region = [], []
    for code, year, _ in speeches(archive, TOTAL_SPEECHES):
        decade.append(str(year // 10 * 10))
        region.append(groups.get(code))
    return {"decade": decade, "region": region}


def cluster_markdown(archive: str, fractions=(0.25, 0.5, 1.0)) -> list[str]:
    from toolkit.analysis.cluster import evaluate_clusters

    lines = [f"Clustering into {CLUSTERS} clusters, from the archive to the labels (reading included); each task "
             "in a fresh process. Toolkit: default features (words), k-means, 5 stability reruns, the formula "
             "families of each cluster from one matching pass. scikit-learn: TfidfVectorizer (1-2 grams, min_df 5, "
             "sublinear) + TruncatedSVD(100) + KMeans(8, n_init 10), no reruns.", "",
             "| task | corpus | docs | s | vs. scikit-learn | peak MB | stability |", "|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as folder:
        plain = {}
        for fraction in fractions:
            limit = max(1, round(TOTAL_SPEECHES * fraction))
            plain[fraction] = measure("sklearn", archive, limit, folder)
            mine = measure("words", archive, limit, folder)
            for r in (mine, plain[fraction]):
                ratio = f"{r['seconds'] / plain[fraction]['seconds']:.2f}" if r is mine else ""
                name = "toolkit" if r is mine else "scikit-learn pipeline"
                stability = f"{r['stability']:.2f}" if "stability" in r else ""
                lines.append(f"| {name} | {fraction:.0%} | {limit} | {r['seconds']:.1f} | {ratio} | "
                             f"{r['peak_mb']:.0f} | {stability} |")
        known = truths(archive)
        reference = plain[fractions[-1]]["labels"]
        lines += ["", "Feature sets on the whole corpus (k-means, 8 clusters; ARI: adjusted Rand index):", "",
                  "| features | s | peak MB | stability | weakest cluster | silhouette | ARI vs decade | "
                  "ARI vs UN regional group | ARI vs scikit-learn |", "|---|---|---|---|---|---|---|---|---|"]
        for features in FEATURES:
            r = measure(features, archive, TOTAL_SPEECHES, folder)
            decade = evaluate_clusters(r["labels"], known["decade"])["ari"]
            region = evaluate_clusters(r["labels"], known["region"])["ari"]
            same = evaluate_clusters(r["labels"], reference)["ari"]
            lines.append(f"| {features} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | {r['stability']:.2f} | "
                         f"{r['weakest']:.2f} | {r['silhouette']:.3f} | {decade:.2f} | {region:.2f} | {same:.2f} |")
        decade = evaluate_clusters(reference, known["decade"])["ari"]
        region = evaluate_clusters(reference, known["region"])["ari"]
        lines.append(f"| scikit-learn pipeline | | | | | | {decade:.2f} | {region:.2f} | 1.00 |")
    return lines


def main(argv: list[str]) -> int:
    return script_main(argv, "bench_cluster", str(DEFAULT_ARCHIVE), child, cluster_markdown)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
