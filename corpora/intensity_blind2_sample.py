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
script (never their codes).

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
import os
import json
import random
import re
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARCHIVE = Path(os.environ.get('TOOLKIT_UNGDC') or HERE.parents[1] / 'shared' / 'corpora' / 'UNGDC_1946-2024.tgz')
GOLD = HERE / 'intensity.gold.jsonl'
HELDOUT = HERE / 'intensity.heldout.jsonl'
OUT = Path('blind2_sample.jsonl')  # the uncoded draw, written in the current folder

SEED = 20261207
DRAWS = [('C-top', 8), ('C-int', 11), ('C-plain', 19), ('D-disapprove', 11), ('R-concern', 11)]
DECADES = ['1940s', '1950s', '1960s', '1970s', '1980s', '1990s', '2000s', '2010s', '2020s']

# --- 13.1 files -------------------------------------------------------------------------------
MEMBER = re.compile(r'^TXT/Session \d+ - (\d{4})/([A-Z0-9]+)_(\d+)_(\d{4})\.txt$')

# --- 13.2 sentences ---------------------------------------------------------------------------
END = re.compile('[.!?]["\'\u201d\u2019)\\]]*(?=\\s+["\'\u201c\u2018(\\[A-Z0-9\u00c0-\u00de])')
PREV_WORD = re.compile(r'([A-Za-z][A-Za-z.]*)\.$')
ACRONYM = re.compile(r'^[A-Za-z](?:\.[A-Za-z])+$')
ABBREV = set('''mr mrs ms dr st no nos messrs sr jr gen col lt sgt prof rev hon amb sen gov pres art
arts para paras vol p pp cf vs co inc ltd jan feb mar apr jun jul aug sep sept oct nov dec op cit
ibid e.g i.e viz rt capt maj adm excellencies res doc ch sect fig approx dept est mt ft'''.split())

# --- 13.3 cue filter --------------------------------------------------------------------------
I = re.IGNORECASE
CUE = re.compile(r'\b(?:condemn\w*|denounc\w*|deplor\w*|reject\w*|concern\w*|regret\w*|abhor\w*|decr(?:y|ies|ied|ying)\b|outrag\w*)', I)
CONDEMN = re.compile(r'\bcondemn\w*', I)
DISAPPROVE = re.compile(r'\b(?:denounc\w*|deplor\w*|reject\w*|abhor\w*|decr(?:y|ies|ied|ying)\b|outrag\w*)', I)
TOP = re.compile(r'\b(?:strongest|utmost|unreserved\w*|most\s+(?:strongly|vigorously|vehemently|energetically|emphatically|categorically|resolutely|firmly|severely|forcefully))\b', I)
INTENS = re.compile(r'\b(?:strong(?:ly)?|firm(?:ly)?|unequivocal(?:ly)?|vehement(?:ly)?|categorical(?:ly)?|resolute(?:ly)?|vigorous(?:ly)?|energetic(?:ally)?|emphatic(?:ally)?|forceful(?:ly)?|severe(?:ly)?|heinous|cowardly|barbar\w*|dastardly|brutal\w*|despicable|abhorrent|senseless|horrific|vile|monstrous|gruesome|atrocious|reprehensible|odious|abominable)\b', I)


def is_no_break(text, m):
    """True when a period-terminated match must not end a sentence (abbreviation rule)."""
    p = m.start()
    if text[p] != '.':
        return False
    window = text[max(0, p - 30):p + 1]
    w = PREV_WORD.search(window)
    if not w:
        return False
    word = w.group(1)
    return len(word) == 1 or bool(ACRONYM.match(word)) or word.lower() in ABBREV


def sentences(text):
    """Yield (start, end) of trimmed sentences, half-open offsets into text."""
    prev = 0
    cuts = []
    for m in END.finditer(text):
        if is_no_break(text, m):
            continue
        cuts.append((prev, m.end()))
        prev = m.end()
    cuts.append((prev, len(text)))
    for a, b in cuts:
        seg = text[a:b]
        s = a + (len(seg) - len(seg.lstrip()))
        e = b - (len(seg) - len(seg.rstrip()))
        if s < e:
            yield s, e


def stratum(sent):
    if CONDEMN.search(sent):
        if TOP.search(sent):
            return 'C-top'
        if INTENS.search(sent):
            return 'C-int'
        return 'C-plain'
    if DISAPPROVE.search(sent):
        return 'D-disapprove'
    if CUE.search(sent):
        return 'R-concern'
    return None


def decade(year):
    return '%d0s' % (year // 10) if year >= 1950 else '1940s'


def build_frame():
    """Return (texts, frame): texts[doc] = decoded speech; frame[stratum][decade] = list of rows."""
    members = {}
    with tarfile.open(ARCHIVE, 'r:gz') as tar:
        for ti in tar:                      # archive order
            if not ti.isreg():
                continue
            m = MEMBER.match(ti.name)
            if not m or ti.name.rsplit('/', 1)[-1].startswith('._'):
                continue
            members[ti.name] = tar.extractfile(ti).read().decode('utf-8-sig')
    texts = {}
    frame = {s: {d: [] for d in DECADES} for s, _ in DRAWS}
    for name in sorted(members):           # sorted member-name order
        m = MEMBER.match(name)
        year = int(m.group(1))
        assert year == int(m.group(4)), name
        doc = name.rsplit('/', 1)[-1][:-4]
        text = members[name]
        texts[doc] = text
        for s, e in sentences(text):
            if not 20 <= e - s <= 1200:
                continue
            sent = text[s:e]
            st = stratum(sent)
            if st:
                frame[st][decade(year)].append(
                    {'doc': doc, 'year': year, 'start': s, 'end': e, 'stratum': st,
                     'decade': decade(year)})
    return texts, frame


def allocate(rng, n, frame_s, exclude=frozenset()):
    """Round-robin allocation over shuffled decades. A decade's capacity is its candidates not in
    `exclude` (sentences already in the gold count as used up)."""
    cap = {d: sum((r['doc'], r['start']) not in exclude for r in frame_s[d]) for d in DECADES}
    order = list(DECADES)
    rng.shuffle(order)
    alloc = {d: 0 for d in DECADES}
    left = n
    while left:
        progressed = False
        for d in order:
            if left and alloc[d] < cap[d]:
                alloc[d] += 1
                left -= 1
                progressed = True
        if not progressed:
            raise ValueError('stratum exhausted')
    return alloc


def draw(seed, draws, frame, exclude=frozenset()):
    rng = random.Random(seed)
    out = []
    allocs = {}
    for st, n in draws:
        alloc = allocate(rng, n, frame[st], exclude)
        allocs[st] = alloc
        for d in DECADES:
            k = alloc[d]
            if not k:
                continue
            cands = frame[st][d]
            got = rng.sample(cands, k)
            for i in range(len(got)):
                if (got[i]['doc'], got[i]['start']) in exclude:
                    taken = {(r['doc'], r['start']) for r in got}
                    fresh = [r for r in cands if (r['doc'], r['start']) not in exclude
                             and (r['doc'], r['start']) not in taken]
                    print('  skipped excluded (gold/held-out) sentence %s@%d (%s %s); drawn again'
                          % (got[i]['doc'], got[i]['start'], st, d))
                    got[i] = rng.choice(fresh)   # draw again from the same stratum-decade
            out.extend(got)
    return out, allocs


def main():
    global ARCHIVE
    check = '--check' in sys.argv
    paths = [a for a in sys.argv[1:] if not a.startswith('--')]
    if paths:
        ARCHIVE = Path(paths[0])
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
