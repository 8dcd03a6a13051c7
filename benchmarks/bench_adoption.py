"""Adoption benchmark on the UN General Debate Corpus: the per-actor table and curve, and the whole command.

Each task runs in a fresh Python process, so that its peak memory is its own:

* ``from the matches``: the matches of the family ``all_forms`` are found first (not timed); then
  ``adoption(matches, formula=[full, full_wherever])``, ``adoption_curve`` of every actor and per UN
  regional group, and ``median_adoption``, timed together;
* ``baseline, from the matches``: what a user would write on the same matches with pandas and
  lifelines: the first year per actor by ``groupby().min()`` on the hits joined to the statements,
  the entry and last year per actor, and ``KaplanMeierFitter.fit(..., entry=...)`` for every actor
  and each group (skipped when lifelines is not installed);
* ``condemn adoption``: the whole command, reading and matching included, in a subprocess;
* ``baseline, regex``: an independent regular expression over every speech read with tarfile,
  and the first year per state with pandas.

Targets (issue 26): from the matches under 1 s; the whole command under 15 s. The script exits with
status 1 when a target fails.

Usage: python benchmarks/bench_adoption.py [ARCHIVE]   (default: $TOOLKIT_UNGDC, then
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
FORMULAE = ["all_forms/full", "all_forms/full_wherever"]
#: Seconds each task must stay under.
TARGETS = {"from the matches": 1.0, "condemn adoption": 15.0}


def _matches(archive: str):
    from toolkit import default_lexicon, find_matches, read_corpus

    return find_matches(read_corpus(archive), default_lexicon().select(["all_forms"]))


def toolkit_from_matches(archive: str) -> dict:
    from toolkit import adoption, adoption_curve, median_adoption
    from toolkit.io import un_regional_groups

    matches = _matches(archive)
    groups = un_regional_groups()
    start = time.perf_counter()
    table = adoption(matches, formula=FORMULAE)
    overall, by_group = adoption_curve(table), adoption_curve(table, groups=groups)
    medians = median_adoption(overall)
    median_adoption(by_group)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "adopters": int(table["adopted"].sum()), "median": int(medians["median_time"][0])}


def baseline_from_matches(archive: str) -> dict:
    import pandas as pd
    from lifelines import KaplanMeierFitter

    from toolkit.io import un_regional_groups

    matches = _matches(archive)
    groups = un_regional_groups()
    start = time.perf_counter()
    statements = matches.statements
    hits = matches.table[matches.table["formula"].isin(FORMULAE)]
    first = hits.groupby("actor_id")["year"].min()
    span = statements.groupby("actor_id")["year"].agg(["min", "max"])
    frame = span.join(first.rename("first"))
    frame["event"] = frame["first"].notna()
    frame["duration"] = frame["first"].fillna(frame["max"]).astype(int)
    frame["entry"] = frame["min"].astype(int) - 1
    fitted = KaplanMeierFitter().fit(frame["duration"], frame["event"], entry=frame["entry"])
    frame["group"] = pd.Series(frame.index, index=frame.index).map(groups).fillna("none")
    for _, part in frame.groupby("group"):
        KaplanMeierFitter().fit(part["duration"], part["event"], entry=part["entry"])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "adopters": int(frame["event"].sum()), "median": int(fitted.median_survival_time_)}


def baseline_regex(archive: str) -> dict:
    import re
    import tarfile

    import pandas as pd

    start = time.perf_counter()
    phrase = re.compile(r"\bin[^\w.!?]+all[^\w.!?]+(?:of[^\w.!?]+)?(?:its|their)[^\w.!?]+forms[^\w.!?]+and"
                        r"[^\w.!?]+manifestations\b", re.IGNORECASE)
    rows = []
    with tarfile.open(archive) as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            parts = name[:-4].split("_")
            if not member.isfile() or name.startswith("._") or not name.endswith(".txt") or len(parts) != 3:
                continue
            data = tar.extractfile(member)
            assert data is not None
            code, _, year = parts
            rows.append((code, int(year), bool(phrase.search(data.read().decode("utf-8", "replace")))))
    frame = pd.DataFrame(rows, columns=["code", "year", "found"])
    first = frame[frame["found"]].groupby("code")["year"].min()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "adopters": int(first.size), "median": None}


def command(archive: str) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "toolkit", "adoption", archive, *[a for f in FORMULAE
                                                                                 for a in ("--formula", f)]],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    adopters = sum(1 for line in done.stdout.splitlines()[1:] if line.endswith(",True"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the command's process
    return {"seconds": seconds, "adopters": adopters, "median": None, "peak_mb": peak_mb}


TASKS = {"from the matches": toolkit_from_matches, "baseline, from the matches": baseline_from_matches,
         "condemn adoption": command, "baseline, regex": baseline_regex}


def run(task: str, archive: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", task, archive], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def adoption_markdown(archive: str) -> tuple[list[str], bool]:
    """The benchmark's table, and whether every target is met."""
    lines = ["| adoption of \"in all its forms and manifestations\" |       s | peak MB | vs. baseline | adopters |"
             " target |",
             "|----------------------------------------------------|---------|---------|--------------|----------|"
             "--------|"]
    results: dict[str, dict] = {}
    ok = True
    for task in TASKS:
        try:
            results[task] = run(task, archive)
        except subprocess.CalledProcessError as err:
            if "lifelines" in err.stderr:  # the survival extra is not installed: no baseline
                continue
            raise
    pairs = (("from the matches", "baseline, from the matches"), ("condemn adoption", "baseline, regex"))
    for task, baseline in pairs:
        for name in (task, baseline):
            if name not in results:
                continue
            r = results[name]
            ratio = "" if name != task or baseline not in results else \
                f"{r['seconds'] / results[baseline]['seconds']:.2f}"
            target = ""
            if name in TARGETS:
                met = r["seconds"] < TARGETS[name]
                ok &= met
                target = f"< {TARGETS[name]:g} s {'yes' if met else 'NO'}"
            lines.append(f"| {name:<50} | {r['seconds']:>7.2f} | {r['peak_mb']:>7.0f} | {ratio:>12} | "
                         f"{r['adopters']:>8} | {target:<6} |")
    return lines, ok


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        result = TASKS[argv[1]](argv[2])
        result.setdefault("peak_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(result))
        return 0
    archive = archive_argument(argv, "bench_adoption", str(DEFAULT_ARCHIVE))
    if archive is None:
        return 1
    lines, ok = adoption_markdown(archive)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
