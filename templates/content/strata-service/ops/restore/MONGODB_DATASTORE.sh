#!/usr/bin/env bash
# Restores the MongoDB datastore <datastore> (this script's file name) from a mongodump archive with mongorestore --drop (each collection
# in the archive replaces the one of the same name). A target with any user collection is refused unless --force.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_mongodb.sh
. "$(dirname "${BASH_SOURCE[0]}")/_mongodb.sh"

usage() {
  cat <<TEXT
Usage: ops/restore/$STRATA_DATASTORE.sh [--force] [backup.archive]
Restores backups/$STRATA_DATASTORE/<newest>.archive (or the file given) into the MongoDB of
ConnectionStrings:$STRATA_DATASTORE.
  --force   replace the collections of a non-empty target
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need mongorestore mongosh
pick_backup archive
backup=$BACKUP
mongo_connect "$DATASTORE"
existing=$(mongo_counts "" | wc -l | tr -d ' ')
[ "$existing" -eq 0 ] || refuse_non_empty "$existing collections"
mongorestore --config="$MONGO_CONFIG" --archive="$backup" --gzip --drop --quiet || die "mongorestore of $backup failed"
say "restored $backup"
