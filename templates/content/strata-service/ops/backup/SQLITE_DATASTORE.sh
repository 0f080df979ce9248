#!/usr/bin/env bash
# Backs up the SQLite datastore <datastore> (this script's file name) with SQLite's online backup API (sqlite3 .backup), safe while the
# service runs, into backups/<datastore>/<datastore>-<UTC>.db, plus the row count of every table in the backup
# (<datastore>-<UTC>.db.counts, read by ops/drill/<datastore>.sh).
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_sqlite.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_sqlite.sh"

usage() {
  cat <<TEXT
Usage: ops/backup/$STRATA_DATASTORE.sh
Writes backups/$STRATA_DATASTORE/$STRATA_DATASTORE-<UTC timestamp>.db (an online .backup) and its .counts manifest,
atomically. The database file comes from ConnectionStrings__$STRATA_DATASTORE or appsettings.json.
STRATA_BACKUP_DIR overrides the backups/ folder.
TEXT
}

no_args "$@"
strata_init "$STRATA_DATASTORE"
need sqlite3
source_db=$(sqlite_file "$DATASTORE")
[ -f "$source_db" ] || die "no database file $source_db (has the service run its migrations?)"
backup_begin db
sqlite3 -batch -bail "$source_db" ".timeout 10000" ".backup '${BACKUP_TMP//\'/\'\'}'" \
  || die "sqlite3 .backup of $source_db failed (target full or read-only?); the previous backups are untouched"
sqlite_check "$BACKUP_TMP"
sqlite_counts "$BACKUP_TMP" >"$COUNTS_TMP" || die "cannot count the rows of the backup"
backup_commit
