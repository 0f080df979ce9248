#!/usr/bin/env bash
# Backs up the Redis datastore <datastore> (this script's file name) as an RDB snapshot (redis-cli --rdb, taken by the server while it keeps
# serving) into backups/<datastore>/<datastore>-<UTC>.rdb, with the key count of every database just after it
# (<datastore>-<UTC>.rdb.counts, read by ops/drill/<datastore>.sh; keys that expire or change in between make the
# drill report a difference). The server also keeps its own AOF (compose.yaml: --appendonly yes) for restarts.
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_redis.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_redis.sh"

usage() {
  cat <<TEXT
Usage: ops/backup/$STRATA_DATASTORE.sh
Writes backups/$STRATA_DATASTORE/$STRATA_DATASTORE-<UTC timestamp>.rdb and its .counts manifest, atomically.
Connection: ConnectionStrings__$STRATA_DATASTORE or appsettings.json (host:port); the password from REDIS_PASSWORD
(environment or .env). STRATA_BACKUP_DIR overrides the backups/ folder.
TEXT
}

no_args "$@"
strata_init "$STRATA_DATASTORE"
need redis-cli
redis_connect "$DATASTORE"
backup_begin rdb
rcli --rdb "$BACKUP_TMP" >/dev/null 2>"$BACKUP_TMP.log" || { cleanup_later "$BACKUP_TMP.log"; die "redis-cli --rdb failed: $(tail -n 1 "$BACKUP_TMP.log")"; }
rm -f -- "$BACKUP_TMP.log"
redis_keyspace "" >"$COUNTS_TMP" || die "cannot read the keyspace"
backup_commit
