#!/usr/bin/env python3
"""Known-item keyword queries over a corpus file, in the question format `ranking-eval` reads.

    Benchmarks/make-keyword-queries.py CORPUS.jsonl.gz OUT.jsonl.gz [COUNT] [SEED]

For COUNT random documents (500; seed 12): 5-8 words drawn in order, not next to each other,
from one paragraph of at least 25 words (the words someone remembers of a page), with the
document as the answer (`answer_doc_id`). Index the corpus unpacked by `unpack.py` (files named
by id), then `ranking-eval INDEX OUT.jsonl.gz --bm25`. Written outside the repository: the words
are the corpus's. docs/ENGINE.md, "Keyword lists from another collection".
"""
import gzip
import json
import random
import re
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
count = int(sys.argv[3]) if len(sys.argv) > 3 else 500
random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 12)
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as lines:
    documents = [json.loads(line) for line in lines]
queries = []
for document in random.sample(documents, min(len(documents), count * 2)):
    paragraphs = [p for p in re.split(r"[\r\n]+", document["text"]) if len(p.split()) >= 25 and not p.startswith("==")]
    if not paragraphs:
        continue
    words = re.findall(r"\w+", random.choice(paragraphs))
    picked = sorted(random.sample(range(len(words)), random.randint(5, 8)))
    queries.append({"qid": document["id"], "question": " ".join(words[i] for i in picked),
                    "answer_doc_id": document["id"], "answer_text": ""})
    if len(queries) == count:
        break
with gzip.open(sys.argv[2], "wt", encoding="utf-8") as out:
    for query in queries:
        out.write(json.dumps(query, ensure_ascii=False) + "\n")
