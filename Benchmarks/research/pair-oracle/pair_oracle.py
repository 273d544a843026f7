#!/usr/bin/python3
"""Oracle: how many candidates MaxScore would keep if each adjacent pair of query words had its
own postings (rows where the two are adjacent), against the split on words alone
(docs/ENGINE.md, "What stored pair postings would buy").

Usage (Debian's /usr/bin/python3, which can load SQLite extensions):
  git apply Benchmarks/research/pair-oracle/oracle-dump-debug.patch   # a debug dump, not to commit
  swift build -c release --package-path Benchmarks
  VS_ORACLE=/tmp/oracle.jsonl Benchmarks/.build/release/query-latency DB --one-thread --every 25 \
      --questions ../shared/corpus/vinewsqa-qa-dev.jsonl.gz
  swift build -c release --product VietSearchExtension
  pair_size.py DB /tmp/folded_df.json          # only for the common-syllable cut
  pair_oracle.py DB /tmp/oracle.jsonl .build/release/libVietSearchExtension.so [NODES [SHARE DF.json]]

The records hold each search's words (forms, weights, routing) and final θ, in the order the
benchmark searched them: the three forms of the questions, a third each."""
import json, sqlite3, sys, collections, time
db, records, ext = sys.argv[1], sys.argv[2], sys.argv[3]
nodes_limit = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
common_share = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
folded_df = json.load(open(sys.argv[6])) if common_share > 0 else {}
c = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
c.enable_load_extension(True); c.load_extension(ext)
c.execute("create virtual table temp.vi using fts5vocab(main, documents_fts, instance)")
documents = c.execute('select count(*) from documents').fetchone()[0]
cache = {}
def term_places(term, prefix):
    key = (term, prefix)
    if key in cache: return cache[key]
    d = collections.defaultdict(set)
    if prefix:
        hi = term[:-1] + chr(ord(term[-1]) + 1)
        rows = c.execute("select doc, col, offset from temp.vi where term >= ? and term < ?", (term, hi))
    else:
        rows = c.execute("select doc, col, offset from temp.vi where term = ?", (term,))
    for doc, col, off in rows: d[doc].add((col, off))
    cache[key] = d
    return d
def phrase_starts(phrase):
    toks = phrase['tokens']
    lists = [term_places(t, p == '1') for t, p in toks]
    if len(lists) == 1: return lists[0]
    out = {}
    for doc, starts in lists[0].items():
        s = {(col, off) for col, off in starts if all((col, off + i) in lists[i].get(doc, ()) for i in range(1, len(lists)))}
        if s: out[doc] = s
    return out
ceiling = None
def run(rec):
    global ceiling
    ceiling = rec['k1'] + 1
    theta = rec['theta']
    words = rec['words']
    n = len(words)
    # parts: (word, typed?) -> docs; countsAny/countsExact
    partDocs, countsAny, countsExact, routing = {}, {}, {}, {}
    starts = []
    for w, word in enumerate(words):
        allstarts = collections.defaultdict(set)
        for typed in (True, False):
            ph = [p for p in word['phrases'] if p['exact'] == typed]
            docs = set()
            for p in ph:
                st = phrase_starts(p)
                docs |= st.keys()
                for d, s in st.items(): allstarts[d] |= s
            if ph and docs:
                part = (w, typed)
                partDocs[part] = docs
                countsAny[part] = any(p['any'] for p in ph)
                countsExact[part] = any(p['exact'] for p in ph)
                routing[part] = word['routes'] and (typed or not word['typedOnly'])
        starts.append(allstarts)
    pairDocs = {}
    def syllable(word, last):
        tok = word['phrases'][0]['tokens'][-1 if last else 0][0]
        return tok.split(':')[0]
    for w in range(1, n):
        if words[w]['p'] <= 0: continue
        if common_share > 0:
            limit = common_share * documents
            if folded_df.get(syllable(words[w - 1], True), 0) < limit or folded_df.get(syllable(words[w], False), 0) < limit: continue
        L = words[w - 1]['length']
        prev, cur = starts[w - 1], starts[w]
        docs = set()
        small, big = (prev, cur) if len(prev) < len(cur) else (cur, prev)
        for d in small:
            if d not in big: continue
            ends = {(col, off + L) for col, off in prev[d]}
            if ends & cur[d]: docs.add(d)
        pairDocs[w] = docs
    def bound(possible, pairPossible):
        total = 0.0
        prevPresent = False
        for w, word in enumerate(words):
            t, o = (w, True), (w, False)
            any_ = (possible.get(t) and countsAny[t]) or (possible.get(o) and countsAny[o])
            exact = (possible.get(t) and countsExact[t]) or (possible.get(o) and countsExact[o])
            if any_: total += word['a'] * ceiling
            if exact: total += word['e'] * ceiling
            present = bool(any_ or exact)
            if word['p'] > 0 and w > 0 and present and prevPresent and pairPossible(w): total += word['p'] * ceiling
            prevPresent = present
        return total * (1 + 1e-12) + 1e-9
    def split(parts, pairs_as_parts):
        # parts: list of keys, word parts are tuples, pair parts are ints; B&B on postings
        parts = sorted(parts, key=lambda p: -len(partDocs[p] if isinstance(p, tuple) else pairDocs[p]))
        possible = {}
        best = [None, float('inf')]
        nodes = [0]
        state = {'routing': 0}
        def pairPossible(w):
            return (not pairs_as_parts) or possible.get(('pair', w), False) or w not in pairDocs
        def visit(i, cost):
            nodes[0] += 1
            if cost >= best[1]: return
            if i == len(parts):
                best[0], best[1] = dict(possible), cost
                return
            if best[1] != float('inf') and nodes[0] >= nodes_limit: return
            p = parts[i]
            key = p if isinstance(p, tuple) else ('pair', p)
            possible[key] = True
            r = isinstance(p, tuple) and routing[p]
            if r: state['routing'] += 1
            if state['routing'] == 0 or bound(possible, pairPossible) < theta: visit(i + 1, cost)
            if r: state['routing'] -= 1
            possible[key] = False
            size = len(partDocs[p]) if isinstance(p, tuple) else len(pairDocs[p])
            visit(i + 1, cost + size)
        visit(0, 0)
        essential = [p for p in parts if not best[0].get(p if isinstance(p, tuple) else ('pair', p), False)]
        cand = set()
        for p in essential: cand |= partDocs[p] if isinstance(p, tuple) else pairDocs[p]
        return len(cand), essential
    now, e1 = split(list(partDocs), False)
    withPairs, e2 = split(list(partDocs) + list(pairDocs), True)
    return now, withPairs, e1, e2
recs = [json.loads(l) for l in open(records)]
names = ['as written', 'restored', 'every form']
per = len(recs) // 3
for s in range(3):
    rows = []
    t = time.time()
    for rec in recs[s * per:(s + 1) * per]:
        if rec['theta'] < 0: continue
        now, wp, e1, e2 = run(rec)
        rows.append((rec['candidates'], now, wp))
    rows.sort(key=lambda r: r[1])
    import statistics as st
    print(f"{names[s]}: n={len(rows)} ranker candidates (all windows) median {st.median(r[0] for r in rows):.0f} mean {st.mean(r[0] for r in rows):.0f}; "
          f"final split, words only: median {st.median(r[1] for r in rows):.0f} mean {st.mean(r[1] for r in rows):.0f}; "
          f"with pair postings: median {st.median(r[2] for r in rows):.0f} mean {st.mean(r[2] for r in rows):.0f}  ({time.time()-t:.0f}s)", flush=True)
