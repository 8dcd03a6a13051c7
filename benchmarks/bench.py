"""Benchmarks on the UN General Debate Corpus: `make bench`.

Each measurement runs in a fresh Python process, so its peak memory is its
own. Speeds are MB of speech text (UTF-8) per second, and every toolkit
step is printed beside a plain-Python baseline measured in the same run on
the same machine: ratios, not absolute times, are what to compare between
machines. Peak memory is measured on 25%, 50% and 100% of the corpus to show
that it does not grow with the corpus (the readers stream).

Usage: python benchmarks/bench.py [ARCHIVE]   (default: $TOOLKIT_UNGDC, then
../shared/corpora/UNGDC_1946-2024.tgz)
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from archive import archive_argument, speeches  # benchmarks/archive.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
NEWS_DEV = ROOT.parent / "shared" / "corpora" / "news-dev" / "texts"
TOTAL_SPEECHES = 10952


# ---------------------------------------------------------------------------
# What each child process runs: a reader and a step, over the first `limit` speeches.
# ---------------------------------------------------------------------------
def baseline_texts(archive: str, limit: int):
    """Plain tarfile and bytes.decode: the floor any reader must stand on."""
    for _, _, data in speeches(archive, limit):
        yield data.decode("utf-8-sig")


def toolkit_texts(archive: str, limit: int):
    from toolkit.io import iter_corpus

    for seen, doc in enumerate(iter_corpus(archive), start=1):
        yield doc.text
        if seen >= limit:
            return


def step_none(text: str) -> None:
    return None


def step_fold_baseline(text: str) -> str:
    return " ".join(text.split()).casefold()


def step_fold_toolkit(text: str):
    from toolkit.text.normalize import normalize

    return normalize(text)


_TOKEN = None


def step_tokens_baseline(text: str) -> int:
    global _TOKEN
    if _TOKEN is None:
        from toolkit.text.tokens import TOKEN_PATTERN

        _TOKEN = re.compile(TOKEN_PATTERN)
    return len(_TOKEN.findall(text))


def step_tokens_toolkit(text: str) -> int:
    from toolkit.text.tokens import count_tokens

    return count_tokens(text)


def baseline_regex(patterns: list[str]) -> re.Pattern:
    """All patterns as one alternation, translated here independently of the toolkit's compiler.

    Words become literals (``*`` becomes ``\\w*``, ``a|b`` a group), ``[w]``
    an optional group and ``_{m,n}`` ``(?: \\w+){m,n}``; words are separated
    by one space, as in whitespace-normalised text.
    """

    def word(text: str) -> str:
        options = []
        for option in text.split("|"):
            pieces = re.findall(r"(?:[^\W_]|\*)+", option)
            options.append(r"\W+".join(re.escape(p).replace(r"\*", r"\w*") for p in pieces))
        return "(?:" + "|".join(options) + ")"

    def translate(pattern: str) -> str:
        out, pending_optional = "", False
        for m in re.finditer(r"\[[^\]]*\]|_(?:\{\d+(?:,\d+)?\})?|\S+", pattern):
            item = m.group()
            if item.startswith("["):
                inner = " ".join(word(w) for w in item[1:-1].split())
                out += f"(?:{inner} )?" if not out else f"(?: {inner})?"
                pending_optional = not out.endswith(")?") or out == f"(?:{inner} )?"
                continue
            if item.startswith("_"):
                low, _, high = (item[2:-1] or "1").partition(",")
                out += rf"(?: \w+){{{low},{high or low}}}"
                continue
            out += ("" if not out or pending_optional else " ") + word(item)
            pending_optional = False
        return out

    return re.compile(r"\b(?:" + "|".join(translate(p) for p in patterns) + r")\b", re.IGNORECASE)


_REGEX = None


def step_match_baseline(text: str) -> int:
    global _REGEX
    if _REGEX is None:
        from toolkit.io import default_lexicon

        _REGEX = baseline_regex(list(default_lexicon().to_frame()["pattern"]))
    return sum(1 for _ in _REGEX.finditer(" ".join(text.split())))


READERS = {"baseline": baseline_texts, "toolkit": toolkit_texts}
STEPS = {
    "none": step_none,
    "fold-baseline": step_fold_baseline,
    "fold": step_fold_toolkit,
    "tokens-baseline": step_tokens_baseline,
    "tokens": step_tokens_toolkit,
    "match-baseline": step_match_baseline,
}


def child_attribution(folder: str) -> None:
    """Attribution, then intensity on its parse, of a folder of news texts in one process, after the pipeline loads."""
    from toolkit.analysis.intensity import default_intensity_scale, score_intensity
    from toolkit.attribution.parse import load_pipeline
    from toolkit.attribution.statements import attribute_statements
    from toolkit.formulae.match import find_matches
    from toolkit.io import default_gazetteer, read_texts

    start = time.perf_counter()
    load_pipeline()
    gazetteer = default_gazetteer()
    corpus = read_texts(folder)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    found = attribute_statements(corpus, gazetteer)
    seconds = time.perf_counter() - start
    start = time.perf_counter()  # intensity on the parse attribution made: no document is parsed again
    scale = default_intensity_scale()
    score_intensity(find_matches(found.corpus, scale.lexicon), found.corpus, scale=scale, mode="parse",
                    parses=found.parses)
    intensity = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load": loaded, "seconds": seconds, "intensity": intensity, "peak_mb": peak_mb,
                      "documents": len(corpus), "statements": len(found.table)}))


def attribution_rows(folder: Path) -> list[str]:
    """The attribution benchmark's table: `python benchmarks/bench.py --attribution [FOLDER]`."""
    done = subprocess.run([sys.executable, __file__, "--attribution-child", str(folder)], capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout)
    name = folder.parent.name if folder.name == "texts" else folder.name
    return ["| attribution, then intensity (one process) | texts | statements | load s | attribute s | intensity s "
            "| peak MB |",
            "|-------------------------------------------|-------|------------|--------|-------------|-------------"
            "|---------|",
            f"| {name:<41} | {result['documents']:>5} | {result['statements']:>10} | {result['load']:>6.1f} | "
            f"{result['seconds']:>11.2f} | {result['intensity']:>11.2f} | {result['peak_mb']:>7.0f} |"]


