#!/usr/bin/env bash
# Migration benchmark (docs/benchmarks.md, "Migrations"): one command, one run, Strata next to its peers.
#   1. generates a chain of 1,000 realistic PostgreSQL migrations (~145 KB) and the same chain as an Alembic project;
#   2. generate + lint inside `dotnet build`: a scaffolded strata-service (--stores postgres) with the chain, the
#      first 990 locked, the last one edited before each build; Strata's task times from -clp:PerformanceSummary,
#      next to `alembic upgrade head --sql` and `cat` of the files (hyperfine);
#   3. a no-op incremental build of that project: the Strata targets' lines of the Target Performance Summary;
#   4. applying the 1,000 migrations to a throwaway PostgreSQL 15 cluster: `psql -1 -f all.sql` vs the Strata runtime
#      (ApplyBench) on the generated migrate.sql vs `psql -f migrate.sql`, each on fresh databases, with the cluster's
#      default durability and again with synchronous_commit=off;
#   5. StatusAsync against 10,000 applied migrations (StatusBench).
# Environment: RUNS (apply runs per method, default 3), BUILD_RUNS (measured builds, default 5),
# STATUS_COUNT (default 10000), KEEP=1 keeps the scratch folder, SKIP_APPLY=1 stops after step 3 (no PostgreSQL),
# SKIP_PACK=1 reuses the package folder, STRATA_PACKAGES_OUT (package folder, see eng/common.sh),
# STRATA_BENCH_NUGET / STRATA_BENCH_HIVE (NuGet cache and template hive; default under artifacts/bench),
# BASELINE_PACKAGES=<folder of an older pack> (each measured build is paired with one of a copy of the project that
# restores Strata.Sdk from there, interleaved, so a before/after comparison shares the machine's load),
# BASELINE_SRC=<checkout of an older commit> (each apply run also applies the script with that checkout's runtime).
# Installs alembic, hyperfine and PostgreSQL from apt when missing. Needs root (apt, and the cluster runs as the
# postgres user through runuser) or a PostgreSQL it can start as the current user.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/eng/common.sh"
bench="$repo_root/eng/bench/migrations"
RUNS="${RUNS:-3}"
BUILD_RUNS="${BUILD_RUNS:-5}"
STATUS_COUNT="${STATUS_COUNT:-10000}"
CHAIN_COUNT=1000
LOCKED=990
py=/usr/bin/python3 # Debian's interpreter: the one that sees python3-alembic

# ---- tools ----
need=()
[ -x /usr/bin/alembic ] || need+=(alembic python3-alembic python3-psycopg2)
command -v hyperfine >/dev/null || need+=(hyperfine)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  step "apt-get install ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

