#!/usr/bin/env bash
# Restore drill for the Elasticsearch datastore <datastore> (this script's file name): restores the newest snapshot under new names
# (strata-drill-<index>, deleted afterwards), compares every index's document count with the counts at backup time, and
# reports the time against backup.rto of docs/data/<datastore>.md.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_elasticsearch.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_elasticsearch.sh"

usage() {
  cat <<TEXT
Usage: ops/drill/$STRATA_DATASTORE.sh [backup.snapshot]
Restores the snapshot of backups/$STRATA_DATASTORE/<newest>.snapshot (or the file given) as strata-drill-* indices,
compares document counts with <backup>.counts, prints the elapsed time and the RTO. The live indices are not touched.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
pick_backup snapshot
backup=$BACKUP
snapshot=$(es_snapshot_of "$backup")
es_connect "$DATASTORE"
actual=$(mktemp); cleanup_later "$actual"
drop_scratch() {
  http -X DELETE "$ES_URL/strata-drill-*" >/dev/null 2>&1 || say "could not delete the strata-drill-* indices"
  strata_cleanup
}
trap drop_scratch EXIT
drill_start
# shellcheck disable=SC2016 # $1 is Elasticsearch's group reference, not the shell's
http -X POST "$ES_URL/_snapshot/$ES_REPOSITORY/$snapshot/_restore?wait_for_completion=true" -H 'Content-Type: application/json' \
  -d '{"indices":"*,-.*","include_global_state":false,"rename_pattern":"(.+)","rename_replacement":"strata-drill-$1"}' >/dev/null \
  || die "the restore of $snapshot as strata-drill-* failed"
http -X POST "$ES_URL/strata-drill-*/_refresh" >/dev/null || true
es_counts strata-drill- >"$actual" || die "cannot count the restored documents"
drill_finish "$backup" "$backup.counts" "$actual" || exit 1
