#!/usr/bin/env bash
# Restore drill for the Chroma datastore <datastore> (this script's file name): unpacks the newest copy into a temporary folder, checks
# chroma.sqlite3 (PRAGMA integrity_check), compares every collection's record count with the counts at backup time and
# reports the time against backup.rto of docs/data/<datastore>.md. Needs tar and sqlite3.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_chroma.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_chroma.sh"

usage() {
  cat <<TEXT
Usage: ops/drill/$STRATA_DATASTORE.sh [backup.tgz]
Unpacks backups/$STRATA_DATASTORE/<newest>.tgz (or the file given) into a temporary folder, compares record counts with
<backup>.counts, prints the elapsed time and the RTO. The persist directory is not touched.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need tar gzip sqlite3
pick_backup tgz
backup=$BACKUP
scratch=$(mktemp -d); cleanup_later "$scratch"
mkdir -p "$scratch/data"
drill_start
tar -xzf "$backup" -C "$scratch/data" || die "$backup is not a gzipped tar file"
[ "$(sqlite3 -readonly "$scratch/data/chroma.sqlite3" 'PRAGMA integrity_check;' 2>&1)" = ok ] || die "chroma.sqlite3 in $backup fails its integrity check"
chroma_counts "$scratch/data" >"$scratch/counts" || die "cannot count the restored records"
drill_finish "$backup" "$backup.counts" "$scratch/counts" || exit 1
