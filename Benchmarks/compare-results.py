#!/usr/bin/python3
"""What two vnsearch binaries answer, query by query: the check that a change meant to be faster
changes no result. Each binary serves the same index read-only on loopback (`vnsearch serve`,
one process each, so the second and later searches see what earlier ones kept: statistics,
definitions, pair counts), and every query is asked of both, ROUNDS times over:

    Benchmarks/compare-results.py BINARY_A BINARY_B INDEX.db [QUERIES.txt...]
        [--dev-questions ../shared/corpus/vinewsqa-qa-dev.jsonl.gz --every 5] [--rounds 2]

QUERIES.txt: one query a line. `--dev-questions` adds every Nth question as written and without
diacritics (đ → d), as `query-latency` asks them. Compared: what was searched (`searched_as`), the
rewrites, the total, and each result's path and snippet. Prints each query that differs and a
count; exits 1 when any does.

`--cli` asks each query of a `vnsearch search --json` process of its own instead (each search is
its process's first: nothing kept from an earlier one), once.
"""
import argparse
import gzip
import json
import subprocess
import sys
import time
import unicodedata
import urllib.parse
import urllib.request


def without_diacritics(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def queries(arguments):
    found = []
    for path in arguments.queries:
        with open(path, encoding="utf-8") as lines:
            found += [line.strip() for line in lines if line.strip()]
    if arguments.dev_questions:
        with gzip.open(arguments.dev_questions, "rt", encoding="utf-8") as lines:
            asked = [json.loads(line)["question"] for number, line in enumerate(lines) if number % arguments.every == 0]
        found += asked + [without_diacritics(question) for question in asked]
    return found


def start(binary, index, port):
    try:
        server = subprocess.Popen(
            [binary, "serve", "--db", index, "--read-only", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
    except OSError as error:
        sys.exit(f"compare-results: cannot run {binary}: {error.strerror}")
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"compare-results: {binary} serve exited: {server.stderr.read().decode(errors='replace')}")
            time.sleep(0.1)
    server.terminate()
    sys.exit(f"compare-results: {binary} serve did not answer on port {port}")


def answer(port, query):
    address = f"http://127.0.0.1:{port}/api/search?" + urllib.parse.urlencode({"q": query, "limit": 10})
    with urllib.request.urlopen(address, timeout=120) as response:
        return summary(json.load(response))


def answer_alone(binary, index, query):
    ran = subprocess.run([binary, "search", "--db", index, "--json", "--limit", "10", "--", query], capture_output=True, text=True)
    if ran.returncode != 0:
        return ("exit", ran.returncode, ran.stderr.strip())
    return summary(json.loads(ran.stdout))


def summary(found):
    results = [(result["path"], result.get("snippet")) for result in found["results"]]
    return found.get("searched_as"), found.get("rewrites"), found["total"], results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("index")
    parser.add_argument("queries", nargs="*")
    parser.add_argument("--dev-questions")
    parser.add_argument("--every", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--port", type=int, default=18771, help="the first server's port; the second takes the next")
    parser.add_argument("--cli", action="store_true", help="one search process per query instead of servers")
    arguments = parser.parse_args()
    asked = queries(arguments)
    if not asked:
        sys.exit("compare-results: no queries (give QUERIES.txt files or --dev-questions)")
    if arguments.cli:
        differing = 0
        for query in asked:
            if answer_alone(arguments.first, arguments.index, query) != answer_alone(arguments.second, arguments.index, query):
                differing += 1
                print(f"differs: {query}")
        print(f"{len(asked)} queries, one process each: {differing} differ")
        sys.exit(1 if differing else 0)
    servers = []
    differing = 0
    try:
        servers.append(start(arguments.first, arguments.index, arguments.port))
        servers.append(start(arguments.second, arguments.index, arguments.port + 1))
        for round in range(arguments.rounds):
            for query in asked:
                if answer(arguments.port, query) != answer(arguments.port + 1, query):
                    differing += 1
                    print(f"differs (round {round + 1}): {query}")
    finally:
        for server in servers:
            server.terminate()
    print(f"{len(asked)} queries × {arguments.rounds} rounds: {differing} differ")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
