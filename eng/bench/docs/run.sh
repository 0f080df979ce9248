#!/usr/bin/env bash
# Benchmark: the datastore-doc check (target StrataValidateDatastoreDocs, task ValidateDatastoreDocs) inside a real
# `dotnet build` of a project with N datastores and their docs (default 1,000), timed from MSBuild's own
# -clp:PerformanceSummary. Results go to docs/benchmarks.md ("Datastore docs") by hand.
#
#   eng/bench/docs/run.sh [count] [runs]        # packs first; SKIP_PACK=1 reuses artifacts/packages
#
# Environment: STRATA_PACKAGES_OUT (package folder, see eng/common.sh), STRATA_BENCH_NUGET (NuGet cache folder),
# KEEP=1 (keep the scratch folder), BASELINE_PACKAGES=<folder of an older pack> (each measured build is paired with
# one of a copy of the project that restores Strata.Sdk from there, interleaved, so both share the machine's load).
#
# Scratch project: a temp folder outside the repository (so no Directory.Build.props leaks in); NuGet cache:
# artifacts/bench-nuget-packages (stale Strata packages removed first).
source "$(dirname "${BASH_SOURCE[0]}")/../../common.sh"

count="${1:-1000}"
runs="${2:-5}"
engines=(postgres sqlite mongodb neo4j elasticsearch chroma qdrant redis)

if [[ "${SKIP_PACK:-0}" != 1 ]]; then step "pack"; pack_all; fi
sdk_nupkg="$(ls "$packages_dir"/Strata.Sdk.*.nupkg | head -n1)" || fail "no Strata.Sdk package in $packages_dir"
version="$(basename "$sdk_nupkg" .nupkg)"; version="${version#Strata.Sdk.}"

export NUGET_PACKAGES="${STRATA_BENCH_NUGET:-$repo_root/artifacts/bench-nuget-packages}"
rm -rf "$NUGET_PACKAGES"/strata.*
scratch="$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-docs-XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then trap 'echo "kept: $scratch"' EXIT; else trap 'rm -rf "$scratch"' EXIT; fi
write_scratch_nuget_config "$scratch"

project_file() { # $1 dir, $2.. item lines
  local dir="$1"; shift
  { echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo "  <Sdk Name=\"Strata.Sdk\" Version=\"$version\" />"
    echo '  <PropertyGroup><TargetFramework>net10.0</TargetFramework><MSBuildTreatWarningsAsErrors>true</MSBuildTreatWarningsAsErrors></PropertyGroup>'
    echo '  <ItemGroup>'
    printf '%s\n' "$@"
    echo '  </ItemGroup>'
    echo '</Project>'; } > "$dir/Bench.csproj"
}

step "seed: one datastore per engine, written by the SDK itself (dotnet build -t:StrataAddDatastore)"
seed="$scratch/seed"; mkdir -p "$seed"; cp "$scratch/NuGet.config" "$seed/"
project_file "$seed"
for engine in "${engines[@]}"; do
  dotnet build "$seed/Bench.csproj" -nologo -tl:off -v:q -t:StrataAddDatastore \
    -p:StrataDatastoreName="seed-$engine" -p:StrataDatastoreEngine="$engine" -p:StrataDatastoreOwner=bench-team >/dev/null \
    || fail "StrataAddDatastore $engine failed"
done

step "generate $count datastores (engines in turn) with their docs and schema folders"
bench="$scratch/bench"; mkdir -p "$bench/docs/data" "$bench/db"; cp "$scratch/NuGet.config" "$bench/"
items=()
for ((i = 0; i < count; i++)); do
  engine="${engines[i % ${#engines[@]}]}"
  name="$(printf 'store%04d' "$i")"
  sed "s/seed-$engine/$name/g; s/seed_$engine/$name/g" "$seed/docs/data/seed-$engine.md" > "$bench/docs/data/$name.md"
  if [[ -d "$seed/db/seed-$engine" ]]; then
    mkdir -p "$bench/db/$name"
    cp -r "$seed/db/seed-$engine/." "$bench/db/$name/"
    find "$bench/db/$name" -type f -exec sed -i "s/seed-$engine/$name/g; s/seed_$engine/$name/g" {} +
  fi
  items+=("    <Datastore Include=\"$name\" Engine=\"$engine\" />")
