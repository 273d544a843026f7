#!/usr/bin/python3
"""Usage: build_pair_postings.py DB EXT.so SHARE. A prototype of stored pair postings, written
into DB (use a copy): for every folded syllable in at least SHARE of the documents (by FTS5's own
instances: a term `dang:đảng` folds to `dang`), the rows where two such syllables are adjacent
(same column, consecutive offsets), as the ranker's adjacency counts them.

Tables: `vietsearch_pair_syllables(syllable TEXT PRIMARY KEY)`, the syllables covered (a pair of
two covered syllables absent from the next table occurs in no row), and
`vietsearch_pair_postings(pair TEXT PRIMARY KEY, rows BLOB)`, pair `a b`, rows as varints of
rowid deltas (the first from 0). Debian's /usr/bin/python3 (it can load the extension)."""
import sqlite3, sys, collections, time
db, ext, share = sys.argv[1], sys.argv[2], float(sys.argv[3])
start = time.time()
c = sqlite3.connect(db)
c.enable_load_extension(True); c.load_extension(ext)
c.execute("create virtual table temp.vr using fts5vocab(main, documents_fts, row)")
c.execute("create virtual table temp.vi using fts5vocab(main, documents_fts, instance)")
documents = c.execute("select count(*) from documents").fetchone()[0]
# A syllable's documents: at least its most common form's, at most their sum; the sum of
# forms is an upper bound, the max a lower one. Use the distinct count through instances
# only for the candidates between the two.
forms = collections.defaultdict(list)
for term, doc in c.execute("select term, doc from temp.vr"):
    forms[term.split(':')[0]].append((term, doc))
common = []
for syllable, entries in forms.items():
    if sum(d for _, d in entries) < share * documents: continue
    if max(d for _, d in entries) >= share * documents:
        common.append(syllable); continue
    hi = syllable + ';'
    docs = c.execute("select count(distinct doc) from temp.vi where term >= ? and term < ?", (syllable + ':', hi)).fetchone()[0]
    if docs >= share * documents: common.append(syllable)
common.sort()
sid = {s: i for i, s in enumerate(common)}
print(f"{len(common)} syllables in >= {share} of {documents} documents ({time.time() - start:.1f} s)", file=sys.stderr)
places = collections.defaultdict(dict)  # doc -> {(col << 24) | offset: set of syllable ids}
for s in common:
    i = sid[s]
    for doc, col, off in c.execute("select doc, col, offset from temp.vi where term >= ? and term < ?", (s + ':', s + ';')):
        d = places[doc]
        key = ((col == 'body') << 24) | off
        if key in d: d[key].add(i)
        else: d[key] = {i}
print(f"instances read ({time.time() - start:.1f} s)", file=sys.stderr)
postings = collections.defaultdict(list)
for doc in sorted(places):
    d = places[doc]
    seen = set()
    for key, first in d.items():
        second = d.get(key + 1)
        if not second: continue
        for a in first:
            for b in second:
                seen.add(a * 65536 + b)
    for p in seen: postings[p].append(doc)
def varints(rows):
    out = bytearray(); last = 0
    for r in rows:
        v = r - last; last = r
        while v >= 0x80:
            out.append((v & 0x7f) | 0x80); v >>= 7
        out.append(v)
    return bytes(out)
with c:
    c.execute("drop table if exists vietsearch_pair_syllables")
    c.execute("drop table if exists vietsearch_pair_postings")
    c.execute("create table vietsearch_pair_syllables(syllable TEXT PRIMARY KEY) WITHOUT ROWID")
    c.execute("create table vietsearch_pair_postings(pair TEXT PRIMARY KEY, rows BLOB NOT NULL) WITHOUT ROWID")
    c.executemany("insert into vietsearch_pair_syllables values (?)", [(s,) for s in common])
    c.executemany("insert into vietsearch_pair_postings values (?, ?)",
                  ((common[p // 65536] + ' ' + common[p % 65536], varints(rows)) for p, rows in postings.items()))
entries = sum(len(r) for r in postings.values())
size = c.execute("select sum(length(rows)) from vietsearch_pair_postings").fetchone()[0]
print(f"{len(postings)} pairs, {entries} (pair, row) entries, {size / 1e6:.1f} MB of rows; {time.time() - start:.1f} s", file=sys.stderr)
