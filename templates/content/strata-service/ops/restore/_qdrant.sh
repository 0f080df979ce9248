# Qdrant helpers of ops/backup, ops/restore and ops/drill (sourced); <datastore> is the file name of the script that sources them.
# One snapshot per collection through the snapshots API, downloaded and bundled in one tar file.
# shellcheck shell=bash

qdrant_connect() {
  Q_URL=$(connection_string "$1")
  Q_URL=${Q_URL%/}
  [ -n "${QDRANT_API_KEY:-}" ] || die "QDRANT_API_KEY is not set (environment or .env)"
  export STRATA_CURL_CONFIG="header = \"api-key: $QDRANT_API_KEY\""
  http "$Q_URL/collections" >/dev/null || die "cannot reach Qdrant at $Q_URL with QDRANT_API_KEY"
}

# Collection names, one per line; with a prefix only those, shown without it.
qdrant_collections() {
  local prefix=${1:-} name
  http "$Q_URL/collections" | grep -o '"name":"[^"]*"' | sed 's/^"name":"//; s/"$//' | LC_ALL=C sort \
    | while IFS= read -r name; do
      if [ -n "$prefix" ]; then
        case $name in "$prefix"*) printf '%s\n' "${name#"$prefix"}" ;; esac
      else
        case $name in strata-drill-*) ;; *) printf '%s\n' "$name" ;; esac
      fi
    done
}

# collection<TAB>points (exact count) for every collection.
qdrant_counts() {
  local prefix=${1:-} name count
  qdrant_collections "$prefix" | while IFS= read -r name; do
    count=$(http -X POST "$Q_URL/collections/$prefix$name/points/count" -H 'Content-Type: application/json' -d '{"exact":true}' \
      | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
    printf '%s\t%s\n' "$name" "$count"
  done
}

# qdrant_upload <collection> <snapshot file>: recover a collection from a snapshot file (created when missing).
qdrant_upload() {
  http -X POST "$Q_URL/collections/$1/snapshots/upload?priority=snapshot&wait=true" -F "snapshot=@$2" >/dev/null \
    || die "cannot recover collection $1 from $2"
}

# qdrant_recover <bundle> <name prefix>: recover every collection of a backup bundle, as <prefix><collection>.
qdrant_recover() {
  local work file
  work=$(mktemp -d); cleanup_later "$work"
  tar -xf "$1" -C "$work" || die "$1 is not a tar file"
  for file in "$work"/*.snapshot; do
    [ -e "$file" ] || continue
    qdrant_upload "$2$(basename "$file" .snapshot)" "$file"
  done
}
