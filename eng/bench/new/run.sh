#!/usr/bin/env bash
# Benchmark: `dotnet new strata-service` with all eight stores against `dotnet new webapi`, side by side in one run:
# the same machine, interleaved runs, wall time of the whole CLI call (the user's wait) and its CPU time (user + sys,
# steadier than wall time when other work shares the machine), medians. Results go to docs/benchmarks.md
# ("dotnet new") by hand.
#
# A template pack installed from NuGet makes `dotnet new` check the feed for a newer version of the pack at every
# instantiation (the SDK's built-in webapi never does); with no network that check waits for its connection attempt.
# So strata-service is timed twice: as a user runs it, and with --no-update-check (the template engine's own work).
#
#   eng/bench/new/run.sh [runs]        # packs first; SKIP_PACK=1 reuses the package folder
#
# Environment: STRATA_PACKAGES_OUT (package folder, see eng/common.sh), KEEP=1 (keep the scratch folder),
# BASELINE_PACKAGES=<folder of an older pack> (its Strata.Templates is installed into a second hive and timed in the
# same rounds, so before and after share the machine's load).
source "$(dirname "${BASH_SOURCE[0]}")/../../common.sh"

runs="${1:-15}"
if [[ "${SKIP_PACK:-0}" != 1 ]]; then step "pack"; pack_all; fi
scratch="$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-new-XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then trap 'echo "kept: $scratch"' EXIT; else trap 'rm -rf "$scratch"' EXIT; fi
hive="$scratch/hive"
dotnet new install "$packages_dir"/Strata.Templates.*.nupkg --debug:custom-hive "$hive" >/dev/null
echo "pack: $(ls "$packages_dir"/Strata.Templates.*.nupkg)"

stores=()
for store in postgres sqlite mongodb neo4j elasticsearch chroma qdrant redis; do stores+=(--stores "$store"); done
strata=(dotnet new strata-service -n Orders --no-restore --debug:custom-hive "$hive" "${stores[@]}")
nocheck=("${strata[@]}" --no-update-check)
webapi=(dotnet new webapi -n Orders --no-restore --debug:custom-hive "$hive")
names=(webapi strata nocheck)
labels=("dotnet new webapi" "dotnet new strata-service (8 stores, FILES files)" "  the same with --no-update-check")

if [[ -n "${BASELINE_PACKAGES:-}" ]]; then
  baseline_hive="$scratch/baseline-hive"
  dotnet new install "$BASELINE_PACKAGES"/Strata.Templates.*.nupkg --debug:custom-hive "$baseline_hive" >/dev/null
  echo "baseline: $(ls "$BASELINE_PACKAGES"/Strata.Templates.*.nupkg)"
  baseline=(dotnet new strata-service -n Orders --no-restore --debug:custom-hive "$baseline_hive" "${stores[@]}")
  baseline_nocheck=("${baseline[@]}" --no-update-check)
  names+=(baseline baseline_nocheck)
  labels+=("baseline strata-service (8 stores)" "  the same with --no-update-check")
fi

timed() { # name command... -> appends "wall_ms cpu_ms" to $scratch/<name>.txt; output folder removed afterwards
  local name=$1 out="$scratch/out"; shift
  rm -rf "$out"
  /usr/bin/time -f '%e %U %S' -o "$scratch/time" "$@" -o "$out" >/dev/null 2>"$scratch/stderr" \
    || { cat "$scratch/stderr" >&2; fail "$* failed"; }
  rm -rf "$out"
  awk '{ printf "%d %d\n", $1 * 1000 + 0.5, ($2 + $3) * 1000 + 0.5 }' "$scratch/time" >> "$scratch/$name.txt"
}
run() { # name [file] -> one timed call of that command, appended to $scratch/<file, default name>.txt
  local file=${2:-$1}
  case $1 in
    webapi) timed "$file" "${webapi[@]}" ;;
    strata) timed "$file" "${strata[@]}" ;;
    nocheck) timed "$file" "${nocheck[@]}" ;;
    baseline) timed "$file" "${baseline[@]}" ;;
    baseline_nocheck) timed "$file" "${baseline_nocheck[@]}" ;;
  esac
}
column() { cut -d' ' -f"$2" "$scratch/$1.txt" | sort -n; }
median() { awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

[[ -x /usr/bin/time ]] || fail "/usr/bin/time is needed (apt-get install -y time)"
step "warm-up (first calls build the hive's caches)"
for name in "${names[@]}"; do run "$name" warmup; done

step "$runs interleaved rounds"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in "${names[@]}"; do : > "$scratch/$name.txt"; done
for _ in $(seq 1 "$runs"); do
  for name in "${names[@]}"; do run "$name"; done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
files=$("${strata[@]}" -o "$scratch/count" >/dev/null && find "$scratch/count" -type f | wc -l)

printf '%-46s %9s %9s %9s %11s\n' "command" "median" "min" "max" "CPU median"
for i in "${!names[@]}"; do
  name=${names[$i]}
  printf '%-46s %8.3fs %8.3fs %8.3fs %10.3fs\n' "${labels[$i]/FILES/$files}" \
    "$(column "$name" 1 | median | awk '{ print $1 / 1000 }')" "$(column "$name" 1 | head -1 | awk '{ print $1 / 1000 }')" \
    "$(column "$name" 1 | tail -1 | awk '{ print $1 / 1000 }')" "$(column "$name" 2 | median | awk '{ print $1 / 1000 }')"
done
w=$(column webapi 1 | median); s=$(column strata 1 | median); n=$(column nocheck 1 | median)
awk -v s="$s" -v n="$n" -v w="$w" 'BEGIN { printf "ratio: %.2fx as run, %.2fx without the update check (target: within 1.5x)\n", s / w, n / w }'
if [[ -n "${BASELINE_PACKAGES:-}" ]]; then
  b=$(column baseline 1 | median); bn=$(column baseline_nocheck 1 | median)
  awk -v s="$b" -v n="$bn" -v w="$w" 'BEGIN { printf "baseline ratio: %.2fx as run, %.2fx without the update check\n", s / w, n / w }'
fi
