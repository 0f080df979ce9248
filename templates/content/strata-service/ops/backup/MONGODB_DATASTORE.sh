#!/usr/bin/env bash
# Backs up the MongoDB datastore <datastore> (this script's file name) with mongodump --archive --gzip into
# backups/<datastore>/<datastore>-<UTC>.archive, with the document count of every collection just after it
# (<file>.counts, read by ops/drill/<datastore>.sh). On a replica set add --oplog for a point-in-time archive.
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_mongodb.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_mongodb.sh"

usage() {
  cat <<TEXT
Usage: ops/backup/$STRATA_DATASTORE.sh
Writes backups/$STRATA_DATASTORE/$STRATA_DATASTORE-<UTC timestamp>.archive (mongodump --archive --gzip) and its
.counts manifest, atomically. Connection: ConnectionStrings__$STRATA_DATASTORE or appsettings.json; the password from
MONGODB_PASSWORD (environment or .env). Needs mongodump and mongosh (the mongo image has both).
TEXT
}

no_args "$@"
strata_init "$STRATA_DATASTORE"
need mongodump mongosh
mongo_connect "$DATASTORE"
backup_begin archive
mongodump --config="$MONGO_CONFIG" --archive="$BACKUP_TMP" --gzip --quiet || die "mongodump failed; the previous backups are untouched"
mongo_counts "" >"$COUNTS_TMP" || die "cannot count the documents"
backup_commit
