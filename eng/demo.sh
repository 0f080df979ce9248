#!/usr/bin/env bash
# The main job, on the embedded default (SQLite): pack -> install the template pack into a repository-local hive ->
# scaffold a service into a scratch folder -> build it (Strata's lines shown) -> run it -> call /health and the
# /todos CRUD endpoints -> stop it. Exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

hive="$repo_root/artifacts/demo/hive"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/strata-demo.XXXXXX")"
# Packages restored for the demo stay out of the machine-wide cache, so a re-packed 0.1.0 is never stale.
export NUGET_PACKAGES="$repo_root/artifacts/demo/nuget-packages"
service_pid=""
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  if [ "${STRATA_DEMO_KEEP:-0}" = 1 ]; then echo "kept: $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

step "pack Strata.Sdk, Strata.Migrations and Strata.Templates"
pack_all
ls -1 "$packages_dir"
rm -rf "$NUGET_PACKAGES"/strata.*

step "install the template pack into $hive"
rm -rf "$hive"
dotnet new install "$packages_dir"/Strata.Templates.*.nupkg --debug:custom-hive "$hive" >/dev/null
dotnet new list strata --debug:custom-hive "$hive"

step "dotnet new strata-service -n Orders"
write_scratch_nuget_config "$scratch"
(cd "$scratch" && dotnet new strata-service -n Orders --debug:custom-hive "$hive")
find "$scratch/Orders" -type f -not -path '*/obj/*' | sed "s|$scratch/||" | sort

step "dotnet build (warnings are errors in the generated project)"
dotnet build "$scratch/Orders" -nologo -tl:off -v:m | grep -E 'Strata|error|warn|->' || true
dotnet build "$scratch/Orders" -nologo -tl:off -v:q >/dev/null || fail "the service did not build"

step "run the service"
port="$(free_port)"
url="http://127.0.0.1:$port"
(cd "$scratch/Orders" && exec dotnet bin/Debug/net10.0/Orders.dll --urls "$url") > "$scratch/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "$url/health" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { cat "$scratch/service.log"; fail "the service exited"; }
  sleep 0.2
done
cat "$scratch/service.log"

call() { # method path [body] -> prints the response, fails on an HTTP error
  local method=$1 path=$2 body=${3:-} args=()
  [ -n "$body" ] && args=(-H 'Content-Type: application/json' -d "$body")
  printf '%s %s %s\n  -> ' "$method" "$path" "$body"
  curl -fsS -X "$method" "$url$path" "${args[@]}" -w ' (%{http_code})\n' || fail "$method $path failed"
}
step "call it"
call GET /health
call POST /todos '{"title":"write the first migration"}'
call GET /todos
call PUT /todos/1 '{"done":true}'
call GET /todos/1
call DELETE /todos/1
call GET /todos

step "demo passed"
