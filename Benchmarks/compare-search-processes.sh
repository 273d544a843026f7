#!/usr/bin/env bash
# Whole `vnsearch search` processes (start, open, search, print), several binaries alternating in
# one run so that each is measured in the same host minute: the wall time of `perf stat -r
# REPEATS` for each index and query, each round.
#
#   Benchmarks/compare-search-processes.sh ROUNDS REPEATS INDEX.db[,INDEX.db...] label=/path/to/vnsearch... -- QUERY...
#
# Build each commit's binary as the README's release build (`--static-swift-stdlib`), in a
# worktree per commit. Needs perf (Debian package `linux-perf`). Prints one line per round and
# binary: the load average, then per index and query the mean wall time perf reports.
set -euo pipefail
if [ $# -lt 5 ]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
rounds=$1
repeats=$2
IFS=, read -r -a indexes <<< "$3"
shift 3
binaries=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    binaries+=("$1")
    shift
done
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "compare-search-processes: no queries after --" >&2; exit 2; }
command -v perf >/dev/null || { echo "compare-search-processes: perf is not installed" >&2; exit 2; }
for index in "${indexes[@]}"; do
    [ -f "$index" ] || { echo "compare-search-processes: no index at $index" >&2; exit 2; }
done
for pair in "${binaries[@]}"; do
    [ -x "${pair#*=}" ] || { echo "compare-search-processes: not an executable: ${pair#*=}" >&2; exit 2; }
done
for round in $(seq "$rounds"); do
    for pair in "${binaries[@]}"; do
        label=${pair%%=*}
        binary=${pair#*=}
        line="round $round $label (load $(cut -d' ' -f1 /proc/loadavg))"
        for index in "${indexes[@]}"; do
            for query in "$@"; do
                ms=$(perf stat -r "$repeats" "$binary" search --db "$index" -- "$query" 2>&1 >/dev/null \
                    | awk '/seconds time elapsed/ { printf "%.1f", $1 * 1000 }')
                line="$line | $(basename "$index") \"$query\": $ms ms"
            done
        done
        echo "$line"
    done
done
