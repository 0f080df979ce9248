#!/usr/bin/env bash
# Installs what the test suite needs when it is missing (apt needs root; otherwise says what to install):
# PostgreSQL 15 server binaries (tests start their own throwaway cluster on 127.0.0.1), libpg_query (the real
# PostgreSQL parser, an oracle for our SQL lexer), sqlite3, curl and python3; docker-compose (1.29, validates compose
# files without an engine) and npm's dclint under .tools/npm, the two oracles of the compose check.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

command -v dotnet >/dev/null || fail "the .NET SDK 10.0 is required (see global.json)"

need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v curl >/dev/null || need_apt+=(curl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -e /usr/lib/x86_64-linux-gnu/libpg_query.so ] || ldconfig -p 2>/dev/null | grep -q 'libpg_query\.so ' || need_apt+=(libpg-query-dev)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v npm >/dev/null || need_apt+=(npm)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    fail "missing: ${need_apt[*]}; install them (sudo apt-get install ${need_apt[*]}) and run again"
  fi
fi

# PostgreSQL 17 with pgvector, in-memory (PGlite): the generated scripts are checked on 17 as well as on Debian's 15.
if [ ! -x "$repo_root/.tools/npm/node_modules/.bin/pglite-server" ]; then
  echo "installing: PGlite 0.3.15 and its socket server (npm, into .tools/npm)"
  npm install --prefix "$repo_root/.tools/npm" @electric-sql/pglite@0.3.15 @electric-sql/pglite-socket@0.0.20 >/dev/null \
    || fail "npm install of PGlite failed"
fi

if [ ! -x "$repo_root/.tools/npm/node_modules/.bin/dclint" ]; then
  echo "installing: dclint (npm, into .tools/npm)"
  npm install --prefix "$repo_root/.tools/npm" dclint@3 >/dev/null || fail "npm install dclint@3 failed"
fi

# apt's postgresql package starts no server here; make sure no machine-wide cluster is relied on by accident.
echo "prerequisites present: dotnet $(dotnet --version), sqlite $(sqlite3 --version | cut -d' ' -f1), $(ls -d /usr/lib/postgresql/*/bin | head -1)"
