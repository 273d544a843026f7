#!/usr/bin/env bash
# Load on `vnsearch serve` (release build): 16 concurrent loopback clients (wrk) searching a
# cycle of real queries for a bounded time, with the server's memory (RSS) before and after.
#
#   Benchmarks/serve-load.sh INDEX [SECONDS] [CONNECTIONS] [keywords|questions|all]
#
# Queries: Benchmarks/Queries/keywords.txt and/or, when the shared corpus is beside the checkout,
# the first 500 ViNewsQA dev questions as written and without diacritics (default: all). Needs
# wrk (Debian package `wrk`). Prints wrk's report (requests/s, latency percentiles, errors), the
# server's memory (RSS; RssAnon is its own memory, RssFile the index pages it has mapped) and the
# CPU time it used per request: on a machine shared with other work, requests/s falls with the
# load, and CPU per request says what two idle cores would answer.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
index=${1:?usage: serve-load.sh INDEX [SECONDS] [CONNECTIONS]}
seconds=${2:-30}
connections=${3:-16}
mix=${4:-all}
command -v wrk >/dev/null || { echo "serve-load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

queries="$work/queries.txt"
: > "$queries"
[ "$mix" = questions ] || cat "$here/Queries/keywords.txt" >> "$queries"
corpus="$root/../shared/corpus/vinewsqa-qa-dev.jsonl.gz"
if [ -f "$corpus" ] && [ "$mix" != keywords ]; then
    python3 - "$corpus" >> "$queries" <<'PY'
import gzip, json, sys, unicodedata
def plain(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as lines:
    for number, line in enumerate(lines):
        if number == 500: break
        question = " ".join(json.loads(line)["question"].split())
        print(question)
        print(plain(question))
PY
fi
echo "serve-load: $(wc -l < "$queries") queries, $connections connections, $seconds s, index $index"

swift build -c release --package-path "$root" --product vnsearch >/dev/null 2>&1
binary="$(swift build -c release --package-path "$root" --show-bin-path)/vnsearch"
"$binary" serve --db "$index" --read-only --port 0 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "at http://" "$work/serve.log" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | cut -d: -f2)
rss() { awk '/^(VmRSS|RssAnon|RssFile)/ {printf "%s %s kB  ", $1, $2}' "/proc/$server/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }  # clock ticks, user + system
ticks=$(getconf CLK_TCK)
run() {
    local before requests
    before=$(cpu)
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/serve-load.lua" "http://127.0.0.1:$port" > "$work/wrk.txt"
    requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
    cat "$work/wrk.txt"
    awk -v t="$(( $(cpu) - before ))" -v r="$requests" -v hz="$ticks" \
        'BEGIN { printf "serve-load: server CPU %.1f s for %d requests: %.2f ms per request, %.0f requests per CPU-second\n", t / hz, r, 1000 * t / hz / r, r * hz / t }'
}
echo "serve-load: server pid $server on port $port, RSS at start $(rss)"

export QUERIES_FILE="$queries"
wrk -t2 -c"$connections" -d5s -s "$here/serve-load.lua" "http://127.0.0.1:$port" > /dev/null
echo "serve-load: RSS after a 5 s warm-up $(rss); load average $(cut -d' ' -f1-3 /proc/loadavg)"
run
echo "serve-load: RSS after the run $(rss)"
run | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors|serve-load" || true
echo "serve-load: RSS after a second run $(rss); load average $(cut -d' ' -f1-3 /proc/loadavg)"
