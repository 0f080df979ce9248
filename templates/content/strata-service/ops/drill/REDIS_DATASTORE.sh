#!/usr/bin/env bash
# Restore drill for the Redis datastore <datastore> (this script's file name): loads the newest RDB backup into a scratch redis-server on a
# free loopback port (redis-server must be on PATH), compares the key count of every database with the counts at
# backup time, and reports the time against backup.rto of docs/data/<datastore>.md. Exits non-zero on a mismatch
# or an RTO overrun. The live Redis is not touched.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_redis.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_redis.sh"

usage() {
  cat <<TEXT
Usage: ops/drill/$STRATA_DATASTORE.sh [backup.rdb]
Loads backups/$STRATA_DATASTORE/<newest>.rdb (or the file given) into a scratch redis-server, compares key counts with
<backup>.counts, prints the elapsed time and the RTO.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need redis-server redis-cli
pick_backup rdb
backup=$BACKUP
trap 'stop_scratch_redis; strata_cleanup' EXIT
drill_start
scratch_redis "$backup"
redis_keyspace "$SCRATCH_PORT" >"$SCRATCH_DIR/counts" || die "cannot read the scratch keyspace"
drill_finish "$backup" "$backup.counts" "$SCRATCH_DIR/counts" || exit 1
