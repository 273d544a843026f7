#!/usr/bin/env bash
# CI smoke run of the benchmarks, so they cannot rot: builds the throughput and latency tools (not the
# package-benchmark suite, whose first build takes minutes) in release, as real runs use it, and
# runs it once on 1 MB of generated text; vnsearch itself is the debug build. No timing
# assertions: CI machines are shared and noisy. Fails only if the build fails or the tool crashes
# or reports an error (e.g. token counts that change between rounds). How long it takes:
# docs/BENCHMARKS.md, "CI smoke run".
set -euo pipefail
cd "$(dirname "$0")"
start=$SECONDS
swift build -c release --product analyzer-throughput
.build/release/analyzer-throughput --generated-mb 1 --rounds 1

# Folder indexing against the sqlite3 shell, on 1 MB of generated files, with the debug vnsearch
# (CI has just built it): its release build compiles the server's dependencies (Hummingbird,
# SwiftNIO) in release, which took 10 minutes of a CI run.
swift build --package-path .. --product vnsearch
export VNSEARCH_BIN="$(swift build --package-path .. --show-bin-path)/vnsearch"
swift build -c release --product generate-corpus
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
.build/release/generate-corpus "$scratch/corpus" --mb 1
./compare-indexing.sh "$scratch/corpus" 1

# Query latency against stock FTS5 on the same files (the keyword list; ranking-eval and the
# question sets need the shared corpus and minutes).
swift build -c release --product query-latency
"$VNSEARCH_BIN" index "$scratch/corpus" --db "$scratch/vs.db" --quiet
sqlite3 "$scratch/stock.db" "CREATE VIRTUAL TABLE t USING fts5(path, body, tokenize='unicode61 remove_diacritics 2');" \
    "INSERT INTO t(path, body) SELECT name, readfile(name) FROM fsdir('$scratch/corpus') WHERE name LIKE '%.txt';"
.build/release/query-latency "$scratch/vs.db" --stock "$scratch/stock.db" Queries/keywords.txt
echo "smoke: build and run took $((SECONDS - start)) s"
