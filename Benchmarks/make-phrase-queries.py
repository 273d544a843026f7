#!/usr/bin/env python3
"""Quoted-phrase queries drawn from a folder of text files, for `query-latency`.

    Benchmarks/make-phrase-queries.py FOLDER [COUNT] [SEED] [--words] > /tmp/phrases.txt

Each query is 2-4 consecutive words of a random file, quoted ("trong những năm"); with --words,
a 2-3-word phrase followed by 1, 2 or 4 words of the same file (the mixed kind). Written to
stdout, never into the repository: the words are the corpus's. docs/ENGINE.md, "Quoted phrases",
uses the news folder: `make-phrase-queries.py /work/scale/news 150 5` and
`make-phrase-queries.py /work/scale/news 120 6 --words`.
"""
import os
import random
import re
import sys

arguments = [a for a in sys.argv[1:] if a != "--words"]
mixed = "--words" in sys.argv[1:]
if not arguments:
    sys.exit(__doc__)
folder = arguments[0]
count = int(arguments[1]) if len(arguments) > 1 else 150
random.seed(int(arguments[2]) if len(arguments) > 2 else 5)
files = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names)
if not files:
    sys.exit(f"make-phrase-queries: no files under {folder}")
queries = set()
while len(queries) < count:
    with open(random.choice(files), encoding="utf-8", errors="replace") as handle:
        words = re.findall(r"\w+", handle.read())
    if len(words) < (30 if mixed else 10):
        continue
    length = random.choice([2, 3] if mixed else [2, 2, 3, 3, 4])
    start = random.randrange(len(words) - length)
    query = '"' + " ".join(words[start:start + length]) + '"'
    if mixed:
        query += " " + " ".join(random.sample(words, random.choice([1, 2, 4])))
    queries.add(query)
print("\n".join(sorted(queries)))
