#!/usr/bin/python3
"""Usage: words_table.py DB OUT.db. The reference for pair_table.py, in the same harness: the
documents' text into a contentless stock FTS5 table (unicode61 remove_diacritics 2)."""
import sys
import sqlite3, time, os
src = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)
texts = [(r, (t or '') + '\n' + (b if isinstance(b, str) else b.decode('utf-8','replace'))) for r, b, t in src.execute("select id, body, title from documents")]
out=sys.argv[2]
if os.path.exists(out): os.remove(out)
dst = sqlite3.connect(out); dst.execute("pragma page_size = 16384")
dst.execute("create virtual table w using fts5(p, content='', tokenize='unicode61 remove_diacritics 2')")
s=time.time()
with dst: dst.executemany("insert into w(rowid, p) values (?, ?)", texts)
print(f"stock words, contentless detail=full: insert {time.time()-s:.1f} s, data {dst.execute('select sum(length(block)) from w_data').fetchone()[0]/1e6:.1f} MB")
