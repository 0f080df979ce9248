# Chroma helpers of ops/backup, ops/restore and ops/drill (sourced); <datastore> is the file name of the script that sources them.
# Chroma keeps everything in its persist directory (CHROMA_PERSIST_DIR; /data in the chromadb/chroma image, the
# <datastore>-data volume in compose.yaml). Pause writes (or stop Chroma) while a copy is taken or restored.
# shellcheck shell=bash

# shellcheck disable=SC2034 # used by the scripts that source this
CHROMA_DIR=${CHROMA_PERSIST_DIR:-/data}

# collection<TAB>records per collection, read from a persist directory's chroma.sqlite3 (needs sqlite3).
chroma_counts() {
  local db="$1/chroma.sqlite3"
  [ -f "$db" ] || die "no chroma.sqlite3 in $1"
  sqlite3 -readonly -batch "$db" "SELECT c.name || char(9) || count(e.id) FROM collections c
    LEFT JOIN segments s ON s.collection = c.id AND s.scope = 'METADATA'
    LEFT JOIN embeddings e ON e.segment_id = s.id GROUP BY c.name ORDER BY c.name;"
}
