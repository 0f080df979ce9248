#!/usr/bin/env bash
# Restores the MongoDB datastore 'MONGODB_DATASTORE' from a mongodump archive with mongorestore --drop (each collection
# in the archive replaces the one of the same name). A target with any user collection is refused unless --force.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_mongodb.sh
. "$(dirname "${BASH_SOURCE[0]}")/_mongodb.sh"

usage() {
  cat <<'TEXT'
Usage: ops/restore/MONGODB_DATASTORE.sh [--force] [backup.archive]
Restores backups/MONGODB_DATASTORE/<newest>.archive (or the file given) into the MongoDB of
ConnectionStrings:MONGODB_DATASTORE.
  --force   replace the collections of a non-empty target
TEXT
}

parse_restore_args "$@"
strata_init MONGODB_DATASTORE
need mongorestore mongosh
pick_backup archive
backup=$BACKUP
mongo_connect MONGODB_DATASTORE
existing=$(mongo_counts "" | wc -l | tr -d ' ')
[ "$existing" -eq 0 ] || refuse_non_empty "$existing collections"
mongorestore --config="$MONGO_CONFIG" --archive="$backup" --gzip --drop --quiet || die "mongorestore of $backup failed"
say "restored $backup"
