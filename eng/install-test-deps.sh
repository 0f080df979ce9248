#!/usr/bin/env bash
# Installs what the test suite needs when it is missing (apt and npm need root; otherwise says what to install).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

need_apt=()
command -v dotnet >/dev/null || fail "the .NET SDK 10.0 is required (see global.json)"
command -v python3 >/dev/null || need_apt+=(python3)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v curl >/dev/null || need_apt+=(curl)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${need_apt[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    fail "missing: ${need_apt[*]}; install them (e.g. sudo apt-get install ${need_apt[*]}) and run again"
  fi
fi
echo "prerequisites present: dotnet $(dotnet --version), $(sqlite3 --version | cut -d' ' -f1-1 | sed 's/^/sqlite /')"
