# MongoDB helpers of ops/backup, ops/restore and ops/drill (sourced); <datastore> is the file name of the script that sources them.
# shellcheck shell=bash

# mongo_connect <datastore>: MONGO_URI with the password from MONGODB_PASSWORD (environment or .env) in it, and
# MONGO_CONFIG, a private file the Database Tools read it from (--config), so it never shows in ps.
mongo_connect() {
  local cs rest
  cs=$(connection_string "$1")
  [ -n "${MONGODB_PASSWORD:-}" ] || die "MONGODB_PASSWORD is not set (environment or .env)"
  case $cs in mongodb://*@* | mongodb+srv://*@*) ;; *) die "the connection string '$1' has no user (mongodb://<user>@host...)" ;; esac
  case $cs in *://*:*@*) MONGO_URI=$cs ;; *)
    rest=${cs#*://}
    MONGO_URI="${cs%%://*}://${rest%%@*}:$(url_encode "$MONGODB_PASSWORD")@${rest#*@}" ;;
  esac
  MONGO_CONFIG=$(mktemp); cleanup_later "$MONGO_CONFIG"
  chmod 600 "$MONGO_CONFIG"
  printf 'uri: "%s"\n' "$MONGO_URI" >"$MONGO_CONFIG"
  export STRATA_MONGO_URI=$MONGO_URI
  mongo_eval 'db.adminCommand({ ping: 1 })' >/dev/null || die "cannot reach MongoDB with ConnectionStrings:$1 and MONGODB_PASSWORD"
}

# mongo_eval <script>: mongosh connected through STRATA_MONGO_URI (an environment variable, not an argument).
mongo_eval() {
  mongosh --nodb --quiet --norc --eval "const conn = connect(process.env.STRATA_MONGO_URI); $1"
}

# db.collection<TAB>documents for every user collection; with a prefix, only databases named <prefix><db>, shown as <db>.
mongo_counts() {
  mongo_eval "
    const prefix = '${1:-}';
    const names = conn.adminCommand({ listDatabases: 1, nameOnly: true }).databases.map(d => d.name)
      .filter(n => !['admin', 'config', 'local'].includes(n) && (prefix ? n.startsWith(prefix) : !n.startsWith('strata_drill_')));
    for (const name of names.sort()) {
      const d = conn.getSiblingDB(name);
      for (const c of d.getCollectionNames().filter(c => !c.startsWith('system.')).sort()) {
        print(name.substring(prefix.length) + '.' + c + '\t' + d.getCollection(c).countDocuments({}));
      }
    }"
}
