#!/usr/bin/env bash
# Restores the Neo4j datastore <datastore> (this script's file name) from a dump with neo4j-admin database load, while Neo4j is stopped.
# A database that already exists is refused unless --force (which loads with --overwrite-destination=true).
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_neo4j.sh
. "$(dirname "${BASH_SOURCE[0]}")/_neo4j.sh"

usage() {
  cat <<TEXT
Usage: ops/restore/$STRATA_DATASTORE.sh [--force] [backup.dump]
Loads backups/$STRATA_DATASTORE/<newest>.dump (or the file given) into NEO4J_DATABASE (default neo4j), Neo4j stopped.
  --force   overwrite an existing database
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need neo4j-admin
pick_backup dump
backup=$BACKUP
neo4j_stopped
overwrite=false
if neo4j-admin database info "$NEO4J_DATABASE" >/dev/null 2>&1; then
  refuse_non_empty "the database $NEO4J_DATABASE exists"
  overwrite=true
fi
from=$(mktemp -d); cleanup_later "$from"
cp -- "$backup" "$from/$NEO4J_DATABASE.dump" || die "cannot copy $backup"
neo4j-admin database load "$NEO4J_DATABASE" --from-path="$from" --overwrite-destination=$overwrite || die "neo4j-admin database load failed"
say "loaded $backup into $NEO4J_DATABASE; start Neo4j"
