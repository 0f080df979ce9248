# PostgreSQL helpers of ops/backup/main.sh, ops/restore/main.sh and ops/drill/main.sh (sourced).
# shellcheck shell=bash

# Row count of every table (schema.table<TAB>count), the same query at backup and in the drill.
# shellcheck disable=SC2034
PG_COUNTS_SQL="SELECT format('%I.%I', n.nspname, c.relname) || chr(9) ||
  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
ORDER BY 1;"

# pg_connect <datastore>: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD from the service's connection string.
pg_connect() {
  local cs
  cs=$(connection_string "$1")
  PGHOST=$(conn_value "$cs" Host Server); PGHOST=${PGHOST:-127.0.0.1}
  PGPORT=$(conn_value "$cs" Port); PGPORT=${PGPORT:-5432}
  PGDATABASE=$(conn_value "$cs" Database Db)
  PGUSER=$(conn_value "$cs" Username 'User Id' User 'User Name')
  if [ -z "$PGDATABASE" ] || [ -z "$PGUSER" ]; then die "the connection string '$1' has no Database or Username"; fi
  local password
  password=$(conn_value "$cs" Password Pwd)
  PGPASSWORD=${password:-${PGPASSWORD:-${POSTGRES_PASSWORD:-}}}
  [ -n "$PGPASSWORD" ] || die "no password: set it in ConnectionStrings__$1, PGPASSWORD or POSTGRES_PASSWORD (.env)"
  export PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
  psql -X -q -At -c 'SELECT 1' >/dev/null 2>&1 || die "cannot connect to $PGDATABASE on $PGHOST:$PGPORT as $PGUSER"
}

# The number of user tables in the database psql connects to.
pg_table_count() {
  psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
}
