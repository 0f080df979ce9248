#!/usr/bin/env bash
# Backs up the SQLite datastore 'SQLITE_DATASTORE' with SQLite's online backup API (sqlite3 .backup), safe while the
# service runs, into backups/SQLITE_DATASTORE/SQLITE_DATASTORE-<UTC>.db, plus the row count of every table in the backup
# (SQLITE_DATASTORE-<UTC>.db.counts, read by ops/drill/SQLITE_DATASTORE.sh).
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_sqlite.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_sqlite.sh"

usage() {
  cat <<'TEXT'
Usage: ops/backup/SQLITE_DATASTORE.sh
Writes backups/SQLITE_DATASTORE/SQLITE_DATASTORE-<UTC timestamp>.db (an online .backup) and its .counts manifest,
atomically. The database file comes from ConnectionStrings__SQLITE_DATASTORE or appsettings.json.
STRATA_BACKUP_DIR overrides the backups/ folder.
TEXT
}

no_args "$@"
strata_init SQLITE_DATASTORE
need sqlite3
source_db=$(sqlite_file SQLITE_DATASTORE)
[ -f "$source_db" ] || die "no database file $source_db (has the service run its migrations?)"
backup_begin db
sqlite3 -batch -bail "$source_db" ".timeout 10000" ".backup '${BACKUP_TMP//\'/\'\'}'" \
  || die "sqlite3 .backup of $source_db failed (target full or read-only?); the previous backups are untouched"
sqlite_check "$BACKUP_TMP"
sqlite_counts "$BACKUP_TMP" >"$COUNTS_TMP" || die "cannot count the rows of the backup"
backup_commit