done
project_file "$bench" "${items[@]}"
printf 'docs: %s files, %s KiB\n' "$(ls "$bench/docs/data" | wc -l)" "$(du -sk "$bench/docs/data" | cut -f1)"

# Prints "<target ms> <task ms>" for StrataValidateDatastoreDocs / ValidateDatastoreDocs from a build's summary
# (0 0 when the target was skipped as up to date).
timed_build() { # [project folder]
  local log="$scratch/build.log"
  dotnet build "${1:-$bench}/Bench.csproj" -nologo -tl:off -clp:PerformanceSummary > "$log" 2>&1 || { cat "$log"; fail "build failed"; }
  awk '
    /Target Performance Summary/ { section = "target" } /Task Performance Summary/ { section = "task" }
    section == "target" && $3 == "StrataValidateDatastoreDocs" { target = $1 }
    section == "task" && $3 == "ValidateDatastoreDocs" { task = $1 }
    END { printf "%d %d\n", target, task }' "$log"
}

baseline=""
if [[ -n "${BASELINE_PACKAGES:-}" ]]; then
  baseline="$scratch/baseline"; cp -r "$bench" "$baseline"
  sed "s|$packages_dir|$BASELINE_PACKAGES|" "$scratch/NuGet.config" > "$baseline/NuGet.config"
  baseline_nuget="$scratch/baseline-nuget"
  NUGET_PACKAGES="$baseline_nuget" dotnet build "$baseline/Bench.csproj" -nologo -tl:off -v:q >/dev/null || fail "the baseline project did not build"
  echo "baseline: Strata.Sdk from $BASELINE_PACKAGES"
fi

step "first build (restore, compile, every Strata target)"
read -r target task < <(timed_build)
echo "first build: target ${target} ms, task ${task} ms"
echo "task assemblies of the restored Strata.Sdk (a package packed without its ReadyToRun step JIT-compiles everything):"
python3 "$repo_root/eng/bench/r2r.py" "$NUGET_PACKAGES"/strata.sdk/*/tasks/net10.0 | sed 's/^/  /'
echo "load before the measured builds: $(cut -d' ' -f1-3 /proc/loadavg)"

step "$runs builds after touching one doc (the docs are validated again, all $count of them)"
results=(); baseline_results=()
for ((r = 1; r <= runs; r++)); do
  touch "$bench/docs/data/store0000.md"
  read -r target task < <(timed_build)
  b=""
  if [[ -n "$baseline" ]]; then
    touch "$baseline/docs/data/store0000.md"
    read -r _ btask < <(NUGET_PACKAGES="$baseline_nuget" timed_build "$baseline")
    baseline_results+=("$btask"); b=" | baseline task ${btask} ms"
  fi
  echo "run $r: target ${target} ms, task ${task} ms$b"
  results+=("$task")
done
if [[ -n "$baseline" ]]; then
  echo "median baseline task time: $(printf '%s\n' "${baseline_results[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') ms"
fi
echo "load after the measured builds: $(cut -d' ' -f1-3 /proc/loadavg)"
median="$(printf '%s\n' "${results[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
echo "median task time: ${median} ms (target: < 200 ms)"

step "no-op rebuild (nothing changed: the target must be skipped)"
dotnet build "$bench/Bench.csproj" -nologo -tl:off -v:d > "$scratch/noop.log" 2>&1 || fail "no-op build failed"
if grep -q 'Skipping target "StrataValidateDatastoreDocs" because all output files are up-to-date' "$scratch/noop.log" \
   && ! grep -q 'Task "ValidateDatastoreDocs"' "$scratch/noop.log"; then
  echo "no-op rebuild: StrataValidateDatastoreDocs skipped, ValidateDatastoreDocs not run"
else
  fail "no-op rebuild ran the docs check"
fi
read -r target task < <(timed_build)
echo "no-op rebuild summary: target ${target} ms, task ${task} ms"