work="$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-migrations.XXXXXX")"
pgdir=""
cleanup() {
  if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  [ -n "$pgdir" ] && rm -rf "$pgdir"
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
declare -A R # results, printed at the end

# ---- 1. the chain ----
step "generate the chain ($CHAIN_COUNT migrations) and its Alembic project"
"$py" "$bench/gen.py" chain "$work/chain" "$CHAIN_COUNT"
chain="$work/chain/migrations"
R[chain_bytes]=$(cat "$chain"/*.sql | wc -c)
(cd "$work/chain/alembic" && /usr/bin/alembic upgrade head --sql > "$work/alembic.sql" 2>/dev/null)
echo "alembic upgrade head --sql: $(wc -c < "$work/alembic.sql") bytes, $(grep -c '^-- Running upgrade' "$work/alembic.sql") revisions"

# ---- 2. scaffold, lock, build ----
step "pack, install the template pack, scaffold Bench (--stores postgres)"
export NUGET_PACKAGES="${STRATA_BENCH_NUGET:-$repo_root/artifacts/bench/nuget-packages}"
hive="${STRATA_BENCH_HIVE:-$repo_root/artifacts/bench/hive}"
if [ "${SKIP_PACK:-0}" != 1 ]; then pack_all; fi
rm -rf "$NUGET_PACKAGES"/strata.* "$hive"
dotnet new install "$packages_dir"/Strata.Templates.*.nupkg --debug:custom-hive "$hive" >/dev/null
mkdir -p "$work/svc"
write_scratch_nuget_config "$work/svc"
(cd "$work/svc" && dotnet new strata-service -n Bench --stores postgres --debug:custom-hive "$hive" >/dev/null)
proj="$work/svc/Bench"
migs="$proj/db/main/migrations"
rm -f "$migs"/*.sql "$proj/db/main/migrations.lock"
ls "$chain"/*.sql | head -n "$LOCKED" | xargs cp -t "$migs"
dotnet build "$proj" -nologo -tl:off -v:q -t:StrataLockMigrations >/dev/null || fail "StrataLockMigrations failed"
echo "locked: $(grep -c . "$proj/db/main/migrations.lock") lines in db/main/migrations.lock"
ls "$chain"/*.sql | tail -n +"$((LOCKED + 1))" | xargs cp -t "$migs"
last="$(ls "$migs"/*.sql | tail -1)"
dotnet build "$proj" -nologo -tl:off -v:q >/dev/null || { dotnet build "$proj" -nologo -tl:off -v:m | tail -30; fail "the first build failed"; }
echo "task assemblies of the restored Strata.Sdk (a package packed without its ReadyToRun step JIT-compiles everything):"
"$py" "$bench/../r2r.py" "$NUGET_PACKAGES"/strata.sdk/*/tasks/net10.0 | sed 's/^/  /'
echo "load before the measured builds: $(cut -d' ' -f1-3 /proc/loadavg)"

build() { # label [project] -> $work/build-<label>.log; prints wall ms
  local t0; t0=$(date +%s%N)
  dotnet build "${2:-$proj}" --no-restore -nologo -tl:off -v:m -clp:PerformanceSummary > "$work/build-$1.log" 2>&1 \
    || { tail -40 "$work/build-$1.log"; fail "build $1 failed"; }
  ms_since "$t0"
}
baseline=""
if [ -n "${BASELINE_PACKAGES:-}" ]; then
  # The same project and chain, restoring Strata.Sdk from the older packages into a NuGet cache of its own.
  baseline="$work/svc-baseline/Bench"
  mkdir -p "$work/svc-baseline" && cp -r "$proj" "$baseline" && rm -rf "$baseline/obj" "$baseline/bin"
  sed "s|$packages_dir|$BASELINE_PACKAGES|" "$work/svc/NuGet.config" > "$work/svc-baseline/NuGet.config"
  baseline_nuget="$work/baseline-nuget"
  NUGET_PACKAGES="$baseline_nuget" dotnet build "$baseline" -nologo -tl:off -v:q >/dev/null || fail "the baseline project did not build"
  echo "baseline: Strata.Sdk from $BASELINE_PACKAGES"
fi
baseline_build() { # label -> GenerateMigrationScripts ms of the baseline project (after the same edit)
  printf -- '-- edited before measured build %s\n' "$1" >> "$(ls "$baseline"/db/main/migrations/*.sql | tail -1)"
  NUGET_PACKAGES="$baseline_nuget" build "baseline-$1" "$baseline" >/dev/null
  task_ms "$work/build-baseline-$1.log" GenerateMigrationScripts
}
task_ms() { # log task -> ms from the Task Performance Summary (0 when the task did not run)
  awk -v t="$2" '/Task Performance Summary/ { s = 1; next } s && $3 == t { print $1; f = 1; exit } END { if (!f) print 0 }' "$1"
}
strata_targets() { # log -> the Strata lines of the Target Performance Summary
  awk '/Target Performance Summary/ { s = 1; next } /Task Performance Summary/ { s = 0 } s && $3 ~ /^_?Strata/' "$1"
}

step "generate + lint inside dotnet build: $BUILD_RUNS builds, each after editing the last (unlocked) migration"
: > "$work/gen.txt"
for i in $(seq 1 "$BUILD_RUNS"); do
  printf -- '-- edited before measured build %s\n' "$i" >> "$last"
  wall=$(build "changed-$i")
  v=$(task_ms "$work/build-changed-$i.log" ValidateDatastoreDocs)
  g=$(task_ms "$work/build-changed-$i.log" GenerateMigrationScripts)
  grep -q "^-- edited before measured build $i" "$proj/obj/strata/main/migrate.sql" || fail "build $i did not regenerate migrate.sql"
  b=""; [ -n "$baseline" ] && b=$(baseline_build "$i") && echo "$b" >> "$work/gen-baseline.txt" && b=" | baseline GenerateMigrationScripts $b ms"
  echo "build $i: ValidateDatastoreDocs $v ms, GenerateMigrationScripts $g ms, build wall $wall ms$b"
  echo "$v $g $((v + g)) $wall" >> "$work/gen.txt"
done
if [ -n "$baseline" ]; then
  echo "median GenerateMigrationScripts: this pack $(awk '{print $2}' "$work/gen.txt" | median) ms, baseline $(median < "$work/gen-baseline.txt") ms"
  # The same migrations and edits: the two packs must generate the same script, to the byte.
  cmp "$proj/obj/strata/main/migrate.sql" "$baseline/obj/strata/main/migrate.sql" || fail "migrate.sql differs from the baseline pack's"
  echo "migrate.sql is byte-identical to the baseline pack's ($(wc -c < "$proj/obj/strata/main/migrate.sql") bytes)"
fi
R[validate]=$(awk '{print $1}' "$work/gen.txt" | median)
R[generate]=$(awk '{print $2}' "$work/gen.txt" | median)
R[gen_total]=$(awk '{print $3}' "$work/gen.txt" | median)
R[gen_wall]=$(awk '{print $4}' "$work/gen.txt" | median)
echo "Strata lines of the last measured build's Task Performance Summary:"
awk '/Task Performance Summary/ { s = 1; next } s && ($3 == "ValidateDatastoreDocs" || $3 == "GenerateMigrationScripts")' "$work/build-changed-$BUILD_RUNS.log"

step "peers on the same chain: alembic upgrade head --sql, and cat of the files (hyperfine)"
hyperfine --style basic --warmup 1 --runs 10 --export-json "$work/hf.json" \
  -n "alembic upgrade head --sql" "cd '$work/chain/alembic' && /usr/bin/alembic upgrade head --sql > /dev/null 2>&1" \
  -n "cat migrations/*.sql" "cat '$chain'/*.sql > /dev/null"
read -r R[alembic] R[cat] < <("$py" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(*(round(x["median"]*1000) for x in r))' "$work/hf.json")

# ---- 3. no-op build ----
step "no-op incremental builds ($BUILD_RUNS)"
build noop-warm >/dev/null
: > "$work/noop.txt"
for i in $(seq 1 "$BUILD_RUNS"); do
  wall=$(build "noop-$i")
  ran=$(( $(task_ms "$work/build-noop-$i.log" ValidateDatastoreDocs) + $(task_ms "$work/build-noop-$i.log" GenerateMigrationScripts) ))
  if grep -Eq '^\s+[0-9]+ ms\s+(ValidateDatastoreDocs|GenerateMigrationScripts)\s' <(sed -n '/Task Performance Summary/,$p' "$work/build-noop-$i.log"); then
    tasks=ran; else tasks=none; fi
  sum=$(strata_targets "$work/build-noop-$i.log" | awk '{ s += $1 } END { print s + 0 }')
  echo "no-op build $i: Strata targets $sum ms, Strata tasks run: $tasks, build wall $wall ms"
  echo "$sum $wall $tasks" >> "$work/noop.txt"
done
R[noop_strata]=$(awk '{print $1}' "$work/noop.txt" | median)
R[noop_wall]=$(awk '{print $2}' "$work/noop.txt" | median)
R[noop_tasks]=$(awk '{print $3}' "$work/noop.txt" | sort -u | paste -sd/)
echo "Strata lines of the last no-op build's Target Performance Summary:"
strata_targets "$work/build-noop-$BUILD_RUNS.log"
cp "$proj/obj/strata/main/migrate.sql" "$work/migrate.sql"
echo "load after the measured builds: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${SKIP_APPLY:-0}" = 1 ]; then
  step "results ($(nproc) cores; medians of $BUILD_RUNS; $CHAIN_COUNT migrations, ${R[chain_bytes]} bytes of SQL; SKIP_APPLY=1)"
  printf '%-72s %12s\n' "generate+lint in dotnet build (ValidateDatastoreDocs + GenerateMigrationScripts)" "${R[gen_total]} ms"
  printf '%-72s %12s\n' "  ValidateDatastoreDocs / GenerateMigrationScripts" "${R[validate]} / ${R[generate]} ms"
  printf '%-72s %12s\n' "alembic upgrade head --sql (hyperfine) / cat" "${R[alembic]} / ${R[cat]} ms"
  printf '%-72s %12s\n' "no-op build: Strata targets / tasks run" "${R[noop_strata]} ms / ${R[noop_tasks]}"
  exit 0
fi

# ---- 4. apply ----
step "throwaway PostgreSQL cluster ($pgbin)"
pgdir="$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-pg.XXXXXX")"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdir"
as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
port="$(free_port)"
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir" -w start >/dev/null
psqlc=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres)
"${psqlc[@]}" -d postgres -Atc 'SELECT version()'
conn() { echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$1"; }
dotnet build "$bench/ApplyBench" -c Release -nologo -v:q >/dev/null || fail "ApplyBench did not build"
dotnet build "$bench/StatusBench" -c Release -nologo -v:q >/dev/null || fail "StatusBench did not build"
applybench="$repo_root/artifacts/bin/ApplyBench/release/ApplyBench.dll"
# The same harness published as a generated service publishes (PublishReadyToRun, the template's setting): Npgsql and
# the runtime start from precompiled code instead of the JIT.
dotnet publish "$bench/ApplyBench" -c Release -nologo -v:q -p:PublishReadyToRun=true -o "$work/applybench-r2r" >/dev/null || fail "ApplyBench did not publish"
applybench_r2r="$work/applybench-r2r/ApplyBench.dll"
"$py" "$bench/../r2r.py" "$work/applybench-r2r"/{ApplyBench,Npgsql,Strata.Migrations}.dll | sed 's/^/  published: /'
baseline_applybench=""
if [ -n "${BASELINE_SRC:-}" ]; then
  # The runtime of an older checkout (e.g. a `git worktree add --detach <dir> <commit>`), interleaved with this one's.
  dotnet build "$BASELINE_SRC/eng/bench/migrations/ApplyBench" -c Release -nologo -v:q >/dev/null || fail "the baseline ApplyBench did not build"
  baseline_applybench="$BASELINE_SRC/artifacts/bin/ApplyBench/release/ApplyBench.dll"
  echo "baseline runtime: $BASELINE_SRC ($(git -C "$BASELINE_SRC" rev-parse --short HEAD 2>/dev/null || echo '?'))"
fi
statusbench="$repo_root/artifacts/bin/StatusBench/release/StatusBench.dll"
fresh_db() { local n; n="b$(date +%s%N)"; "${psqlc[@]}" -d postgres -c "CREATE DATABASE $n" >/dev/null; echo "$n"; }
check_applied() { # db expected-history-table
  local n; n=$("${psqlc[@]}" -d "$1" -Atc "SELECT count(*) FROM pg_class WHERE relkind IN ('r','v') AND relnamespace = 'public'::regnamespace AND relname NOT LIKE 'strata_%'")
  [ "$n" = "$expected_relations" ] || fail "database $1 has $n tables and views, expected $expected_relations"
  if [ "$2" = yes ]; then
    n=$("${psqlc[@]}" -d "$1" -Atc "SELECT count(*) FROM strata_schema_history"); [ "$n" = "$CHAIN_COUNT" ] || fail "database $1 has $n history rows"
  fi
}
d=$(fresh_db); "${psqlc[@]}" -d "$d" -1 -f "$work/chain/all.sql" >/dev/null
expected_relations=$("${psqlc[@]}" -d "$d" -Atc "SELECT count(*) FROM pg_class WHERE relkind IN ('r','v') AND relnamespace = 'public'::regnamespace")

apply_round() { # label
  : > "$work/apply-$1.txt"; : > "$work/apply-$1-baseline.txt"
  for i in $(seq 1 "$RUNS"); do
    d=$(fresh_db); t0=$(date +%s%N)
    "${psqlc[@]}" -d "$d" -1 -f "$work/chain/all.sql" >/dev/null; a=$(ms_since "$t0"); check_applied "$d" no
    d=$(fresh_db)
    out=$(dotnet "$applybench" "$(conn "$d")" "$work/migrate.sql") || fail "ApplyBench: $out"
    b=$(sed -E 's/.* apply=([0-9.]+).*/\1/' <<<"$out"); bp=$(sed -E 's/.* process=([0-9]+).*/\1/' <<<"$out"); check_applied "$d" yes
    d=$(fresh_db)
    out=$(dotnet "$applybench_r2r" "$(conn "$d")" "$work/migrate.sql") || fail "ApplyBench (ReadyToRun): $out"
    r=$(sed -E 's/.* apply=([0-9.]+).*/\1/' <<<"$out"); rp=$(sed -E 's/.* process=([0-9]+).*/\1/' <<<"$out"); check_applied "$d" yes
    d=$(fresh_db); t0=$(date +%s%N)
    "${psqlc[@]}" -d "$d" -f "$work/migrate.sql" >/dev/null; c=$(ms_since "$t0"); check_applied "$d" yes
    x=""
    if [ -n "$baseline_applybench" ]; then
      d=$(fresh_db)
      out=$(dotnet "$baseline_applybench" "$(conn "$d")" "$work/migrate.sql") || fail "baseline ApplyBench: $out"
      x=$(sed -E 's/.* apply=([0-9.]+).*/\1/' <<<"$out"); check_applied "$d" yes
      echo "$x" >> "$work/apply-$1-baseline.txt"; x=" | baseline runtime $x ms"
    fi
    echo "$1 run $i: psql -1 -f all.sql $a ms | Strata runtime ApplyAsync $b ms (process $bp ms), ReadyToRun $r ms (process $rp ms) | psql -f migrate.sql $c ms$x"
    echo "$a $b $bp $c $r $rp" >> "$work/apply-$1.txt"
  done
  [ -n "$baseline_applybench" ] && echo "$1: median ApplyAsync $(awk '{print $2}' "$work/apply-$1.txt" | median) ms, baseline runtime $(median < "$work/apply-$1-baseline.txt") ms"
  for k in 1 2 3 4 5 6; do R[apply_$1_$k]=$(awk -v k=$k '{print $k}' "$work/apply-$1.txt" | median); done
  # Each run's own ratio to psql -1 (the two ran back to back), whose median drifts less with the machine's load than
  # the ratio of the medians.
  R[ratio_$1_jit]=$(awk '{ printf "%.3f\n", $2 / $1 }' "$work/apply-$1.txt" | median)
  R[ratio_$1_r2r]=$(awk '{ printf "%.3f\n", $5 / $1 }' "$work/apply-$1.txt" | median)
}
step "apply $CHAIN_COUNT migrations, $RUNS runs per method, fresh database each (cluster defaults: fsync on, synchronous_commit on)"
apply_round durable
step "the same with synchronous_commit=off (ALTER SYSTEM, reloaded): no WAL flush wait per commit"
"${psqlc[@]}" -d postgres -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
apply_round async

# ---- 5. status against 10,000 ----
step "status against $STATUS_COUNT applied migrations"
"$py" "$bench/gen.py" trivial "$work/trivial" "$STATUS_COUNT"
rm -f "$migs"/*.sql "$proj/db/main/migrations.lock"
cp "$work/trivial/migrations"/*.sql "$migs"
wall=$(build status)
R[gen10k]=$(( $(task_ms "$work/build-status.log" ValidateDatastoreDocs) + $(task_ms "$work/build-status.log" GenerateMigrationScripts) ))
echo "build with $STATUS_COUNT unlocked migrations: Strata tasks ${R[gen10k]} ms, build wall $wall ms"
cp "$proj/obj/strata/main/migrate.sql" "$work/status.sql"
d=$(fresh_db)
out=$(dotnet "$applybench" "$(conn "$d")" "$work/status.sql") || fail "ApplyBench: $out"
echo "applied once (synchronous_commit=off): $out"
out=$(dotnet "$statusbench" "$(conn "$d")" "$work/status.sql" 10) || fail "StatusBench: $out"
echo "StatusBench: $out"
R[status]=$(sed -E 's/.*status_median=([0-9.]+).*/\1/' <<<"$out")
R[status_first]=$(sed -E 's/.*status_first=([0-9.]+).*/\1/' <<<"$out")
R[status_parse]=$(sed -E 's/^parse=([0-9.]+).*/\1/' <<<"$out")

# ---- results ----
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 < t + 0) ? "met" : "MISSED" }'; }
step "results ($(nproc) cores; medians; $CHAIN_COUNT migrations, ${R[chain_bytes]} bytes of SQL)"
printf '%-72s %12s  %s\n' "measure" "value" "target"
row() { printf '%-72s %12s  %s\n' "$@"; }
row "generate+lint in dotnet build: ValidateDatastoreDocs + GenerateMigrationScripts" "${R[gen_total]} ms" "< 60 ms: $(verdict "${R[gen_total]}" 60)"
row "  ValidateDatastoreDocs / GenerateMigrationScripts" "${R[validate]} / ${R[generate]} ms" ""
row "  whole dotnet build --no-restore (wall)" "${R[gen_wall]} ms" ""
row "alembic upgrade head --sql (hyperfine)" "${R[alembic]} ms" ""
row "cat migrations/*.sql (hyperfine)" "${R[cat]} ms" ""
row "no-op build: Strata targets (Target Performance Summary)" "${R[noop_strata]} ms" "< 50 ms: $(verdict "${R[noop_strata]}" 50)"
row "  Strata tasks run in no-op builds" "${R[noop_tasks]}" "none"
row "  whole no-op dotnet build --no-restore (wall)" "${R[noop_wall]} ms" ""
for mode in durable async; do
  label=$([ $mode = durable ] && echo "defaults" || echo "synchronous_commit=off")
  row "apply ($label): psql -1 -f all.sql" "${R[apply_${mode}_1]} ms" ""
  row "apply ($label): Strata runtime ApplyAsync (migrate.sql)" "${R[apply_${mode}_2]} ms" "<= 1.2x: $(ratio "${R[apply_${mode}_2]}" "${R[apply_${mode}_1]}") (median of per-run ratios ${R[ratio_${mode}_jit]}x)"
  row "apply ($label):   ApplyBench whole process" "${R[apply_${mode}_3]} ms" ""
  row "apply ($label): Strata runtime ApplyAsync, published ReadyToRun" "${R[apply_${mode}_5]} ms" "<= 1.2x: $(ratio "${R[apply_${mode}_5]}" "${R[apply_${mode}_1]}") (median of per-run ratios ${R[ratio_${mode}_r2r]}x)"
  row "apply ($label):   ApplyBench ReadyToRun whole process" "${R[apply_${mode}_6]} ms" ""
  row "apply ($label): psql -f migrate.sql" "${R[apply_${mode}_4]} ms" "$(ratio "${R[apply_${mode}_4]}" "${R[apply_${mode}_1]}")"
done
row "StatusAsync, $STATUS_COUNT applied (median of 10; first call ${R[status_first]} ms)" "${R[status]} ms" "< 200 ms: $(verdict "${R[status]}" 200)"
row "  MigrationScript.Parse of the $STATUS_COUNT-migration script" "${R[status_parse]} ms" ""
row "  build with $STATUS_COUNT unlocked migrations: Strata tasks" "${R[gen10k]} ms" ""
