"""How well the intensity scale agrees with hand codings: the README's table (section "Intensity").

Each coded set is scored as the tests score it (one document per unit, its
actor as coded) and compared with its codes by
:func:`toolkit.analysis.intensity.agreement`: quadratic-weighted kappa, exact
agreement, and the exact agreement on each level.

The sets: the gold (``corpora/intensity.gold.jsonl``; its news-dev units are
read in place from ``../shared/corpora``), the blind held-out UN sentences
(``corpora/intensity.heldout.jsonl``), the fresh blind UN sentences
(``corpora/intensity.blind2.jsonl``) and, when the folder of its texts is
given, the fresh blind news units (``corpora/intensity.news2.jsonl``: its
codes and offsets; the texts are third-party and stay outside the
repository).

Usage: python benchmarks/intensity_agreement.py [--mode auto|parse|rules] [--news2 TEXTS]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def read_units(path: Path, texts: Path = SHARED) -> list[dict]:
    """The coded units of a JSONL file; a unit without its text (news-dev) is read in place under ``texts``."""
    units, cache = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("text") is None:
            source = texts / item["doc"]
            if not source.exists():
                continue
            if source not in cache:
                with open(source, encoding="utf-8-sig", newline="") as handle:
                    cache[source] = handle.read()
            item["text"] = cache[source][item["start"]:item["end"]]
        if hashlib.sha256(item["text"].encode("utf-8")).hexdigest() != item["sha256"]:
            raise SystemExit(f"{path}: {item['id']}: the text does not match its sha256")
        units.append(item)
    return units


def score_units(units: list[dict], mode: str) -> list[int]:
    """The level the toolkit gives each unit, one document per unit, with the coded actor."""
    from toolkit import Corpus, Document, find_matches
    from toolkit.analysis.intensity import default_intensity_scale, score_intensity

    scale = default_intensity_scale()
    corpus = Corpus(tuple(Document(u["id"], u["text"], actor=u["actor"]) for u in units))
    scores = score_intensity(find_matches(corpus, scale.lexicon), corpus, scale=scale, mode=mode)
    return [int(level) for level in scores["level"]]


def table(sets: dict[str, list[dict]], mode: str) -> pd.DataFrame:
    """One row of agreement per coded set (and the two blind halves together, when both are there)."""
    from toolkit.analysis.intensity import agreement

    rows, found = [], {}
    for name, units in sets.items():
        found[name] = score_units(units, mode)
        rows.append(agreement([u["level"] for u in units], found[name]).assign(set=name))
    if "blind2 (UN)" in sets and "news2 (news)" in sets:
        both = sets["blind2 (UN)"] + sets["news2 (news)"]
        rows.append(agreement([u["level"] for u in both], found["blind2 (UN)"] + found["news2 (news)"])
                    .assign(set="blind2 + news2"))
    frame = pd.concat(rows, ignore_index=True)
    return frame[["set"] + [c for c in frame.columns if c != "set"]]


def markdown(frame: pd.DataFrame) -> str:
    """The table as the README prints it: kappa, exact, and exact per level (n coded at that level)."""
    lines = ["| set | units | weighted kappa | exact | " + " | ".join(f"level {k}" for k in range(6)) + " |",
             "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in range(6)) + " |"]
    for row in frame.itertuples(index=False):
        cells = []
        for k in range(6):
            n, share = getattr(row, f"n_gold_{k}"), getattr(row, f"exact_{k}")
            cells.append("-" if n == 0 else f"{share:.2f} ({n})")
        lines.append(f"| {row.set} | {row.n} | {row.kappa:.3f} | {row.exact:.2f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", default="auto", choices=("auto", "parse", "rules"),
                        help="how cues are read: on the dependency parse, by the rules, or parse when installed")
    parser.add_argument("--news2", type=Path, metavar="TEXTS",
                        help="the folder of the news texts of corpora/intensity.news2.jsonl (kept outside the repo)")
    args = parser.parse_args(argv)
    sets = {"gold": read_units(ROOT / "corpora" / "intensity.gold.jsonl"),
            "held-out (UN)": read_units(ROOT / "corpora" / "intensity.heldout.jsonl")}
    sets["blind2 (UN)"] = read_units(ROOT / "corpora" / "intensity.blind2.jsonl")
    if args.news2 is not None:
        sets["news2 (news)"] = read_units(ROOT / "corpora" / "intensity.news2.jsonl", texts=args.news2)
    print(markdown(table(sets, args.mode)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
