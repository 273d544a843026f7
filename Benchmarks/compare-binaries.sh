#!/usr/bin/env bash
# Folder indexing by several vnsearch binaries (say, two commits), alternating in one run with the
# sqlite3 shell doing the same job with stock FTS5 (as compare-indexing.sh does), so that a change
# is measured against its parent on the same warm folder and the same host minute:
#
#   Benchmarks/compare-binaries.sh FOLDER ROUNDS label=/path/to/vnsearch [label=/path/to/vnsearch...]
#
# Build a commit's binary in a worktree: git worktree add /tmp/base REV && swift build -c release
# --package-path /tmp/base --product vnsearch. Prints per label the median wall time, the ratio
# stock ÷ label (throughput relative to stock) and the peak RSS of each run.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: compare-binaries.sh FOLDER ROUNDS label=BINARY..." >&2; exit 2; }
folder=$1 rounds=$2
shift 2
[ -d "$folder" ] || { echo "compare-binaries: no folder $folder" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "compare-binaries: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find "$folder" -name '*.txt' -exec cat {} + >/dev/null  # warm
echo "folder: $folder; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    rm -f "$work"/s.db*
    /usr/bin/time -f "stock %e %M" -a -o "$work/times" sqlite3 "$work/s.db" "PRAGMA journal_mode=OFF;" "BEGIN;" \
        "CREATE VIRTUAL TABLE t USING fts5(path, body, tokenize='unicode61 remove_diacritics 2');" \
        "INSERT INTO t(path, body) SELECT name, readfile(name) FROM fsdir('$folder') WHERE name LIKE '%.txt';" "COMMIT;" >/dev/null
    for pair in "$@"; do
        label=${pair%%=*} binary=${pair#*=}
        rm -f "$work"/v.db*
        /usr/bin/time -f "$label %e %M" -a -o "$work/times" "$binary" index "$folder" --db "$work/v.db" --quiet
    done
    echo "round $round done" >&2
done
awk '
    { wall[$1] = wall[$1] " " $2; rss[$1] = rss[$1] " " int($3 / 1024) }
    function median(list,   n, values, i, j, t) {
        n = split(list, values, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (values[j] + 0 < values[i] + 0) { t = values[i]; values[i] = values[j]; values[j] = t }
        return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
    }
    END {
        base = median(wall["stock"])
        printf "| | median s | stock ÷ this | runs (s) | peak RSS (MB) |\n|---|---:|---:|---|---|\n"
        for (label in wall) printf "| %s | %.2f | %.2f× |%s |%s |\n", label, median(wall[label]), base / median(wall[label]), wall[label], rss[label]
    }' "$work/times"
