#!/usr/bin/env bash
# Restore drill for the PostgreSQL datastore 'main': restores the newest backup into a scratch database (created and
# dropped here), compares every table's row count with the counts taken at backup time, and reports the time against
# backup.rto of docs/data/main.md. Exits non-zero on a mismatch or an RTO overrun. The live database is not touched.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=../restore/_postgres.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_postgres.sh"

usage() {
  cat <<'TEXT'
Usage: ops/drill/main.sh [backup.dump]
Restores backups/main/<newest>.dump (or the file given) into a scratch database on the server of ConnectionStrings:main
(the user needs CREATEDB), compares row counts with <backup>.counts, prints the elapsed time and the RTO.
TEXT
}

parse_restore_args "$@"
strata_init main
need psql pg_restore
pick_backup dump
backup=$BACKUP
pg_connect main
scratch="strata_drill_$(date -u +%Y%m%d%H%M%S)_$$"
actual=$(mktemp); cleanup_later "$actual"
drop_scratch() {
  psql -X -q -At -d "$PGDATABASE" -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" >/dev/null 2>&1 || say "could not drop the scratch database $scratch"
  strata_cleanup
}
trap drop_scratch EXIT
drill_start
psql -X -q -At -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$scratch\"" >/dev/null || die "cannot create the scratch database $scratch"
pg_restore --no-password --no-owner --no-acl --exit-on-error --dbname="$scratch" "$backup" || die "pg_restore of $backup into $scratch failed"
psql -X -q -At -v ON_ERROR_STOP=1 -d "$scratch" -c "$PG_COUNTS_SQL" >"$actual" || die "cannot count the rows in $scratch"
drill_finish "$backup" "$backup.counts" "$actual" || exit 1
