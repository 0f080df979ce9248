#!/usr/bin/env bash
# Restore drill for the Qdrant datastore <datastore> (this script's file name): recovers every collection of the newest bundle under a new
# name (strata-drill-<collection>, deleted afterwards), compares exact point counts with the counts at backup time, and
# reports the time against backup.rto of docs/data/<datastore>.md.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_qdrant.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_qdrant.sh"

usage() {
  cat <<TEXT
Usage: ops/drill/$STRATA_DATASTORE.sh [backup.tar]
Recovers backups/$STRATA_DATASTORE/<newest>.tar (or the file given) as strata-drill-* collections, compares point counts
with <backup>.counts, prints the elapsed time and the RTO. The live collections are not touched.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need curl tar
pick_backup tar
backup=$BACKUP
qdrant_connect "$DATASTORE"
work=$(mktemp -d); cleanup_later "$work"
drop_scratch() {
  local name
  qdrant_collections strata-drill- 2>/dev/null | while IFS= read -r name; do
    http -X DELETE "$Q_URL/collections/strata-drill-$name" >/dev/null 2>&1 || say "could not delete strata-drill-$name"
  done
  strata_cleanup
}
trap drop_scratch EXIT
drill_start
qdrant_recover "$backup" strata-drill-
qdrant_counts strata-drill- >"$work/counts" || die "cannot count the restored points"
drill_finish "$backup" "$backup.counts" "$work/counts" || exit 1
