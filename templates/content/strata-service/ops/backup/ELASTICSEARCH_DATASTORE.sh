#!/usr/bin/env bash
# Backs up the Elasticsearch datastore <datastore> (this script's file name) as a snapshot of its user indices in the snapshot
# repository (see ops/restore/_elasticsearch.sh), and records it in backups/<datastore>/<name>-<UTC>.snapshot
# with the document count of every index (<file>.counts). For schedules inside the cluster, see snapshot lifecycle
# management (SLM); this script is the one the backup metric and the drill know about.
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_elasticsearch.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_elasticsearch.sh"

usage() {
  cat <<TEXT
Usage: ops/backup/$STRATA_DATASTORE.sh
Takes a snapshot into ES_SNAPSHOT_REPOSITORY (default strata-backups; registered at ES_SNAPSHOT_LOCATION when missing)
and writes backups/$STRATA_DATASTORE/$STRATA_DATASTORE-<UTC timestamp>.snapshot and its .counts, atomically.
Connection: ConnectionStrings__$STRATA_DATASTORE or appsettings.json; ELASTIC_PASSWORD (environment or .env).
TEXT
}

no_args "$@"
strata_init "$STRATA_DATASTORE"
es_connect "$DATASTORE"
es_repository
backup_begin snapshot
snapshot="$DATASTORE-$(date -u +%Y%m%dt%H%M%Sz)"
es_counts "" >"$COUNTS_TMP" || die "cannot count the documents"
response=$(http -X PUT "$ES_URL/_snapshot/$ES_REPOSITORY/$snapshot?wait_for_completion=true" -H 'Content-Type: application/json' \
  -d '{"indices":"*,-.*","include_global_state":false}') || die "the snapshot $snapshot failed: $response"
case $response in *'"state":"SUCCESS"'*) ;; *) die "the snapshot $snapshot did not succeed: $response" ;; esac
printf 'repository=%s\nsnapshot=%s\nresponse=%s\n' "$ES_REPOSITORY" "$snapshot" "$response" >"$BACKUP_TMP"
backup_commit
