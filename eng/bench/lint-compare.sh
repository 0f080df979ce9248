#!/usr/bin/env bash
# Runs squawk (npm squawk-cli, installed into .tools/npm) and Strata's migration lint on eng/bench/lint-corpus and
# prints both findings side by side, one line per finding, as file:line:col rule (1-based lines and columns for both).
# Usage: eng/bench/lint-compare.sh [locked-through-version]   (default 10: migrations 0001-0010 count as released)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus="$root/eng/bench/lint-corpus"
locked="${1:-10}"
squawk="$root/.tools/npm/node_modules/.bin/squawk"
if [ ! -x "$squawk" ]; then
  (cd "$root" && npm install --silent --prefix .tools/npm squawk-cli@2.66.0 >/dev/null)
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Strata: file:line:col CODE squawk-name ("-" for codes with no squawk counterpart)
dotnet run --project "$root/eng/bench/LintCompare" -c Release -- "$corpus" "$locked" \
  | awk '{ name = "-"; if (match($0, /\([a-z-]+\)$/)) name = substr($0, RSTART + 1, RLENGTH - 2); print $1, $2, name }' > "$out/strata.txt"

# squawk: one file at a time, like Strata's runtime: in a transaction unless the file says -- strata:no-transaction.
# gcc reporter lines are file:line:col: level: rule message, with 0-based line and column.
: > "$out/squawk.txt"
for f in "$corpus"/*.sql; do
  flags=(--reporter gcc --pg-version 16)
  head -1 "$f" | grep -q '^-- strata:no-transaction' || flags+=(--assume-in-transaction)
  (cd "$corpus" && "$squawk" "${flags[@]}" "$(basename "$f")" 2>/dev/null || true) \
    | awk -F: '/: (warning|error): / { split($5, r, " "); printf "%s:%d:%d %s\n", $1, $2 + 1, $3 + 1, r[1] }' >> "$out/squawk.txt"
done

# One row per (file, line, rule): both columns filled when both tools report that rule on that line.
python3 - "$out/strata.txt" "$out/squawk.txt" "$locked" "$("$squawk" --version | cut -d' ' -f2)" <<'PY'
import sys, collections
ours = [l.split() for l in open(sys.argv[1]) if l.strip()]
theirs = [l.split() for l in open(sys.argv[2]) if l.strip()]
rows = collections.OrderedDict()
def key(loc, rule):
    f, line, _ = loc.rsplit(":", 2)
    return (f, int(line), rule)
for loc, code, rule in ours:
    rows.setdefault(key(loc, rule if rule != "-" else code), [None, None])[0] = f"{loc} {code}"
for loc, rule in theirs:
    rows.setdefault(key(loc, rule), [None, None])[1] = f"{loc} {rule}"
print(f"{'Strata (locked through ' + sys.argv[3] + ')':<62} | squawk {sys.argv[4]}")
print("-" * 62 + "-+-" + "-" * 62)
for k in sorted(rows, key=lambda k: (k[0], k[1], k[2])):
    a, b = rows[k]
    print(f"{a or '':<62} | {b or ''}")
PY
echo
echo "totals: Strata $(wc -l < "$out/strata.txt") findings, squawk $(wc -l < "$out/squawk.txt") findings"
