#!/usr/bin/env bash
# Backs up the Qdrant datastore <datastore> (this script's file name): a snapshot of every collection (POST /collections/<c>/snapshots),
# downloaded, deleted on the server and bundled into backups/<datastore>/<datastore>-<UTC>.tar, with the exact
# point count of every collection (<file>.counts).
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_qdrant.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_qdrant.sh"

usage() {
  cat <<TEXT
Usage: ops/backup/$STRATA_DATASTORE.sh
Writes backups/$STRATA_DATASTORE/$STRATA_DATASTORE-<UTC timestamp>.tar (one <collection>.snapshot per collection) and
its .counts manifest, atomically. Connection: ConnectionStrings__$STRATA_DATASTORE or appsettings.json; QDRANT_API_KEY
(environment or .env). Needs curl and tar.
TEXT
}

no_args "$@"
strata_init "$STRATA_DATASTORE"
need curl tar
qdrant_connect "$DATASTORE"
backup_begin tar
work=$(mktemp -d "$BACKUP_DIR/.snapshots.XXXXXX") || die "cannot write to $BACKUP_DIR"
cleanup_later "$work"
qdrant_counts "" >"$COUNTS_TMP" || die "cannot count the points"
while IFS= read -r collection; do
  name=$(http -X POST "$Q_URL/collections/$collection/snapshots?wait=true" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
  [ -n "$name" ] || die "the snapshot of $collection failed"
  http -o "$work/$collection.snapshot" "$Q_URL/collections/$collection/snapshots/$name" || die "cannot download the snapshot of $collection"
  http -X DELETE "$Q_URL/collections/$collection/snapshots/$name" >/dev/null || say "could not delete $name on the server"
done < <(qdrant_collections)
tar -cf "$BACKUP_TMP" -C "$work" . || die "cannot write the bundle (target full?)"
backup_commit
