#!/usr/bin/env bash
# Restore drill for the Neo4j datastore <datastore> (this script's file name): loads the newest dump into a scratch database folder
# (a temporary NEO4J_CONF pointing server.directories.data elsewhere), runs neo4j-admin database check (consistency)
# on it and reports the time against backup.rto of docs/data/<datastore>.md. Node and relationship counts cannot
# be read without a running server, so the consistency check is the comparison.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_neo4j.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_neo4j.sh"

usage() {
  cat <<TEXT
Usage: ops/drill/$STRATA_DATASTORE.sh [backup.dump]
Loads backups/$STRATA_DATASTORE/<newest>.dump (or the file given) into a scratch data folder, checks its consistency,
prints the elapsed time and the RTO. The live database is not touched.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need neo4j-admin
pick_backup dump
backup=$BACKUP
scratch=$(mktemp -d); cleanup_later "$scratch"
mkdir -p "$scratch/conf" "$scratch/data" "$scratch/from" "$scratch/report"
printf 'server.directories.data=%s\n' "$scratch/data" >"$scratch/conf/neo4j.conf"
cp -- "$backup" "$scratch/from/$NEO4J_DATABASE.dump" || die "cannot copy $backup"
drill_start
NEO4J_CONF="$scratch/conf" neo4j-admin database load "$NEO4J_DATABASE" --from-path="$scratch/from" --overwrite-destination=true \
  || die "neo4j-admin database load into the scratch folder failed"
NEO4J_CONF="$scratch/conf" neo4j-admin database check "$NEO4J_DATABASE" --report-path="$scratch/report" \
  || die "neo4j-admin database check found inconsistencies in the restored copy"
: >"$scratch/counts"
# shellcheck disable=SC2034 # read by drill_finish
DRILL_CHECKED="neo4j-admin database check passed on the restored copy"
drill_finish "$backup" - "$scratch/counts" || exit 1