def child_intensity(archive: str, limit: int) -> None:
    """The intensity of every speech by the rules (mode "rules", no parse): read, match the scale's cues, score."""
    from itertools import islice

    from toolkit.analysis.intensity import score_intensity
    from toolkit.formulae.match import find_matches
    from toolkit.io import default_intensity_scale, iter_corpus
    from toolkit.text.corpus import Corpus

    start = time.perf_counter()
    scale = default_intensity_scale()
    corpus = Corpus(tuple(islice(iter_corpus(archive), limit)))
    scores = score_intensity(find_matches(corpus, scale.lexicon), corpus, scale=scale, mode="rules")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "docs": len(scores),
                      "condemning": int((scores["level"] >= 3).sum())}))


def intensity_rows(archive: str) -> list[str]:
    """The intensity benchmark's table: `python benchmarks/bench.py --intensity ARCHIVE` (target: under 15 s)."""
    lines = ["| intensity of every speech, rules (read/match/score) |"
             " corpus |   docs |       s | peak MB | level >= 3 |",
             "|-----------------------------------------------------|--------|--------|---------|---------|------------|"]
    for fraction in (0.25, 0.5, 1.0):
        limit = max(1, round(TOTAL_SPEECHES * fraction))
        r = run_json(["--intensity-child", archive, str(limit)])
        lines.append(f"| toolkit, mode rules, 1 process                      | {fraction:>6.0%} | {r['docs']:>6} | "
                     f"{r['seconds']:>7.1f} | {r['peak_mb']:>7.0f} | {r['condemning']:>10} |")
    return lines


PHRASES = ROOT / "benchmarks" / "phrases40.txt"


def phrases() -> list[str]:
    """The 40 ad hoc phrases of ../shared/tools/phrases40.txt (copied into benchmarks/)."""
    return [line.strip() for line in PHRASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def child_phrases_baseline(archive: str, method: str, limit: int) -> None:
    """What a user would write to count the 40 phrases by year: one regex, or an Aho-Corasick automaton."""
    from collections import Counter

    counts: Counter = Counter()
    size = documents = 0
    words = [p.lower().split() for p in phrases()]
    if method == "regex":
        # one alternation, longest first, any whitespace between words, over lower-cased text
        regex = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w)) for w in
                                               sorted(words, key=lambda w: -len(" ".join(w)))) + r")\b")

        def count(text: str) -> int:
            return len(regex.findall(text.lower()))
    else:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for w in words:
            automaton.add_word(" ".join(w), len(" ".join(w)))
        automaton.make_automaton()

        def count(text: str) -> int:  # every phrase, overlaps included, between word boundaries
            folded = " " + " ".join(text.lower().split()) + " "
            return sum(1 for end, length in automaton.iter(folded)
                       if not folded[end - length].isalnum() and not folded[end + 1].isalnum())
    start = time.perf_counter()
    for _, year, data in speeches(archive, limit):
        size += len(data)
        documents += 1
        counts[year] += count(data.decode("utf-8-sig"))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "mb": size / 1e6, "documents": documents, "peak_mb": peak_mb,
                      "hits": sum(counts.values())}))


