#!/usr/bin/env bash
# Benchmark: `dotnet new strata-service` with all eight stores against `dotnet new webapi`, side by side in one run:
# the same machine, the same hive, interleaved runs, wall time of the whole CLI call (the user's wait), medians.
# Results go to docs/benchmarks.md ("dotnet new") by hand.
#
# A template pack installed from NuGet makes `dotnet new` check the feed for a newer version of the pack at every
# instantiation (the SDK's built-in webapi never does); with no network that check waits for its connection attempt.
# So strata-service is timed twice: as a user runs it, and with --no-update-check (the template engine's own work).
#
#   eng/bench/new/run.sh [runs]        # packs first; SKIP_PACK=1 reuses the package folder
#
# Environment: STRATA_PACKAGES_OUT (package folder, see eng/common.sh), KEEP=1 (keep the scratch folder).
source "$(dirname "${BASH_SOURCE[0]}")/../../common.sh"

runs="${1:-15}"
if [[ "${SKIP_PACK:-0}" != 1 ]]; then step "pack"; pack_all; fi
scratch="$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-new-XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then trap 'echo "kept: $scratch"' EXIT; else trap 'rm -rf "$scratch"' EXIT; fi
hive="$scratch/hive"
dotnet new install "$packages_dir"/Strata.Templates.*.nupkg --debug:custom-hive "$hive" >/dev/null

stores=()
for store in postgres sqlite mongodb neo4j elasticsearch chroma qdrant redis; do stores+=(--stores "$store"); done
strata=(dotnet new strata-service -n Orders --no-restore --debug:custom-hive "$hive" "${stores[@]}")
nocheck=("${strata[@]}" --no-update-check)
webapi=(dotnet new webapi -n Orders --no-restore --debug:custom-hive "$hive")

seconds() { # command... -> wall seconds, output folder removed afterwards
  local out="$scratch/out" start end
  rm -rf "$out"
  start=$(date +%s%N)
  "$@" -o "$out" >/dev/null || fail "$* failed"
  end=$(date +%s%N)
  rm -rf "$out"
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

step "warm-up (first calls build the hive's caches)"
seconds "${strata[@]}" >/dev/null; seconds "${webapi[@]}" >/dev/null

step "$runs interleaved runs each"
: > "$scratch/strata.txt"; : > "$scratch/webapi.txt"; : > "$scratch/nocheck.txt"
for _ in $(seq 1 "$runs"); do
  seconds "${webapi[@]}" >> "$scratch/webapi.txt"
  seconds "${strata[@]}" >> "$scratch/strata.txt"
  seconds "${nocheck[@]}" >> "$scratch/nocheck.txt"
done
files=$("${strata[@]}" -o "$scratch/count" >/dev/null && find "$scratch/count" -type f | wc -l)

s=$(median < "$scratch/strata.txt"); w=$(median < "$scratch/webapi.txt"); n=$(median < "$scratch/nocheck.txt")
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %8s %8s %8s\n' "command" "median" "min" "max"
printf '%-44s %7.3fs %7.3fs %7.3fs\n' "dotnet new webapi" "$w" "$(sort -n "$scratch/webapi.txt" | head -1)" "$(sort -n "$scratch/webapi.txt" | tail -1)"
printf '%-44s %7.3fs %7.3fs %7.3fs\n' "dotnet new strata-service (8 stores, $files files)" "$s" "$(sort -n "$scratch/strata.txt" | head -1)" "$(sort -n "$scratch/strata.txt" | tail -1)"
printf '%-44s %7.3fs %7.3fs %7.3fs\n' "  the same with --no-update-check" "$n" "$(sort -n "$scratch/nocheck.txt" | head -1)" "$(sort -n "$scratch/nocheck.txt" | tail -1)"
awk -v s="$s" -v n="$n" -v w="$w" 'BEGIN { printf "ratio: %.2fx as run, %.2fx without the update check (target: within 1.5x)\n", s / w, n / w }'
