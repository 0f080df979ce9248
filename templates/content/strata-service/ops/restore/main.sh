#!/usr/bin/env bash
# Restores the PostgreSQL datastore 'main' from a pg_dump custom-format backup with pg_restore, in one transaction:
# a failure leaves the database as it was. A database that has any table is refused unless --force.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_postgres.sh
. "$(dirname "${BASH_SOURCE[0]}")/_postgres.sh"

usage() {
  cat <<'TEXT'
Usage: ops/restore/main.sh [--force] [backup.dump]
Restores backups/main/<newest>.dump (or the file given) into the database of ConnectionStrings:main.
  --force   replace the data of a database that already has tables (pg_restore --clean --if-exists)
Stop the service first (or expect it to see the restore happen); migrations recorded in the backup come back with it.
TEXT
}

parse_restore_args "$@"
strata_init main
need psql pg_restore
pick_backup dump
backup=$BACKUP
pg_restore --list "$backup" >/dev/null 2>&1 || die "$backup is not a pg_dump custom-format archive"
pg_connect main
clean=()
tables=$(pg_table_count)
if [ "$tables" -gt 0 ]; then
  refuse_non_empty "$PGDATABASE has $tables tables"
  clean=(--clean --if-exists)
fi
pg_restore --no-password --no-owner --no-acl --single-transaction --exit-on-error "${clean[@]+"${clean[@]}"}" \
  --dbname="$PGDATABASE" "$backup" || die "pg_restore of $backup into $PGDATABASE failed; the transaction was rolled back"
say "restored $backup into $PGDATABASE on $PGHOST:$PGPORT"
