#!/usr/bin/env bash
# Restore drill for the SQLite datastore <datastore> (this script's file name): restores the newest backup into a temporary file, checks
# its integrity, compares every table's row count with the counts taken at backup time, and reports the time against
# backup.rto of docs/data/<datastore>.md. Exits non-zero on a mismatch or an RTO overrun.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_sqlite.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_sqlite.sh"

usage() {
  cat <<TEXT
Usage: ops/drill/$STRATA_DATASTORE.sh [backup.db]
Restores backups/$STRATA_DATASTORE/<newest>.db (or the file given) into a temporary file, compares row counts with
<backup>.counts, prints the elapsed time and the RTO. The service's database is not touched.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need sqlite3
pick_backup db
backup=$BACKUP
scratch=$(mktemp -d); cleanup_later "$scratch"
drill_start
sqlite3 -batch -bail "$scratch/drill.db" ".restore '${backup//\'/\'\'}'" || die "sqlite3 .restore of $backup failed"
sqlite_check "$scratch/drill.db"
sqlite_counts "$scratch/drill.db" >"$scratch/counts" || die "cannot count the rows of the restored copy"
drill_finish "$backup" "$backup.counts" "$scratch/counts" || exit 1
