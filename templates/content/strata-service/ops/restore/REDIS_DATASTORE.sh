#!/usr/bin/env bash
# Restores the Redis datastore <datastore> (this script's file name) from an RDB backup while it runs: a scratch redis-server on a free
# loopback port loads the file, and MIGRATE ... COPY REPLACE copies every key (with its TTL) into the target. A target
# with any key (DBSIZE > 0) is refused unless --force, which empties it first (FLUSHALL).
# Offline alternative: stop Redis, put the file in its data folder as dump.rdb, move its appendonlydir aside (with AOF
# on, Redis loads the AOF and ignores dump.rdb) and start it again: --data-dir <folder> does the file part.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_redis.sh
. "$(dirname "${BASH_SOURCE[0]}")/_redis.sh"

usage() {
  cat <<TEXT
Usage: ops/restore/$STRATA_DATASTORE.sh [--force] [backup.rdb]
       ops/restore/$STRATA_DATASTORE.sh --data-dir <folder> [--force] [backup.rdb]
Restores backups/$STRATA_DATASTORE/<newest>.rdb (or the file given) into the Redis of ConnectionStrings:$STRATA_DATASTORE
(needs redis-server on PATH for the scratch instance), or with --data-dir into the data folder of a stopped Redis.
  --force   replace the data of a non-empty target
TEXT
}

data_dir=
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --data-dir) [ $# -ge 2 ] || die "--data-dir needs a folder"; data_dir=$2; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
parse_restore_args "${args[@]+"${args[@]}"}"
strata_init "$STRATA_DATASTORE"
pick_backup rdb
backup=$BACKUP
[ "$(head -c 5 -- "$backup")" = REDIS ] || die "$backup is not an RDB file"

if [ -n "$data_dir" ]; then
  [ -d "$data_dir" ] || die "no folder $data_dir"
  if [ -s "$data_dir/dump.rdb" ] || [ -d "$data_dir/appendonlydir" ]; then
    refuse_non_empty "$data_dir holds dump.rdb or appendonlydir"
  fi
  tmp=$(mktemp "$data_dir/.dump.XXXXXX.partial") || die "cannot write to $data_dir"
  cleanup_later "$tmp"
  cp -- "$backup" "$tmp" || die "cannot write $tmp"
  mv -f -- "$tmp" "$data_dir/dump.rdb" || die "cannot replace $data_dir/dump.rdb"
  if [ -d "$data_dir/appendonlydir" ]; then
    mv -- "$data_dir/appendonlydir" "$data_dir/appendonlydir.before-restore-$(utc_stamp)" || die "cannot move appendonlydir aside"
  fi
  say "put $backup in $data_dir/dump.rdb; start Redis to load it"
  exit 0
fi

need redis-cli redis-server
redis_connect "$DATASTORE"
keys=$(rcli DBSIZE)
if [ -n "$(redis_keyspace "")" ]; then
  refuse_non_empty "Redis at $REDIS_HOST:$REDIS_PORT has keys (DBSIZE $keys in db 0)"
fi
trap 'stop_scratch_redis; strata_cleanup' EXIT
scratch_redis "$backup"
if $FORCE; then
  rcli FLUSHALL >/dev/null || die "FLUSHALL on the target failed"
fi
migrate_batch() {
  local db=$1
  shift
  [ $# -gt 0 ] || return 0
  local reply
  local auth=()
  [ -z "$REDISCLI_AUTH" ] || auth=(AUTH "$REDISCLI_AUTH")
  reply=$(env -u REDISCLI_AUTH redis-cli -h 127.0.0.1 -p "$SCRATCH_PORT" -n "$db" MIGRATE "$REDIS_HOST" "$REDIS_PORT" "" "$db" 10000 COPY REPLACE \
    "${auth[@]+"${auth[@]}"}" KEYS "$@" 2>&1)
  case $reply in OK | NOKEY) ;; *) die "MIGRATE into $REDIS_HOST:$REDIS_PORT failed: $reply" ;; esac
}
copied=0
while IFS=$'\t' read -r db _; do
  n=${db#db}
  batch=()
  while IFS= read -r key; do
    batch+=("$key")
    if [ ${#batch[@]} -ge 100 ]; then migrate_batch "$n" "${batch[@]}"; copied=$((copied + ${#batch[@]})); batch=(); fi
  done < <(env -u REDISCLI_AUTH redis-cli -h 127.0.0.1 -p "$SCRATCH_PORT" -n "$n" --scan)
  migrate_batch "$n" "${batch[@]+"${batch[@]}"}"
  copied=$((copied + ${#batch[@]}))
done < <(redis_keyspace "$SCRATCH_PORT")
say "restored $copied keys from $backup into $REDIS_HOST:$REDIS_PORT"
