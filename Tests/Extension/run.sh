#!/usr/bin/env bash
# End-to-end test of the loadable extension: build it self-contained, load it into the sqlite3
# shell (and Debian's python3 when present), and check what FTS5 finds. Prints a closing
# "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product VietSearchExtension -Xswiftc -static-stdlib --scratch-path .build-extension >/dev/null || {
    echo "extension: build failed"; exit 1; }
lib=.build-extension/release/libVietSearchExtension

passed=0
failed=0
check() {  # name, expected, actual
    if [ "$2" == "$3" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"; fi
}
run() { sqlite3 :memory: ".load $lib" "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='$1');" \
    "INSERT INTO t(rowid, body) VALUES (1, 'Bám vào dân để xây dựng Đảng'), (2, 'đang họp'), (3, 'hoà bình'), (4, 'dang dở');" \
    "$2" 2>&1 | tr '\n' ' '; }

check "folded: dang finds every variant" "1 2 4 " "$(run vietnamese "SELECT rowid FROM t WHERE t MATCH 'dang' ORDER BY rowid;")"
check "folded: highlight shows the original" "Bám vào dân để xây dựng [Đảng] " \
    "$(run vietnamese "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH 'dang' AND rowid = 1;")"
check "folded: phrase without diacritics" "1 " "$(run vietnamese "SELECT rowid FROM t WHERE t MATCH '\"xay dung dang\"';")"
check "colocated: accented word is exact" "1 " "$(run 'vietnamese accent 1' "SELECT rowid FROM t WHERE t MATCH 'đảng';")"
check "colocated: tone placement" "3 " "$(run 'vietnamese accent 1' "SELECT rowid FROM t WHERE t MATCH 'hòa';")"
check "keyed: prefix finds every variant" "1 2 4 " "$(run 'vietnamese accent 2' "SELECT rowid FROM t WHERE t MATCH 'dang*' ORDER BY rowid;")"
check "strict arguments" "error in tokenizer constructor" \
    "$(run 'vietnamese nope 1' "SELECT 1;" | grep -o 'error in tokenizer constructor')"
# FTS5 replaces the constructor's reason with the message above; the reason goes to SQLite's log.
check "rejected arguments explained in the log" "(1) vietnamese tokenizer: unknown option 'nope' (known: accent)" \
    "$(sqlite3 :memory: '.log stdout' ".load $lib" "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='vietnamese nope 1');" 2>&1 |
        grep -o '(1) vietnamese tokenizer: .*')"

if [ -x /usr/bin/python3 ]; then
    out=$(/usr/bin/python3 - "$lib" <<'PY'
import sqlite3, sys
c = sqlite3.connect(":memory:")
c.enable_load_extension(True)
c.load_extension(sys.argv[1])
c.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='vietnamese')")
c.execute("INSERT INTO t VALUES ('Thuỷ điện Hoà Bình')")
print(c.execute("SELECT count(*) FROM t WHERE t MATCH 'thuy dien hoa binh'").fetchone()[0])
PY
)
    check "python3 loads the extension" "1" "$out"
fi

echo "extension: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
