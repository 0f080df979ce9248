#!/usr/bin/env bash
# Backs up the Redis datastore 'REDIS_DATASTORE' as an RDB snapshot (redis-cli --rdb, taken by the server while it keeps
# serving) into backups/REDIS_DATASTORE/REDIS_DATASTORE-<UTC>.rdb, with the key count of every database just after it
# (REDIS_DATASTORE-<UTC>.rdb.counts, read by ops/drill/REDIS_DATASTORE.sh; keys that expire or change in between make the
# drill report a difference). The server also keeps its own AOF (compose.yaml: --appendonly yes) for restarts.
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_redis.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_redis.sh"

usage() {
  cat <<'TEXT'
Usage: ops/backup/REDIS_DATASTORE.sh
Writes backups/REDIS_DATASTORE/REDIS_DATASTORE-<UTC timestamp>.rdb and its .counts manifest, atomically.
Connection: ConnectionStrings__REDIS_DATASTORE or appsettings.json (host:port); the password from REDIS_PASSWORD
(environment or .env). STRATA_BACKUP_DIR overrides the backups/ folder.
TEXT
}

no_args "$@"
strata_init REDIS_DATASTORE
need redis-cli
redis_connect REDIS_DATASTORE
backup_begin rdb
rcli --rdb "$BACKUP_TMP" >/dev/null 2>"$BACKUP_TMP.log" || { cleanup_later "$BACKUP_TMP.log"; die "redis-cli --rdb failed: $(tail -n 1 "$BACKUP_TMP.log")"; }
rm -f -- "$BACKUP_TMP.log"
redis_keyspace "" >"$COUNTS_TMP" || die "cannot read the keyspace"
backup_commit
