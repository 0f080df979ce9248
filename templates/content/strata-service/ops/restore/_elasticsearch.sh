# Elasticsearch helpers of ops/backup, ops/restore and ops/drill (sourced); <datastore> is the file name of the script that sources them.
# Snapshots go to a snapshot repository (ES_SNAPSHOT_REPOSITORY, default strata-backups). When it is not registered and
# ES_SNAPSHOT_LOCATION is set, it is registered as a shared-file-system repository there; that folder must be listed in
# the node's path.repo setting (for compose: environment path.repo plus a volume), and belongs off the host.
# The file in backups/<datastore>/ records the snapshot (name, repository, indices); the data is in the repository.
# shellcheck shell=bash

ES_REPOSITORY=${ES_SNAPSHOT_REPOSITORY:-strata-backups}

es_connect() {
  ES_URL=$(connection_string "$1")
  ES_URL=${ES_URL%/}
  [ -n "${ELASTIC_PASSWORD:-}" ] || die "ELASTIC_PASSWORD is not set (environment or .env)"
  export STRATA_CURL_CONFIG="user = \"elastic:$ELASTIC_PASSWORD\""
  http "$ES_URL/_cluster/health" >/dev/null || die "cannot reach Elasticsearch at $ES_URL as elastic"
}

es_repository() {
  http "$ES_URL/_snapshot/$ES_REPOSITORY" >/dev/null 2>&1 && return 0
  [ -n "${ES_SNAPSHOT_LOCATION:-}" ] || die "no snapshot repository $ES_REPOSITORY; register one or set ES_SNAPSHOT_LOCATION (a path.repo folder)"
  http -X PUT "$ES_URL/_snapshot/$ES_REPOSITORY" -H 'Content-Type: application/json' \
    -d "{\"type\":\"fs\",\"settings\":{\"location\":\"$ES_SNAPSHOT_LOCATION\"}}" >/dev/null || die "cannot register the repository $ES_REPOSITORY"
}

# Open user indices (not starting with '.'), one per line; with a prefix only those, shown without it.
es_indices() {
  local prefix=${1:-}
  http "$ES_URL/_cat/indices?h=index&expand_wildcards=open" | tr -d '\r ' | LC_ALL=C sort \
    | while IFS= read -r index; do
      case $index in .* | '') continue ;; esac
      if [ -n "$prefix" ]; then
        case $index in "$prefix"*) printf '%s\n' "${index#"$prefix"}" ;; esac
      else
        case $index in strata-drill-*) ;; *) printf '%s\n' "$index" ;; esac
      fi
    done
}

# index<TAB>documents for every user index.
es_counts() {
  local prefix=${1:-} index count
  es_indices "$prefix" | while IFS= read -r index; do
    count=$(http "$ES_URL/$prefix$index/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
    printf '%s\t%s\n' "$index" "$count"
  done
}

# es_snapshot_of <record>: the snapshot name a backup record names.
es_snapshot_of() {
  local name
  name=$(sed -n 's/^snapshot=//p' "$1" | head -n 1)
  [ -n "$name" ] || die "$1 names no snapshot"
  printf '%s' "$name"
}
