#!/usr/bin/python3
"""Usage: pair_table.py DB SHARE OUT.db. Builds what stored pair postings would be as FTS5 stores
them: a contentless, detail=none table whose tokens are the pairs of adjacent folded syllables
(each in at least SHARE of the documents), one row per document, rowids as in DB; prints the
time to insert them and the table's size (pair_size.py's approximation of the analyzer)."""
import sqlite3, sys, re, unicodedata, collections, time, os
db, share, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
src = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
word = re.compile(r'\w+')
def fold(s):
    s = unicodedata.normalize('NFD', s.lower()).replace('đ', 'd')
    return ''.join(ch for ch in s if unicodedata.category(ch) != 'Mn')
rows = []
df = collections.Counter()
for (rowid, body, title) in src.execute("select id, body, title from documents"):
    text = (title or '') + ' \n ' + (body if isinstance(body, str) else body.decode('utf-8', 'replace'))
    toks = [fold(t) for t in word.findall(text)]
    rows.append((rowid, toks))
    df.update(set(toks))
common = {k for k, v in df.items() if v >= share * len(rows)}
texts = []
for rowid, toks in rows:
    pairs = sorted({a + '_' + b for a, b in zip(toks, toks[1:]) if a in common and b in common})
    texts.append((rowid, ' '.join(pairs)))
if os.path.exists(out): os.remove(out)
dst = sqlite3.connect(out)
dst.execute("pragma page_size = 16384")
dst.execute("create virtual table pairs using fts5(p, content='', detail=none, tokenize=\"unicode61 tokenchars '_'\")")
start = time.time()
with dst:
    dst.executemany("insert into pairs(rowid, p) values (?, ?)", texts)
inserted = time.time() - start
with dst:
    dst.execute("insert into pairs(pairs) values ('optimize')")
optimized = time.time() - start
size = dst.execute("select sum(length(block)) from pairs_data").fetchone()[0]
dst.execute("vacuum")
print(f"share {share}: {len(common)} syllables, {sum(len(t[1].split()) for t in texts)} entries; insert {inserted:.1f} s, with optimize {optimized:.1f} s; "
      f"FTS5 data {size / 1e6:.1f} MB, file {os.path.getsize(out) / 1e6:.1f} MB")