def child_count(archive: str, jobs: int, limit: int, lexicon_name: str = "default") -> None:
    """The whole `condemn count --by year` pipeline: read, match in `jobs` processes, count."""
    from itertools import islice

    from toolkit.backends import count_parallel
    from toolkit.formulae.lexicon import Lexicon
    from toolkit.io import default_lexicon, iter_corpus

    lexicon = default_lexicon() if lexicon_name == "default" else Lexicon.from_phrases(phrases())
    sizes = []

    def documents():
        for doc in islice(iter_corpus(archive), limit):
            sizes.append(len(doc.text.encode("utf-8")))
            yield doc

    start = time.perf_counter()
    counts = count_parallel(documents(), lexicon, by="year", jobs=jobs)
    seconds = time.perf_counter() - start
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"seconds": seconds, "mb": sum(sizes) / 1e6, "documents": len(sizes), "peak_mb": peak_mb / 1024,
                      "hits": int(counts["n_matches"].sum())}))


def child(archive: str, reader: str, step: str, limit: int) -> None:
    fn = STEPS[step]
    fn("warm up imports")
    if reader == "toolkit":
        import toolkit.io  # noqa: F401  (imported before the clock starts, as for the baseline)
    start = time.perf_counter()
    size = count = hits = 0
    for text in READERS[reader](archive, limit):
        size += len(text.encode("utf-8"))
        count += 1
        found = fn(text)
        hits += found if isinstance(found, int) else 0
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "mb": size / 1e6, "documents": count, "peak_mb": peak_mb, "hits": hits}))


