#!/usr/bin/env bash
# Restores the SQLite datastore <datastore> (this script's file name) from a backup with SQLite's backup API (sqlite3 .restore), which
# replaces the whole database in one step and respects other connections' locks. A database file that exists and has
# tables is refused unless --force.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_sqlite.sh
. "$(dirname "${BASH_SOURCE[0]}")/_sqlite.sh"

usage() {
  cat <<TEXT
Usage: ops/restore/$STRATA_DATASTORE.sh [--force] [backup.db]
Restores backups/$STRATA_DATASTORE/<newest>.db (or the file given) into the database file of
ConnectionStrings:$STRATA_DATASTORE.
  --force   replace a database that already has tables
Stop the service first.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need sqlite3
pick_backup db
backup=$BACKUP
sqlite_check "$backup"
target=$(sqlite_file "$DATASTORE")
if [ -f "$target" ]; then
  tables=$(sqlite_table_count "$target") || die "cannot read $target"
  [ "$tables" -eq 0 ] || refuse_non_empty "$target has $tables tables"
else
  mkdir -p -- "$(dirname -- "$target")" || die "cannot create the folder of $target"
fi
sqlite3 -batch -bail "$target" ".timeout 10000" ".restore '${backup//\'/\'\'}'" || die "sqlite3 .restore of $backup into $target failed"
sqlite_check "$target"
say "restored $backup into $target"
