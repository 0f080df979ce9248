#!/usr/bin/env bash
# Restore drill for the MongoDB datastore <datastore> (this script's file name): restores the newest archive into scratch databases
# (strata_drill_<id>_<db>, dropped afterwards) on the same server, compares every collection's document count with the
# counts at backup time, and reports the time against backup.rto of docs/data/<datastore>.md.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_mongodb.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_mongodb.sh"

usage() {
  cat <<TEXT
Usage: ops/drill/$STRATA_DATASTORE.sh [backup.archive]
Restores backups/$STRATA_DATASTORE/<newest>.archive (or the file given) into scratch databases, compares document counts
with <backup>.counts, prints the elapsed time and the RTO. The service's databases are not touched.
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need mongorestore mongosh
pick_backup archive
backup=$BACKUP
mongo_connect "$DATASTORE"
prefix="strata_drill_$$_"
actual=$(mktemp); cleanup_later "$actual"
drop_scratch() {
  mongo_eval "conn.adminCommand({ listDatabases: 1, nameOnly: true }).databases
    .filter(d => d.name.startsWith('$prefix')).forEach(d => conn.getSiblingDB(d.name).dropDatabase())" >/dev/null 2>&1 \
    || say "could not drop the scratch databases $prefix*"
  strata_cleanup
}
trap drop_scratch EXIT
drill_start
# shellcheck disable=SC2016 # $db$ and $coll$ are mongorestore's placeholders
mongorestore --config="$MONGO_CONFIG" --archive="$backup" --gzip --quiet \
  --nsFrom='$db$.$coll$' --nsTo="${prefix}\$db\$.\$coll\$" || die "mongorestore of $backup into the scratch databases failed"
mongo_counts "$prefix" >"$actual" || die "cannot count the restored documents"
drill_finish "$backup" "$backup.counts" "$actual" || exit 1
