# Redis helpers of ops/backup, ops/restore and ops/drill (sourced); <datastore> is the file name of the script that sources them.
# shellcheck shell=bash

# redis_connect <datastore>: REDIS_HOST and REDIS_PORT from the connection string (host:port[,options]); the password
# from its password= option or REDIS_PASSWORD (environment or .env), passed to redis-cli as REDISCLI_AUTH.
redis_connect() {
  local cs endpoint option password=''
  cs=$(connection_string "$1")
  endpoint=${cs%%,*}
  REDIS_HOST=${endpoint%:*}
  REDIS_PORT=${endpoint##*:}
  [ "$REDIS_PORT" != "$endpoint" ] || REDIS_PORT=6379
  local IFS=','
  for option in ${cs#"$endpoint"}; do
    case $option in password=*) password=${option#password=} ;; esac
  done
  REDISCLI_AUTH=${password:-${REDIS_PASSWORD:-}}
  export REDISCLI_AUTH
  [ "$(rcli PING 2>&1)" = PONG ] || die "cannot reach Redis at $REDIS_HOST:$REDIS_PORT with the password from REDIS_PASSWORD"
}

rcli() {
  redis-cli --no-auth-warning -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"
}

# redis_keyspace <port>: db<TAB>keys of every non-empty database of the server on 127.0.0.1:<port> (or the target).
redis_keyspace() {
  local port=${1:-} info
  if [ -n "$port" ]; then
    info=$(env -u REDISCLI_AUTH redis-cli -h 127.0.0.1 -p "$port" INFO keyspace)
  else
    info=$(rcli INFO keyspace)
  fi
  printf '%s\n' "$info" | tr -d '\r' | sed -n 's/^db\([0-9]*\):keys=\([0-9]*\).*/db\1\t\2/p'
}

# scratch_redis <rdb file>: a scratch redis-server on a free loopback port that loads the file; sets SCRATCH_PORT.
scratch_redis() {
  need redis-server
  local rdb=$1 dir tries=0
  dir=$(mktemp -d); cleanup_later "$dir"
  cp -- "$rdb" "$dir/dump.rdb" || die "cannot copy $rdb"
  SCRATCH_PORT=$(free_port)
  redis-server --bind 127.0.0.1 --port "$SCRATCH_PORT" --dir "$dir" --dbfilename dump.rdb --save '' --appendonly no \
    --protected-mode yes --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null \
    || die "cannot start a scratch redis-server"
  # shellcheck disable=SC2034 # used by the drill
  SCRATCH_DIR=$dir
  until [ "$(env -u REDISCLI_AUTH redis-cli -h 127.0.0.1 -p "$SCRATCH_PORT" PING 2>/dev/null)" = PONG ]; do
    tries=$((tries + 1))
    [ $tries -lt 300 ] || die "the scratch redis-server did not load $rdb: $(tail -n 3 "$dir/redis.log" 2>/dev/null)"
    sleep 0.1
  done
}

stop_scratch_redis() {
  [ -n "${SCRATCH_PORT:-}" ] || return 0
  env -u REDISCLI_AUTH redis-cli -h 127.0.0.1 -p "$SCRATCH_PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  SCRATCH_PORT=
}
