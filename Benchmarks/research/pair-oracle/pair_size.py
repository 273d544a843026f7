#!/usr/bin/python3
"""Usage: pair_size.py DB [DF.json]. Size of stored pair postings: distinct (pair of adjacent folded syllables, document) entries,
for pairs whose two syllables are each in at least T of the documents. Approximates the
analyzer (NFC, lower case, marks removed, đ → d, runs of letters and digits)."""
import sqlite3, sys, re, unicodedata, collections, json
db = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/folded_df.json'
c = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
word = re.compile(r'\w+')
def fold(s):
    s = unicodedata.normalize('NFD', s.lower()).replace('đ', 'd').replace('\u0111', 'd')
    return ''.join(ch for ch in s if unicodedata.category(ch) != 'Mn')
df = collections.Counter()
docs = []
for (body, title) in c.execute("select body, title from documents"):
    toks = [fold(t) for t in word.findall((title or '') + ' \n ' + (body if isinstance(body, str) else body.decode('utf-8', 'replace')))]
    docs.append(toks)
    df.update(set(toks))
n = len(docs)
json.dump({k: v for k, v in df.items() if v >= n * 0.001}, open(out, 'w'))
tokens = sum(len(d) for d in docs)
print(f"documents {n}, tokens {tokens}")
for share in (0.005, 0.01, 0.02, 0.05, 0.10):
    common = {k for k, v in df.items() if v >= share * n}
    entries = 0
    pairs = set()
    for toks in docs:
        s = {(a, b) for a, b in zip(toks, toks[1:]) if a in common and b in common}
        entries += len(s)
        pairs |= s
    print(f"T={share:.3f}: {len(common)} common syllables, {len(pairs)} pairs, {entries} (pair, document) entries = {entries / n:.0f} per document")
# Bytes of doclists without positions (rowid deltas as varints, the mean delta per pair), and
# with a bitmap for pairs in more than an eighth of the documents; keys prefix-compressed ~ 6 bytes.
def varint_bytes(v):
    b = 1
    while v >= 128: v >>= 7; b += 1
    return b
for share in (0.02, 0.10):
    common = {k for k, v in df.items() if v >= share * n}
    pdf = collections.Counter()
    for toks in docs:
        pdf.update({(a, b) for a, b in zip(toks, toks[1:]) if a in common and b in common})
    lists = sum(f * varint_bytes(max(n // f, 1)) for f in pdf.values())
    mixed = sum(min(f * varint_bytes(max(n // f, 1)), n / 8) for f in pdf.values())
    keys = 6 * len(pdf)
    print(f"T={share:.2f}: doclists {lists / 1e6:.1f} MB, with bitmaps above n/8 {mixed / 1e6:.1f} MB, keys ~{keys / 1e6:.1f} MB; pairs in > n/8 documents: {sum(1 for f in pdf.values() if f > n / 8)}")
