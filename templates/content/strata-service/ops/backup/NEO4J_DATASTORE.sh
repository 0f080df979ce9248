#!/usr/bin/env bash
# Backs up the Neo4j datastore <datastore> (this script's file name) with neo4j-admin database dump into
# backups/<datastore>/<datastore>-<UTC>.dump, while the database is stopped (see ops/restore/_neo4j.sh).
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_neo4j.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_neo4j.sh"

usage() {
  cat <<TEXT
Usage: ops/backup/$STRATA_DATASTORE.sh
Writes backups/$STRATA_DATASTORE/$STRATA_DATASTORE-<UTC timestamp>.dump (neo4j-admin database dump of NEO4J_DATABASE,
default neo4j) atomically. Run it where neo4j-admin sees the data (the neo4j image with its volume), Neo4j stopped.
TEXT
}

no_args "$@"
strata_init "$STRATA_DATASTORE"
need neo4j-admin
neo4j_stopped
backup_begin dump
dumpdir=$(mktemp -d "$BACKUP_DIR/.dump.XXXXXX") || die "cannot write to $BACKUP_DIR"
cleanup_later "$dumpdir"
neo4j-admin database dump "$NEO4J_DATABASE" --to-path="$dumpdir" --overwrite-destination=true \
  || die "neo4j-admin database dump failed (is Neo4j stopped?); the previous backups are untouched"
mv -f -- "$dumpdir/$NEO4J_DATABASE.dump" "$BACKUP_TMP" || die "neo4j-admin wrote no $NEO4J_DATABASE.dump"
backup_commit
