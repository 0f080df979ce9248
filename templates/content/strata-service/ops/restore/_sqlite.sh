# SQLite helpers of ops/backup, ops/restore and ops/drill (sourced); <datastore> is the file name of the script that sources them.
# shellcheck shell=bash

# sqlite_file <datastore>: the database file of the connection string (Data Source=...), relative to the project folder.
sqlite_file() {
  local cs file
  cs=$(connection_string "$1")
  file=$(conn_value "$cs" 'Data Source' DataSource Filename)
  [ -n "$file" ] || die "the connection string '$1' has no Data Source"
  printf '%s' "$file"
}

# sqlite_counts <file>: table<TAB>rows for every table, from one read transaction.
sqlite_counts() {
  local file=$1 sql table
  sql="BEGIN;"
  while IFS= read -r table; do
    [ -n "$table" ] || continue
    sql="$sql SELECT '${table//\'/\'\'}' || char(9) || count(*) FROM \"${table//\"/\"\"}\";"
  done < <(sqlite3 -readonly -batch "$file" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name;")
  sqlite3 -readonly -batch "$file" "$sql COMMIT;"
}

sqlite_table_count() {
  sqlite3 -readonly -batch "$1" "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\';"
}

# sqlite_check <file>: refuse a file that is not a sound SQLite database.
sqlite_check() {
  local result
  result=$(sqlite3 -readonly -batch "$1" 'PRAGMA integrity_check;' 2>&1) || die "$1 is not a SQLite database: $result"
  [ "$result" = ok ] || die "$1 fails PRAGMA integrity_check: $result"
}
