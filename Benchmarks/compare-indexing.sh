#!/usr/bin/env bash
# Folder indexing, vnsearch against stock SQLite, alternating in one run on the same warm folder:
#   vnsearch index FOLDER --db fresh.db
#   sqlite3 fresh.db: fsdir() + readfile() into FTS5 unicode61 remove_diacritics 2, journal off,
#   one transaction
# Prints the medians of wall time, MB/s, docs/s, peak RSS and index size, and the ratios.
#
#   Benchmarks/compare-indexing.sh [FOLDER] [ROUNDS]
# FOLDER defaults to 50 MB of generated text (written once to /tmp/vietsearch-generated);
# the news corpus: python3 ../shared/corpus/unpack.py ../shared/corpus/vinews-baomoi.jsonl.gz /tmp/news
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${2:-3}
folder=${1:-/tmp/vietsearch-generated}
if [ -z "${1:-}" ] && [ ! -d "$folder" ]; then
    swift run -c release --package-path Benchmarks generate-corpus "$folder" --mb 50 >/dev/null
fi
[ -d "$folder" ] || { echo "compare-indexing: no folder $folder" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "compare-indexing: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
# VNSEARCH_BIN: a binary already built (the smoke run passes its debug build: a release build
# of vnsearch compiles the server's dependencies too, minutes that a smoke run cannot spare).
vnsearch=${VNSEARCH_BIN:-}
if [ -z "$vnsearch" ]; then
    swift build -c release --product vnsearch >/dev/null
    vnsearch=$(swift build -c release --show-bin-path)/vnsearch
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bytes=$(find "$folder" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
docs=$(find "$folder" -name '*.txt' | wc -l)
cat "$(find "$folder" -name '*.txt' | head -1)" >/dev/null  # warm
find "$folder" -name '*.txt' -exec cat {} + >/dev/null
echo "folder: $folder: $docs files, $(awk "BEGIN {printf \"%.1f\", $bytes / 1e6}") MB; $(nproc) cores; SQLite $(sqlite3 --version | cut -d' ' -f1); load $(cut -d' ' -f1-3 /proc/loadavg) (vnsearch uses two cores: compare on an idle machine)"

measure() {  # name, db, command... → appends "name seconds rss_kb size_bytes" to results
    local name=$1 db=$2
    shift 2
    rm -f "$db" "$db"-wal "$db"-shm "$db".lock
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    local size=0
    for f in "$db" "$db"-wal; do [ -f "$f" ] && size=$((size + $(stat -c %s "$f"))); done
    echo "$name $(cat "$work/time") $size" >> "$work/results"
}
for round in $(seq "$rounds"); do
    measure vnsearch "$work/vs.db" "$vnsearch" index "$folder" --db "$work/vs.db" --quiet
    measure sqlite3 "$work/stock.db" sqlite3 "$work/stock.db" "PRAGMA journal_mode=OFF;" "BEGIN;" \
        "CREATE VIRTUAL TABLE t USING fts5(path, body, tokenize='unicode61 remove_diacritics 2');" \
        "INSERT INTO t(path, body) SELECT name, readfile(name) FROM fsdir('$folder') WHERE name LIKE '%.txt';" "COMMIT;"
    echo "round $round: $(grep -c . "$work/results") runs done" >&2
done
awk -v bytes="$bytes" -v docs="$docs" '
    { n[$1]++; t[$1, n[$1]] = $2; r[$1, n[$1]] = $3; s[$1] = $4 }
    function median(a, name, count,    i, j, v, tmp) {
        for (i = 1; i <= count; i++) v[i] = a[name, i]
        for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { tmp = v[i]; v[i] = v[j]; v[j] = tmp }
        return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
    }
    END {
        printf "| | median s | MB/s | docs/s | peak RSS | index size |\n|---|---:|---:|---:|---:|---:|\n"
        for (name in n) {
            m[name] = median(t, name, n[name]); rss[name] = median(r, name, n[name])
            printf "| %s | %.2f | %.1f | %.0f | %.0f MB | %.1f MB |\n", name, m[name], bytes / m[name] / 1e6, docs / m[name], rss[name] / 1024, s[name] / 1e6
        }
        printf "\nvnsearch ÷ stock: throughput %.2f×, index size %.2f×, peak RSS %.1f×\n", m["sqlite3"] / m["vnsearch"], s["vnsearch"] / s["sqlite3"], rss["vnsearch"] / rss["sqlite3"]
    }' "$work/results"
