#!/usr/bin/env python3
"""Draw the second blind UN General Debate sample (blind2) for the condemnation-intensity measure.

Adapted from corpora/intensity_heldout_sample.py (the held-out draw); the coded result is
corpora/intensity.blind2.jsonl (corpora/README.md gives its provenance). Procedure:
intensity.codebook.md section 13 (files, sentence splitting, length limits, cue filter, strata,
decades, round-robin allocation, drawing), with

    rng = random.Random(20261207)
    draws per stratum: C-top 8, C-int 11, C-plain 19, D-disapprove 11, R-concern 11 (60)
    (the held-out's 8/12/20/12/12 of 64, scaled to 60)

Sentences whose (doc, start) already occur in intensity.gold.jsonl (ungdc rows) OR in
intensity.heldout.jsonl are skipped and drawn again from the same stratum-decade: after
`rng.sample(candidates, k)`, every drawn sentence that is excluded is replaced by `rng.choice`
over the stratum-decade's candidates that are neither excluded nor already drawn (the held-out's
replacement rule, unchanged).

In the round-robin allocation a decade's capacity is its number of candidates NOT excluded, so a
stratum-decade whose candidates are all excluded is skipped as "used up" and the draw goes to the
next decade in the shuffled order. Without exclusion the procedure is exactly section 13.6
(`--check` reproduces the gold's 100 main draws with seed 20250917).

Only (doc, start) are read from intensity.gold.jsonl and intensity.heldout.jsonl, next to this
script (never their codes). The sentence splitting, the strata and the draw are those of
intensity_heldout_sample.py, imported from beside this script: one procedure for both draws.

Usage:
    python3 corpora/intensity_blind2_sample.py [ARCHIVE]  # draw; writes blind2_sample.jsonl in the current
                                         # folder (uncoded frame rows, with stratum and decade)
    python3 corpora/intensity_blind2_sample.py [ARCHIVE] --check  # also reproduce the population table and the
                                         # gold's main draw (seed 20250917) as a check of the procedure
ARCHIVE is the UN General Debate Corpus archive: the first argument that is not an option, else the
environment variable TOOLKIT_UNGDC, else ../shared/corpora/UNGDC_1946-2024.tgz beside the checkout.
Standard library only.
"""
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / 'intensity.gold.jsonl'
HELDOUT = HERE / 'intensity.heldout.jsonl'
OUT = Path('blind2_sample.jsonl')  # the uncoded draw, written in the current folder

SEED = 20261207
DRAWS = [('C-top', 8), ('C-int', 11), ('C-plain', 19), ('D-disapprove', 11), ('R-concern', 11)]


def _procedure():
    """The held-out draw's module (intensity_heldout_sample.py beside this script): its frame and its draw."""
    spec = importlib.util.spec_from_file_location('intensity_heldout_sample', HERE / 'intensity_heldout_sample.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


procedure = _procedure()
DECADES, build_frame, draw = procedure.DECADES, procedure.build_frame, procedure.draw


def main():
    check = '--check' in sys.argv
    paths = [a for a in sys.argv[1:] if not a.startswith('--')]
    if paths:
        procedure.ARCHIVE = Path(paths[0])
    gold_keys = set()
    gold_main = []
    with open(GOLD, encoding='utf-8') as f:
        for line in f:
            g = json.loads(line)
            if g['source'] == 'ungdc':
                gold_keys.add((g['doc'], g['start']))
                if int(g['id'].split('-')[1]) <= 100:
                    gold_main.append((g['doc'], g['start'], g['end']))
    heldout_keys = set()
    with open(HELDOUT, encoding='utf-8') as f:
        for line in f:
            g = json.loads(line)
            heldout_keys.add((g['doc'], g['start']))
    exclude = frozenset(gold_keys | heldout_keys)
    print('excluded: %d gold ungdc + %d held-out sentences (%d distinct (doc, start))'
          % (len(gold_keys), len(heldout_keys), len(exclude)))
    texts, frame = build_frame()
    in_frame = {(r['doc'], r['start']) for st in frame for d in frame[st] for r in frame[st][d]}
    print('excluded sentences found in the frame: %d/%d' % (len(exclude & in_frame), len(exclude)))
    for st, _ in DRAWS:
        counts = [sum((r['doc'], r['start']) in exclude for r in frame[st][d]) for d in DECADES]
        print('  excluded in %-13s %3d  %s' % (st, sum(counts), counts))

    print('population (total, then 1940s..2020s):')
    for st, _ in DRAWS:
        counts = [len(frame[st][d]) for d in DECADES]
        print('  %-13s %6d  %s' % (st, sum(counts), counts))

    if check:
        ref, ref_alloc = draw(20250917, [('C-top', 10), ('C-int', 15), ('C-plain', 35),
                                         ('D-disapprove', 20), ('R-concern', 20)], frame)
        mine = sorted((r['doc'], r['start'], r['end']) for r in ref)
        print('check: reproduces gold main draw (doc,start,end):', mine == sorted(gold_main),
              '| overlap %d/100' % len(set(mine) & set(gold_main)))
        for st in ref_alloc:
            print('  alloc %-13s %s' % (st, '/'.join(str(ref_alloc[st][d]) for d in DECADES)))
        print('check: gold ungdc (doc,start) found among frame sentences: %d/%d'
              % (len(gold_keys & in_frame), len(gold_keys)))

    drawn, allocs = draw(SEED, DRAWS, frame, exclude=exclude)
    assert len(drawn) == sum(n for _, n in DRAWS)
    assert not any((r['doc'], r['start']) in exclude for r in drawn)
    assert len({(r['doc'], r['start']) for r in drawn}) == len(drawn)
    for st in allocs:
        print('blind2 alloc %-13s %s' % (st, '/'.join(str(allocs[st][d]) for d in DECADES)))
    drawn.sort(key=lambda r: (r['year'], r['doc'], r['start']))
    with open(OUT, 'w', encoding='utf-8') as f:
        for i, r in enumerate(drawn, 1):
            span = texts[r['doc']][r['start']:r['end']]
            row = {'id': 'blind2-%03d' % i, 'source': 'ungdc', 'doc': r['doc'],
                   'start': r['start'], 'end': r['end'], 'text': span,
                   'sha256': hashlib.sha256(span.encode('utf-8')).hexdigest(),
                   'actor': r['doc'].split('_')[0], 'stratum': r['stratum'],
                   'decade': r['decade']}
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    print('wrote %d rows to %s' % (len(drawn), OUT))


if __name__ == '__main__':
    main()
