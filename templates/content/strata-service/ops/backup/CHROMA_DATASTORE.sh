#!/usr/bin/env bash
# Backs up the Chroma datastore <datastore> (this script's file name) as a gzipped tar of its persist directory into
# backups/<datastore>/<datastore>-<UTC>.tgz, with the record count of every collection (<file>.counts, when
# sqlite3 is on PATH). Pause writes or stop Chroma first; run it where the persist directory is mounted, e.g.
#   docker compose run --rm --no-deps -v "$PWD:/work" -w /work --entrypoint bash <datastore> ops/backup/<datastore>.sh
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_chroma.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_chroma.sh"

usage() {
  cat <<TEXT
Usage: ops/backup/$STRATA_DATASTORE.sh
Writes backups/$STRATA_DATASTORE/$STRATA_DATASTORE-<UTC timestamp>.tgz (the persist directory CHROMA_PERSIST_DIR,
default /data) and its .counts manifest, atomically.
TEXT
}

no_args "$@"
strata_init "$STRATA_DATASTORE"
need tar gzip
[ -d "$CHROMA_DIR" ] || die "no persist directory $CHROMA_DIR (set CHROMA_PERSIST_DIR)"
backup_begin tgz
tar -czf "$BACKUP_TMP" -C "$CHROMA_DIR" . || die "cannot write the copy (target full or read-only?); the previous backups are untouched"
if command -v sqlite3 >/dev/null 2>&1; then
  chroma_counts "$CHROMA_DIR" >"$COUNTS_TMP" || die "cannot count the records"
fi
backup_commit