# ---------------------------------------------------------------------------
# The parent: runs the children and prints the table.
# ---------------------------------------------------------------------------
def measure(archive: str, reader: str, step: str, fraction: float = 1.0) -> dict:
    limit = max(1, round(TOTAL_SPEECHES * fraction))
    done = subprocess.run(
        [sys.executable, __file__, "--child", archive, reader, step, str(limit)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)


def run_json(arguments: list[str]) -> dict:
    done = subprocess.run([sys.executable, __file__, *arguments], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def best_of(arguments: list[str], runs: int = 2) -> dict:
    """The fastest of ``runs`` runs of a child (each a fresh process): the machine's noise only ever adds time."""
    return min((run_json(arguments) for _ in range(runs)), key=lambda result: result["seconds"])


def count_row(name: str, result: dict, baseline: dict | None) -> str:
    ratio = "" if baseline is None else f"{result['seconds'] / baseline['seconds']:.2f}"
    return (f"| {name:<44} | {result['documents']:>6} | {result['mb']:>7.1f} | {result['seconds']:>7.1f} | "
            f"{ratio:>9} | {result['peak_mb']:>7.0f} | {result.get('hits', ''):>7} |")


def toolkit_count_rows(archive: str, lexicon_name: str, baseline: dict) -> None:
    """The toolkit's counting rows: one process at 25, 50 and 100% of the corpus, two processes at 100%."""
    for jobs, fractions in ((1, (0.25, 0.5, 1.0)), (2, (1.0,))):
        for fraction in fractions:
            limit = max(1, round(TOTAL_SPEECHES * fraction))
            result = best_of(["--count", archive, str(jobs), str(limit), lexicon_name])
            label = f"toolkit, {jobs} process{'es' if jobs > 1 else ''}, {fraction:.0%} of corpus"
            print(count_row(label, result, baseline if fraction == 1.0 else None))


def cluster_table(archive: str) -> list[str]:
    """The clustering rows of benchmarks/bench_cluster.py, as tables."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_cluster import cluster_markdown

    return cluster_markdown(archive)


def discovery_table(archive: str) -> list[str]:
    """The discovery rows of benchmarks/bench_discover.py, as a table."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_discover import discovery_markdown

    return discovery_markdown(archive)


def compare_table(archive: str) -> tuple[list[str], bool]:
    """The keyness and collocates rows of benchmarks/bench_compare.py, and whether their targets are met."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_compare import compare_markdown

    return compare_markdown(archive)


def adoption_table(archive: str) -> tuple[list[str], bool]:
    """The adoption rows of benchmarks/bench_adoption.py, and whether their targets are met."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_adoption import adoption_markdown

    return adoption_markdown(archive)


def reuse_table(archive: str) -> tuple[list[str], bool]:
    """The text-reuse rows of benchmarks/bench_reuse.py on the whole corpus, and whether their targets are met."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_reuse import reuse_markdown

    return reuse_markdown(archive)


def row(name: str, result: dict, baseline: dict | None) -> str:
    speed = result["mb"] / result["seconds"]
    ratio = "" if baseline is None else f"{speed / (baseline['mb'] / baseline['seconds']):.2f}"
    return (f"| {name:<44} | {result['documents']:>6} | {result['mb']:>7.1f} | {result['seconds']:>7.1f} | "
            f"{speed:>6.1f} | {ratio:>9} | {result['peak_mb']:>8.0f} |")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--count"]:
        child_count(argv[1], int(argv[2]), int(argv[3]), *argv[4:5])
        return 0
    if argv[:1] == ["--phrases-baseline"]:
        child_phrases_baseline(argv[1], argv[2], int(argv[3]))
        return 0
    if argv[:1] == ["--discovery"]:
        print("\n".join(discovery_table(argv[1])))
        return 0
    if argv[:1] == ["--intensity-child"]:
        child_intensity(argv[1], int(argv[2]))
        return 0
    if argv[:1] == ["--intensity"]:
        print("\n".join(intensity_rows(argv[1] if len(argv) > 1 else str(DEFAULT_ARCHIVE))))
        return 0
    if argv[:1] == ["--attribution-child"]:
        child_attribution(argv[1])
        return 0
    if argv[:1] == ["--attribution"]:
        print("\n".join(attribution_rows(Path(argv[1]) if len(argv) > 1 else NEWS_DEV)))
        return 0
    if argv[:1] == ["--child"]:
        archive, reader, step, limit = argv[1:5]
        child(archive, reader, step, int(limit))
        return 0
    given = archive_argument(argv, "bench", str(DEFAULT_ARCHIVE))
    if given is None:
        return 1
    archive = given
    header = ("| step                                         |   docs |      MB |       s |   MB/s | vs. base. "
              "| peak MB |")
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")

    read_base = measure(archive, "baseline", "none")
    print(row("read+decode: baseline (tarfile, decode)", read_base, None))
    print(row("read+decode: toolkit iter_corpus", measure(archive, "toolkit", "none"), read_base))

    fold_base = measure(archive, "baseline", "fold-baseline")
    print(row("fold: baseline (split/join, casefold)", fold_base, None))
    print(row("fold: toolkit normalize (with offset map)", measure(archive, "toolkit", "fold"), fold_base))

    base = measure(archive, "baseline", "tokens-baseline")
    print(row("tokens: baseline (re.findall)", base, None))
    for fraction in (0.25, 0.5, 1.0):
        result = measure(archive, "toolkit", "tokens", fraction)
        print(row(f"tokens: toolkit count_tokens, {fraction:.0%} of corpus", result, base if fraction == 1.0 else None))

    print("\n40 ad hoc phrases (benchmarks/phrases40.txt), counts by year; 'vs. regex' is the time over the "
          "one-regex baseline's")
    print("\n| count 40 phrases by year                     |   docs |      MB |       s | vs. regex | peak MB |"
          "    hits |")
    print("|----------------------------------------------|--------|---------|---------|-----------|---------|"
          "---------|")
    regex = best_of(["--phrases-baseline", archive, "regex", str(TOTAL_SPEECHES)])
    print(count_row("baseline: one compiled regex (lower-cased text)", regex, regex))
    print(count_row("baseline: Aho-Corasick (pyahocorasick)", best_of(
        ["--phrases-baseline", archive, "ahocorasick", str(TOTAL_SPEECHES)]), regex))
    toolkit_count_rows(archive, "phrases", regex)

    print("\n| count the default lexicon by year            |   docs |      MB |       s | vs. regex | peak MB |"
          "    hits |")
    print("|----------------------------------------------|--------|---------|---------|-----------|---------|"
          "---------|")
    base = measure(archive, "baseline", "match-baseline")
    print(count_row("baseline: one regex of the 120 patterns", base, base))
    toolkit_count_rows(archive, "default", base)
    print()
    print("\n".join(discovery_table(archive)))
    print()
    print("\n".join(cluster_table(archive)))
    print()
    compared, compare_ok = compare_table(archive)
    print("\n".join(compared))
    print()
    adopted, adoption_ok = adoption_table(archive)
    print("\n".join(adopted))
    print()
    reused, reuse_ok = reuse_table(archive)
    print("\n".join(reused))
    print()
    print("\n".join(intensity_rows(archive)))
    if NEWS_DEV.is_dir():
        print()
        print("\n".join(attribution_rows(NEWS_DEV)))
    print("\nBaselines read the archive with tarfile alone. Phrases: one re alternation over lower-cased text")
    print("(any whitespace between words), and pyahocorasick over lower-cased text with whitespace runs made one space")
    print("(every phrase, overlaps included). Default lexicon: one re alternation of the 120 patterns")
    print("(translated independently, re.IGNORECASE) over whitespace-normalised text. The toolkit rows are")
    print("`condemn count --by year` in full: read, match with exact spans, tokens and sentence ends, count;")
    print("its hits count each formula family apart, so overlapping phrases count once in each.")
    print("The peak of a 2-process run is its largest process. Each counting row is the faster of two runs.")
    print("\nMB/s counts the reading too; 'vs. base.' is toolkit MB/s over the baseline's in this run.")
    print("peak MB is the process's maximum resident memory; flat across 25/50/100% means streaming.")
    return 0 if compare_ok and adoption_ok and reuse_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
