#!/usr/bin/env bash
# Backs up the PostgreSQL datastore 'main' with pg_dump --format=custom into backups/main/main-<UTC>.dump, with the row
# count of every table taken in the same snapshot (main-<UTC>.dump.counts, read by ops/drill/main.sh).
# pg_dump is a logical, point-in-time backup: a failure loses what was written since the last one (backup.rpo in
# docs/data/main.md). For a smaller RPO add WAL archiving (archive_mode=on, archive_command copying each segment off
# the host, plus a periodic pg_basebackup) and restore to a point in time; that is a server setting, not this script.
set -euo pipefail
# shellcheck source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source=../restore/_postgres.sh
. "$(dirname "${BASH_SOURCE[0]}")/../restore/_postgres.sh"

usage() {
  cat <<'TEXT'
Usage: ops/backup/main.sh
Writes backups/main/main-<UTC timestamp>.dump (pg_dump custom format) and its .counts manifest, atomically.
Connection: ConnectionStrings__main or ConnectionStrings:main in appsettings.json; the password from the connection
string, PGPASSWORD or POSTGRES_PASSWORD (environment or .env). STRATA_BACKUP_DIR overrides the backups/ folder.
TEXT
}

no_args "$@"
strata_init main
need psql pg_dump
pg_connect main
backup_begin dump
export STRATA_DUMP_FILE=$BACKUP_TMP STRATA_DUMP_OK="$BACKUP_TMP.ok"
cleanup_later "$STRATA_DUMP_OK"
# One repeatable-read transaction exports its snapshot: pg_dump dumps exactly what the counts below see.
psql -X -q -At -v ON_ERROR_STOP=1 >"$COUNTS_TMP" <<SQL || die "pg_dump of $PGDATABASE on $PGHOST:$PGPORT failed; the previous backups are untouched"
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SELECT pg_export_snapshot() AS strata_snapshot \gset
\setenv STRATA_SNAPSHOT :strata_snapshot
\! pg_dump --format=custom --no-password --snapshot="\$STRATA_SNAPSHOT" --file="\$STRATA_DUMP_FILE" && touch "\$STRATA_DUMP_OK"
$PG_COUNTS_SQL
COMMIT;
SQL
[ -f "$STRATA_DUMP_OK" ] || die "pg_dump of $PGDATABASE on $PGHOST:$PGPORT failed; the previous backups are untouched"
backup_commit
