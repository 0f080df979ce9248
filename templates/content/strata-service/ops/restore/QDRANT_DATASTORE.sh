#!/usr/bin/env bash
# Restores the Qdrant datastore <datastore> (this script's file name) from a bundle of collection snapshots (snapshots/upload with
# priority=snapshot, which replaces a collection's data). A target with any collection is refused unless --force.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_qdrant.sh
. "$(dirname "${BASH_SOURCE[0]}")/_qdrant.sh"

usage() {
  cat <<TEXT
Usage: ops/restore/$STRATA_DATASTORE.sh [--force] [backup.tar]
Restores every collection of backups/$STRATA_DATASTORE/<newest>.tar (or the file given).
  --force   replace the data of existing collections
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need curl tar
pick_backup tar
backup=$BACKUP
qdrant_connect "$DATASTORE"
existing=$(qdrant_collections | wc -l | tr -d ' ')
[ "$existing" -eq 0 ] || refuse_non_empty "$existing collections"
qdrant_recover "$backup" ""
say "restored $backup"
