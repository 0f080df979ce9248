# Neo4j helpers of ops/backup, ops/restore and ops/drill (sourced); <datastore> is the file name of the script that sources them.
# neo4j-admin works on the files of a stopped database (Community Edition has no online backup), so these scripts run
# where neo4j-admin and the data volume are, with Neo4j stopped, for example:
#   docker compose stop <datastore>
#   docker compose run --rm --no-deps -v "$PWD:/work" -w /work --entrypoint bash <datastore> ops/backup/<datastore>.sh
#   docker compose start <datastore>
# shellcheck shell=bash

NEO4J_DATABASE=${NEO4J_DATABASE:-neo4j}

neo4j_stopped() {
  if command -v cypher-shell >/dev/null 2>&1 && [ -n "${NEO4J_PASSWORD:-}" ] \
    && NEO4J_PASSWORD=$NEO4J_PASSWORD cypher-shell -u neo4j 'RETURN 1' >/dev/null 2>&1; then
    die "Neo4j is running; stop it first (neo4j-admin dump/load need a stopped database on Community Edition)"
  fi
}
