#!/usr/bin/env bash
# Restores the Elasticsearch datastore <datastore> (this script's file name) from a snapshot (POST _snapshot/<repo>/<snapshot>/_restore).
# A cluster with any user index is refused unless --force, which closes the indices the snapshot replaces first.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_elasticsearch.sh
. "$(dirname "${BASH_SOURCE[0]}")/_elasticsearch.sh"

usage() {
  cat <<TEXT
Usage: ops/restore/$STRATA_DATASTORE.sh [--force] [backup.snapshot]
Restores the snapshot recorded in backups/$STRATA_DATASTORE/<newest>.snapshot (or the file given).
  --force   close and replace existing user indices
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
pick_backup snapshot
backup=$BACKUP
snapshot=$(es_snapshot_of "$backup")
es_connect "$DATASTORE"
es_repository
existing=$(es_indices | wc -l | tr -d ' ')
if [ "$existing" -gt 0 ]; then
  refuse_non_empty "$existing user indices"
  es_indices | while IFS= read -r index; do
    http -X POST "$ES_URL/$index/_close" >/dev/null || die "cannot close $index"
  done
fi
http -X POST "$ES_URL/_snapshot/$ES_REPOSITORY/$snapshot/_restore?wait_for_completion=true" -H 'Content-Type: application/json' \
  -d '{"indices":"*,-.*","include_global_state":false}' >/dev/null || die "the restore of $snapshot failed"
say "restored snapshot $snapshot"
